// Cross-site request forgery protection for the pages' forms: every visitor gets a random,
// HttpOnly cookie; each form carries an HMAC of it; a POST whose `_csrf` does not match is
// refused. Another site can make a browser post, but it can neither read the cookie nor compute
// the token (and SameSite=Lax keeps the cookie off most cross-site posts in the first place).
import crypto from 'node:crypto';
import type { Context } from 'koa';
import { AppError } from '../errors';
import { cookieOptions } from './session';

const CSRF_COOKIE = 'jansetu_csrf';

export function csrfToken(ctx: Context, secret: string): string {
  let seed = ctx.cookies.get(CSRF_COOKIE);
  if (!seed || !/^[\w-]{32,}$/.test(seed)) {
    seed = crypto.randomBytes(24).toString('base64url');
    ctx.cookies.set(CSRF_COOKIE, seed, cookieOptions(ctx));
  }
  return crypto.createHmac('sha256', secret).update(`csrf:${seed}`).digest('base64url');
}

export function checkCsrf(ctx: Context, secret: string): void {
  const seed = ctx.cookies.get(CSRF_COOKIE);
  const sent = (ctx.request.body as { _csrf?: unknown } | undefined)?._csrf;
  const expected = seed && crypto.createHmac('sha256', secret).update(`csrf:${seed}`).digest('base64url');
  const ok =
    typeof sent === 'string' &&
    typeof expected === 'string' &&
    sent.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    throw new AppError(403, 'csrf', {
      en: 'This form has expired or came from another site. Go back, reload the page and send it again.',
      hi: 'यह फ़ॉर्म पुराना हो गया है या किसी अन्य साइट से आया है। वापस जाएँ, पृष्ठ फिर से खोलें और दोबारा भेजें।',
    });
  }
}
