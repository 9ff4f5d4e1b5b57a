// The worker process's /healthz and /metrics. /metrics joins the process's own metrics with the
// Temporal SDK's (Core exports them on a private loopback port; this serves them on the public one).
import http from 'node:http';
import net from 'node:net';
import client from 'prom-client';

/** A free loopback port for Core's Prometheus exporter. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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
