// What page handlers share: the page context (language, who is signed in, CSRF token), rendering
// through the layout, flash messages that survive one redirect, and the guards that send a
// visitor to sign in or refuse them. Pages are the same Koa app as the API; only the body differs.
import type { Context } from 'koa';
import type { Bilingual } from '../i18n';
import { AppError } from '../errors';
import { layout, type PageContext, type Viewer } from '../../templates/layout';
import type { Html } from '../../templates/html';
import { cookieOptions } from '../web/session';

const FLASH_COOKIE = 'jansetu_flash';

export function pageContext(ctx: Context): PageContext {
  const pc = ctx.state.page as PageContext | undefined;
  if (!pc) throw new Error('pageContext: the pages middleware has not run');
  return pc;
}

export function render(ctx: Context, title: Bilingual, body: Html, status = 200): void {
  const pc = pageContext(ctx);
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Content-Language', pc.lang);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = layout(pc, title, body);
}

/** Redirects after a POST (so a reload does not send it twice), with a message for the next page. */
export function redirect(ctx: Context, to: string, flash?: { kind: 'ok' | 'error'; text: Bilingual }): void {
  if (flash)
    ctx.cookies.set(
      FLASH_COOKIE,
      Buffer.from(JSON.stringify(flash)).toString('base64url'),
      cookieOptions(ctx, 60_000),
    );
  ctx.status = 303;
  ctx.redirect(to);
}

/** Reads (and clears) the flash left by the previous request. */
export function takeFlash(ctx: Context, lang: 'hi' | 'en'): PageContext['flash'] {
  const raw = ctx.cookies.get(FLASH_COOKIE);
  if (!raw) return undefined;
  ctx.cookies.set(FLASH_COOKIE, null, cookieOptions(ctx));
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as {
      kind: 'ok' | 'error';
      text: Bilingual;
    };
    const text = f.text?.[lang];
    return (f.kind === 'ok' || f.kind === 'error') && typeof text === 'string'
      ? { kind: f.kind, text }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Thrown by the guards when nobody (or the wrong kind of person) is signed in. */
export class SignInFirst extends Error {
  constructor(readonly where: '/signin' | '/staff/signin') {
    super('sign in first');
  }
}

export function requireCitizen(ctx: Context): string {
  const v = pageContext(ctx).viewer;
  if (v?.kind !== 'citizen') throw new SignInFirst('/signin');
  return v.mobile;
}

export type StaffViewer = Extract<NonNullable<Viewer>, { kind: 'staff' }>;

/** The signed-in staff member holding one of `roles` (admin passes everywhere), else sign-in/403. */
export function requireStaffRole(ctx: Context, roles: string[]): StaffViewer {
  const v = pageContext(ctx).viewer;
  if (v?.kind !== 'staff') throw new SignInFirst('/staff/signin');
  if (!v.roles.includes('admin') && !roles.some((r) => v.roles.includes(r))) {
    throw new AppError(403, 'forbidden', {
      en: 'Your role does not give access to this page.',
      hi: 'आपकी भूमिका से यह पृष्ठ उपलब्ध नहीं है।',
    });
  }
  return v;
}

/** A posted form's text field, trimmed; '' when missing. */
export function formText(ctx: Context, name: string): string {
  const value = (ctx.request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A safe local path to return to after sign-in (never another site). */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}
