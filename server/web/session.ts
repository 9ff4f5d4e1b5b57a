// Server-side web sessions. The cookie carries a random token; PostgreSQL keeps only its hash, who
// it belongs to and when it expires (idle timeout, renewed as the person keeps working). Signing
// out deletes the row, so a copied cookie is worthless afterwards.
import crypto from 'node:crypto';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { staffMember } from '../../db/officers';
import type { Viewer } from '../../templates/layout';

export const SESSION_COOKIE = 'jansetu_session';
/** Idle time after which a session ends: citizens sign in for a task, staff for a working day. */
export const IDLE_MS = { citizen: 30 * 60_000, staff: 8 * 3600_000 } as const;
const TOUCH_EVERY_MS = 60_000;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function cookieOptions(ctx: Context, maxAge?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, overwrite: true, path: '/', maxAge };
}

export async function startSession(
  ctx: Context,
  db: Knex,
  kind: 'citizen' | 'staff',
  subject: string,
): Promise<void> {
  await endSession(ctx, db); // a new sign-in never reuses an old token
  await db('webSessions').where('expiresAt', '<', new Date()).delete(); // housekeeping, indexed
  const token = crypto.randomBytes(32).toString('base64url');
  await db('webSessions').insert({
    tokenHash: hash(token),
    kind,
    subject,
    expiresAt: new Date(Date.now() + IDLE_MS[kind]),
  });
  ctx.cookies.set(SESSION_COOKIE, token, cookieOptions(ctx));
}

export async function endSession(ctx: Context, db: Knex): Promise<void> {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (token)
    await db('webSessions')
      .where({ tokenHash: hash(token) })
      .delete();
  ctx.cookies.set(SESSION_COOKIE, null, cookieOptions(ctx));
}

/** Who is signed in on this request, or null; renews the idle timeout at most once a minute. */
export async function currentViewer(ctx: Context, db: Knex): Promise<Viewer> {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (!token) return null;
  const row = await db('webSessions')
    .where({ tokenHash: hash(token) })
    .first();
  if (!row || new Date(row.expiresAt).getTime() <= Date.now()) return null;
  const kind = row.kind as 'citizen' | 'staff';
  if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db('webSessions')
      .where({ tokenHash: row.tokenHash })
      .update({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + IDLE_MS[kind]) });
  }
  if (kind === 'citizen') return { kind: 'citizen', mobile: row.subject };
  const member = await staffMember(db, row.subject);
  if (!member) return null; // deactivated since signing in
  return { kind: 'staff', ...member };
}
