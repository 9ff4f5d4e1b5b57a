// Prometheus metrics of the HTTP server: Node's process metrics, a request histogram by route and
// the audit log's failed writes.
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
  const auditWriteFailures = new client.Counter({
    name: 'jansetu_audit_log_write_failures_total',
    help: 'Audit log rows that could not be written (the request itself was answered)',
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
  return { registry, middleware, auditWriteFailures };
}
