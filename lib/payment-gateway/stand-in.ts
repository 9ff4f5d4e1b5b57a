// A stand-in payment gateway on loopback, for development, tests and demos: the orders API the
// client speaks, a bilingual payment page, and signed callbacks retried the way real gateways do.
// It moves no money; it exists so the fee path can be exercised end to end without a real account.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { OrderStatus } from './client';
import { SIGNATURE_HEADER, signCallback, type PaymentCallback } from './signature';

export interface StandInOrder {
  orderId: string;
  merchantId: string;
  amountPaise: number;
  description: string;
  callbackUrl: string;
  returnUrl: string;
  status: OrderStatus;
  /** Set when a payment is attempted; every delivery of that payment carries it. */
  paymentId?: string;
  createdAt: string;
  callbackAttempts: number;
  callbackDelivered: boolean;
}

export interface StandInGatewayOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  secret: string;
  host?: string;
  logger?: Logger;
  /** Further deliveries after a failed one; 5 by default. */
  callbackRetries?: number;
  /** Wait before the first retry, doubling each time; 200 ms by default. */
  callbackBackoffMs?: number;
}

export interface StandInGateway {
  url: string;
  close(): Promise<void>;
  /** Pays the order as a citizen would and resolves once the callback was accepted. */
  pay(orderId: string): Promise<void>;
  /** Declines the payment (status `failed`) and delivers that callback. */
  fail(orderId: string): Promise<void>;
  /** A snapshot of every order, for tests and demos. */
  orders(): StandInOrder[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 64 * 1024;
const CALLBACK_TIMEOUT_MS = 5_000;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** ₹30 for 3000 paise, ₹30.50 for 3050. */
const rupees = (paise: number) => (paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2));

function paymentPage(order: StandInOrder): string {
  const amount = rupees(order.amountPaise);
  const done =
    order.status === 'paid'
      ? `<p>Already paid / भुगतान हो चुका है (${escapeHtml(order.paymentId ?? '')})</p>` +
        `<p><a href="${escapeHtml(order.returnUrl)}">Return / वापस जाएँ</a></p>`
      : `<form method="post">
  <button type="submit" name="outcome" value="paid">Pay ₹${amount} / ₹${amount} का भुगतान करें</button>
  <button type="submit" name="outcome" value="failed">Cancel / रद्द करें</button>
</form>`;
  return `<!doctype html>
<html lang="hi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment / भुगतान</title></head>
<body>
<h1>Payment / भुगतान</h1>
<p><strong>Stand-in gateway: no money moves. / परीक्षण गेटवे: कोई राशि नहीं कटेगी।</strong></p>
<p>${escapeHtml(order.description)}</p>
<p>Order / आदेश: ${escapeHtml(order.orderId)}<br>Amount / राशि: ₹${amount}</p>
${done}
</body>
</html>
`;
}

/** Starts the stand-in; resolves once it listens. */
export async function startStandInGateway(options: StandInGatewayOptions): Promise<StandInGateway> {
  const { secret, host = '127.0.0.1', logger, callbackRetries = 5, callbackBackoffMs = 200 } = options;
  const orders = new Map<string, StandInOrder>();
  // Aborted by close(), so no callback retry outlives the gateway.
  const closing = new AbortController();
  let url = '';

  function authorisedMerchant(req: http.IncomingMessage): string {
    const match = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [merchantId, ...rest] = Buffer.from(match?.[1] ?? '', 'base64')
      .toString('utf8')
      .split(':');
    if (!merchantId || rest.join(':') !== secret) throw new HttpError(401, 'wrong merchant credentials');
    return merchantId;
  }

  const orderJson = (o: StandInOrder) => ({
    orderId: o.orderId,
    amountPaise: o.amountPaise,
    status: o.status,
    paymentUrl: `${url}/pay/${encodeURIComponent(o.orderId)}`,
    ...(o.paymentId ? { paymentId: o.paymentId } : {}),
  });

  function createOrder(merchantId: string, body: unknown): { status: number; order: StandInOrder } {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.orderId !== 'string' || b.orderId.length === 0 || b.orderId.includes('|'))
      throw new HttpError(400, 'orderId must be a non-empty string without "|"');
    if (!Number.isSafeInteger(b.amountPaise) || (b.amountPaise as number) <= 0)
      throw new HttpError(400, 'amountPaise must be a whole number above 0');
    if (typeof b.description !== 'string') throw new HttpError(400, 'description must be a string');
    if (!isHttpUrl(b.callbackUrl) || !isHttpUrl(b.returnUrl))
      throw new HttpError(400, 'callbackUrl and returnUrl must be http(s) URLs');
    const existing = orders.get(b.orderId);
    if (existing) {
      // Idempotent on orderId: a retried create returns the order; a different amount is a bug upstream.
      if (existing.merchantId !== merchantId || existing.amountPaise !== b.amountPaise)
        throw new HttpError(409, `order ${b.orderId} already exists with different details`);
      return { status: 200, order: existing };
    }
    const order: StandInOrder = {
      orderId: b.orderId,
      merchantId,
      amountPaise: b.amountPaise as number,
      description: b.description,
      callbackUrl: b.callbackUrl,
      returnUrl: b.returnUrl,
      status: 'created',
      createdAt: new Date().toISOString(),
      callbackAttempts: 0,
      callbackDelivered: false,
    };
    orders.set(order.orderId, order);
    logger?.info({ orderId: order.orderId, amountPaise: order.amountPaise }, 'order created');
    return { status: 201, order };
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      closing.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(new Error('stand-in gateway closed'));
        },
        { once: true },
      );
    });

  async function deliverCallback(order: StandInOrder): Promise<void> {
    const paymentId = order.paymentId!;
    const status = order.status as PaymentCallback['status'];
    let lastProblem = '';
    for (let attempt = 0; attempt <= callbackRetries; attempt += 1) {
      if (attempt > 0) await sleep(callbackBackoffMs * 2 ** (attempt - 1));
      // Signed afresh per delivery (new timestamp), so a late retry is not refused as stale.
      const callback: PaymentCallback = {
        orderId: order.orderId,
        paymentId,
        amountPaise: order.amountPaise,
        status,
        timestamp: Date.now(),
      };
      order.callbackAttempts += 1;
      try {
        const res = await fetch(order.callbackUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(callback, secret) },
          body: JSON.stringify(callback),
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]),
        });
        await res.arrayBuffer(); // drain, so the connection is reused or closed cleanly
        if (res.ok) {
          order.callbackDelivered = true;
          logger?.info(
            { orderId: order.orderId, paymentId, status, attempt: attempt + 1 },
            'callback delivered',
          );
          return;
        }
        lastProblem = `HTTP ${res.status}`;
      } catch (err) {
        if (closing.signal.aborted) throw new Error('stand-in gateway closed');
        lastProblem = (err as Error).message;
      }
      logger?.warn({ orderId: order.orderId, attempt: attempt + 1, problem: lastProblem }, 'callback failed');
    }
    throw new Error(
      `callback for order ${order.orderId} to ${order.callbackUrl} not accepted after ` +
        `${callbackRetries + 1} attempts (last: ${lastProblem})`,
    );
  }

  async function settle(orderId: string, outcome: PaymentCallback['status']): Promise<StandInOrder> {
    const order = orders.get(orderId);
    if (!order) throw new HttpError(404, `no order ${orderId}`);
    if (order.status === 'paid') {
      // Paying twice must not charge twice: re-send the same payment's callback instead.
      if (!order.callbackDelivered) await deliverCallback(order);
      return order;
    }
    // A declined order may be paid later, as a new payment with its own id.
    order.status = outcome;
    order.paymentId = `pay_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    order.callbackDelivered = false;
    logger?.info({ orderId, paymentId: order.paymentId, status: outcome }, 'payment settled');
    await deliverCallback(order);
    return order;
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
    const segments = pathname.split('/').slice(1).map(decodeURIComponent);
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };

    if (segments[0] === 'v1' && segments[1] === 'orders') {
      const merchantId = authorisedMerchant(req);
      if (req.method === 'POST' && segments.length === 2) {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (err) {
          throw err instanceof HttpError ? err : new HttpError(400, 'body must be JSON');
        }
        const { status, order } = createOrder(merchantId, body);
        return json(status, orderJson(order));
      }
      if (req.method === 'GET' && segments.length === 3) {
        const order = orders.get(segments[2]!);
        if (!order || order.merchantId !== merchantId) throw new HttpError(404, `no order ${segments[2]}`);
        return json(200, orderJson(order));
      }
    }

    if (segments[0] === 'pay' && segments.length === 2) {
      const order = orders.get(segments[1]!);
      if (!order) throw new HttpError(404, `no order ${segments[1]}`);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(paymentPage(order));
        return;
      }
      if (req.method === 'POST') {
        const outcome =
          new URLSearchParams(await readBody(req)).get('outcome') === 'failed' ? 'failed' : 'paid';
        try {
          await settle(order.orderId, outcome);
        } catch (err) {
          // The citizen has paid either way; Jan Setu can still learn it through getOrder.
          logger?.error({ orderId: order.orderId, err }, 'callback not delivered');
        }
        res.writeHead(303, { location: order.returnUrl });
        res.end();
        return;
      }
    }
    throw new HttpError(404, `no route ${req.method} ${pathname}`);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger?.error({ err }, 'stand-in gateway error');
      if (res.headersSent) return void res.end();
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: err instanceof HttpError ? err.message : 'internal error' }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    pay: async (orderId) => {
      await settle(orderId, 'paid');
    },
    fail: async (orderId) => {
      await settle(orderId, 'failed');
    },
    orders: () => [...orders.values()].map((o) => ({ ...o })),
  };
}
