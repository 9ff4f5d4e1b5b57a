// The SMS gateway adapter. The gateway's API, as Jan Setu expects it (the stand-in in
// lib/stand-ins/sms.ts speaks it; a real aggregator is fronted by the same small contract):
//
//   POST {SMS_GATEWAY_URL}/v1/messages
//   Authorization: Bearer {SMS_GATEWAY_KEY}
//   Idempotency-Key: {the outbox row's dedupe key}      same key → same message, sent once
//   {"to":"+919876543210","sender":"JANSTU","text":"…","unicode":true,"reportUrl":"https://…"}
//   → 202 {"id":"sms_…","status":"queued"}             (200 with the same id for a repeated key)
//
// Delivery reports come back to `reportUrl` (server/routes/sms.ts).
import { composeSms } from './compose';
import type { DeliveryStatus } from './delivery-status';
import { postJson, ProviderError, type MessageProvider } from './provider';

/**
 * The gateway's message statuses, in its answers and its delivery reports: sent means handed to
 * the operator; undelivered, expired and rejected are all failures to us.
 */
export const GATEWAY_STATUSES: Readonly<Record<string, DeliveryStatus>> = {
  queued: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  expired: 'failed',
  rejected: 'failed',
};

/** Our delivery status for a gateway status word; undefined for anything else. */
export const gatewayStatus = (word: unknown): DeliveryStatus | undefined =>
  typeof word === 'string' && Object.hasOwn(GATEWAY_STATUSES, word) ? GATEWAY_STATUSES[word] : undefined;

export interface SmsGatewayConfig {
  baseUrl: string;
  apiKey: string;
  /** The DLT-registered header the SMS shows as its sender. */
  senderId: string;
  /** Where the gateway posts delivery reports; omitted, it sends none. */
  reportUrl?: string;
  /** 10 s by default. */
  timeoutMs?: number;
}

export function createSmsGateway(config: SmsGatewayConfig): MessageProvider {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/v1/messages`;
  return {
    channel: 'sms',
    async send(message) {
      const sms = composeSms(message.bodyHi, message.bodyEn);
      const answer = await postJson(
        url,
        {
          to: `+91${message.mobile}`,
          sender: config.senderId,
          text: sms.text,
          unicode: sms.unicode,
          ...(config.reportUrl ? { reportUrl: config.reportUrl } : {}),
        },
        {
          headers: { authorization: `Bearer ${config.apiKey}`, 'idempotency-key': message.idempotencyKey },
          timeoutMs: config.timeoutMs ?? 10_000,
          what: 'SMS gateway',
        },
      );
      const { id, status } = (answer ?? {}) as { id?: unknown; status?: unknown };
      // A 2xx without an id: the gateway may have taken it; the same key next time will tell.
      if (typeof id !== 'string' || id === '') {
        throw new ProviderError('SMS gateway accepted the message but sent no id', true);
      }
      const deliveryStatus = gatewayStatus(status);
      return { providerId: id, ...(deliveryStatus ? { deliveryStatus } : {}) };
    },
  };
}
