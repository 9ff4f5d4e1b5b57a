// The stack under test: the start command's own startStack() on free ports with a fresh data
// folder, as the end-to-end tests run it (test/helpers/stack.ts), plus what the scenarios need
// beside it. Runs dist/: `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../bin/start';
import { createKnex, type Db } from '../db/knex';
import { loadConfig, type Config } from '../lib/config';
import { freePort } from '../lib/free-port';
import { createLogger } from '../lib/logger';
import { staffTokenSecret } from '../lib/secrets';
import { issueStaffToken } from '../lib/staff-token';

export interface BenchStack {
  config: Config;
  stack: Stack;
  /** A pool of the bench's own, beside the server's and the worker's. */
  db: Db;
  api(p: string): string;
  bearer(officerCode: string): string;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-'));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its folder
  const config = loadConfig({
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    WORKER_METRICS_PORT: String(await freePort()),
    PAYMENT_GATEWAY_PORT: String(await freePort()),
    STAND_INS_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  });
  // The children inherit this process's environment: it must not point them elsewhere.
  const saved = { ...process.env };
  for (const name of [
    'TEMPORAL_ADDRESS',
    'DATABASE_URL',
    'PAYMENT_GATEWAY_URL',
    'SMS_GATEWAY_URL',
    'WHATSAPP_API_URL',
    'CPGRAMS_URL',
  ])
    delete process.env[name];
  let stack: Stack;
  try {
    stack = await startStack(config, createLogger('bench', 'warn'));
  } finally {
    process.env = saved;
  }
  const db = createKnex(config.embeddedDatabaseUrl, 4);
  return {
    config,
    stack,
    db,
    api: (p) => `${config.publicUrl}/api/v1${p}`,
    bearer: (code) => `Bearer ${issueStaffToken(code, staffTokenSecret(config))}`,
    async stop() {
      await db.destroy();
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
