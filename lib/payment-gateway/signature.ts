// Signing and checking the payment gateway's callbacks. A callback is what tells Jan Setu that a
// fee was paid, so it is trusted only if its HMAC matches and it is recent (a replay is refused).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PaymentStatus = 'paid' | 'failed';

/** The JSON body the gateway POSTs to an order's callback URL. */
export interface PaymentCallback {
  orderId: string;
  paymentId: string;
  amountPaise: number;
  status: PaymentStatus;
  /** When the gateway signed this delivery, in milliseconds since the epoch. */
  timestamp: number;
}

export type VerifyResult =
  { ok: true; callback: PaymentCallback } | { ok: false; reason: 'bad-signature' | 'stale' | 'malformed' };

export const SIGNATURE_HEADER = 'x-gateway-signature';
const DEFAULT_TOLERANCE_MS = 5 * 60_000;
const STATUSES: readonly string[] = ['paid', 'failed'] satisfies PaymentStatus[];

/** An id that cannot smuggle the field separator, so no two bodies share a canonical string. */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !v.includes('|');

/** The body as a PaymentCallback if every field has the right type, else undefined. */
export function parseCallback(body: unknown): PaymentCallback | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (!isId(b.orderId) || !isId(b.paymentId)) return undefined;
  if (!Number.isSafeInteger(b.amountPaise) || (b.amountPaise as number) < 0) return undefined;
  if (typeof b.status !== 'string' || !STATUSES.includes(b.status)) return undefined;
  if (!Number.isSafeInteger(b.timestamp)) return undefined;
  return {
    orderId: b.orderId,
    paymentId: b.paymentId,
    amountPaise: b.amountPaise as number,
    status: b.status as PaymentStatus,
    timestamp: b.timestamp as number,
  };
}

/** `orderId|paymentId|amountPaise|status|timestamp`: the exact bytes both sides sign. */
export function canonicalCallbackString(c: PaymentCallback): string {
  return [c.orderId, c.paymentId, String(c.amountPaise), c.status, String(c.timestamp)].join('|');
}

/** Hex HMAC-SHA256 of the callback's canonical string. */
export function signCallback(callback: PaymentCallback, secret: string): string {
  if (!parseCallback(callback)) throw new TypeError('refusing to sign a malformed payment callback');
  return createHmac('sha256', secret).update(canonicalCallbackString(callback), 'utf8').digest('hex');
}

/**
 * Checks a received callback: well-formed, signed with `secret`, and signed within `toleranceMs`
 * of `nowMs` either way (the gateway's clock may run a little ahead of ours).
 */
export function verifyCallbackSignature(
  body: unknown,
  signature: string | undefined,
  secret: string,
  { nowMs, toleranceMs = DEFAULT_TOLERANCE_MS }: { nowMs: number; toleranceMs?: number },
): VerifyResult {
  const callback = parseCallback(body);
  if (!callback || typeof signature !== 'string' || signature.length === 0) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(signCallback(callback, secret), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual needs equal lengths; a digest's length is no secret, so checking it first
  // leaks nothing, and the bytes themselves are compared in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  // Checked after the signature, so an attacker learns nothing about freshness from a forgery.
  if (Math.abs(nowMs - callback.timestamp) > toleranceMs) return { ok: false, reason: 'stale' };
  return { ok: true, callback };
}
