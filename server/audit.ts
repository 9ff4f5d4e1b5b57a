// The audit log: every action of an officer, an admin or a machine client — who, what, when, from
// where and the answer it got — as one append-only row (db/migrations/20261203000012_audit_log.ts),
// and the admins' reads of it. Citizens' own actions are not recorded here: each case's timeline
// already records what its applicant or complainant did, and this log holds no personal data (no
// names, mobiles, remarks or request bodies; route parameters, filters and outcome codes only).
import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import type { Counter } from 'prom-client';
import type { Logger } from '../lib/logger';
import type { Actor } from './auth';

/** What a handler may add to its request's audit row (ctx.state.audit), e.g. the version it made. */
export interface AuditNote {
  target?: string;
  details?: Record<string, string | number | boolean | null>;
}

/** How long an answer waits for its audit row; a slower write still finishes (or is counted). */
const WRITE_WAIT_MS = 2_000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes, and the admins' reads of sensitive data: admin pages and the payload codec. */
export function isAuditedRequest(method: string, path: string): boolean {
  if (WRITES.has(method)) return true;
  if (method === 'OPTIONS') return false; // the codec's CORS preflight
  return path.startsWith('/admin/') || path.startsWith('/codec/');
}

type Params = Record<string, string | undefined>;
const word = (value: string | undefined): string =>
  value && /^[a-z0-9-]{1,40}$/i.test(value) ? value.toLowerCase() : 'unknown';

/** Readable names of the actions, by method and route template. */
const ACTION_NAMES: Record<string, (p: Params) => string> = {
  'POST /api/v1/applications': () => 'application.submit',
  'POST /api/v1/applications/:number/actions/:action': (p) => `application.${word(p.action)}`,
  'POST /api/v1/applications/:number/appeals/:level/decision': (p) => `appeal-${word(p.level)}.decide`,
  'POST /api/v1/applications/:number/reply': () => 'application.reply',
  'POST /api/v1/applications/:number/appeal': () => 'application.appeal',
  'POST /api/v1/complaints': () => 'complaint.register',
  'POST /api/v1/complaints/:number/actions/:action': (p) => `complaint.${word(p.action)}`,
  'POST /api/v1/complaints/:number/reply': () => 'complaint.reply',
  'POST /api/v1/complaints/:number/feedback': () => 'complaint.feedback',
  'POST /api/v1/documents/:serial/revoke': () => 'document.revoke',
  'POST /api/v1/documents/:serial/reissue': () => 'document.reissue',
  'POST /api/v1/attachments': () => 'attachment.upload',
  'POST /open311/v2/requests.:format': () => 'complaint.register',
  'POST /agent/complaint': () => 'complaint.register',
  'POST /agent/information': () => 'complaint.information',
  'POST /agent/application/:service': () => 'application.submit',
  'POST /officer/applications/:number/actions/:action': (p) => `application.${word(p.action)}`,
  'POST /officer/applications/:number/appeals/:level/decision': (p) => `appeal-${word(p.level)}.decide`,
  'POST /officer/complaints/:number/actions/:action': (p) => `complaint.${word(p.action)}`,
  'POST /admin/policies/:kind': () => 'policy.publish',
  'GET /admin/cases': () => 'admin.case-search',
  'GET /admin/cases/:number': () => 'admin.case-history',
  'GET /admin/policies': () => 'admin.policies',
  'GET /admin/policies/:kind': () => 'admin.policy',
  'GET /admin/audit': () => 'admin.audit-log',
  'POST /staff/signin': () => 'staff.sign-in',
  'POST /signout': () => 'staff.sign-out',
};

const CASE_NUMBER = /^(LSG[-/][A-Z]{3}[-/]\d{4}[-/]\d{6,}|CMH[-/]\d{4}[-/]\d{6,})$/i;
/** "LSG-INC-2026-000001" (as URLs write it) → "LSG/INC/2026/000001". */
const caseNumber = (value: string) => value.toUpperCase().replace(/-/g, '/');
const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** The target of an action: what the handler named, else the route's case/document/policy, else
 *  the case the answer created (API body or the page it redirects to). */
function targetOf(ctx: Context, params: Params): string | null {
  const note = ctx.state.audit as AuditNote | undefined;
  if (note?.target) return clip(note.target, 100);
  if (params.number)
    return clip(CASE_NUMBER.test(params.number) ? caseNumber(params.number) : params.number, 100);
  const named = params.serial ?? params.kind;
  if (named) return clip(named, 100);
  const body = ctx.body as { applicationNumber?: unknown; complaintNumber?: unknown } | null | undefined;
  const created = body && typeof body === 'object' ? (body.applicationNumber ?? body.complaintNumber) : null;
  if (typeof created === 'string') return clip(created, 100);
  const location = /\/((?:LSG-[A-Z]{3}-\d{4}|CMH-\d{4})-\d{6,})(?:[/?]|$)/i.exec(
    ctx.response.get('location'),
  );
  return location ? caseNumber(location[1]!) : null;
}

function detailsOf(ctx: Context, params: Params, template: string | null): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  const shown = Object.entries(params).filter(([, v]) => typeof v === 'string');
  if (shown.length > 0) details.params = Object.fromEntries(shown.map(([k, v]) => [k, clip(v!, 100)]));
  // An admin page's filters (case numbers, codes, dates: never names or mobiles).
  if (ctx.method === 'GET' && template) {
    const query = Object.entries(ctx.query).filter(
      ([k, v]) => k !== 'lang' && /^[a-zA-Z_]{1,30}$/.test(k) && typeof v === 'string' && v !== '',
    );
    if (query.length > 0)
      details.query = Object.fromEntries(query.map(([k, v]) => [k, clip(v as string, 100)]));
  }
  const error = (ctx.body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  if (ctx.status >= 400 && typeof error === 'string') details.errorCode = error;
  const note = ctx.state.audit as AuditNote | undefined;
  return { ...details, ...note?.details };
}

interface AuditRow {
  actorKind: string;
  actorCode: string | null;
  actorRoles: string[];
  action: string;
  actionName: string | null;
  target: string | null;
  outcome: number;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: string;
}

export interface AuditDeps {
  db: Knex;
  logger: Logger;
  /** Counts audit rows that could not be written (server/metrics.ts). */
  writeFailures: Counter;
}

/**
 * Koa middleware, registered outside the error middleware so it sees the final status of failed
 * requests too. After the request, an audited request with an actor (or a staff sign-in attempt)
 * gets its row. A failed write never changes the answer (the action already happened): it is
 * logged and counted in jansetu_audit_log_write_failures_total.
 */
export function auditLog(deps: AuditDeps) {
  return async function audit(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } finally {
      if (isAuditedRequest(ctx.method, ctx.path)) await record(ctx, deps);
    }
  };
}

async function record(ctx: Context, deps: AuditDeps): Promise<void> {
  const actor = ctx.state.actor as Actor | undefined;
  // Set by the staff sign-in page: the employee code an attempt named (there is no actor yet).
  const subject = ctx.state.auditSubject as string | undefined;
  if (!actor && subject === undefined) return;
  const template = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? null;
  const matched = template !== null && template !== '(.*)' ? template : null;
  const params: Params = matched ? ((ctx.params as Params | undefined) ?? {}) : {};
  const key = `${ctx.method} ${matched ?? ''}`;
  const actionName =
    ACTION_NAMES[key]?.(params) ??
    (ctx.path.startsWith('/codec/') ? `codec.${word(ctx.path.split('/')[2])}` : null);
  const requestId = ctx.get('x-request-id');
  const row: AuditRow = {
    actorKind: actor?.kind ?? 'staff',
    actorCode: actor ? (actor.kind === 'staff' ? actor.code : actor.name) : null,
    actorRoles: actor ? (actor.kind === 'staff' ? actor.roles : actor.scopes) : [],
    action: clip(matched ? key : `${ctx.method} (no route)`, 200),
    actionName,
    target: targetOf(ctx, params),
    outcome: ctx.status,
    ip: ctx.ip || null,
    userAgent: ctx.get('user-agent') ? clip(ctx.get('user-agent'), 300) : null,
    requestId: /^[\w.:-]{1,128}$/.test(requestId) ? requestId : null,
    details: '',
  };
  const details = detailsOf(ctx, params, matched);
  const written = (async () => {
    if (subject !== undefined) {
      // A sign-in attempt names its officer only if that officer exists: a password typed into the
      // code field must not end up in the log.
      const known = subject ? await deps.db('officers').where({ code: subject }).first('code') : undefined;
      row.target = known ? subject : null;
      if (!actor) row.actorCode = row.target;
      details.codeKnown = Boolean(known);
    }
    row.details = JSON.stringify(details);
    await deps.db('auditLog').insert(row);
  })().catch((err: unknown) => {
    deps.writeFailures.inc();
    deps.logger.error({ err, action: row.action, outcome: row.outcome }, 'audit log write failed');
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    written,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, WRITE_WAIT_MS);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

// --- Reading the log (the admin page) -------------------------------------------------------------

export interface AuditFilters {
  officer?: string;
  /** Part of the route template or the readable name, any case. */
  action?: string;
  target?: string;
  /** India-time calendar days, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  rows: AuditEntry[];
  /** Keyset cursors for the neighbouring pages, null at either end. */
  newerThan: number | null;
  olderThan: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: string;
  actorCode: string | null;
  actorNameEn: string | null;
  actorNameHi: string | null;
  actorRoles: string[];
  action: string;
  actionName: string | null;
  target: string | null;
  outcome: number;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const AUDIT_PAGE_SIZE = 50;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the log, newest first: before `olderThan`, or after `newerThan`, or the newest. */
export async function auditPage(
  db: Knex,
  filters: AuditFilters,
  cursor: { before?: number; after?: number },
  size = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const filtered = () => {
    const q = db('auditLog');
    if (filters.officer) q.where('auditLog.actorCode', filters.officer);
    if (filters.target) q.where('auditLog.target', filters.target);
    if (filters.action) {
      const like = `%${escapeLike(filters.action)}%`;
      q.whereRaw('(audit_log.action ilike ? or audit_log.action_name ilike ?)', [like, like]);
    }
    if (filters.from)
      q.whereRaw(`audit_log.at >= (?::date)::timestamp AT TIME ZONE 'Asia/Kolkata'`, [filters.from]);
    if (filters.to)
      q.whereRaw(`audit_log.at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Kolkata'`, [filters.to]);
    return q;
  };
  const forward = cursor.after !== undefined; // reading towards newer rows
  const q = filtered()
    .leftJoin('officers', 'officers.code', 'auditLog.actorCode')
    .select('auditLog.*', 'officers.nameEn as actorNameEn', 'officers.nameHi as actorNameHi')
    .orderBy('auditLog.id', forward ? 'asc' : 'desc')
    .limit(size + 1);
  if (cursor.before !== undefined) q.where('auditLog.id', '<', cursor.before);
  if (forward) q.where('auditLog.id', '>', cursor.after!);
  const fetched = (await q) as (AuditEntry & { at: Date | string; id: number | string })[];
  const more = fetched.length > size;
  const page = fetched.slice(0, size);
  if (forward) page.reverse();
  const rows = page.map((r) => ({
    ...r,
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
  })) as AuditEntry[];
  const first = rows[0]?.id;
  const last = rows.at(-1)?.id;
  const exists = async (op: '<' | '>', id: number) =>
    Boolean(await filtered().where('auditLog.id', op, id).first('auditLog.id'));
  const newer =
    first === undefined ? false : forward ? more : cursor.before !== undefined && (await exists('>', first));
  const older = last === undefined ? false : forward ? await exists('<', last) : more;
  return {
    rows,
    newerThan: newer ? first! : null,
    olderThan: older ? last! : null,
  };
}
