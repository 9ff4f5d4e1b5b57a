// One loopback HTTP server for the stand-ins of outside systems (SMS gateway, WhatsApp Cloud API,
// CPGRAMS), for development, tests and the start command's demo mode. Each stand-in is a part
// mounted under its own path prefix; a part speaks the real system's wire format, keeps what it
// received in memory, and has a few `_control` routes tests and demos use (never a real system's).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';

export interface StandInRequest {
  method: string;
  /** The path below the part's prefix, e.g. `/v21.0/123/messages`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface StandInResponse {
  status: number;
  body?: unknown; // JSON-encoded unless a Buffer or string
  headers?: Record<string, string>;
}

export interface StandInPart {
  /** e.g. '/sms' */
  prefix: string;
  handle(req: StandInRequest): Promise<StandInResponse | undefined> | StandInResponse | undefined;
  close?(): Promise<void> | void;
}

export interface StandInServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

export async function startStandIns(opts: {
  parts: StandInPart[];
  port?: number;
  host?: string;
  logger?: Logger;
}): Promise<StandInServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stand-in');
        const part = opts.parts.find(
          (p) => url.pathname === p.prefix || url.pathname.startsWith(`${p.prefix}/`),
        );
        let answer: StandInResponse | undefined;
        try {
          answer = part
            ? await part.handle({
                method: req.method ?? 'GET',
                path: url.pathname.slice(part.prefix.length) || '/',
                query: url.searchParams,
                headers: req.headers,
                body: Buffer.concat(chunks),
              })
            : undefined;
        } catch (err) {
          opts.logger?.error({ err, path: url.pathname }, 'stand-in failed');
          answer = { status: 500, body: { error: { message: String((err as Error).message) } } };
        }
        answer ??= {
          status: 404,
          body: { error: { message: `no stand-in route ${req.method} ${url.pathname}` } },
        };
        const raw =
          answer.body === undefined
            ? ''
            : Buffer.isBuffer(answer.body) || typeof answer.body === 'string'
              ? answer.body
              : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(typeof answer.body === 'object' && !Buffer.isBuffer(answer.body)
            ? { 'content-type': 'application/json' }
            : {}),
          ...answer.headers,
        });
        res.end(raw);
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    async close() {
      for (const p of opts.parts) await p.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
