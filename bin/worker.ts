// Entry point: the Temporal worker alone (workflows + activities). Run M of these against a cluster.
// Loads the prebuilt workflow bundle; drains running activities on SIGINT/SIGTERM.
import fs from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { databaseUrl, loadConfigOrExit } from '../lib/config';
import { createKnex } from '../db/knex';
import { createActivityDependencies } from '../activities/dependencies';
import { createLogger } from '../lib/logger';
import { workflowBundlePath } from '../lib/paths';
import { createJanSetuWorker } from '../lib/temporal/worker';
import { freePort } from '../lib/free-port';
import { startWorkerMetricsServer } from '../lib/temporal/worker-metrics';
import { createOutboxDispatcher } from '../lib/messaging/dispatcher';
import { createProviders } from '../lib/messaging/providers';
import { piiEncryptionKeys } from '../lib/secrets';
import { connectTemporal } from '../lib/temporal/connection';
import { startStrandedCaseSweep } from '../server/stranded-cases';

/** How often the worker looks for stored cases whose workflow never started, and how old they must be. */
const STRANDED_SWEEP_EVERY_MS = 60_000;
const STRANDED_AFTER_MS = 2 * 60_000;

async function connectWithRetry(
  address: string,
  logger: ReturnType<typeof createLogger>,
): Promise<NativeConnection> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await NativeConnection.connect({ address });
    } catch (err) {
      const waitMs = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
      logger.warn(
        { err: (err as Error).message, address, attempt, waitMs },
        'Temporal not reachable yet; retrying',
      );
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  if (!fs.existsSync(workflowBundlePath)) {
    throw new Error(`${workflowBundlePath} is missing: run "npm run build" first`);
  }
  const sdkMetricsPort = await freePort();
  Runtime.install({
    // SDK log lines go through pino too, so one JSON log stream per process.
    logger: new DefaultLogger(config.logLevel === 'silent' ? 'ERROR' : 'WARN', (entry) => {
      const level = entry.level.toLowerCase() as Lowercase<LogLevel>;
      logger[level === 'trace' ? 'trace' : level]({ ...entry.meta, sdk: true }, entry.message);
    }),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } },
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });

  const connection = await connectWithRetry(config.temporalTarget, logger);
  const db = createKnex(databaseUrl(config), config.dbPoolMax);
  const worker = await createJanSetuWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    activities: createActivityDependencies(config, db, logger),
    encryptionKeys: piiEncryptionKeys(config),
    workflows: { workflowBundle: { codePath: workflowBundlePath } },
    shutdownGraceMs: config.shutdownGraceMs,
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
  });
  const metrics = startWorkerMetricsServer({
    host: config.host,
    port: config.workerMetricsPort,
    sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
    isRunning: () => worker.getState() === 'RUNNING',
  });
  // The outbox dispatcher (SMS, WhatsApp) runs beside the Temporal worker and stops claiming at
  // the first signal, so its in-flight sends are recorded while the worker drains.
  const dispatcher = createOutboxDispatcher({ db, logger, providers: createProviders(config) });
  dispatcher.start();
  // Cases stored whose workflow never started (intake died in between, no retry): started here.
  const temporalClient = connectTemporal(config);
  const sweep = startStrandedCaseSweep({
    db,
    temporal: temporalClient,
    logger,
    everyMs: STRANDED_SWEEP_EVERY_MS,
    olderThanMs: STRANDED_AFTER_MS,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      sweep.stop();
      void dispatcher.stop();
    });
  logger.info(
    {
      taskQueue: config.taskQueue,
      namespace: config.temporalNamespace,
      metrics: `http://${config.host}:${config.workerMetricsPort}/metrics`,
    },
    'worker running',
  );
  try {
    await worker.run(); // returns once a shutdown signal has drained the worker
  } finally {
    await dispatcher.stop();
    metrics.close();
    sweep.stop();
    await Promise.allSettled([db.destroy(), connection.close(), temporalClient.connection.close()]);
    logger.info('worker stopped');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
