// The WhatsApp Cloud API webhook (mounted outside /api/v1: Meta calls it, with its own
// verification handshake and signature, and the signature covers the raw bytes of the body).
//
//   GET  /webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
//        → 200 the challenge as text when the token is WHATSAPP_VERIFY_TOKEN, else 403
//   POST /webhooks/whatsapp   X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body, WHATSAPP_APP_SECRET>
//        → 401 and nothing done when the signature is missing or wrong; else 200 at once:
//        statuses[] are recorded on the outbox rows they name, and each new message (by its wamid;
//        a redelivery is ignored) is handed to the bot (server/whatsapp/bot.ts) after the answer.
import Router from '@koa/router';
import crypto from 'node:crypto';
import type { Context } from 'koa';
import { recordDeliveryStatus } from '../../lib/messaging/delivery-status';
import type { AppDeps } from '../app';
import { AppError, BadRequest, tooLarge } from '../errors';
import { createWhatsAppBot } from '../whatsapp/bot';
import { readDelivery, SIGNATURE_HEADER, signatureValid } from '../whatsapp/webhook';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

/** Meta's deliveries are small (a few messages or statuses); this is ample. */
const MAX_BODY_BYTES = 512 * 1024;
/** How often a server looks for messages whose processing died. */
const SWEEP_EVERY_MS = 30_000;

async function rawBody(ctx: Context): Promise<Buffer> {
  // A declared length over the limit is refused before a byte is read; a body that grows past it anyway, as soon as it does.
  if (Number(ctx.get('content-length')) > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sameText(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function whatsappRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { config, db, logger } = deps;
  const bot = createWhatsAppBot({ db, temporal: deps.temporal, logger });
  let lastSweep = 0;

  router.get(WHATSAPP_WEBHOOK_PATH, (ctx) => {
    const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = ctx.query;
    if (
      mode === 'subscribe' &&
      typeof token === 'string' &&
      sameText(token, config.whatsappVerifyToken) &&
      typeof challenge === 'string'
    ) {
      ctx.type = 'text/plain';
      ctx.body = challenge;
      return;
    }
    throw new AppError(403, 'verification_failed', {
      en: 'The webhook verification token is not right.',
      hi: 'वेबहुक सत्यापन टोकन सही नहीं है।',
    });
  });

  router.post(WHATSAPP_WEBHOOK_PATH, async (ctx) => {
    const raw = await rawBody(ctx);
    if (!signatureValid(raw, ctx.get(SIGNATURE_HEADER) || undefined, config.whatsappAppSecret)) {
      throw new AppError(401, 'bad_signature', {
        en: 'The X-Hub-Signature-256 signature is missing or wrong.',
        hi: 'X-Hub-Signature-256 हस्ताक्षर नहीं है या गलत है।',
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequest({ en: 'The body is not JSON.', hi: 'अनुरोध का मुख्य भाग JSON नहीं है।' });
    }
    const delivery = readDelivery(body, config.whatsappPhoneNumberId);
    for (const s of delivery.statuses) {
      const result = await recordDeliveryStatus(db, s.providerId, s.status, s.at, s.error);
      if (result === 'unknown')
        logger.debug({ providerId: s.providerId }, 'WhatsApp status for an unknown message');
    }
    const claimed = await bot.claim(delivery.messages);
    if (delivery.skipped > 0) logger.debug({ skipped: delivery.skipped }, 'WhatsApp webhook items skipped');

    // Answer now (Meta retries slow answers); the dialogue and its effects run after.
    ctx.status = 200;
    ctx.body = {
      received: delivery.messages.length,
      new: claimed.length,
      statuses: delivery.statuses.length,
    };
    const sweep = Date.now() - lastSweep > SWEEP_EVERY_MS;
    if (sweep) lastSweep = Date.now();
    void (async () => {
      await bot.process(claimed);
      if (sweep) await bot.sweep();
    })().catch((err: unknown) => logger.error({ err }, 'WhatsApp processing failed'));
  });

  return router;
}
