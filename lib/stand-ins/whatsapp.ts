// A stand-in WhatsApp Cloud API (mounted at /whatsapp), playing Meta's side for development, tests
// and the demo. It serves the Graph send endpoint lib/messaging/whatsapp-cloud.ts calls —
//   POST /whatsapp/v21.0/{phone-number-id}/messages  (Authorization: Bearer {access token})
//   → 200 {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid.…"}]}
// — keeps what was sent, and reports each message `sent` then `delivered` back to Jan Setu's
// webhook as Meta does (statuses[], signed). `_control` routes (never a real system's):
//   GET  /whatsapp/_control/messages[?to=wa_id]  the messages Jan Setu sent
//   GET  /whatsapp/_control/inbound              the messages delivered to Jan Setu through it
//   POST /whatsapp/_control/inbound {from, name, text[, id]}
//        builds a correctly shaped, correctly signed webhook delivery of a user's text message and
//        POSTs it to Jan Setu's webhook; answers what the webhook said. Give an earlier `id` to
//        replay a delivery (WhatsApp redelivers when a webhook does not answer 200).
//   POST /whatsapp/_control/subscribe            runs the verification handshake against the webhook
//   POST /whatsapp/_control/reset                forget everything
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger';
import type { StandInPart, StandInRequest, StandInResponse } from './server';

export interface WhatsAppStandInOptions {
  accessToken: string;
  phoneNumberId: string;
  /** Signs the webhook deliveries (X-Hub-Signature-256), as the Meta app's secret does. */
  appSecret: string;
  /** Presented in the verification handshake (`_control/subscribe`). */
  verifyToken?: string;
  /** Jan Setu's webhook, e.g. `${PUBLIC_URL}/webhooks/whatsapp`; unset, no webhook is called. */
  webhookUrl?: string;
  /** The business number as WhatsApp shows it; the MP helpline's by default. */
  displayPhoneNumber?: string;
  /** The WhatsApp Business Account id in `entry[].id`. */
  businessAccountId?: string;
  /** Delay of the `sent` status (and twice it, `delivered`); 500 ms by default; null sends none. */
  statusDelayMs?: number | null;
  logger?: Logger;
}

export interface StandInWhatsAppMessage {
  id: string; // wamid.…
  to: string;
  type: string;
  /** The text body of a text message; null for other types. */
  text: string | null;
  body: Record<string, unknown>;
  status: 'accepted' | 'sent' | 'delivered';
  acceptedAt: string;
}

export interface StandInWhatsAppInbound {
  id: string;
  from: string;
  name: string;
  text: string;
  at: string;
  /** The status Jan Setu's webhook answered with. */
  answeredWith: number;
}

export type WhatsAppStandIn = StandInPart & {
  messages(): StandInWhatsAppMessage[];
  inbound(): StandInWhatsAppInbound[];
  /** Delivers a user's text message to the webhook (what POST /_control/inbound does). */
  deliverText(input: { from: string; name: string; text: string; id?: string }): Promise<{
    id: string;
    status: number;
    body: string;
  }>;
};

const CAPACITY = 50_000;

/** A Graph API error as Meta answers it. */
const graphError = (
  status: number,
  code: number,
  message: string,
  type = 'OAuthException',
): StandInResponse => ({
  status,
  body: { error: { message, type, code, fbtrace_id: randomBytes(8).toString('base64url') } },
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's payloads escape every non-ASCII character; the signature covers those exact bytes. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const newWamid = (waId: string): string =>
  `wamid.${Buffer.concat([Buffer.from(`HBgM${waId}FQIAERgS`), randomBytes(18)]).toString('base64')}`;

/** A wa_id from what a developer types: 10-digit Indian mobile, or digits with the country code. */
function waIdOf(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(/[\s+-]/g, '');
  if (/^[6-9]\d{9}$/.test(digits)) return `91${digits}`;
  return /^\d{8,15}$/.test(digits) ? digits : null;
}

export function createWhatsAppCloudStandIn(options: WhatsAppStandInOptions): WhatsAppStandIn {
  const statusDelayMs = options.statusDelayMs === undefined ? 500 : options.statusDelayMs;
  const displayPhoneNumber = options.displayPhoneNumber ?? '917552555582';
  const businessAccountId = options.businessAccountId ?? '100000000000002';
  let sent: StandInWhatsAppMessage[] = [];
  let inbound: StandInWhatsAppInbound[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: businessAccountId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: displayPhoneNumber, phone_number_id: options.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  });

  /** POSTs a delivery to the webhook, signed with the app secret over the exact bytes sent. */
  async function post(payload: unknown): Promise<{ status: number; body: string }> {
    if (!options.webhookUrl) throw new Error('no webhook URL configured');
    const raw = asciiJson(payload);
    const signature = createHmac('sha256', options.appSecret).update(raw).digest('hex');
    const res = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: await res.text() };
  }

  const reportStatus = (message: StandInWhatsAppMessage, status: 'sent' | 'delivered') => {
    message.status = status;
    const callback = message.body.biz_opaque_callback_data;
    post(
      envelope({
        statuses: [
          {
            id: message.id,
            status,
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: message.to,
            ...(typeof callback === 'string' ? { biz_opaque_callback_data: callback } : {}),
            conversation: { id: randomBytes(16).toString('hex'), origin: { type: 'service' } },
            pricing: {
              billable: false,
              pricing_model: 'PMP',
              category: 'service',
              type: 'free_customer_service',
            },
          },
        ],
      }),
    ).catch((err: unknown) => options.logger?.debug({ err, id: message.id }, 'status webhook not delivered'));
  };

  const scheduleStatuses = (message: StandInWhatsAppMessage) => {
    if (statusDelayMs === null || !options.webhookUrl) return;
    for (const [status, delay] of [
      ['sent', statusDelayMs],
      ['delivered', 2 * statusDelayMs],
    ] as const) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        reportStatus(message, status);
      }, delay);
      timers.add(timer);
    }
  };

  function send(req: StandInRequest, phoneNumberId: string): StandInResponse {
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth || !sameSecret(auth[1]!, options.accessToken))
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (phoneNumberId !== options.phoneNumberId)
      return graphError(
        400,
        100,
        `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        'GraphMethodException',
      );
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return graphError(400, 100, '(#100) The request body is not valid JSON.');
    }
    if (body.messaging_product !== 'whatsapp')
      return graphError(400, 100, '(#100) The parameter messaging_product is required.');
    const to = waIdOf(body.to);
    if (!to) return graphError(400, 100, '(#100) Invalid parameter: to');
    const type = typeof body.type === 'string' ? body.type : 'text';
    let text: string | null = null;
    if (type === 'text') {
      const b = (body.text as { body?: unknown } | undefined)?.body;
      if (typeof b !== 'string' || b.trim() === '')
        return graphError(400, 100, "(#100) The parameter text['body'] is required.");
      if (b.length > 4096)
        return graphError(400, 100, "(#100) Param text['body'] must be at most 4096 characters long.");
      text = b;
    }
    const message: StandInWhatsAppMessage = {
      id: newWamid(to),
      to,
      type,
      text,
      body,
      status: 'accepted',
      acceptedAt: new Date().toISOString(),
    };
    sent.push(message);
    if (sent.length > CAPACITY) sent = sent.slice(-CAPACITY);
    scheduleStatuses(message);
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: String(body.to), wa_id: to }],
        messages: [{ id: message.id }],
      },
    };
  }

  async function deliverText(input: { from: string; name: string; text: string; id?: string }) {
    const id = input.id ?? newWamid(input.from);
    const at = Math.floor(Date.now() / 1000);
    const answer = await post(
      envelope({
        contacts: [{ profile: { name: input.name }, wa_id: input.from }],
        messages: [{ from: input.from, id, timestamp: String(at), type: 'text', text: { body: input.text } }],
      }),
    );
    inbound.push({
      id,
      from: input.from,
      name: input.name,
      text: input.text,
      at: new Date(at * 1000).toISOString(),
      answeredWith: answer.status,
    });
    if (inbound.length > CAPACITY) inbound = inbound.slice(-CAPACITY);
    return { id, ...answer };
  }

  async function handle(req: StandInRequest): Promise<StandInResponse | undefined> {
    const sendPath = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.path);
    if (req.method === 'POST' && sendPath) return send(req, decodeURIComponent(sendPath[1]!));

    if (req.method === 'GET' && req.path === '/_control/messages') {
      const to = waIdOf(req.query.get('to') ?? '');
      return { status: 200, body: { messages: to ? sent.filter((m) => m.to === to) : sent } };
    }
    if (req.method === 'GET' && req.path === '/_control/inbound') return { status: 200, body: { inbound } };
    if (req.method === 'POST' && req.path === '/_control/inbound') {
      if (!options.webhookUrl)
        return { status: 409, body: { error: { message: 'no webhook URL configured' } } };
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return { status: 400, body: { error: { message: 'the body must be JSON' } } };
      }
      const from = waIdOf(b.from);
      if (!from)
        return { status: 400, body: { error: { message: '"from": a mobile number, e.g. 9876543210' } } };
      if (typeof b.text !== 'string' || b.text.trim() === '')
        return { status: 400, body: { error: { message: '"text" is required' } } };
      if (b.id !== undefined && (typeof b.id !== 'string' || b.id === ''))
        return { status: 400, body: { error: { message: '"id", when given, is an earlier message id' } } };
      const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim() : 'WhatsApp user';
      const delivered = await deliverText({
        from,
        name,
        text: b.text,
        ...(b.id ? { id: b.id } : {}),
      });
      return {
        status: 200,
        body: { messageId: delivered.id, webhook: { status: delivered.status, body: delivered.body } },
      };
    }
    if (req.method === 'POST' && req.path === '/_control/subscribe') {
      if (!options.webhookUrl || !options.verifyToken)
        return { status: 409, body: { error: { message: 'no webhook URL or verify token configured' } } };
      const challenge = String(randomBytes(4).readUInt32BE());
      const url = new URL(options.webhookUrl);
      url.searchParams.set('hub.mode', 'subscribe');
      url.searchParams.set('hub.verify_token', options.verifyToken);
      url.searchParams.set('hub.challenge', challenge);
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      return {
        status: 200,
        body: { status: res.status, verified: res.status === 200 && text === challenge },
      };
    }
    if (req.method === 'POST' && req.path === '/_control/reset') {
      sent = [];
      inbound = [];
      return { status: 200, body: { reset: true } };
    }
    return undefined;
  }

  return {
    prefix: '/whatsapp',
    handle,
    messages: () => [...sent],
    inbound: () => [...inbound],
    deliverText,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
