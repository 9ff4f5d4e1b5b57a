// Security headers on every response, pages, API and errors alike: a strict Content-Security-Policy
// (only our own scripts, styles, fonts and images; no framing; forms post only to us), no MIME
// sniffing, no referrer leaking case numbers to other sites, no powerful browser features, and
// HSTS when the public URL is https. The API docs page (Swagger UI) needs inline styles.
import type { Context, Next } from 'koa';

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export function securityHeaders(opts: { https: boolean }) {
  return async function securityHeadersMiddleware(ctx: Context, next: Next): Promise<void> {
    ctx.set('Content-Security-Policy', ctx.path.startsWith('/api/docs') ? DOCS_CSP : STRICT_CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (opts.https) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
