// What page handlers share: the page context (language, who is signed in, CSRF token), rendering
// through the layout, flash messages that survive one redirect, and the guards that send a
// visitor to sign in or refuse them as lib/authorization.ts decides. Pages are the same Koa app as the API; only the body differs.
import type { Context } from 'koa';
import type { Bilingual } from '../i18n';
import { authorize, type Decision, type PlainPermission, type Subject } from '../../lib/authorization';
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

/** The subject of a page request (lib/authorization.ts): who the web session belongs to. */
export function pageSubject(ctx: Context): Subject {
  const v = pageContext(ctx).viewer;
  if (v?.kind === 'citizen') return { kind: 'citizen', mobile: v.mobile };
  if (v?.kind === 'staff') return { kind: 'staff', code: v.code, roles: v.roles };
  return { kind: 'anonymous' };
}

const roleRefused = () =>
  new AppError(403, 'forbidden', {
    en: 'Your role does not give access to this page.',
    hi: 'आपकी भूमिका से यह पृष्ठ उपलब्ध नहीं है।',
  });

/**
 * A page's answer to a decision of lib/authorization.ts: nobody signed in goes to `signIn`, a
 * refusal is the 403 page, and a case the viewer may not see is `notFound()` (as if none existed).
 */
export function enforcePage(
  decision: Decision,
  signIn: SignInFirst['where'],
  notFound: () => Error = roleRefused,
): void {
  if (decision.allow) return;
  if (decision.status === 401) throw new SignInFirst(signIn);
  if (decision.status === 404) throw notFound();
  throw decision.roles
    ? roleRefused()
    : new AppError(403, 'forbidden', {
        en: 'You may not do this on this case.',
        hi: 'आप इस प्रकरण पर यह कार्यवाही नहीं कर सकते।',
      });
}

/** The signed-in citizen's mobile ("my cases"), else the citizen sign-in. */
export function requireCitizen(ctx: Context): string {
  const subject = pageSubject(ctx);
  enforcePage(authorize('citizen.portal', subject), '/signin');
  return (subject as Extract<Subject, { kind: 'citizen' }>).mobile;
}

export type StaffViewer = Extract<NonNullable<Viewer>, { kind: 'staff' }>;

/** The signed-in staff member, if the table gives them `permission`; else sign-in or 403. */
export function requireStaffPermission(ctx: Context, permission: PlainPermission): StaffViewer;
export function requireStaffPermission(
  ctx: Context,
  permission: 'complaint.intake',
  facts: { channel: string },
): StaffViewer;
export function requireStaffPermission(
  ctx: Context,
  permission: PlainPermission | 'complaint.intake',
  facts?: { channel: string },
): StaffViewer {
  const subject = pageSubject(ctx);
  const decision =
    permission === 'complaint.intake'
      ? authorize(permission, subject, facts!)
      : authorize(permission, subject);
  enforcePage(decision, '/staff/signin');
  return pageContext(ctx).viewer as StaffViewer;
}

/**
 * The signed-in staff member holding one of `roles` (admin passes everywhere), else sign-in/403.
 * Prefer requireStaffPermission with a row of lib/authorization.ts.
 */
export function requireStaffRole(ctx: Context, roles: readonly string[]): StaffViewer {
  const v = pageContext(ctx).viewer;
  if (v?.kind !== 'staff') throw new SignInFirst('/staff/signin');
  if (!v.roles.includes('admin') && !roles.some((r) => v.roles.includes(r))) throw roleRefused();
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
