// Cases stored but never started. Intake commits a case's row before it starts the case's
// workflow, so a crash, a Temporal outage or a lost connection in between leaves a row whose
// workflow does not exist. A client that retries with its Idempotency-Key starts it
// (startCaseWorkflow); one that sent no key, or gave up, would leave the case waiting for ever.
// This sweep, run by every worker process, starts such rows: the case was accepted into
// PostgreSQL, so it is finished like every other. Starting is idempotent (the business id is the
// workflow id), so a row whose workflow merely has not projected yet costs one refused start.
import type { Knex } from 'knex';
import type { Logger } from '../lib/logger';
import type { TemporalClient } from '../lib/temporal/connection';
import { startCaseWorkflow } from './start-case';

const KINDS = [
  { table: 'applications', workflowType: 'applicationWorkflow' },
  { table: 'complaints', workflowType: 'complaintWorkflow' },
] as const;

/**
 * Starts the workflow of every case stored more than `olderThanMs` ago that no workflow has
 * projected yet; returns the numbers it actually started (not those merely slow to project).
 */
export async function startStrandedCases(
  db: Knex,
  temporal: TemporalClient,
  olderThanMs: number,
  limit = 100,
): Promise<string[]> {
  const started: string[] = [];
  const before = new Date(Date.now() - olderThanMs);
  for (const { table, workflowType } of KINDS) {
    const rows: { number: string; workflowInput: unknown }[] = await db(table)
      .whereNull('state')
      .whereNotNull('workflowInput')
      .where('createdAt', '<', before)
      .orderBy('createdAt')
      .limit(limit)
      .select('number', 'workflowInput');
    for (const row of rows) {
      if (await startCaseWorkflow(temporal, workflowType, row.number, row.workflowInput))
        started.push(row.number);
    }
  }
  return started;
}

/** The sweep every `everyMs`, until stopped; a failed round is logged and the next one tries again. */
export function startStrandedCaseSweep(deps: {
  db: Knex;
  temporal: TemporalClient;
  logger: Logger;
  everyMs: number;
  olderThanMs: number;
}): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    startStrandedCases(deps.db, deps.temporal, deps.olderThanMs)
      .then((numbers) => {
        if (numbers.length > 0)
          deps.logger.info({ numbers }, 'stored cases whose workflow never started: started now');
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'stranded-case sweep failed; trying again later'))
      .finally(() => {
        running = false;
      });
  }, deps.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
