// Part of scenario 1: the dev server's SQLite journal, the tuning that moved intake most. Bare
// no-op workflow starts through two fresh dev servers of the installed CLI, one with SQLite's
// default rollback journal (a sync per commit), one as the start command runs it (WAL,
// synchronous=NORMAL), interleaved in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { freePort } from '../lib/free-port';
import { createLogger } from '../lib/logger';
import { startTemporalDevServer } from '../lib/temporal/dev-server';
import { closedLoop } from './load';
import type { Table } from './report';
import { fmt, medianOf, ratio } from './stats';

export interface JournalOptions {
  concurrency: number;
  starts: number;
  repeats: number;
}

const JOURNALS = ['rollback', 'wal'] as const;
type Journal = (typeof JOURNALS)[number];

interface JournalFigures extends Record<string, number> {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(journal: Journal, options: JournalOptions): Promise<JournalFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jansetu-bench-journal-${journal}-`));
  const server = await startTemporalDevServer({
    dataDir,
    port: await freePort(),
    uiPort: await freePort(),
    metricsPort: await freePort(),
    namespace: 'default',
    journal,
    logger: createLogger('bench', 'warn'),
  });
  const taskQueue = 'jan-setu-bench-journal';
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  try {
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowsPath: require.resolve('./noop-workflow'),
    });
    const client = new Client({ connection });
    let id = 0;
    const start = async () => {
      await client.workflow.start('benchNoopWorkflow', { taskQueue, workflowId: `journal-${(id += 1)}` });
      return { ok: true };
    };
    return await worker.runUntil(async () => {
      await closedLoop(options.concurrency, Math.min(40, options.starts), start); // warm-up
      const load = await closedLoop(options.concurrency, options.starts, start);
      if (load.failed > 0)
        throw new Error(`bare starts failed (${journal} journal): ${load.errors.join('; ')}`);
      return { perSecond: load.perSecond, p50Ms: load.p50Ms, p99Ms: load.p99Ms };
    });
  } finally {
    await connection.close();
    await workerConnection.close();
    await server.process.stop(10_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The comparison, as a table for scenario 1 and its raw figures. */
export async function journalComparison(
  options: JournalOptions,
): Promise<{ table: Table; data: Record<Journal, JournalFigures> }> {
  const runs: Record<Journal, JournalFigures[]> = { rollback: [], wal: [] };
  for (let r = 0; r < options.repeats; r += 1)
    for (const journal of JOURNALS) runs[journal].push(await measure(journal, options));
  const data = { rollback: medianOf(runs.rollback), wal: medianOf(runs.wal) };
  return {
    data,
    table: {
      caption: `Dev server SQLite journal: bare no-op workflow starts, ${options.starts} at concurrency ${options.concurrency} on a fresh dev server each (median of ${options.repeats})`,
      header: ['Journal', 'Starts per second', 'Ratio to rollback', 'p50 ms', 'p99 ms'],
      rows: [
        [
          'rollback (SQLite default: a sync per commit)',
          data.rollback.perSecond,
          '1',
          data.rollback.p50Ms,
          data.rollback.p99Ms,
        ],
        [
          'WAL, synchronous=NORMAL (as the start command runs it)',
          data.wal.perSecond,
          fmt(ratio(data.wal.perSecond, data.rollback.perSecond), 2),
          data.wal.p50Ms,
          data.wal.p99Ms,
        ],
      ],
    },
  };
}
