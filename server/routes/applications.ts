// Lok Seva Guarantee applications over HTTP: intake (citizen or 181 agent), status, documents,
// officers' and appellate authorities' actions (Temporal updates), the applicant's replies and
// appeals, and the payment gateway's signed callback.
import Router from '@koa/router';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { Knex } from 'knex';
import type { Context } from 'koa';
import { authorize } from '../../lib/authorization';
import type { TemporalClient } from '../../lib/temporal/connection';
import { verifyCallbackSignature, SIGNATURE_HEADER } from '../../lib/payment-gateway/signature';
import {
  confirmPayment,
  fileAppeal,
  provideInformation,
  REFUSAL_TYPE,
  STATUS_LABELS,
  type ApplicationState,
  type ApplicationStatus,
} from '../../workflows/application-messages';
import type { AppDeps } from '../app';
import { createIntake } from '../applications/intake';
import {
  actionPermission,
  appealLevel,
  applicationFacts,
  applicationWithTaskOfficers,
  decideAppealAction,
  officerAction,
  runOfficerAction,
} from '../applications/officer-actions';
import { apiSubject, enforce, permit, staffCodeOf } from '../auth';
import { AppError, BadRequest, NotFound, ServiceUnavailable } from '../errors';
import { createPlaceDirectory } from '../places';

/** A path parameter decoded once more (for %2F), or as it is when it is not valid percent-encoding. */
export function safeDecode(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

/** Application numbers contain slashes; URLs may carry them as LSG-INC-2026-000123. */
export function applicationNumberFrom(param: string | undefined): string {
  const value = safeDecode(param ?? '').toUpperCase();
  if (/^LSG[-/][A-Z]{3}[-/]\d{4}[-/]\d{6,}$/.test(value)) return value.replace(/-/g, '/');
  throw new NotFound(
    {
      en: `"${param}" is not an application number like LSG/INC/2026/000123.`,
      hi: `"${param}" LSG/INC/2026/000123 जैसा आवेदन क्रमांक नहीं है।`,
    },
    'unknown_application',
  );
}

export function urlNumber(applicationNumber: string): string {
  return applicationNumber.replace(/\//g, '-');
}

const notFound = (number: string) =>
  new NotFound(
    { en: `No application ${number} is visible to you.`, hi: `आवेदन ${number} आपको उपलब्ध नहीं है।` },
    'unknown_application',
  );

/** Turns a refused update into 409 with the validator's words; other Temporal errors pass on. */
export async function runAction<T>(number: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (
      err instanceof WorkflowUpdateFailedError &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === REFUSAL_TYPE
    ) {
      const details = err.cause.details?.[0] as { code: string; en: string; hi: string } | undefined;
      throw new AppError(409, `refused_${details?.code ?? 'action'}`, {
        en: details?.en ?? err.cause.message,
        hi: details?.hi ?? err.cause.message,
      });
    }
    if (err instanceof WorkflowNotFoundError || (err as { code?: number }).code === 5) {
      throw new AppError(409, 'case_closed', {
        en: `Application ${number} is closed; no action can be taken on it.`,
        hi: `आवेदन ${number} बंद है; इस पर अब कोई कार्यवाही नहीं हो सकती।`,
      });
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      // The case's workflow did not answer in time (a backlog, a restart): the action may still be
      // applied, so the caller looks at the case before repeating it rather than seeing a 500.
      const busy = new ServiceUnavailable(
        {
          en: `${number} is busy and did not answer in time; your action may still be applied. Look at the case again in a few seconds before repeating it.`,
          hi: `${number} पर अभी कार्य चल रहा है और समय पर उत्तर नहीं मिला; आपकी कार्यवाही फिर भी दर्ज हो सकती है। दोहराने से पहले कुछ सेकंड बाद प्रकरण देखें।`,
        },
        'case_busy',
      );
      busy.retryAfterSeconds = 5;
      throw busy;
    }
    throw err;
  }
}

/** A body field that must be text: anything else becomes '' (and fails the validators clearly). */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Who may apply on a caller's behalf (channel agent-181): the API and the 181 console. */
export { AGENT_181_ROLES } from '../../lib/authorization';

/** A client's idempotency key (header or form field): null when none, else it must look sane. */
export function checkIdempotencyKey(key: string | null): string | null {
  if (key !== null && !/^[\w.:-]{8,100}$/.test(key)) {
    throw new BadRequest({
      en: 'The Idempotency-Key must be 8 to 100 letters, digits or . _ : -',
      hi: 'Idempotency-Key 8 से 100 अक्षर/अंक या . _ : - होनी चाहिए।',
    });
  }
  return key;
}

/** The receipt (पावती) of an application; 404 receipt_not_ready until the workflow has made it. */
export async function receiptPdf(db: Knex, number: string): Promise<{ serial: string; pdf: Buffer }> {
  const doc = await db('documents')
    .where({ applicationNumber: number, kind: 'receipt' })
    .first('pdf', 'serial');
  if (!doc) {
    throw new AppError(404, 'receipt_not_ready', {
      en: 'The receipt is being prepared; try again in a few seconds.',
      hi: 'पावती तैयार की जा रही है; कुछ सेकंड बाद फिर प्रयास करें।',
    });
  }
  return doc as { serial: string; pdf: Buffer };
}

/** An issued document by its file name (serial, ".pdf" optional) and the application it belongs to. */
export async function documentPdf(
  db: Knex,
  file: string,
): Promise<{ serial: string; pdf: Buffer; applicationNumber: string }> {
  const serial = file.replace(/\.pdf$/, '');
  const doc = await db('documents').where({ serial }).first('pdf', 'serial', 'applicationNumber', 'status');
  if (!doc)
    throw new NotFound({ en: `No document ${serial}.`, hi: `दस्तावेज़ ${serial} नहीं है।` }, 'unknown_document');
  return doc as { serial: string; pdf: Buffer; applicationNumber: string };
}

/** Answers a PDF inline under its serial. */
export function sendPdf(ctx: Context, doc: { serial: string; pdf: Buffer }): void {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `inline; filename="${doc.serial}.pdf"`);
  ctx.body = doc.pdf;
}

/** The applicant answers the designated officer's request for information (the workflow checks who). */
export function applicantReply(
  temporal: TemporalClient,
  number: string,
  reply: { mobile: string; reply: string },
): Promise<ApplicationState> {
  return runAction(number, () =>
    temporal.client.workflow.getHandle(number).executeUpdate(provideInformation, { args: [reply] }),
  );
}

/** The applicant files grounds of appeal (the workflow decides whether an appeal is open now). */
export function applicantAppeal(
  temporal: TemporalClient,
  number: string,
  appeal: { mobile: string; grounds: string },
): Promise<ApplicationState> {
  return runAction(number, () =>
    temporal.client.workflow.getHandle(number).executeUpdate(fileAppeal, { args: [appeal] }),
  );
}

function body(ctx: Context): Record<string, unknown> {
  const b = ctx.request.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) {
    throw new BadRequest({ en: 'Send a JSON object as the request body.', hi: 'अनुरोध में JSON ऑब्जेक्ट भेजें।' });
  }
  return b as Record<string, unknown>;
}

export function applicationRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;
  const intake = createIntake({ db, temporal: deps.temporal, places: createPlaceDirectory(db) });
  const workflow = (number: string) => deps.temporal.client.workflow.getHandle(number);

  /**
   * The application row and the caller, if lib/authorization.ts gives them `permission` on it;
   * otherwise 401, 403, or 404 as for a number that does not exist.
   */
  async function applicationFor(
    ctx: Context,
    number: string,
    permission:
      | 'application.read'
      | 'application.decide'
      | 'application.field-report'
      | 'application.reply'
      | 'application.appeal',
  ) {
    const row = await applicationWithTaskOfficers(db, number);
    if (!row) throw notFound(number);
    const subject = await apiSubject(ctx, deps);
    enforce(authorize(permission, subject, await applicationFacts(db, row)), () => notFound(number));
    return { row, subject };
  }
  const visibleApplication = async (ctx: Context, number: string) =>
    (await applicationFor(ctx, number, 'application.read')).row;

  router.post('/applications', async (ctx) => {
    const b = body(ctx);
    const channel = b.channel ?? 'web';
    if (channel !== 'web' && channel !== 'agent-181') {
      throw new BadRequest(
        { en: 'channel must be "web" or "agent-181".', hi: 'channel "web" या "agent-181" होना चाहिए।' },
        [{ field: 'channel', message: { en: 'web or agent-181', hi: 'web या agent-181' } }],
      );
    }
    if (channel === 'agent-181') await permit(ctx, deps, 'application.intake-for-caller');
    const key = checkIdempotencyKey(
      ctx.get('idempotency-key') || (typeof b.idempotencyKey === 'string' ? b.idempotencyKey : null),
    );
    const accepted = await intake({
      service: text(b.service),
      channel,
      fields: b.fields,
      idempotencyKey: key,
    });
    const n = urlNumber(accepted.applicationNumber);
    ctx.status = accepted.repeated ? 200 : 201;
    ctx.set('Location', `/api/v1/applications/${n}`);
    ctx.body = {
      ...accepted,
      receiptUrl: `${deps.config.publicUrl}/api/v1/applications/${n}/receipt.pdf`,
      statusUrl: `${deps.config.publicUrl}/api/v1/applications/${n}`,
    };
  });

  router.get('/applications/:number', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    const row = await visibleApplication(ctx, number);
    const state = row.state as ApplicationState | null;
    const status = row.status as ApplicationStatus;
    const [events, documents] = await Promise.all([
      db('applicationEvents')
        .where({ applicationNumber: number })
        .orderBy('seq')
        .select('seq', 'at', 'type', 'actor', 'details'),
      db('documents')
        .where({ applicationNumber: number })
        .orderBy('id')
        .select('serial', 'kind', 'issuedOn', 'status') as Promise<
        { serial: string; kind: string; issuedOn: string; status: string }[]
      >,
    ]);
    const n = urlNumber(number);
    ctx.body = {
      applicationNumber: number,
      serviceCode: row.serviceCode,
      status,
      statusLabel: STATUS_LABELS[status],
      receivedAt: row.receivedAt,
      dueDate: state?.dueDate ?? row.dueDate,
      breached: row.breached,
      clockPaused: row.clockPaused,
      rejectionReason: state?.rejectionReason ?? null,
      informationRequest: state?.informationRequest ?? null,
      payment: state?.payment
        ? {
            amountPaise: state.payment.amountPaise,
            paymentUrl: state.payment.paymentUrl,
            paid: state.payment.paymentId !== null,
          }
        : null,
      appeals: state?.appeals ?? [],
      tasks: state?.tasks ?? [],
      timeline: events,
      documents: documents.map((d) => ({
        ...d,
        url:
          d.kind === 'receipt'
            ? `/api/v1/applications/${n}/receipt.pdf`
            : `/api/v1/documents/${d.serial}.pdf`,
      })),
    };
  });

  router.get('/applications/:number/receipt.pdf', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    await visibleApplication(ctx, number);
    try {
      sendPdf(ctx, await receiptPdf(db, number));
    } catch (err) {
      if (err instanceof AppError && err.code === 'receipt_not_ready') ctx.set('Retry-After', '2');
      throw err;
    }
  });

  router.get('/documents/:file', async (ctx) => {
    const doc = await documentPdf(db, ctx.params.file ?? '');
    await visibleApplication(ctx, doc.applicationNumber);
    sendPdf(ctx, doc);
  });

  router.post('/applications/:number/actions/:action', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    const action = officerAction(ctx.params.action);
    const { subject } = await applicationFor(ctx, number, actionPermission(action));
    ctx.body = await runOfficerAction(deps.temporal, number, action, body(ctx), staffCodeOf(subject));
  });

  router.post('/applications/:number/appeals/:level/decision', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    const level = appealLevel(ctx.params.level);
    const row = await applicationWithTaskOfficers(db, number);
    if (!row) throw notFound(number);
    const subject = await apiSubject(ctx, deps);
    const facts = { ...(await applicationFacts(db, row)), level };
    enforce(authorize('application.appeal.decide', subject, facts), () => notFound(number));
    ctx.body = await decideAppealAction(deps.temporal, number, level, body(ctx), staffCodeOf(subject));
  });

  router.post('/applications/:number/reply', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    await applicationFor(ctx, number, 'application.reply');
    const b = body(ctx);
    ctx.body = await applicantReply(deps.temporal, number, { mobile: text(b.mobile), reply: text(b.reply) });
  });

  router.post('/applications/:number/appeal', async (ctx) => {
    const number = applicationNumberFrom(ctx.params.number);
    await applicationFor(ctx, number, 'application.appeal');
    const b = body(ctx);
    ctx.body = await applicantAppeal(deps.temporal, number, {
      mobile: text(b.mobile),
      grounds: text(b.grounds),
    });
  });

  /** The gateway's server-to-server callback: only a correctly signed, fresh, unseen payment counts. */
  router.post('/payments/callback', async (ctx) => {
    const verdict = verifyCallbackSignature(
      ctx.request.body,
      ctx.get(SIGNATURE_HEADER) || undefined,
      deps.config.paymentGatewaySecret,
      { nowMs: Date.now() },
    );
    if (!verdict.ok) {
      deps.logger.warn({ reason: verdict.reason }, 'payment callback refused');
      throw new AppError(401, `callback_${verdict.reason}`, {
        en: `Callback refused (${verdict.reason}).`,
        hi: `कॉलबैक अस्वीकृत (${verdict.reason})।`,
      });
    }
    const { callback } = verdict;
    const payment = await db('payments').where({ orderId: callback.orderId }).first();
    if (!payment)
      throw new NotFound(
        { en: `Unknown order ${callback.orderId}.`, hi: `अज्ञात ऑर्डर ${callback.orderId}।` },
        'unknown_order',
      );
    if (payment.paymentId === callback.paymentId || callback.status !== 'paid') {
      ctx.body = { status: payment.paymentId === callback.paymentId ? 'already-recorded' : 'ignored' };
      return;
    }
    if (payment.paymentId) {
      throw new AppError(409, 'already_paid', {
        en: 'This order was paid by another payment.',
        hi: 'यह ऑर्डर किसी अन्य भुगतान से चुकाया जा चुका है।',
      });
    }
    const number = payment.applicationNumber as string;
    try {
      await runAction(number, () =>
        workflow(number).executeUpdate(confirmPayment, {
          args: [
            { orderId: callback.orderId, paymentId: callback.paymentId, amountPaise: callback.amountPaise },
          ],
        }),
      );
    } catch (err) {
      // Recorded by the workflow on an earlier delivery whose answer was lost: finish the record.
      if (!(err instanceof AppError && err.code === 'refused_already-paid')) throw err;
    }
    await db('payments')
      .where({ orderId: callback.orderId })
      .update({ status: 'paid', paymentId: callback.paymentId, paidAt: db.fn.now() });
    ctx.body = { status: 'recorded' };
  });

  return router;
}
