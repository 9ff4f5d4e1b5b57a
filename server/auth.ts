// Who is calling: staff by a bearer token (lib/staff-token.ts), citizens by application number +
// the mobile number they applied with. Web sessions and OTP sign-in build on this later.
import type { Context } from 'koa';
import { staffMember, type StaffMember } from '../db/officers';
import { verifyStaffToken } from '../lib/staff-token';
import { AppError } from './errors';
import type { AppDeps } from './app';

/**
 * Who made this request, once a route or the pages middleware has identified them; read after the
 * request by the audit log. Citizens are not recorded there.
 */
export type Actor =
  | { kind: 'staff'; code: string; roles: string[] }
  | { kind: 'api-client'; name: string; scopes: string[] };

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

export async function optionalStaff(ctx: Context, deps: AppDeps): Promise<StaffMember | null> {
  const header = ctx.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const claims = match ? verifyStaffToken(match[1]!, deps.staffTokenSecret) : null;
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
