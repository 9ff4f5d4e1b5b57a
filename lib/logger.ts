// Structured JSON logs (pino). One root logger per process; modules take a child with their name.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid, service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'databaseUrl', '*.databaseUrl'], censor: '[redacted]' },
  });
}
