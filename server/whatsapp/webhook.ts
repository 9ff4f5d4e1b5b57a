// The WhatsApp Cloud API webhook as Meta sends it: the X-Hub-Signature-256 check over the raw
// body, and reading a delivery — {object, entry[].changes[].value{messaging_product, metadata,
// contacts[], messages[], statuses[]}} — into the messages and status updates it carries.
// Pure; the route (server/routes/whatsapp.ts) does the I/O.
import crypto from 'node:crypto';
import { isDeliveryStatus, type DeliveryStatus } from '../../lib/messaging/delivery-status';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time. */
export function signatureValid(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const expected = crypto.createHmac('sha256', appSecret).update(raw).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

/** One message a WhatsApp user sent to the business number. */
export interface InboundMessage {
  id: string; // wamid.…
  from: string; // wa_id: the mobile with its country code, e.g. 919876543210
  profileName: string | null;
  type: string;
  /** The text typed or the reply chosen; null for media, location, reactions, … */
  text: string | null;
  sentAt: Date;
}

/** What became of a message we sent (statuses[]). */
export interface StatusUpdate {
  providerId: string; // the wamid the send endpoint answered with
  status: DeliveryStatus;
  at: Date;
  error?: string;
}

export interface Delivery {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Changes skipped: another field, another phone number, or a malformed item. */
  skipped: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function unixTime(v: unknown): Date | null {
  const s = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
  return Number.isFinite(s) && s > 0 ? new Date(s * 1000) : null;
}

/** The text of a message: typed text, a reply button or list row chosen, a template button. */
function textOf(message: Json): string | null {
  switch (message.type) {
    case 'text':
      return str(obj(message.text).body);
    case 'interactive': {
      const i = obj(message.interactive);
      const reply = obj(i.type === 'list_reply' ? i.list_reply : i.button_reply);
      return str(reply.id) ?? str(reply.title);
    }
    case 'button': {
      const b = obj(message.button);
      return str(b.payload) ?? str(b.text);
    }
    default:
      return null;
  }
}

/** Reads a delivery for our business phone number; anything else in it is skipped, not refused. */
export function readDelivery(body: unknown, phoneNumberId: string): Delivery {
  const delivery: Delivery = { messages: [], statuses: [], skipped: 0 };
  const root = obj(body);
  if (root.object !== 'whatsapp_business_account') {
    delivery.skipped += 1;
    return delivery;
  }
  for (const entry of arr(root.entry)) {
    for (const change of arr(obj(entry).changes)) {
      const c = obj(change);
      const value = obj(c.value);
      if (
        c.field !== 'messages' ||
        value.messaging_product !== 'whatsapp' ||
        obj(value.metadata).phone_number_id !== phoneNumberId
      ) {
        delivery.skipped += 1;
        continue;
      }
      const contacts = arr(value.contacts).map(obj);
      for (const item of arr(value.messages)) {
        const m = obj(item);
        const id = str(m.id);
        const from = str(m.from);
        const sentAt = unixTime(m.timestamp);
        const type = str(m.type);
        if (!id || id.length > 256 || !from || !/^\d{6,20}$/.test(from) || !sentAt || !type) {
          delivery.skipped += 1;
          continue;
        }
        const contact = contacts.find((k) => k.wa_id === from) ?? contacts[0] ?? {};
        delivery.messages.push({
          id,
          from,
          profileName: str(obj(contact.profile).name),
          type,
          text: textOf(m),
          sentAt,
        });
      }
      for (const item of arr(value.statuses)) {
        const s = obj(item);
        const providerId = str(s.id);
        const at = unixTime(s.timestamp);
        if (!providerId || !at || !isDeliveryStatus(s.status)) {
          delivery.skipped += 1;
          continue;
        }
        const errors = arr(s.errors).map(obj);
        const error = errors.length
          ? errors.map((e) => [e.code, e.title ?? e.message].filter(Boolean).join(' ')).join('; ')
          : undefined;
        delivery.statuses.push({ providerId, status: s.status, at, ...(error ? { error } : {}) });
      }
    }
  }
  delivery.messages.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  return delivery;
}
