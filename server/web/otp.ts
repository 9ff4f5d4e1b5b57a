// Citizens sign in with their mobile number and a one-time password sent by SMS (through the
// message outbox, like every other SMS). Codes are stored hashed, work once, expire in 5 minutes
// and allow 5 tries; a mobile may ask for at most 3 codes in 15 minutes, and one address (IP) for
// at most 30 (a Common Service Centre signs many citizens in; a script sending to many numbers stops).
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { renderMessage } from '../../lib/messages';
import { BadRequest, TooManyRequests } from '../errors';

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_TRIES = 5;
const SENDS_PER_WINDOW = 3;
const SEND_WINDOW_MS = 15 * 60_000;
export const SENDS_PER_IP_PER_WINDOW = 30;

/**
 * Code sends per client address in a sliding window, in this server process's memory (a second
 * server process keeps its own count: the per-mobile limit in PostgreSQL is the one that holds
 * across processes). Answers 429 with Retry-After when the window is full.
 */
export function createSendLimiter(
  options: { perWindow?: number; windowMs?: number; now?: () => number } = {},
) {
  const perWindow = options.perWindow ?? SENDS_PER_IP_PER_WINDOW;
  const windowMs = options.windowMs ?? SEND_WINDOW_MS;
  const now = options.now ?? Date.now;
  const sends = new Map<string, number[]>();
  return {
    /** Counts one send from `ip`, or throws 429 saying when the oldest send leaves the window. */
    take(ip: string): void {
      const t = now();
      if (sends.size > 10_000) {
        for (const [key, times] of sends) if (times.every((x) => x <= t - windowMs)) sends.delete(key);
      }
      const recent = (sends.get(ip) ?? []).filter((x) => x > t - windowMs);
      if (recent.length >= perWindow) {
        sends.set(ip, recent);
        throw new TooManyRequests(
          {
            en: 'Too many sign-in codes asked from this connection. Wait a while and try again.',
            hi: 'इस कनेक्शन से बहुत बार साइन-इन कोड माँगा गया। कुछ देर बाद फिर प्रयास करें।',
          },
          'otp_rate_limited_ip',
          Math.max(1, Math.ceil((recent[0]! + windowMs - t) / 1000)),
        );
      }
      recent.push(t);
      sends.set(ip, recent);
    },
  };
}

export function checkMobile(value: unknown): string {
  const mobile = typeof value === 'string' ? value.replace(/[\s-]/g, '').replace(/^(\+91|0)/, '') : '';
  if (!/^[6-9]\d{9}$/.test(mobile)) {
    throw new BadRequest(
      {
        en: 'Enter your 10-digit mobile number, e.g. 9876543210.',
        hi: 'अपना 10 अंकों का मोबाइल नंबर लिखें, जैसे 9876543210।',
      },
      [{ field: 'mobile', message: { en: '10 digits, starting 6–9', hi: '10 अंक, 6–9 से शुरू' } }],
      'invalid_mobile',
    );
  }
  return mobile;
}

const codeHash = (secret: string, mobile: string, code: string) =>
  crypto.createHmac('sha256', secret).update(`otp:${mobile}:${code}`).digest('hex');

/** Creates a code for the mobile and queues the SMS; the code itself is never returned. */
export async function sendSignInCode(db: Knex, secret: string, mobile: string): Promise<void> {
  const recent = await db('otpChallenges')
    .where({ mobile })
    .andWhere('createdAt', '>', new Date(Date.now() - SEND_WINDOW_MS))
    .count<{ count: string }[]>('* as count');
  if (Number(recent[0]?.count ?? 0) >= SENDS_PER_WINDOW) {
    throw new TooManyRequests(
      {
        en: 'Too many codes asked for this number. Wait 15 minutes and try again.',
        hi: 'इस नंबर के लिए बहुत बार कोड माँगा गया। 15 मिनट बाद फिर प्रयास करें।',
      },
      'otp_rate_limited',
      SEND_WINDOW_MS / 1000,
    );
  }
  await db('otpChallenges')
    .where('createdAt', '<', new Date(Date.now() - 24 * 3600_000))
    .delete(); // housekeeping
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (trx) => {
    const [row] = await trx('otpChallenges')
      .insert({
        mobile,
        codeHash: codeHash(secret, mobile, code),
        expiresAt: new Date(Date.now() + OTP_TTL_MS),
      })
      .returning('id');
    const body = renderMessage('sign-in-code', { code });
    await trx('outboxMessages').insert({
      dedupeKey: `sign-in-code:${row.id}`,
      recipientMobile: mobile,
      template: 'sign-in-code',
      params: { code },
      bodyEn: body.en,
      bodyHi: body.hi,
    });
  });
}

const wrongCode = (left: number) =>
  new BadRequest(
    {
      en: `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
      hi: `यह कोड सही नहीं है। ${left} प्रयास शेष।`,
    },
    [{ field: 'code', message: { en: 'wrong code', hi: 'गलत कोड' } }],
    'wrong_code',
  );

/** Checks a code against the mobile's latest live challenge; uses it up when right. */
export async function checkSignInCode(
  db: Knex,
  secret: string,
  mobile: string,
  code: unknown,
): Promise<void> {
  const challenge = await db('otpChallenges')
    .where({ mobile })
    .whereNull('usedAt')
    .andWhere('expiresAt', '>', new Date())
    .orderBy('id', 'desc')
    .first();
  if (!challenge || challenge.attempts >= OTP_MAX_TRIES) {
    throw new BadRequest(
      {
        en: 'This code has expired or was tried too often. Ask for a new code.',
        hi: 'यह कोड समाप्त हो गया है या बहुत बार आज़माया गया। नया कोड माँगें।',
      },
      [{ field: 'code', message: { en: 'ask for a new code', hi: 'नया कोड माँगें' } }],
      'code_expired',
    );
  }
  const sent = typeof code === 'string' ? code.trim() : '';
  const expected = Buffer.from(challenge.codeHash, 'hex');
  const given = Buffer.from(codeHash(secret, mobile, sent), 'hex');
  if (!/^\d{6}$/.test(sent) || !crypto.timingSafeEqual(expected, given)) {
    const [updated] = await db('otpChallenges')
      .where({ id: challenge.id })
      .increment('attempts', 1)
      .returning('attempts');
    throw wrongCode(OTP_MAX_TRIES - Number(updated.attempts));
  }
  // Single use, also against two tabs racing with the same code.
  const used = await db('otpChallenges')
    .where({ id: challenge.id })
    .whereNull('usedAt')
    .update({ usedAt: new Date() });
  if (used !== 1) throw wrongCode(0);
}
