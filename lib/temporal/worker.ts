// The one place a Jan Setu worker is made, for the worker process and for tests alike.
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../../activities';
import type { EncryptionKey } from '../secrets';
import { janSetuDataConverter } from './connection';

export interface JanSetuWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: ActivityDependencies;
  /** The PII codec's key ring (lib/secrets.ts piiEncryptionKeys): the same as the server's. */
  encryptionKeys: readonly EncryptionKey[];
  /** Production: the prebuilt bundle. Tests: a bundle made once in `before`, or a workflows path. */
  workflows: { workflowBundle: { code: string } | { codePath: string } } | { workflowsPath: string };
  shutdownGraceMs?: number;
  /** Workflows kept in memory between steps (config WORKER_MAX_CACHED_WORKFLOWS); SDK default if unset. */
  maxCachedWorkflows?: number;
}

export async function createJanSetuWorker(options: JanSetuWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...options.workflows,
    activities: createActivities(options.activities),
    dataConverter: janSetuDataConverter(options.encryptionKeys),
    shutdownGraceTime: options.shutdownGraceMs ?? 30_000,
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
}
