// Runs the Temporal CLI dev server (installed by scripts/setup.sh) with a persistent SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { clearLeftover, superviseChild, waitUntil, type Supervised } from '../child-process';
import type { Logger } from '../logger';
import { installedTool } from '../paths';
import { temporalReachable } from './connection';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  /** Port of the server's Prometheus /metrics (history, matching: e.g. workflow task timeouts). */
  metricsPort: number;
  namespace: string;
  /** Where the Web UI asks to decode payloads (the HTTP server's /codec, admins only). */
  codecEndpoint?: string;
  /** SQLite's journal: 'wal' (the default), or SQLite's own rollback journal (benchmarks compare). */
  journal?: 'wal' | 'rollback';
  logger: Logger;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  metricsUrl: string;
  process: Supervised;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const dir = path.join(options.dataDir, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = path.join(options.dataDir, 'run', 'temporal.pid');
  await clearLeftover(pidFile, options.logger);
  const address = `127.0.0.1:${options.port}`;
  const logFile = path.join(dir, 'temporal.log');
  const server = superviseChild({
    name: 'temporal',
    command: installedTool('temporal'),
    args: [
      'server',
      'start-dev',
      '--db-filename',
      path.join(dir, 'temporal.db'),
      // Write-ahead log, synced at checkpoints: 2.3× the workflow starts per second of SQLite's
      // default rollback journal with a sync per commit (docs/benchmarks.md). A killed process
      // loses nothing; a power cut can lose the last moments' commits — this is the local dev
      // server; production runs a Temporal cluster (TEMPORAL_ADDRESS).
      ...(options.journal === 'rollback'
        ? []
        : ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL']),
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--metrics-port',
      String(options.metricsPort),
      // The "default" namespace always exists; any other is created at launch.
      ...(options.namespace === 'default' ? [] : ['--namespace', options.namespace]),
      ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
      '--ui-disable-news-fetch',
      '--log-format',
      'json',
      '--log-level',
      'warn',
    ],
    pidFile,
    logFile,
    logger: options.logger,
  });
  await waitUntil(
    `Temporal dev server on ${address} (log: ${logFile})`,
    async () => {
      try {
        const connection = await Connection.connect({ address, connectTimeout: '1s' });
        try {
          return await temporalReachable(connection, 1000);
        } finally {
          await connection.close();
        }
      } catch {
        return false;
      }
    },
    60_000,
    server.exited,
  );
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    metricsUrl: `http://127.0.0.1:${options.metricsPort}/metrics`,
    process: server,
  };
}
