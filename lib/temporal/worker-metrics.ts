// The worker process's /healthz and /metrics. /metrics joins the process's own metrics with the
// Temporal SDK's (Core exports them on a private loopback port; this serves them on the public one).
import http from 'node:http';
import client from 'prom-client';

export function startWorkerMetricsServer(options: {
  host: string;
  port: number;
  sdkMetricsUrl: string;
  isRunning: () => boolean;
}): http.Server {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'jansetu_worker_' });
  return http
    .createServer((req, res) => {
      void (async () => {
        if (req.url === '/healthz') {
          const ok = options.isRunning();
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'stopping' }));
          return;
        }
        if (req.url === '/metrics') {
          let sdk = '';
          try {
            const response = await fetch(options.sdkMetricsUrl, { signal: AbortSignal.timeout(2000) });
            sdk = await response.text();
          } catch {
            sdk = '# Temporal SDK metrics unavailable\n';
          }
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(`${await registry.metrics()}\n${sdk}`);
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'not_found', message: 'only /healthz and /metrics' } }));
      })();
    })
    .listen(options.port, options.host);
}
