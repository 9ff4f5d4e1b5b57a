// Prometheus metrics of the HTTP server: Node's process metrics and a request histogram by route.
import type { Context, Next } from 'koa';
import client from 'prom-client';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'jansetu_server_' });
  const httpDuration = new client.Histogram({
    name: 'jansetu_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  async function middleware(ctx: Context, next: Next): Promise<void> {
    const end = httpDuration.startTimer();
    try {
      await next();
    } finally {
      // The matched route pattern, never the raw path (raw paths would explode label cardinality).
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      end({ method: ctx.method, route: String(route), status: String(ctx.status) });
    }
  }
  return { registry, middleware };
}
