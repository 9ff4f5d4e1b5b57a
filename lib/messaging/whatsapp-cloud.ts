// The WhatsApp adapter: a text message through the WhatsApp Cloud API's send endpoint,
//
//   POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages
//   Authorization: Bearer {WHATSAPP_ACCESS_TOKEN}
//   {"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210",
//    "type":"text","text":{"body":"…","preview_url":false},"biz_opaque_callback_data":"<dedupe key>"}
//   → 200 {"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid.…"}]}
//
// Free-form text reaches a citizen only inside the 24-hour window after their last message to us,
// which is when the WhatsApp bot writes such rows. The Cloud API takes no idempotency key: a worker
// that dies between Meta's answer and our record of it sends that message again (see README).
// `biz_opaque_callback_data` comes back in every status webhook, naming our row.
import { composeWhatsApp } from './compose';
import { postJson, ProviderError, retryableStatus, type MessageProvider } from './provider';

export interface WhatsAppCloudConfig {
  /** Graph API base with version, e.g. https://graph.facebook.com/v21.0 */
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  /** 10 s by default. */
  timeoutMs?: number;
}

/**
 * Cloud API error codes worth another try later: service errors and rate limits
 * (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). Everything else — a
 * number not on WhatsApp, the 24-hour window closed, a bad token — will fail again as sent.
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004]);

function retryable(status: number, body: unknown): boolean {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'number' ? RETRYABLE_CODES.has(code) : retryableStatus(status);
}

export function createWhatsAppCloud(config: WhatsAppCloudConfig): MessageProvider {
  const url = `${config.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.phoneNumberId)}/messages`;
  return {
    channel: 'whatsapp',
    async send(message) {
      const answer = await postJson(
        url,
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: `91${message.mobile}`,
          type: 'text',
          text: { body: composeWhatsApp(message.bodyHi, message.bodyEn), preview_url: false },
          biz_opaque_callback_data: message.idempotencyKey,
        },
        {
          headers: { authorization: `Bearer ${config.accessToken}` },
          timeoutMs: config.timeoutMs ?? 10_000,
          what: 'WhatsApp Cloud API',
          retryable,
        },
      );
      const id = (answer as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
      if (typeof id !== 'string' || id === '') {
        // It may have been taken; with no idempotency key, sending again risks sending twice.
        throw new ProviderError('WhatsApp Cloud API answered without a message id', false);
      }
      return { providerId: id };
    },
  };
}
