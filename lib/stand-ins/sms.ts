// A stand-in SMS gateway (mounted at /sms), speaking the API lib/messaging/sms-gateway.ts sends to:
// POST /v1/messages with a bearer key and an Idempotency-Key (same key → same id, stored once),
// and a delivery report posted back to the message's reportUrl a moment later. It sends nothing.
// `_control` routes for tests and demos:
//   GET  /sms/_control/messages          every accepted message (with how many requests carried its key)
//   GET  /sms/_control/requests          every send request and the status it was answered with
//   POST /sms/_control/fail-next?count=N the next N sends answer 503 (nothing stored)
//   POST /sms/_control/delay?ms=N        sends are stored at once but answered N ms later
//   POST /sms/_control/reset             forget everything
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger';
import { MAX_SMS_SEGMENTS, smsText } from '../messaging/compose';
import type { StandInPart, StandInRequest, StandInResponse } from './server';

export interface StandInSms {
  id: string;
  idempotencyKey: string | null;
  to: string;
  sender: string;
  text: string;
  unicode: boolean;
  segments: number;
  reportUrl: string | null;
  status: 'queued' | 'delivered';
  acceptedAt: string;
  /** Send requests that carried this message's idempotency key (1 unless the sender retried). */
  requests: number;
}

export interface StandInSmsRequest {
  at: string;
  idempotencyKey: string | null;
  status: number;
}

export interface SmsStandInOptions {
  apiKey: string;
  logger?: Logger;
  /** Delay of the `delivered` report to a message's reportUrl; 1 s by default; null sends none. */
  reportDelayMs?: number | null;
}

export type SmsStandIn = StandInPart & {
  messages(): StandInSms[];
  requests(): StandInSmsRequest[];
};

/** What the stand-in keeps; beyond it the oldest messages (and their idempotency keys) are forgotten. */
const CAPACITY = 50_000;

const problem = (status: number, code: string, message: string): StandInResponse => ({
  status,
  body: { error: { code, message } },
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createSmsGatewayStandIn(options: SmsStandInOptions): SmsStandIn {
  const reportDelayMs = options.reportDelayMs === undefined ? 1_000 : options.reportDelayMs;
  const byKey = new Map<string, StandInSms>();
  const byId = new Map<string, StandInSms>();
  let requests: StandInSmsRequest[] = [];
  let failNext = 0;
  let delayMs = 0;
  const timers = new Set<NodeJS.Timeout>();

  const remember = (sms: StandInSms) => {
    byId.set(sms.id, sms);
    if (sms.idempotencyKey) byKey.set(sms.idempotencyKey, sms);
    if (byId.size > CAPACITY) {
      const [oldest] = byId.values();
      byId.delete(oldest!.id);
      if (oldest!.idempotencyKey) byKey.delete(oldest!.idempotencyKey);
    }
  };

  /** The handset got it: tell Jan Setu, as a gateway's delivery-report callback would. */
  const scheduleReport = (sms: StandInSms) => {
    if (reportDelayMs === null || !sms.reportUrl) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      sms.status = 'delivered';
      fetch(sms.reportUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({
          reports: [{ id: sms.id, status: 'delivered', at: new Date().toISOString() }],
        }),
        signal: AbortSignal.timeout(5_000),
      }).catch((err: unknown) => options.logger?.debug({ err, id: sms.id }, 'delivery report not delivered'));
    }, reportDelayMs);
    timers.add(timer);
  };

  async function send(req: StandInRequest): Promise<StandInResponse> {
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth || !sameSecret(auth[1]!, options.apiKey)) {
      return problem(401, 'unauthorized', 'send your API key as "Authorization: Bearer …"');
    }
    if (failNext > 0) {
      failNext -= 1;
      return problem(503, 'unavailable', 'gateway temporarily unavailable (stand-in fail-next)');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return problem(400, 'bad_json', 'the body must be JSON');
    }
    const { to, sender, text, unicode, reportUrl } = body;
    if (typeof to !== 'string' || !/^\+91[6-9]\d{9}$/.test(to))
      return problem(400, 'bad_to', '"to" must be an Indian mobile number in E.164 form, e.g. +919876543210');
    if (typeof sender !== 'string' || !/^[A-Za-z0-9]{3,11}$/.test(sender))
      return problem(400, 'bad_sender', '"sender" must be a registered header of 3 to 11 letters or digits');
    if (typeof text !== 'string' || text.trim() === '') return problem(400, 'bad_text', '"text" is required');
    if (typeof unicode !== 'boolean') return problem(400, 'bad_unicode', '"unicode" must be true or false');
    if (reportUrl !== undefined && (typeof reportUrl !== 'string' || !/^https?:\/\//.test(reportUrl)))
      return problem(400, 'bad_report_url', '"reportUrl" must be an http(s) URL');
    const coded = smsText(text);
    if (coded.unicode && !unicode)
      return problem(
        400,
        'needs_unicode',
        '"text" has characters outside the GSM alphabet: send "unicode": true',
      );
    if (coded.segments > MAX_SMS_SEGMENTS)
      return problem(400, 'too_long', `"text" needs ${coded.segments} parts; at most ${MAX_SMS_SEGMENTS}`);

    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const earlier = key ? byKey.get(key) : undefined;
    let sms: StandInSms;
    let status: number;
    if (earlier) {
      if (earlier.to !== to || earlier.text !== text)
        return problem(409, 'idempotency_conflict', 'this Idempotency-Key was used for a different message');
      earlier.requests += 1;
      sms = earlier;
      status = 200;
    } else {
      sms = {
        id: `sms_${randomUUID().replace(/-/g, '')}`,
        idempotencyKey: key,
        to,
        sender,
        text,
        unicode,
        segments: coded.segments,
        reportUrl: reportUrl ?? null,
        status: 'queued',
        acceptedAt: new Date().toISOString(),
        requests: 1,
      };
      remember(sms);
      scheduleReport(sms);
      status = 202;
    }
    // Stored before the answer: a sender that dies while waiting has still had its message taken.
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return { status, body: { id: sms.id, status: sms.status } };
  }

  async function handle(req: StandInRequest): Promise<StandInResponse | undefined> {
    if (req.method === 'POST' && req.path === '/v1/messages') {
      const at = new Date().toISOString(); // when it arrived, not when it was answered
      const answer = await send(req);
      const key = req.headers['idempotency-key'];
      requests.push({ at, idempotencyKey: typeof key === 'string' ? key : null, status: answer.status });
      if (requests.length > CAPACITY) requests = requests.slice(-CAPACITY);
      return answer;
    }
    const lookup = /^\/v1\/messages\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && lookup) {
      const sms = byId.get(decodeURIComponent(lookup[1]!));
      return sms
        ? { status: 200, body: { id: sms.id, status: sms.status } }
        : problem(404, 'not_found', 'no such message');
    }
    if (req.method === 'GET' && req.path === '/_control/messages')
      return { status: 200, body: { messages: [...byId.values()] } };
    if (req.method === 'GET' && req.path === '/_control/requests') return { status: 200, body: { requests } };
    if (req.method === 'POST' && req.path === '/_control/fail-next') {
      const count = Number(req.query.get('count') ?? '1');
      if (!Number.isInteger(count) || count < 0)
        return problem(400, 'bad_count', 'count must be a whole number');
      failNext = count;
      return { status: 200, body: { failNext } };
    }
    if (req.method === 'POST' && req.path === '/_control/delay') {
      const ms = Number(req.query.get('ms') ?? '0');
      if (!Number.isInteger(ms) || ms < 0 || ms > 60_000)
        return problem(400, 'bad_ms', 'ms must be 0 to 60000');
      delayMs = ms;
      return { status: 200, body: { delayMs } };
    }
    if (req.method === 'POST' && req.path === '/_control/reset') {
      byKey.clear();
      byId.clear();
      requests = [];
      failNext = 0;
      delayMs = 0;
      return { status: 200, body: { reset: true } };
    }
    return undefined;
  }

  return {
    prefix: '/sms',
    handle,
    messages: () => [...byId.values()],
    requests: () => [...requests],
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
