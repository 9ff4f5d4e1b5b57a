// The one place a Jan Setu worker is made, for the worker process and for tests alike.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../../activities';
import type { Logger } from '../logger';
import { dataConverter } from './connection';

export interface JanSetuWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Knex;
  logger: Logger;
  /** Production: the prebuilt bundle. Tests: a bundle made once in `before`, or a workflows path. */
  workflows: { workflowBundle: { code: string } | { codePath: string } } | { workflowsPath: string };
  shutdownGraceMs?: number;
  /** Tuning knobs the benchmarks turn; defaults are the SDK's. */
  tuning?: Pick<
    WorkerOptions,
    'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows'
  >;
}

export async function createJanSetuWorker(options: JanSetuWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...options.workflows,
    activities: createActivities({ db: options.db, logger: options.logger }),
    dataConverter,
    shutdownGraceTime: options.shutdownGraceMs ?? 30_000,
    ...options.tuning,
  });
}
