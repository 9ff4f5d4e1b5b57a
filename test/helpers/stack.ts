// The real stack for end-to-end tests: the start command's own startStack() on free ports with a
// fresh data folder (Temporal dev server, embedded PostgreSQL, worker, server, stand-in gateway),
// and the small HTTP helpers the tests share. Needs `npm run build` (the stack runs dist/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../../bin/start';
import { createKnex, type Db } from '../../db/knex';
import { loadConfig, type Config } from '../../lib/config';
import { freePort } from '../../lib/free-port';
import { createLogger } from '../../lib/logger';
import { staffTokenSecret } from '../../lib/secrets';
import { issueStaffToken } from '../../lib/staff-token';

export interface TestStack {
  config: Config;
  stack: Stack;
  db: Db;
  api(p: string): string;
  post(p: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  bearer(officerCode: string): { authorization: string };
  stop(): Promise<void>;
}

/** `dbPool`: connections of the test's own pool (the benchmarks poll with more). */
export async function startTestStack(name: string, dbPool = 2): Promise<TestStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jansetu-${name}-`));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its folder
  const config = loadConfig({
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_METRICS_PORT: String(await freePort()),
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
  delete process.env.TEMPORAL_ADDRESS;
  delete process.env.DATABASE_URL;
  delete process.env.PAYMENT_GATEWAY_URL;
  delete process.env.SMS_GATEWAY_URL;
  delete process.env.WHATSAPP_API_URL;
  delete process.env.CPGRAMS_URL;
  let stack: Stack;
  try {
    stack = await startStack(config, createLogger('e2e', 'warn'));
  } finally {
    process.env = saved;
  }
  const db = createKnex(config.embeddedDatabaseUrl, dbPool);
  const api = (p: string) => `${config.publicUrl}/api/v1${p}`;
  return {
    config,
    stack,
    db,
    api,
    post: (p, body, headers = {}) =>
      fetch(api(p), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    bearer: (code) => ({ authorization: `Bearer ${issueStaffToken(code, staffTokenSecret(config))}` }),
    async stop() {
      await db.destroy();
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value (anything but undefined). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export const json = (res: Response): Promise<any> => res.json();
