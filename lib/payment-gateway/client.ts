// The payment gateway as Jan Setu sees it: create an order for a fee, look up its status. Any
// gateway speaking this small JSON API fits (the stand-in in ./stand-in.ts does, for development).

export type OrderStatus = 'created' | 'paid' | 'failed';

export interface PaymentGatewayConfig {
  baseUrl: string;
  merchantId: string;
  secret: string;
  /** How long one request may take before it is abandoned; 10 s by default. */
  timeoutMs?: number;
}

export interface CreateOrderRequest {
  /** Our business id for the payment, e.g. the application number; the idempotency key. */
  orderId: string;
  amountPaise: number;
  description: string;
  /** Where the gateway POSTs the signed payment callback (server to server). */
  callbackUrl: string;
  /** Where the citizen's browser goes after paying. */
  returnUrl: string;
}

export interface CreatedOrder {
  orderId: string;
  /** The page the citizen opens to pay (sent to them by SMS from a 181 call). */
  paymentUrl: string;
}

export interface OrderState {
  orderId: string;
  status: OrderStatus;
  amountPaise: number;
  paymentId?: string;
}

export interface PaymentGatewayClient {
  /** Creates the order, or returns the existing one if `orderId` was already created. */
  createOrder(order: CreateOrderRequest): Promise<CreatedOrder>;
  getOrder(orderId: string): Promise<OrderState>;
}

/** Thrown for every failed call; `retryable` says whether trying again could help. */
export class PaymentGatewayError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PaymentGatewayError';
  }
}

const ORDER_STATUSES: readonly string[] = ['created', 'paid', 'failed'] satisfies OrderStatus[];

function parseOrder(body: unknown, what: string): OrderState & { paymentUrl: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const valid =
    typeof b.orderId === 'string' &&
    typeof b.status === 'string' &&
    ORDER_STATUSES.includes(b.status) &&
    Number.isSafeInteger(b.amountPaise) &&
    typeof b.paymentUrl === 'string' &&
    (b.paymentId === undefined || typeof b.paymentId === 'string');
  if (!valid)
    throw new PaymentGatewayError(`payment gateway sent an unexpected answer to ${what}`, 200, true);
  return {
    orderId: b.orderId as string,
    status: b.status as OrderStatus,
    amountPaise: b.amountPaise as number,
    paymentUrl: b.paymentUrl as string,
    ...(b.paymentId === undefined ? {} : { paymentId: b.paymentId as string }),
  };
}

export function createPaymentGatewayClient(config: PaymentGatewayConfig): PaymentGatewayClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 10_000;
  // Merchant id and secret as HTTP Basic credentials, as common Indian gateways take their API keys.
  const authorization = `Basic ${Buffer.from(`${config.merchantId}:${config.secret}`).toString('base64')}`;

  async function call(method: 'GET' | 'POST', path: string, what: string, body?: object): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : (err as Error).message;
      throw new PaymentGatewayError(
        `payment gateway ${baseUrl} unreachable for ${what}: ${reason}`,
        undefined,
        true,
      );
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const detail = (parsed as { error?: unknown } | undefined)?.error;
      const message = typeof detail === 'string' ? detail : text.slice(0, 200) || res.statusText;
      // 4xx means this request will never succeed as sent (bad amount, wrong key, conflicting order).
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new PaymentGatewayError(
        `payment gateway answered ${res.status} to ${what}: ${message}`,
        res.status,
        retryable,
      );
    }
    return parsed;
  }

  return {
    async createOrder(order) {
      if (!Number.isSafeInteger(order.amountPaise) || order.amountPaise <= 0) {
        throw new PaymentGatewayError(
          `amountPaise must be a whole number of paise above 0, got ${order.amountPaise}`,
          undefined,
          false,
        );
      }
      const what = `create order ${order.orderId}`;
      const created = parseOrder(await call('POST', '/v1/orders', what, order), what);
      return { orderId: created.orderId, paymentUrl: created.paymentUrl };
    },

    async getOrder(orderId) {
      const what = `get order ${orderId}`;
      const { paymentUrl: _paymentUrl, ...state } = parseOrder(
        await call('GET', `/v1/orders/${encodeURIComponent(orderId)}`, what),
        what,
      );
      return state;
    },
  };
}
