// Configuration from environment variables: one table of variables (name, default, meaning, parser),
// validated all at once at start-up so a bad deployment fails with every bad variable named.
import path from 'node:path';
import { projectRoot } from './paths';
import { parseEncryptionKeys } from './secrets';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Parser<T> = (raw: string) => T;

interface Variable<T> {
  name: string;
  /** The default as a person would write it in the environment; undefined = unset by default. */
  default?: string;
  description: string;
  parse: Parser<T>;
  /** A secret: a bad value is not echoed in the error. */
  secret?: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

function port(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new Error('must be a port number from 1 to 65535');
  return n;
}

function positiveInt(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) throw new Error('must be a whole number of 1 or more');
  return n;
}

function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };
}

function hostPort(raw: string): string {
  if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(raw))
    throw new Error('must be host:port, e.g. temporal.internal:7233');
  return raw;
}

function postgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL such as postgres://user:password@host:5432/jansetu');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('must start with postgres:// or postgresql://');
  }
  return raw;
}

function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an http(s) URL');
  return raw.replace(/\/+$/, '');
}

function identifier(raw: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(raw)) throw new Error('must be letters, digits, ".", "_" or "-"');
  return raw;
}

const text: Parser<string> = (raw) => raw;

/** Every variable Jan Setu reads. The README's configuration table lists exactly these (a test checks). */
export const variables = {
  nodeEnv: {
    name: 'NODE_ENV',
    default: 'development',
    description:
      '`development` (what `bin/jansetu start` sets: demo staff passwords, SMS outbox page), `production` (what `server`/`worker`/`migrate` set) or `test`',
    parse: oneOf(NODE_ENVS),
  },
  host: {
    name: 'HOST',
    default: '127.0.0.1',
    description: 'Address the HTTP server listens on',
    parse: text,
  },
  port: { name: 'PORT', default: '3000', description: 'HTTP server port', parse: port },
  publicUrl: {
    name: 'PUBLIC_URL',
    description: 'Base URL citizens use, for links in messages and documents (default `http://HOST:PORT`)',
    parse: httpUrl,
  },
  logLevel: {
    name: 'LOG_LEVEL',
    default: 'info',
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent',
    parse: oneOf(LOG_LEVELS),
  },
  dataDir: {
    name: 'DATA_DIR',
    default: './data',
    description: 'Where the start command keeps the dev Temporal SQLite file and embedded PostgreSQL',
    parse: (raw: string) => path.resolve(projectRoot, raw),
  },
  temporalAddress: {
    name: 'TEMPORAL_ADDRESS',
    description:
      'Temporal frontend `host:port`. Set: use that cluster and start no Temporal server. Unset: the start command runs the dev server; `server`/`worker` connect to it',
    parse: hostPort,
  },
  temporalNamespace: {
    name: 'TEMPORAL_NAMESPACE',
    default: 'default',
    description: 'Temporal namespace',
    parse: identifier,
  },
  taskQueue: {
    name: 'TEMPORAL_TASK_QUEUE',
    default: 'jan-setu',
    description: 'Task queue for Jan Setu workflows and activities',
    parse: identifier,
  },
  temporalDevPort: {
    name: 'TEMPORAL_DEV_PORT',
    default: '7233',
    description: 'gRPC port of the dev server the start command runs',
    parse: port,
  },
  temporalUiPort: {
    name: 'TEMPORAL_UI_PORT',
    default: '8233',
    description: 'Web UI port of the dev server the start command runs',
    parse: port,
  },
  temporalMetricsPort: {
    name: 'TEMPORAL_METRICS_PORT',
    default: '7235',
    description:
      "Port of the dev server's own Prometheus `/metrics` (task queues, workflow task timeouts); with `TEMPORAL_ADDRESS` set, the cluster's metrics are its operators'",
    parse: port,
  },
  temporalUiUrl: {
    name: 'TEMPORAL_UI_URL',
    description: 'Temporal Web UI base URL for links from the admin pages (default: the dev server UI)',
    parse: httpUrl,
  },
  databaseUrl: {
    name: 'DATABASE_URL',
    description:
      'PostgreSQL URL. Set: use that server and start none. Unset: the start command runs embedded PostgreSQL',
    parse: postgresUrl,
  },
  embeddedPgPort: {
    name: 'EMBEDDED_PG_PORT',
    default: '5433',
    description: 'Port of the embedded PostgreSQL the start command runs',
    parse: port,
  },
  dbPoolMax: {
    name: 'DB_POOL_MAX',
    default: '10',
    description: 'Largest PostgreSQL connection pool per process',
    parse: positiveInt,
  },
  maxInFlightRequests: {
    name: 'MAX_IN_FLIGHT_REQUESTS',
    default: '256',
    description:
      'Requests the HTTP server handles at once; beyond it answers 429 `server_busy` with `Retry-After` (probes exempt)',
    parse: positiveInt,
  },
  workerMetricsPort: {
    name: 'WORKER_METRICS_PORT',
    default: '9464',
    description: "Port of the worker's own `/healthz` and `/metrics` (Temporal SDK metrics included)",
    parse: port,
  },
  workerMaxCachedWorkflows: {
    name: 'WORKER_MAX_CACHED_WORKFLOWS',
    default: '1000',
    description:
      'Workflows a worker keeps in memory between their steps (about half a MiB each); one evicted replays its history at its next step',
    parse: positiveInt,
  },
  signingKeyFile: {
    name: 'SIGNING_KEY_FILE',
    description:
      'Ed25519 private key (PEM) that signs certificates; created if missing (default `DATA_DIR/keys/certificate-signing.pem`)',
    parse: (raw: string) => path.resolve(projectRoot, raw),
  },
  staffTokenSecret: {
    name: 'STAFF_TOKEN_SECRET',
    description:
      'Secret that signs staff API tokens (default: one generated into `DATA_DIR/keys/staff-token-secret`)',
    parse: (raw: string) => {
      if (raw.length < 16) throw new Error('must be at least 16 characters');
      return raw;
    },
  },
  piiEncryptionKeys: {
    name: 'PII_ENCRYPTION_KEYS',
    description:
      'AES-256 keys (`id:base64key,…`) that encrypt personal data in Temporal payloads; the first encrypts, all decrypt (default: `DATA_DIR/keys/pii-encryption-keys`)',
    parse: (raw: string) => {
      parseEncryptionKeys(raw); // validated here so a bad key stops start-up; kept as text for child processes
      return raw;
    },
    secret: true,
  },
  paymentGatewayUrl: {
    name: 'PAYMENT_GATEWAY_URL',
    description:
      'Payment gateway base URL. Unset: the start command runs the stand-in gateway on PAYMENT_GATEWAY_PORT',
    parse: httpUrl,
  },
  paymentGatewayPort: {
    name: 'PAYMENT_GATEWAY_PORT',
    default: '4455',
    description: 'Port of the stand-in payment gateway the start command runs',
    parse: port,
  },
  paymentGatewaySecret: {
    name: 'PAYMENT_GATEWAY_SECRET',
    default: 'dev-gateway-secret',
    description: 'Shared secret of the payment gateway: signs its callbacks (HMAC-SHA256)',
    parse: text,
  },
  paymentMerchantId: {
    name: 'PAYMENT_MERCHANT_ID',
    default: 'JANSETU',
    description: 'Merchant id at the payment gateway',
    parse: identifier,
  },
  standInsPort: {
    name: 'STAND_INS_PORT',
    default: '4466',
    description:
      'Port of the stand-ins the start command runs for SMS_GATEWAY_URL, WHATSAPP_API_URL and CPGRAMS_URL when they are unset',
    parse: port,
  },
  smsGatewayUrl: {
    name: 'SMS_GATEWAY_URL',
    description: 'SMS gateway base URL. Unset: the stand-in at `/sms` on STAND_INS_PORT',
    parse: httpUrl,
  },
  smsGatewayKey: {
    name: 'SMS_GATEWAY_KEY',
    default: 'dev-sms-key',
    description: 'API key of the SMS gateway',
    parse: text,
  },
  smsSenderId: {
    name: 'SMS_SENDER_ID',
    default: 'JANSTU',
    description: 'Registered sender id (DLT header) of the SMS',
    parse: identifier,
  },
  whatsappApiUrl: {
    name: 'WHATSAPP_API_URL',
    description:
      'WhatsApp Cloud API (Graph) base URL with version, e.g. `https://graph.facebook.com/v21.0`. Unset: the stand-in at `/whatsapp/v21.0` on STAND_INS_PORT',
    parse: httpUrl,
  },
  whatsappPhoneNumberId: {
    name: 'WHATSAPP_PHONE_NUMBER_ID',
    default: '100000000000001',
    description: "The business phone number's id that WhatsApp messages are sent from",
    parse: identifier,
  },
  whatsappAccessToken: {
    name: 'WHATSAPP_ACCESS_TOKEN',
    default: 'dev-whatsapp-token',
    description: 'Bearer token for the WhatsApp send endpoint',
    parse: text,
  },
  whatsappAppSecret: {
    name: 'WHATSAPP_APP_SECRET',
    default: 'dev-whatsapp-app-secret',
    description: 'App secret that signs inbound WhatsApp webhooks (`X-Hub-Signature-256`)',
    parse: text,
  },
  whatsappVerifyToken: {
    name: 'WHATSAPP_VERIFY_TOKEN',
    default: 'dev-whatsapp-verify-token',
    description: 'Token the WhatsApp webhook verification handshake must present',
    parse: text,
  },
  cpgramsUrl: {
    name: 'CPGRAMS_URL',
    description: 'CPGRAMS exchange base URL. Unset: the stand-in at `/cpgrams` on STAND_INS_PORT',
    parse: httpUrl,
  },
  cpgramsApiKey: {
    name: 'CPGRAMS_API_KEY',
    default: 'dev-cpgrams-key',
    description: 'API key Jan Setu presents to the CPGRAMS exchange',
    parse: text,
  },
  cpgramsIntakeApiKey: {
    name: 'CPGRAMS_INTAKE_API_KEY',
    description:
      'Jan Setu API key (scope `cpgrams:register`) the CPGRAMS exchange registers grievances with. Unset outside production: one derived from the staff token secret, which the start command stores',
    parse: text,
  },
  cpgramsPullMinutes: {
    name: 'CPGRAMS_PULL_MINUTES',
    default: '5',
    description: 'How often the scheduled CPGRAMS exchange pulls new grievances and pushes status',
    parse: positiveInt,
  },
  shutdownGraceMs: {
    name: 'SHUTDOWN_GRACE_MS',
    default: '30000',
    description: 'How long the worker may drain running activities on Ctrl-C/SIGTERM before it is stopped',
    parse: positiveInt,
  },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof variables;
type Parsed<V> = V extends { parse: Parser<infer T>; default: string }
  ? T
  : V extends { parse: Parser<infer T> }
    ? T | undefined
    : never;
type RawConfig = { [K in keyof Variables]: Parsed<Variables[K]> };

export interface Config extends RawConfig {
  publicUrl: string;
  signingKeyFile: string;
  paymentGatewayUrl: string;
  /** PAYMENT_GATEWAY_URL was set: a real gateway, so the start command runs no stand-in. */
  paymentGatewayExternal: boolean;
  smsGatewayUrl: string;
  whatsappApiUrl: string;
  cpgramsUrl: string;
  /** Which of the three is the start command's stand-in (its URL was unset). */
  standIns: { sms: boolean; whatsapp: boolean; cpgrams: boolean };
  /** The embedded PostgreSQL URL, used when DATABASE_URL is unset. */
  embeddedDatabaseUrl: string;
  /** TEMPORAL_ADDRESS, or the dev server's address. */
  temporalTarget: string;
}

export const EMBEDDED_PG = { user: 'jansetu', password: 'jansetu', database: 'jansetu' } as const;

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const value = env[variable.name];
    const given = value !== undefined && value.trim() !== '' ? value.trim() : variable.default;
    if (given === undefined) {
      raw[key] = undefined;
      continue;
    }
    try {
      raw[key] = variable.parse(given);
    } catch (err) {
      const shown = variable.secret ? '(not shown)' : JSON.stringify(given);
      problems.push(`${variable.name}=${shown}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config = raw as RawConfig;
  return {
    ...config,
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    embeddedDatabaseUrl: `postgres://${EMBEDDED_PG.user}:${EMBEDDED_PG.password}@127.0.0.1:${config.embeddedPgPort}/${EMBEDDED_PG.database}`,
    temporalTarget: config.temporalAddress ?? `127.0.0.1:${config.temporalDevPort}`,
    signingKeyFile: config.signingKeyFile ?? path.join(config.dataDir, 'keys', 'certificate-signing.pem'),
    paymentGatewayUrl: config.paymentGatewayUrl ?? `http://127.0.0.1:${config.paymentGatewayPort}`,
    paymentGatewayExternal: config.paymentGatewayUrl !== undefined,
    smsGatewayUrl: config.smsGatewayUrl ?? `http://127.0.0.1:${config.standInsPort}/sms`,
    whatsappApiUrl: config.whatsappApiUrl ?? `http://127.0.0.1:${config.standInsPort}/whatsapp/v21.0`,
    cpgramsUrl: config.cpgramsUrl ?? `http://127.0.0.1:${config.standInsPort}/cpgrams`,
    standIns: {
      sms: config.smsGatewayUrl === undefined,
      whatsapp: config.whatsappApiUrl === undefined,
      cpgrams: config.cpgramsUrl === undefined,
    },
    temporalUiUrl:
      config.temporalUiUrl ??
      (config.temporalAddress ? undefined : `http://127.0.0.1:${config.temporalUiPort}`),
  };
}

/** The environment that reproduces this configuration in a child process. */
export function configToEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, variable] of Object.entries(variables) as [keyof RawConfig, Variable<unknown>][]) {
    const value = config[key];
    if (value !== undefined && value !== null) env[variable.name] = String(value);
  }
  return env;
}

/** The database this process should use: DATABASE_URL, or the embedded server's. */
export function databaseUrl(config: Config): string {
  return config.databaseUrl ?? config.embeddedDatabaseUrl;
}

/** Loads the configuration for an entry point, or prints the problems and exits. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Jan Setu cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
