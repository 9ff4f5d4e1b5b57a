// What the outbox dispatcher needs from a message provider (SMS gateway, WhatsApp Cloud API), and
// the one HTTP call both adapters make: JSON in and out, a timeout, and a verdict on failures
// (may trying again help?) that decides between a retry with backoff and giving up at once.
import type { DeliveryStatus } from './delivery-status';

export type Channel = 'sms' | 'whatsapp';

export interface OutgoingMessage {
  /** The outbox row's dedupe key: sent as the provider's idempotency key on every attempt. */
  idempotencyKey: string;
  /** An Indian mobile number, 10 digits. */
  mobile: string;
  /** Both languages of the message (the provider adapter decides how they are laid out). */
  bodyHi: string;
  bodyEn: string;
}

export interface Accepted {
  /** The provider's id of the message; its delivery reports name it. */
  providerId: string;
  /**
   * What the provider says has become of it, when it says: `queued` for a new message, perhaps
   * `delivered` when a repeated idempotency key finds one delivered long ago (its delivery report
   * came while our record of the send was lost with a crashed worker).
   */
  deliveryStatus?: DeliveryStatus;
}

export interface MessageProvider {
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<Accepted>;
}

/** Thrown for every failed send; `retryable` says whether the same request could succeed later. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** 5xx, 408 and 429 may pass; any other 4xx is this request's own fault and will not. */
export const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** POSTs JSON; answers the parsed JSON of a 2xx, or throws ProviderError. */
export async function postJson(
  url: string,
  body: unknown,
  options: {
    headers: Record<string, string>;
    timeoutMs: number;
    /** e.g. 'SMS gateway': names the provider in error messages. */
    what: string;
    /** Overrides the status-based verdict, e.g. for a provider's own error codes. */
    retryable?: (status: number, body: unknown) => boolean;
  },
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${options.timeoutMs} ms` : String((err as Error).message);
    throw new ProviderError(`${options.what} unreachable: ${reason}`, true);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const retryable = options.retryable?.(res.status, parsed) ?? retryableStatus(res.status);
    throw new ProviderError(
      `${options.what} answered ${res.status}: ${text.slice(0, 300) || res.statusText}`,
      retryable,
      res.status,
    );
  }
  return parsed;
}
