// Activities of the CPGRAMS exchange (workflows/cpgrams-exchange.ts): pull the grievances the central
// portal forwarded, register each as a CM Helpline complaint once, send status updates while it is
// handled and the Action Taken Report at closure. A grievance or push that fails is recorded on its
// row and tried again next round; a push keeps its idempotency key across attempts, so the portal
// applies it once even when an acknowledgement was lost.
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { CpgramsError, type CpgramsClient } from '../lib/cpgrams/client';
import {
  REGISTRATION_NUMBER,
  type ActionTakenReport,
  type ClosureCategory,
  type CpgramsGrievance,
  type CpgramsStatusUpdate,
} from '../lib/cpgrams/format';
import { IntakeError, type ComplaintIntakeClient } from '../lib/cpgrams/intake-client';
import { mapGrievance, type Places } from '../lib/cpgrams/mapping';
import type { Logger } from '../lib/logger';
import { istDate } from '../lib/working-days';
import type { Closure, ComplaintState } from '../workflows/complaint-messages';
import type { BatchSummary, PullSummary } from '../workflows/cpgrams-exchange';

export interface CpgramsActivityDeps {
  db: Knex;
  logger: Logger;
  cpgrams: CpgramsClient;
  /** Jan Setu's own complaint API, which registers a grievance as every channel's complaints are. */
  complaintIntake: ComplaintIntakeClient;
}

const FEED = 'grievances';
const IST_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Keys may hold only letters, digits and . _ : - (the intake's rule), so the slashes become dashes. */
const keyPart = (registrationNumber: string) => registrationNumber.replace(/\//g, '-');
export const registrationKey = (r: string) => `cpgrams:${keyPart(r)}`;
export const statusUpdateKey = (r: string, n: number) => `cpgrams-status:${keyPart(r)}:${n}`;
export const actionTakenReportKey = (r: string) => `cpgrams-atr:${keyPart(r)}`;

/** A wrong or revoked API key fails every call alike: stop this round and say so (no retries). */
function refusedCredentials(err: unknown): ApplicationFailure | null {
  if (err instanceof CpgramsError && (err.status === 401 || err.status === 403)) {
    return ApplicationFailure.nonRetryable(`${err.message} (check CPGRAMS_API_KEY)`, 'CpgramsUnauthorized');
  }
  return null;
}

const LEVEL_NAMES: Record<string, { en: string; hi: string }> = {
  L1: { en: 'block or tehsil', hi: 'विकासखंड या तहसील स्तर' },
  L2: { en: 'district', hi: 'जिला स्तर' },
  L3: { en: 'divisional or head-of-department', hi: 'संभाग या विभागाध्यक्ष स्तर' },
  L4: { en: 'state', hi: 'राज्य स्तर' },
};

/** What the citizen reads at the central portal about where the grievance is, in both languages. */
export function statusRemarks(
  complaintNumber: string,
  status: string,
  level: string,
  department: { en: string; hi: string },
  interimReply: string | null,
): { en: string; hi: string } {
  const lv = LEVEL_NAMES[level] ?? { en: level, hi: level };
  const where: Record<string, { en: string; hi: string }> = {
    counselling: {
      en: 'With a counsellor of the Mahila Helpline.',
      hi: 'महिला हेल्पलाइन की परामर्शदाता के पास।',
    },
    'awaiting-citizen': {
      en: 'The officer has asked the citizen for information; the time limit is paused.',
      hi: 'अधिकारी ने नागरिक से जानकारी माँगी है; समय-सीमा रुकी है।',
    },
    'transfer-requested': {
      en: 'Being transferred to the department it belongs to.',
      hi: 'संबंधित विभाग को स्थानांतरण प्रक्रियाधीन है।',
    },
    resolved: {
      en: 'Resolved by the officer; waiting for the citizen’s feedback.',
      hi: 'अधिकारी द्वारा निराकृत; नागरिक की प्रतिक्रिया की प्रतीक्षा है।',
    },
  };
  const base = where[status] ?? {
    en: `With the ${lv.en} officer (${level}) of the ${department.en} department.`,
    hi: `${department.hi} विभाग के ${lv.hi} के अधिकारी (${level}) के पास।`,
  };
  const interim = interimReply
    ? { en: ` Interim reply: ${interimReply}`, hi: ` अंतरिम उत्तर: ${interimReply}` }
    : { en: '', hi: '' };
  return {
    en: `CM Helpline 181 complaint ${complaintNumber}. ${base.en}${interim.en}`,
    hi: `सीएम हेल्पलाइन 181 शिकायत ${complaintNumber}। ${base.hi}${interim.hi}`,
  };
}

/** The closure in the portal's terms, and why, in both languages. */
export function closureForPortal(
  closure: Closure,
  details: { reason?: string; waitedDays?: number },
): { category: ClosureCategory; reason: { en: string; hi: string } } {
  const reason = details.reason ?? '';
  switch (closure) {
    case 'satisfied':
      return {
        category: 'redressed',
        reason: {
          en: 'Resolved; the citizen confirmed satisfaction.',
          hi: 'निराकृत; नागरिक ने संतुष्टि की पुष्टि की।',
        },
      };
    case 'not-attended':
      return {
        category: 'redressed-no-feedback',
        reason: {
          en: `Resolved; the citizen gave no feedback within ${details.waitedDays ?? '-'} days.`,
          hi: `निराकृत; नागरिक ने ${details.waitedDays ?? '-'} दिन में प्रतिक्रिया नहीं दी।`,
        },
      };
    case 'special':
      return {
        category: 'special-closure',
        reason: {
          en: `Special closure by a senior officer: ${reason}`,
          hi: `वरिष्ठ अधिकारी द्वारा विशेष बंद: ${reason}`,
        },
      };
    case 'force':
      return {
        category: 'closed-without-redress',
        reason: { en: `Closed without redress: ${reason}`, hi: `बिना निराकरण बंद: ${reason}` },
      };
    case 'counselled':
      return {
        category: 'counselled',
        reason: {
          en: 'Counselling by the Mahila Helpline was the relief needed.',
          hi: 'महिला हेल्पलाइन द्वारा परामर्श ही आवश्यक राहत थी।',
        },
      };
    case 'answered':
      return {
        category: 'information-given',
        reason: { en: 'The information asked for was given.', hi: 'माँगी गई जानकारी दी गई।' },
      };
  }
}

export function createCpgramsActivities(deps: CpgramsActivityDeps) {
  const { db, logger, cpgrams, complaintIntake } = deps;

  async function places(): Promise<Places> {
    const [districts, tehsils, blocks] = await Promise.all([
      db('districts').select('code', 'nameEn', 'nameHi'),
      db('tehsils')
        .join('districts', 'districts.id', 'tehsils.districtId')
        .select('tehsils.code', 'tehsils.nameEn', 'tehsils.nameHi', 'districts.code as districtCode'),
      db('blocks')
        .join('districts', 'districts.id', 'blocks.districtId')
        .select('blocks.code', 'blocks.nameEn', 'blocks.nameHi', 'districts.code as districtCode'),
    ]);
    const known: Places = { districts, tehsils, blocks };
    return known;
  }

  /** Runs `work` on one row locked for this run: a second exchange running at once skips it. */
  async function locked<T>(
    table: string,
    where: Record<string, unknown>,
    work: (trx: Knex.Transaction, row: Record<string, unknown>) => Promise<T>,
  ): Promise<T | undefined> {
    return db.transaction(async (trx) => {
      const row = (await trx(table).where(where).forUpdate().skipLocked().first()) as
        Record<string, unknown> | undefined;
      return row ? work(trx, row) : undefined;
    });
  }

  async function buildActionTakenReport(report: {
    registrationNumber: string;
    complaintNumber: string;
    closure: Closure;
    resolution: string | null;
    interimReplies: number;
    escalations: number;
    closedAt: string;
  }): Promise<ActionTakenReport> {
    const complaint = await db('complaints').where({ number: report.complaintNumber }).first('state');
    const state = (complaint?.state ?? null) as ComplaintState | null;
    const events: { type: string; actor: string | null; details: Record<string, unknown> }[] = await db(
      'complaintEvents',
    )
      .where({ complaintNumber: report.complaintNumber })
      .whereIn('type', ['resolved', 'closed'])
      .orderBy('seq')
      .select('type', 'actor', 'details');
    const closed = events.filter((e) => e.type === 'closed').at(-1);
    const resolved = events.filter((e) => e.type === 'resolved').at(-1);
    // Who acted: the officer who resolved it, else the one who closed it (never 'system').
    const officerCode = resolved?.actor ?? closed?.actor ?? null;
    const officer = officerCode
      ? await db('officers').where({ code: officerCode }).first('code', 'nameEn', 'designation')
      : undefined;
    const { category, reason } = closureForPortal(report.closure, {
      reason: typeof closed?.details.reason === 'string' ? closed.details.reason : undefined,
      waitedDays: typeof closed?.details.waitedDays === 'number' ? closed.details.waitedDays : undefined,
    });
    const attachmentId = state?.resolutionAttachment ?? null;
    const attachments: ActionTakenReport['attachments'] = attachmentId
      ? (
          await db('complaintAttachments')
            .where({ id: attachmentId })
            .select('fileName', 'mimeType', 'sizeBytes', 'sha256')
        ).map((a: { fileName: string; mimeType: string; sizeBytes: number; sha256: string }) => ({
          name: a.fileName,
          mimeType: a.mimeType,
          sizeBytes: a.sizeBytes,
          sha256: a.sha256,
        }))
      : [];
    return {
      registrationNumber: report.registrationNumber,
      stateReference: report.complaintNumber,
      status: 'Case closed',
      actionTaken: report.resolution ?? reason.en,
      closureDate: istDate(Date.parse(report.closedAt)),
      closedAt: report.closedAt,
      closureCategory: category,
      closureReason: reason,
      officer: officer
        ? { code: officer.code, name: officer.nameEn, designation: officer.designation }
        : null,
      interimReplies: report.interimReplies,
      escalations: report.escalations,
      attachments,
    };
  }

  return {
    /**
     * Pulls what the portal forwarded since the stored cursor, page by page, and keeps each grievance
     * once. The cursor moves in the same transaction as the page's rows: a crash pulls the page again.
     */
    async pullCpgramsGrievances(
      request: { pageSize?: number; maxPages?: number } = {},
    ): Promise<PullSummary> {
      const pageSize = request.pageSize ?? 50;
      const maxPages = request.maxPages ?? 10;
      let cursor: string | null =
        ((await db('cpgramsCursors').where({ feed: FEED }).first('cursor'))?.cursor as string | undefined) ??
        null;
      const summary: PullSummary = { pages: 0, received: 0, new: 0, malformed: 0, more: false };
      for (;;) {
        let page;
        try {
          page = await cpgrams.grievances(cursor, pageSize);
        } catch (err) {
          throw refusedCredentials(err) ?? err;
        }
        summary.pages += 1;
        await db.transaction(async (trx) => {
          for (const g of page.grievances as Partial<CpgramsGrievance>[]) {
            if (
              typeof g?.registrationNumber !== 'string' ||
              !REGISTRATION_NUMBER.test(g.registrationNumber)
            ) {
              summary.malformed += 1;
              logger.warn(
                { registrationNumber: g?.registrationNumber },
                'CPGRAMS sent a grievance without a valid registration number; skipped',
              );
              continue;
            }
            summary.received += 1;
            const forwarded = Date.parse(g.forwardedAt ?? '');
            const inserted = await trx('cpgramsGrievances')
              .insert({
                registrationNumber: g.registrationNumber,
                receivedDate:
                  typeof g.receivedDate === 'string' && IST_DATE.test(g.receivedDate) ? g.receivedDate : null,
                forwardedAt: Number.isNaN(forwarded) ? null : new Date(forwarded),
                organisationCode: g.organisation?.code ?? null,
                organisationName: g.organisation?.name ?? null,
                category: g.category ?? null,
                citizenDistrict: g.citizen?.district ?? null,
                grievance: JSON.stringify(g),
              })
              .onConflict('registrationNumber')
              .ignore()
              .returning('registrationNumber');
            if (inserted.length > 0) summary.new += 1;
            else
              await trx('cpgramsGrievances')
                .where({ registrationNumber: g.registrationNumber })
                .update({
                  timesPulled: trx.raw('times_pulled + 1'),
                  lastPulledAt: trx.fn.now(),
                  updatedAt: trx.fn.now(),
                });
          }
          await trx('cpgramsCursors')
            .insert({ feed: FEED, cursor: page.nextCursor ?? cursor, pulledAt: trx.fn.now() })
            .onConflict('feed')
            .merge(['cursor', 'pulledAt', 'updatedAt']);
        });
        cursor = page.nextCursor ?? cursor;
        summary.more = page.hasMore;
        if (!page.hasMore || summary.pages >= maxPages) break;
      }
      if (summary.new > 0 || summary.malformed > 0) logger.info(summary, 'CPGRAMS grievances pulled');
      return summary;
    },

    /**
     * Registers grievances not yet registered, oldest first, through the complaint API with the
     * idempotency key `cpgrams:<registration number>`: pulled twice, registered once. One that cannot be
     * mapped or is refused keeps the reason on its row and is tried again next round.
     */
    async registerCpgramsGrievances(
      request: { after?: number | null; limit?: number } = {},
    ): Promise<BatchSummary> {
      const limit = request.limit ?? 25;
      const rows: { id: string | number }[] = await db('cpgramsGrievances')
        .whereNull('complaintNumber')
        .andWhere('id', '>', Number(request.after ?? 0))
        .orderBy('id')
        .limit(limit + 1)
        .select('id');
      const summary: BatchSummary = {
        done: 0,
        failed: 0,
        after: request.after ?? null,
        more: rows.length > limit,
      };
      const known = await places();
      for (const { id } of rows.slice(0, limit)) {
        summary.after = Number(id);
        await locked('cpgramsGrievances', { id }, async (trx, row) => {
          if (row.complaintNumber) return; // another run registered it meanwhile
          const registrationNumber = row.registrationNumber as string;
          const fail = async (problem: string) => {
            summary.failed += 1;
            logger.warn({ registrationNumber, problem }, 'CPGRAMS grievance not registered yet');
            await trx('cpgramsGrievances')
              .where({ id })
              .update({
                registrationProblem: problem.slice(0, 2000),
                registrationAttempts: trx.raw('registration_attempts + 1'),
                updatedAt: trx.fn.now(),
              });
          };
          const mapped = mapGrievance(row.grievance as CpgramsGrievance, known);
          if (!mapped.ok) return fail(mapped.problems.join('; '));
          let registered;
          try {
            registered = await complaintIntake.register(mapped.request, registrationKey(registrationNumber));
          } catch (err) {
            if (err instanceof IntakeError) return fail(err.message);
            throw err;
          }
          if (registered.duplicateOf) {
            return fail(
              `the intake linked it to open complaint ${registered.duplicateOf} instead of registering it`,
            );
          }
          await trx('cpgramsGrievances')
            .where({ id })
            .update({
              complaintNumber: registered.complaintNumber,
              registeredAt: trx.fn.now(),
              registrationProblem: null,
              registrationAttempts: trx.raw('registration_attempts + 1'),
              updatedAt: trx.fn.now(),
            });
          summary.done += 1;
          logger.info(
            {
              registrationNumber,
              complaintNumber: registered.complaintNumber,
              repeated: registered.repeated,
            },
            'CPGRAMS grievance registered',
          );
        });
      }
      return summary;
    },

    /**
     * Sends a status update for each registered grievance whose complaint moved (status, level or a
     * new interim reply) since the last one acknowledged. The update and its key are stored before
     * the first attempt and re-sent unchanged until acknowledged.
     */
    async pushCpgramsStatusUpdates(
      request: { after?: number | null; limit?: number } = {},
    ): Promise<BatchSummary> {
      const limit = request.limit ?? 50;
      const signature = "c.status || '|' || c.level || '|' || coalesce(c.state->>'interimReplies', '0')";
      const rows: { id: string | number }[] = await db('cpgramsGrievances as g')
        .join('complaints as c', 'c.number', 'g.complaintNumber')
        .where('g.id', '>', Number(request.after ?? 0))
        .andWhere((q) => {
          void q.whereNotNull('g.pendingStatusUpdate').orWhere((changed) => {
            void changed
              .whereNot('c.status', 'closed') // once closed, the Action Taken Report says it
              .andWhereRaw(`g.status_signature_sent is distinct from (${signature})`);
          });
        })
        .orderBy('g.id')
        .limit(limit + 1)
        .select('g.id');
      const summary: BatchSummary = {
        done: 0,
        failed: 0,
        after: request.after ?? null,
        more: rows.length > limit,
      };
      const stop: { refused: ApplicationFailure | null } = { refused: null };
      for (const { id } of rows.slice(0, limit)) {
        summary.after = Number(id);
        await locked('cpgramsGrievances', { id }, async (trx, row) => {
          const registrationNumber = row.registrationNumber as string;
          let pending = row.pendingStatusUpdate as {
            idempotencyKey: string;
            signature: string;
            update: CpgramsStatusUpdate;
          } | null;
          if (!pending) {
            const c = await trx('complaints as c')
              .join('departments as d', 'd.code', 'c.departmentCode')
              .where('c.number', row.complaintNumber as string)
              .first(
                'c.number',
                'c.status',
                'c.level',
                'c.state',
                'd.nameEn as departmentEn',
                'd.nameHi as departmentHi',
                trx.raw(`${signature} as signature`),
              );
            if (!c || c.status === 'closed' || c.signature === row.statusSignatureSent) return;
            const interim = await trx('complaintEvents')
              .where({ complaintNumber: c.number, type: 'interim-reply' })
              .orderBy('seq', 'desc')
              .first('details');
            const interimReply =
              typeof interim?.details?.text === 'string' ? (interim.details.text as string) : null;
            pending = {
              idempotencyKey: statusUpdateKey(registrationNumber, Number(row.statusUpdatesSent) + 1),
              signature: c.signature as string,
              update: {
                registrationNumber,
                status: 'Under process',
                stateReference: c.number,
                stage: c.status,
                level: c.level,
                remarks: statusRemarks(
                  c.number,
                  c.status,
                  c.level,
                  { en: c.departmentEn, hi: c.departmentHi },
                  interimReply,
                ),
                interimReply,
                updatedAt: new Date().toISOString(),
              },
            };
          }
          try {
            await cpgrams.sendStatusUpdate(pending.update, pending.idempotencyKey);
          } catch (err) {
            stop.refused ??= refusedCredentials(err);
            // 409: the portal has closed the grievance; an update can no longer change anything.
            const moot = err instanceof CpgramsError && err.status === 409;
            summary.failed += 1;
            logger.warn(
              { registrationNumber, err: (err as Error).message },
              'CPGRAMS status update not sent',
            );
            await trx('cpgramsGrievances')
              .where({ id })
              .update({
                pendingStatusUpdate: moot ? null : JSON.stringify(pending),
                ...(moot ? { statusSignatureSent: pending.signature } : {}),
                statusPushAttempts: trx.raw('status_push_attempts + 1'),
                statusPushError: (err as Error).message.slice(0, 2000),
                updatedAt: trx.fn.now(),
              });
            return;
          }
          await trx('cpgramsGrievances')
            .where({ id })
            .update({
              pendingStatusUpdate: null,
              statusSignatureSent: pending.signature,
              statusUpdatesSent: trx.raw('status_updates_sent + 1'),
              statusSentAt: trx.fn.now(),
              statusPushAttempts: trx.raw('status_push_attempts + 1'),
              statusPushError: null,
              updatedAt: trx.fn.now(),
            });
          summary.done += 1;
        });
        if (stop.refused) throw stop.refused;
      }
      return summary;
    },

    /**
     * Sends each pending Action Taken Report (filed by the complaint workflow at closure) with the key
     * `cpgrams-atr:<registration number>`, and marks it sent once acknowledged. A failed attempt keeps
     * it pending, with the error, for the next round.
     */
    async pushCpgramsActionTakenReports(
      request: { after?: string | null; limit?: number } = {},
    ): Promise<BatchSummary> {
      const limit = request.limit ?? 25;
      const rows: { registrationNumber: string }[] = await db('cpgramsActionTakenReports')
        .where({ status: 'pending' })
        .andWhere('registrationNumber', '>', request.after ?? '')
        .orderBy('registrationNumber')
        .limit(limit + 1)
        .select('registrationNumber');
      const summary: BatchSummary = {
        done: 0,
        failed: 0,
        after: request.after ?? null,
        more: rows.length > limit,
      };
      const stop: { refused: ApplicationFailure | null } = { refused: null };
      for (const { registrationNumber } of rows.slice(0, limit)) {
        summary.after = registrationNumber;
        await locked('cpgramsActionTakenReports', { registrationNumber }, async (trx, row) => {
          if (row.status !== 'pending') return; // another run sent it meanwhile
          // Built once from the closed complaint (which no longer changes) and kept with its key.
          const payload =
            (row.payload as ActionTakenReport | null) ??
            (await buildActionTakenReport(row.report as Parameters<typeof buildActionTakenReport>[0]));
          const idempotencyKey =
            (row.idempotencyKey as string | null) ?? actionTakenReportKey(registrationNumber);
          const attempt = {
            payload: JSON.stringify(payload),
            idempotencyKey,
            attempts: trx.raw('attempts + 1'),
            lastAttemptAt: trx.fn.now(),
            updatedAt: trx.fn.now(),
          };
          try {
            const receipt = await cpgrams.sendActionTakenReport(payload, idempotencyKey);
            await trx('cpgramsActionTakenReports')
              .where({ registrationNumber })
              .update({
                ...attempt,
                status: 'sent',
                sentAt: trx.fn.now(),
                receiptId: receipt.receiptId,
                lastError: null,
              });
            // Nothing more to say about it: drop a status update still waiting.
            await trx('cpgramsGrievances')
              .where({ registrationNumber })
              .update({ pendingStatusUpdate: null });
            summary.done += 1;
            logger.info(
              { registrationNumber, receiptId: receipt.receiptId, replayed: receipt.replayed },
              'CPGRAMS Action Taken Report sent',
            );
          } catch (err) {
            stop.refused ??= refusedCredentials(err);
            summary.failed += 1;
            logger.warn(
              { registrationNumber, err: (err as Error).message },
              'CPGRAMS Action Taken Report not sent; it will be tried again next round',
            );
            await trx('cpgramsActionTakenReports')
              .where({ registrationNumber })
              .update({ ...attempt, lastError: (err as Error).message.slice(0, 2000) });
          }
        });
        if (stop.refused) throw stop.refused;
      }
      return summary;
    },
  };
}
