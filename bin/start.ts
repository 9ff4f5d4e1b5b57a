// Entry point of `bin/jansetu start`: brings up, in order, Temporal (dev server unless
// TEMPORAL_ADDRESS is set), PostgreSQL (embedded unless DATABASE_URL is set), migrations and seed
// data, then the worker and the HTTP server as separate processes; prints the URLs. Ctrl-C stops
// them in reverse order, the worker draining first. Tests call startStack() on free ports.
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { configToEnv, loadConfigOrExit, type Config } from '../lib/config';
import { createKnex, databaseReachable } from '../db/knex';
import { migrateAndSeed } from '../db/migrate';
import { DEMO_STAFF_PASSWORD, ensureDemoPasswords } from '../server/web/staff-password';
import { DEMO_API_CLIENT, ensureDemoApiKey, ensureLocalCpgramsApiKey } from '../server/api-keys';
import type { SeedCounts } from '../db/seed';
import { clearLeftover, superviseChild, waitUntil, type Supervised } from '../lib/child-process';
import { createLogger, type Logger } from '../lib/logger';
import { distDir } from '../lib/paths';
import { dataConverterFor, temporalReachable } from '../lib/temporal/connection';
import { loadOrCreateSigningKey } from '../lib/certificate-signing';
import { piiEncryptionKeys, staffTokenSecret } from '../lib/secrets';
import { startTemporalDevServer } from '../lib/temporal/dev-server';
import { ensureSearchAttributes } from '../lib/temporal/search-attributes';
import { ensureSchedules } from '../lib/temporal/schedules';

export interface StackUrls {
  app: string;
  readiness: string;
  metrics: string;
  workerMetrics: string;
  temporal: string;
  temporalUi?: string;
  /** The dev server's /metrics: only when the start command runs it (no TEMPORAL_ADDRESS). */
  temporalMetrics?: string;
  postgres: string;
  paymentGateway: string;
  /** Outside production: where sign-in codes can be read, and the demo staff password. */
  smsOutbox?: string;
  demoStaffPassword?: string;
}

export interface Stack {
  urls: StackUrls;
  seed: SeedCounts;
  /** Handles the fault runs (test/faults/) use to break what this start runs. */
  faults: StackFaults;
  /** Stops everything this start started, in reverse order. */
  stop(): Promise<void>;
}

/**
 * Faults on the processes this start supervises. Each returns once the fault is done (the process
 * gone, or stopped and started again); coming back is the supervisor's job, not the caller's.
 */
export interface StackFaults {
  /** The current pid of a supervised process (undefined while it is down or not run by this start). */
  pid(name: 'server' | 'worker' | 'postgres' | 'temporal'): number | undefined;
  /** kill -9 of the worker or HTTP server's process group; the supervisor starts it again after 1 s. */
  kill(name: 'server' | 'worker'): Promise<number>;
  /** Stops the Temporal dev server and starts it again on the same port and SQLite file. */
  restartTemporal(): Promise<void>;
  /** Stops embedded PostgreSQL, keeps it down for `ms`, then starts it again on the same data folder. */
  stopPostgresFor(ms: number): Promise<void>;
}

function maskPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '****';
  return u.toString();
}

/** Any HTTP answer at all (even 401/404): the server is up. */
async function httpAnswers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The environment of a child process: this configuration, pointed at what the start command runs. */
function childEnv(config: Config, temporalAddress: string, dbUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, ...configToEnv(config), TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: dbUrl };
}

/**
 * A node entry point of dist/bin/, restarted if it dies unexpectedly (a crashed worker comes back
 * and Temporal hands it the work again).
 */
function superviseNode(
  name: 'server' | 'worker' | 'postgres' | 'payment-gateway' | 'stand-ins',
  env: NodeJS.ProcessEnv,
  config: Config,
  logger: Logger,
) {
  const entry = path.join(distDir, 'bin', `${name}.js`);
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const pidFile = path.join(config.dataDir, 'run', `${name}.pid`);
  let stopping = false;
  let current: Supervised;
  const launch = () => {
    current = superviseChild({
      name,
      command: process.execPath,
      args: ['--enable-source-maps', entry],
      env,
      pidFile,
      logger,
    });
    void current.exited.then((code) => {
      if (stopping) return;
      logger.error({ process: name, code }, 'process exited unexpectedly; restarting in 1 s');
      setTimeout(() => {
        if (!stopping) launch();
      }, 1000);
    });
  };
  return {
    pidFile,
    launch,
    get exited() {
      return current.exited;
    },
    /** The running process's pid; undefined once it has exited. */
    pid(): number | undefined {
      const { child } = current;
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    async stop(graceMs: number) {
      stopping = true;
      await current.stop(graceMs);
    },
    /** Starts it again, supervised, after stop(). */
    resume() {
      stopping = false;
      launch();
    },
  };
}

export async function startStack(config: Config, logger: Logger): Promise<Stack> {
  fs.mkdirSync(path.join(config.dataDir, 'run'), { recursive: true });
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      logger.info({ process: name }, 'stopping');
      await stop().catch((err: unknown) => logger.error({ err, process: name }, 'stop failed'));
    }
    stops.length = 0;
  };

  const supervised: Partial<Record<'server' | 'worker' | 'postgres', ReturnType<typeof superviseNode>>> = {};
  let dev: Awaited<ReturnType<typeof startTemporalDevServer>> | undefined;
  const devOptions = {
    dataDir: config.dataDir,
    port: config.temporalDevPort,
    uiPort: config.temporalUiPort,
    metricsPort: config.temporalMetricsPort,
    namespace: config.temporalNamespace,
    codecEndpoint: `${config.publicUrl}/codec`, // the Web UI decodes payloads there (admins only)
    logger,
  };

  try {
    // 1. Temporal
    let temporalAddress: string;
    let temporalUi = config.temporalUiUrl;
    if (config.temporalAddress) {
      temporalAddress = config.temporalAddress;
      logger.info(
        { temporalAddress },
        'TEMPORAL_ADDRESS is set: using that cluster, starting no Temporal server',
      );
    } else {
      logger.info({ port: config.temporalDevPort }, 'starting the Temporal dev server');
      dev = await startTemporalDevServer(devOptions);
      stops.push({ name: 'temporal', stop: () => dev!.process.stop(30_000) });
      temporalAddress = dev.address;
      temporalUi = dev.uiUrl;
    }
    const connection = await Connection.connect({ address: temporalAddress, connectTimeout: '10s' });
    try {
      await waitUntil(`Temporal at ${temporalAddress}`, () => temporalReachable(connection), 60_000);
      const added = await ensureSearchAttributes(connection, config.temporalNamespace);
      logger.info({ added }, added.length > 0 ? 'search attributes registered' : 'search attributes present');
      const schedules = await ensureSchedules(
        // Schedule actions carry workflow arguments: encrypted like every other payload.
        new Client({
          connection,
          namespace: config.temporalNamespace,
          dataConverter: dataConverterFor(config),
        }),
        config.taskQueue,
        { cpgramsPullMinutes: config.cpgramsPullMinutes },
      );
      if (schedules.length > 0) logger.info({ schedules }, 'schedules created');
    } finally {
      await connection.close();
    }

    // 2. PostgreSQL
    let dbUrl: string;
    if (config.databaseUrl) {
      dbUrl = config.databaseUrl;
      logger.info('DATABASE_URL is set: using that server, starting no PostgreSQL');
    } else {
      logger.info({ port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
      dbUrl = config.embeddedDatabaseUrl;
      const postgres = superviseNode('postgres', childEnv(config, temporalAddress, dbUrl), config, logger);
      await clearLeftover(postgres.pidFile, logger);
      postgres.launch();
      supervised.postgres = postgres;
      stops.push({ name: 'postgres', stop: () => postgres.stop(60_000) });
      const probe = createKnex(dbUrl, 1);
      try {
        await waitUntil(
          `embedded PostgreSQL on port ${config.embeddedPgPort}`,
          () => databaseReachable(probe),
          120_000,
        );
      } finally {
        await probe.destroy();
      }
    }

    // 3. Migrations and seed data
    const db = createKnex(dbUrl, 2);
    let seed: SeedCounts;
    try {
      await waitUntil('PostgreSQL', () => databaseReachable(db), 60_000);
      seed = await migrateAndSeed(db, logger);
      if (config.nodeEnv !== 'production') {
        const given = await ensureDemoPasswords(db, DEMO_STAFF_PASSWORD);
        if (given > 0) logger.info({ officers: given }, 'demo staff passwords set');
        const apiKey = await ensureDemoApiKey(db, staffTokenSecret(config));
        if (apiKey) logger.info({ client: DEMO_API_CLIENT, apiKey }, 'Open311 demo API key (open311:post)');
        if (!config.cpgramsIntakeApiKey) await ensureLocalCpgramsApiKey(db, staffTokenSecret(config));
      }
    } finally {
      await db.destroy();
    }

    // 4. Secrets the server and worker share (made once, before either starts), and the stand-in
    //    payment gateway unless PAYMENT_GATEWAY_URL names a real one.
    staffTokenSecret(config);
    piiEncryptionKeys(config);
    loadOrCreateSigningKey(config.signingKeyFile);
    const env = childEnv(config, temporalAddress, dbUrl);
    if (!config.paymentGatewayExternal) {
      const gateway = superviseNode('payment-gateway', env, config, logger);
      await clearLeftover(gateway.pidFile, logger);
      gateway.launch();
      stops.push({ name: 'payment-gateway', stop: () => gateway.stop(10_000) });
      await waitUntil(
        'stand-in payment gateway',
        () => httpAnswers(`${config.paymentGatewayUrl}/v1/orders/-`),
        30_000,
      );
    }
    const { standIns } = config;
    if (standIns.sms || standIns.whatsapp || standIns.cpgrams) {
      const stand = superviseNode('stand-ins', env, config, logger);
      await clearLeftover(stand.pidFile, logger);
      stand.launch();
      stops.push({ name: 'stand-ins', stop: () => stand.stop(10_000) });
      await waitUntil('stand-ins', () => httpAnswers(`http://127.0.0.1:${config.standInsPort}/`), 30_000);
    }

    // 5. Worker and HTTP server
    const worker = superviseNode('worker', env, config, logger);
    await clearLeftover(worker.pidFile, logger);
    worker.launch();
    supervised.worker = worker;
    stops.push({ name: 'worker', stop: () => worker.stop(config.shutdownGraceMs + 5_000) });
    const server = superviseNode('server', env, config, logger);
    await clearLeftover(server.pidFile, logger);
    server.launch();
    supervised.server = server;
    stops.push({ name: 'server', stop: () => server.stop(15_000) });

    const base = `http://${config.host}:${config.port}`;
    const workerBase = `http://${config.host}:${config.workerMetricsPort}`;
    await waitUntil('worker', () => httpOk(`${workerBase}/healthz`), 60_000);
    await waitUntil('HTTP server', () => httpOk(`${base}/readyz`), 60_000);

    return {
      urls: {
        app: config.publicUrl,
        readiness: `${base}/readyz`,
        metrics: `${base}/metrics`,
        workerMetrics: `${workerBase}/metrics`,
        temporal: temporalAddress,
        temporalUi,
        temporalMetrics: dev?.metricsUrl,
        postgres: maskPassword(dbUrl),
        paymentGateway: config.paymentGatewayUrl,
        ...(config.nodeEnv !== 'production'
          ? { smsOutbox: `${config.publicUrl}/dev/sms`, demoStaffPassword: DEMO_STAFF_PASSWORD }
          : {}),
      },
      seed,
      faults: {
        pid: (name) => (name === 'temporal' ? dev?.process.child.pid : supervised[name]?.pid()),
        kill(name) {
          const pid = supervised[name]?.pid();
          if (!pid) return Promise.reject(new Error(`${name} is not running under this start`));
          process.kill(-pid, 'SIGKILL');
          return Promise.resolve(pid);
        },
        async restartTemporal() {
          if (!dev) throw new Error('TEMPORAL_ADDRESS is set: this start runs no Temporal server');
          await dev.process.stop(30_000);
          dev = await startTemporalDevServer(devOptions);
        },
        async stopPostgresFor(ms) {
          const postgres = supervised.postgres;
          if (!postgres) throw new Error('DATABASE_URL is set: this start runs no PostgreSQL');
          await postgres.stop(60_000);
          await new Promise((r) => setTimeout(r, ms));
          postgres.resume();
        },
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function banner(urls: StackUrls): string {
  const rows: [string, string | undefined][] = [
    ['Jan Setu (जन सेतु)', urls.app],
    ['Readiness', urls.readiness],
    ['Server metrics', urls.metrics],
    ['Worker metrics', urls.workerMetrics],
    ['Temporal gRPC', urls.temporal],
    ['Temporal Web UI', urls.temporalUi ?? '(not known: set TEMPORAL_UI_URL)'],
    ...(urls.temporalMetrics ? ([['Temporal metrics', urls.temporalMetrics]] as [string, string][]) : []),
    ['PostgreSQL', urls.postgres],
    ['Payment gateway', urls.paymentGateway],
    ['Staff sign-in', `${urls.app}/staff/signin`],
    ...(urls.smsOutbox
      ? ([
          ['SMS outbox (dev)', `${urls.smsOutbox}  (citizens' sign-in codes)`],
          [
            'Demo staff login',
            `MP-REV-0030 (tehsildar), MP-PSM-0002 (181 agent), MP-PSM-0001 (admin) / ${urls.demoStaffPassword}`,
          ],
        ] as [string, string][])
      : []),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    '',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    '  Ctrl-C stops everything; data stays in DATA_DIR.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('start', config.logLevel);
  const running: { stack?: Stack; stopping: boolean } = { stopping: false };
  const stop = (signal: string) => {
    if (running.stopping) {
      // A second Ctrl-C while start-up is still under way: leave now; the next start clears leftovers.
      if (!running.stack) process.exit(130);
      return;
    }
    running.stopping = true;
    logger.info({ signal }, 'stopping Jan Setu');
    // During start-up, startStack() finishes first and everything it started is stopped below.
    if (running.stack) void running.stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  running.stack = await startStack(config, logger);
  if (running.stopping) {
    await running.stack.stop();
    process.exit(0);
  }
  process.stdout.write(banner(running.stack.urls));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Jan Setu did not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
