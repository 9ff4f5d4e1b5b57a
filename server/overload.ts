// Load shedding: at most MAX_IN_FLIGHT_REQUESTS requests are handled at once. Beyond that the
// server answers 429 `server_busy` with Retry-After at once, instead of queueing until every
// request times out together (and the database pool with them). Health probes and metrics are
// never shed, so an orchestrator sees a busy server as alive and a scraper still sees the load.
import type { Context, Next } from 'koa';
import client from 'prom-client';
import { TooManyRequests } from './errors';

const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);

/** Seconds a shed caller is told to wait: short, since in-flight requests finish in well under that. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export interface OverloadOptions {
  maxInFlight: number;
  /** Where the shed-request counter and in-flight gauge are registered (the server's /metrics). */
  registry: client.Registry;
}

export function overloadProtection({ maxInFlight, registry }: OverloadOptions) {
  let inFlight = 0;
  const shed = new client.Counter({
    name: 'jansetu_http_requests_shed_total',
    help: 'Requests refused with 429 server_busy because MAX_IN_FLIGHT_REQUESTS were in flight',
    registers: [registry],
  });
  new client.Gauge({
    name: 'jansetu_http_requests_in_flight',
    help: 'Requests being handled now (probes excluded)',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });

  return async function overload(ctx: Context, next: Next): Promise<void> {
    if (EXEMPT.has(ctx.path)) return next();
    if (inFlight >= maxInFlight) {
      shed.inc();
      throw new TooManyRequests(
        {
          en: `The server is busy right now. Please try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`,
          hi: `सर्वर अभी व्यस्त है। कृपया ${BUSY_RETRY_AFTER_SECONDS} सेकंड बाद फिर से प्रयास करें।`,
        },
        'server_busy',
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
}
