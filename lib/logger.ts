// Structured JSON logs (pino). One root logger per process; modules take a child with their name.
// Every line passes through maskPersonalData: Aadhaar and Samagra numbers never reach a log.
import pino from 'pino';
import { maskPersonalData } from './masking';

export type Logger = pino.Logger;

export function createLogger(
  name: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { pid: process.pid, service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'databaseUrl', '*.databaseUrl'], censor: '[redacted]' },
    hooks: {
      // The merging object, the message and its format arguments alike (child bindings are ours).
      logMethod(args, method) {
        method.apply(this, args.map((arg) => maskPersonalData(arg)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
