// CM Helpline 181 over HTTP: registration from every channel, status for the citizen and the
// officers on the case, officers' actions (Temporal updates), the citizen's reply and feedback,
// and the reference lists the forms need (subjects, schemes).
import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Context } from 'koa';
import { authorize, CHANNEL_ROLES } from '../../lib/authorization';
import type { TemporalClient } from '../../lib/temporal/connection';
import {
  citizenReply,
  recordFeedback,
  type ComplaintState,
  type Feedback,
} from '../../workflows/complaint-messages';
import type { AppDeps } from '../app';
import { apiSubject, enforce, permit, staffCodeOf } from '../auth';
import { COMPLAINT_CHANNELS, createComplaintIntake } from '../complaints/intake';
import {
  complaintAction,
  complaintActionPermission,
  complaintFacts,
  runComplaintAction,
} from '../complaints/officer-actions';
import { BadRequest, NotFound } from '../errors';
import { checkIdempotencyKey, runAction, safeDecode } from './applications';

export function complaintNumberFrom(param: string | undefined): string {
  const value = safeDecode(param ?? '').toUpperCase();
  if (/^CMH[-/]\d{4}[-/]\d{6,}$/.test(value)) return value.replace(/-/g, '/');
  throw new NotFound(
    {
      en: `"${param}" is not a complaint number like CMH/2026/000123.`,
      hi: `"${param}" CMH/2026/000123 जैसा शिकायत क्रमांक नहीं है।`,
    },
    'unknown_complaint',
  );
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The citizen answers the officer's question on their complaint (the workflow checks who). */
export function citizenReplyTo(
  temporal: TemporalClient,
  number: string,
  reply: { mobile: string; text: string },
): Promise<ComplaintState> {
  return runAction(number, () =>
    temporal.client.workflow.getHandle(number).executeUpdate(citizenReply, { args: [reply] }),
  );
}

/** The answer to the satisfaction question on a resolved complaint: satisfied must be a yes or no. */
export function complaintFeedback(
  temporal: TemporalClient,
  number: string,
  given: Omit<Feedback, 'satisfied'> & { satisfied: unknown },
): Promise<ComplaintState> {
  if (typeof given.satisfied !== 'boolean') {
    throw new BadRequest(
      {
        en: 'Say whether you are satisfied: "satisfied": true or false.',
        hi: 'बताएँ कि आप संतुष्ट हैं या नहीं: "satisfied": true या false।',
      },
      [{ field: 'satisfied', message: { en: 'true or false', hi: 'true या false' } }],
    );
  }
  const feedback: Feedback = { ...given, satisfied: given.satisfied };
  return runAction(number, () =>
    temporal.client.workflow.getHandle(number).executeUpdate(recordFeedback, { args: [feedback] }),
  );
}

/** Channels other than the web portal are entered by staff or trusted systems (API and 181 console). */
export { CHANNEL_ROLES } from '../../lib/authorization';

/**
 * Mahila Helpline cases never appear in general lists: only to admins, their counsellor and the
 * officer they are with (the list's side of complaint.read in lib/authorization.ts).
 */
export function onlyListable(q: Knex.QueryBuilder, staff: { code: string; roles: readonly string[] }): void {
  if (staff.roles.includes('admin')) return;
  void q.where(
    (w) =>
      void w
        .where({ hidden: false })
        .orWhere({ assignedOfficerCode: staff.code })
        .orWhereRaw(`workflow_input #>> '{counsellor,code}' = ?`, [staff.code]),
  );
}

export interface ComplaintListFilters {
  mine?: unknown;
  status?: unknown;
  level?: unknown;
  district?: unknown;
  department?: unknown;
  breached?: unknown;
}

/**
 * Staff lists, soonest due first, 200 at most: an officer's own open complaints (mine=1, and all an
 * officer without a list role sees), or filtered lists for agents and admins. An officer's list is
 * read in due order from `complaints_officer_inbox_idx`, however many complaints they hold.
 */
export function complaintList(
  db: Knex,
  staff: { code: string; roles: readonly string[] },
  filters: ComplaintListFilters,
): Knex.QueryBuilder {
  const q = db('complaints')
    .orderBy([{ column: 'levelDueAt', order: 'asc' }, 'number'])
    .limit(200);
  const { status, level, district, department, breached, mine } = filters;
  if (mine === '1' || !staff.roles.some((r) => ['admin', 'agent_181', 'counsellor'].includes(r))) {
    void q.where({ assignedOfficerCode: staff.code }).whereNotIn('status', ['closed']);
  }
  onlyListable(q, staff);
  if (typeof status === 'string') void q.where({ status });
  if (typeof level === 'string') void q.where({ level });
  if (typeof district === 'string') void q.where({ districtCode: district });
  if (typeof department === 'string') void q.where({ departmentCode: department });
  if (breached === 'true' || breached === 'false') void q.where({ breached: breached === 'true' });
  return q.select(
    'number',
    'callType',
    'status',
    'level',
    'departmentCode',
    'subjectCode',
    'districtCode',
    'assignedOfficerCode',
    'queue',
    'levelDueAt',
    'breached',
    'closure',
    'receivedAt',
  );
}

export function complaintRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;
  const register = createComplaintIntake({ db, temporal: deps.temporal });
  const notFound = (number: string) =>
    new NotFound(
      { en: `No complaint ${number} is visible to you.`, hi: `शिकायत ${number} आपको उपलब्ध नहीं है।` },
      'unknown_complaint',
    );

  /** The complaint row and the caller, if lib/authorization.ts gives them `permission` on it. */
  async function complaintFor(
    ctx: Context,
    number: string,
    permission:
      | 'complaint.read'
      | 'complaint.act'
      | 'complaint.decide-transfer'
      | 'complaint.counsel'
      | 'complaint.reply'
      | 'complaint.feedback',
  ) {
    const row = await db('complaints').where({ number }).first();
    if (!row) throw notFound(number);
    const subject = await apiSubject(ctx, deps);
    enforce(authorize(permission, subject, complaintFacts(row)), () => notFound(number));
    return { row, subject };
  }

  router.get('/complaint-subjects', async (ctx) => {
    const q = db('complaintSubjects')
      .orderBy(['departmentCode', 'code'])
      .select('code', 'departmentCode', 'nameEn', 'nameHi');
    if (typeof ctx.query.department === 'string') void q.where({ departmentCode: ctx.query.department });
    ctx.body = { subjects: await q };
  });

  router.get('/schemes', async (ctx) => {
    const rows: { code: string; article: Record<string, unknown> }[] = await db('schemes')
      .orderBy('code')
      .select('code', 'article');
    const q = typeof ctx.query.q === 'string' ? ctx.query.q.toLowerCase().trim() : '';
    ctx.body = {
      schemes: rows
        .map((r) => r.article)
        .filter((a) => !q || JSON.stringify([a.nameEn, a.nameHi, a.keywords]).toLowerCase().includes(q)),
    };
  });

  router.post('/complaints', async (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const channel = (b.channel ?? 'web') as string;
    if (!(COMPLAINT_CHANNELS as string[]).includes(channel)) {
      throw new BadRequest({
        en: `channel must be one of ${COMPLAINT_CHANNELS.join(', ')}.`,
        hi: `channel इनमें से एक हो: ${COMPLAINT_CHANNELS.join(', ')}।`,
      });
    }
    if (CHANNEL_ROLES[channel]) {
      enforce(authorize('complaint.intake', await apiSubject(ctx, deps), { channel }));
    }
    const key = checkIdempotencyKey(ctx.get('idempotency-key') || null);
    const result = await register({
      ...b,
      callType: b.callType,
      channel: channel as never,
      citizen: b.citizen,
      place: b.place,
      idempotencyKey: key,
    });
    ctx.status = result.duplicateOf || result.repeated ? 200 : 201;
    ctx.body = result;
  });

  /** Staff lists: an officer's own open complaints (mine=1), or filtered lists for agents and admins. */
  router.get('/complaints', async (ctx) => {
    const subject = await permit(ctx, deps, 'complaint.list');
    if (subject.kind !== 'staff') throw new Error('complaint.list allowed to a non-staff subject');
    ctx.body = { complaints: await complaintList(db, subject, ctx.query) };
  });

  router.get('/complaints/:number', async (ctx) => {
    const number = complaintNumberFrom(ctx.params.number);
    const { row } = await complaintFor(ctx, number, 'complaint.read');
    const [events, attachments] = await Promise.all([
      db('complaintEvents')
        .where({ complaintNumber: number })
        .orderBy('seq')
        .select('seq', 'at', 'type', 'actor', 'details'),
      db('complaintAttachments')
        .where({ complaintNumber: number })
        .orderBy('createdAt')
        .select('id', 'fileName', 'mimeType', 'sizeBytes'),
    ]);
    const state = row.state as ComplaintState | null;
    ctx.body = {
      complaintNumber: number,
      callType: row.callType,
      subType: row.subType,
      channel: row.channel,
      status: row.status,
      level: row.level,
      department: row.departmentCode,
      subject: row.subjectCode,
      assignedTo: row.assignedOfficerCode,
      queue: row.queue,
      routingFlagged: row.routingFlagged,
      levelDueAt: row.levelDueAt,
      breached: row.breached,
      closure: row.closure,
      resolution: state?.resolution ?? null,
      escalations: state?.escalations ?? [],
      attachments: attachments.map((a) => ({ ...a, url: `/api/v1/attachments/${a.id as string}` })),
      timeline: events,
    };
  });

  router.post('/complaints/:number/actions/:action', async (ctx) => {
    const number = complaintNumberFrom(ctx.params.number);
    const action = complaintAction(ctx.params.action);
    const { subject } = await complaintFor(ctx, number, complaintActionPermission(action));
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    ctx.body = await runComplaintAction(deps, number, action, b, staffCodeOf(subject));
  });

  router.post('/complaints/:number/reply', async (ctx) => {
    const number = complaintNumberFrom(ctx.params.number);
    await complaintFor(ctx, number, 'complaint.reply');
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    ctx.body = await citizenReplyTo(deps.temporal, number, { mobile: text(b.mobile), text: text(b.text) });
  });

  /** The satisfaction question: by the citizen (web) or recorded by a 181 agent on a call-back. */
  router.post('/complaints/:number/feedback', async (ctx) => {
    const number = complaintNumberFrom(ctx.params.number);
    const { subject } = await complaintFor(ctx, number, 'complaint.feedback');
    const staff = subject.kind === 'staff' ? subject : null;
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    ctx.body = await complaintFeedback(deps.temporal, number, {
      satisfied: b.satisfied,
      via: staff ? 'call-back' : 'web',
      recordedBy: staff ? staff.code : text(b.mobile),
      remarks: text(b.remarks) || undefined,
    });
  });

  return router;
}
