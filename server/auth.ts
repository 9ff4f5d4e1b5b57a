// Who is calling, and the one place a route turns lib/authorization.ts's decision into an answer.
// API: staff by a bearer token (lib/staff-token.ts), machine clients by an API key (server/api-keys.ts)
// sent the same way, citizens by the case's mobile number (`?mobile=` or `mobile` in the body).
// Pages: the web session (server/web/session.ts), read in server/pages/context.ts.
import type { Context } from 'koa';
import { staffMember, type StaffMember } from '../db/officers';
import { authorize, type Decision, type PlainPermission, type Subject } from '../lib/authorization';
import { verifyStaffToken } from '../lib/staff-token';
import { findApiClient, looksLikeApiKey } from './api-keys';
import { AppError } from './errors';
import type { AppDeps } from './app';

/**
 * Who made this request, once a route or the pages middleware has identified them; read after the
 * request by the audit log. Citizens are not recorded there.
 */
export type Actor =
  { kind: 'staff'; code: string; roles: string[] } | { kind: 'api-client'; name: string; scopes: string[] };

export class Unauthorized extends AppError {
  constructor() {
    super(401, 'unauthorized', {
      en: 'Sign in first: send your staff token as "Authorization: Bearer …".',
      hi: 'पहले साइन इन करें: अपना स्टाफ टोकन "Authorization: Bearer …" के रूप में भेजें।',
    });
  }
}

export class Forbidden extends AppError {
  constructor(en = 'You may not do this.', hi = 'आपको यह करने की अनुमति नहीं है।') {
    super(403, 'forbidden', { en, hi });
  }
}

/** The bearer credential of the request, or null when there is no Authorization header. */
function bearer(ctx: Context): string | null {
  const header = ctx.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new Unauthorized();
  return match[1]!;
}

export async function optionalStaff(ctx: Context, deps: AppDeps): Promise<StaffMember | null> {
  const token = bearer(ctx);
  if (token === null || looksLikeApiKey(token)) return null;
  const claims = verifyStaffToken(token, deps.staffTokenSecret);
  if (!claims) throw new Unauthorized();
  const member = await staffMember(deps.db, claims.sub);
  if (!member) throw new Unauthorized();
  ctx.state.actor = { kind: 'staff', code: member.code, roles: member.roles } satisfies Actor;
  return member;
}

export async function requireStaff(ctx: Context, deps: AppDeps, roles?: string[]): Promise<StaffMember> {
  const member = await optionalStaff(ctx, deps);
  if (!member) throw new Unauthorized();
  if (roles && !roles.some((r) => member.roles.includes(r))) {
    throw new Forbidden(
      `This needs one of the roles: ${roles.join(', ')}.`,
      `इसके लिए इनमें से एक भूमिका चाहिए: ${roles.join(', ')}।`,
    );
  }
  return member;
}

/** The citizen's mobile the request names: `?mobile=`, else `mobile` in a JSON body. */
function citizenMobile(ctx: Context): string | null {
  const mobile = ctx.query.mobile ?? (ctx.request.body as { mobile?: unknown } | undefined)?.mobile;
  return typeof mobile === 'string' && mobile !== '' ? mobile : null;
}

/**
 * The subject of an API request: staff (bearer token), a machine client (bearer API key), a
 * citizen (the mobile number the request names) or nobody. A bad token or key is 401, never
 * "anonymous". Sets ctx.state.actor for staff and machine clients.
 */
export async function apiSubject(ctx: Context, deps: AppDeps): Promise<Subject> {
  const token = bearer(ctx);
  if (token !== null && looksLikeApiKey(token)) {
    const client = await findApiClient(deps.db, token);
    if (!client) throw new Unauthorized();
    ctx.state.actor = { kind: 'api-client', name: client.clientName, scopes: client.scopes } satisfies Actor;
    return { kind: 'api-client', name: client.clientName, scopes: client.scopes };
  }
  const staff = await optionalStaff(ctx, deps);
  if (staff) return { kind: 'staff', code: staff.code, roles: staff.roles };
  const mobile = citizenMobile(ctx);
  return mobile ? { kind: 'citizen', mobile } : { kind: 'anonymous' };
}

const forbidden = () =>
  new Forbidden('You may not do this on this case.', 'आप इस प्रकरण पर यह कार्यवाही नहीं कर सकते।');

/** Throws what a refusal answers: 401, 403, or `notFound()` (the caller's own "no such case"). */
export function enforce(decision: Decision, notFound: () => Error = forbidden): void {
  if (decision.allow) return;
  if (decision.status === 401) throw new Unauthorized();
  if (decision.status === 404) throw notFound();
  if (decision.roles) {
    const roles = decision.roles.join(', ');
    throw new Forbidden(`This needs one of the roles: ${roles}.`, `इसके लिए इनमें से एक भूमिका चाहिए: ${roles}।`);
  }
  throw forbidden();
}

/** Identifies the API caller and enforces a permission that looks at no case; returns the subject. */
export async function permit(ctx: Context, deps: AppDeps, permission: PlainPermission): Promise<Subject> {
  const subject = await apiSubject(ctx, deps);
  enforce(authorize(permission, subject));
  return subject;
}

/** The officer code of a subject the table has just allowed an officer's action (only staff act). */
export function staffCodeOf(subject: Subject): string {
  if (subject.kind !== 'staff') throw new Error(`an officer's action allowed to a ${subject.kind}`);
  return subject.code;
}
