// Pages of the citizen portal: apply, complain, my cases, case pages, downloads, feedback, appeals,
// public status lookup. Every action goes through the same intake and workflow updates as the JSON
// API (server/applications/intake.ts, server/complaints/intake.ts, the exported helpers of
// server/routes/*); this file only turns forms into those calls and their answers into pages.
import crypto from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { currentPolicy } from '../../db/policies';
import { findService, type ServiceCatalogue, type ServiceDefinition } from '../../lib/catalogue';
import { istDate } from '../../lib/working-days';
import {
  STATUS_LABELS,
  type ApplicationInput,
  type ApplicationState,
  type ApplicationStatus,
} from '../../workflows/application-messages';
import type { ComplaintInput, ComplaintState } from '../../workflows/complaint-messages';
import { say, type PageContext } from '../../templates/layout';
import {
  applicationForm,
  readApplicationForm,
  serviceList,
  serviceName,
} from '../../templates/citizen/apply';
import {
  applicationPage,
  complaintPage,
  myCases,
  statusLookup,
  type ApplicationView,
  type CaseForms,
  type CaseRow,
  type ComplaintView,
  type PublicStatus,
} from '../../templates/citizen/cases';
import { complaintForm, COMPLAINT_INPUTS } from '../../templates/citizen/complain';
import { COMPLAINT_STATUS_LABELS, type TimelineItem } from '../../templates/citizen/format';
import { dueInfo, formatDate, isoDateOf } from '../../templates/format';
import type { PlaceOptions } from '../../templates/citizen/places';
import type { AppDeps } from '../app';
import { createIntake } from '../applications/intake';
import { createComplaintIntake } from '../complaints/intake';
import { AppError, BadRequest, NotFound } from '../errors';
import type { Bilingual } from '../i18n';
import { createPlaceDirectory } from '../places';
import {
  applicantAppeal,
  applicantReply,
  applicationNumberFrom,
  checkIdempotencyKey,
  documentPdf,
  receiptPdf,
  sendPdf,
  urlNumber,
} from '../routes/applications';
import { citizenReplyTo, complaintFeedback, complaintNumberFrom } from '../routes/complaints';
import { citizenSubject, authorize } from '../../lib/authorization';
import { applicationFacts } from '../applications/officer-actions';
import { complaintFacts } from '../complaints/officer-actions';
import { enforcePage, formText, pageContext, pageSubject, redirect, render, requireCitizen } from './context';

const notYours = (message: Bilingual, code: string) => new NotFound(message, code);
import { formField, placeOptions as loadPlaceOptions } from './forms';

const T = {
  apply: { en: 'Apply for a service', hi: 'सेवा हेतु आवेदन' },
  complain: { en: 'File a complaint', hi: 'शिकायत दर्ज करें' },
  my: { en: 'My applications and complaints', hi: 'मेरे आवेदन और शिकायतें' },
  complaint: { en: 'Complaint', hi: 'शिकायत' },
  status: { en: 'Track status', hi: 'स्थिति देखें' },
  noService: { en: 'There is no such service.', hi: 'ऐसी कोई सेवा नहीं है।' },
  formExpired: {
    en: 'This form has expired. Open it again and send it once more.',
    hi: 'यह फ़ॉर्म पुराना हो गया है। इसे फिर से खोलें और दोबारा भेजें।',
  },
  mobileMismatch: {
    en: 'The mobile number must be the one you signed in with.',
    hi: 'मोबाइल नंबर वही होना चाहिए जिससे आपने साइन इन किया है।',
  },
  // Another citizen's case answers as one that does not exist (lib/authorization.ts: 404).
  notYourApplication: {
    en: 'No such application is visible to you. Check the number, or sign in with the mobile number it was made with.',
    hi: 'ऐसा कोई आवेदन आपको उपलब्ध नहीं है। क्रमांक जाँचें, या उसी मोबाइल नंबर से साइन इन करें जिससे आवेदन किया गया था।',
  },
  notYourComplaint: {
    en: 'No such complaint is visible to you. Check the number, or sign in with the mobile number it was registered with.',
    hi: 'ऐसी कोई शिकायत आपको उपलब्ध नहीं है। क्रमांक जाँचें, या उसी मोबाइल नंबर से साइन इन करें जिससे शिकायत दर्ज की गई थी।',
  },
  notYourDocument: {
    en: 'No such document is visible to you.',
    hi: 'ऐसा कोई दस्तावेज़ आपको उपलब्ध नहीं है।',
  },
  replySent: { en: 'Your reply has been sent to the officer.', hi: 'आपका उत्तर अधिकारी को भेज दिया गया है।' },
  appealFiled: { en: 'Your appeal has been filed.', hi: 'आपकी अपील दर्ज हो गई है।' },
  feedbackSaved: { en: 'Thank you; your answer is recorded.', hi: 'धन्यवाद; आपका उत्तर दर्ज हो गया है।' },
  chooseAnswer: { en: 'Choose yes or no.', hi: 'हाँ या नहीं चुनें।' },
  lookupNotFound: {
    en: 'No application or complaint was found for this number and mobile number.',
    hi: 'इस क्रमांक और मोबाइल नंबर से कोई आवेदन या शिकायत नहीं मिली।',
  },
  lookupBadNumber: {
    en: 'Write the number as it is on your receipt or SMS, e.g. LSG/INC/2026/000123 or CMH/2026/000123.',
    hi: 'क्रमांक वैसा ही लिखें जैसा पावती या SMS में है, जैसे LSG/INC/2026/000123 या CMH/2026/000123।',
  },
  lookupBadMobile: {
    en: 'Give the 10-digit mobile number used with this number.',
    hi: 'इस क्रमांक के साथ दिया गया 10 अंकों का मोबाइल नंबर दें।',
  },
} satisfies Record<string, Bilingual>;

const FINAL_APPLICATION: ApplicationStatus[] = [
  'delivered',
  'rejected',
  'closed-incomplete',
  'closed-unpaid',
];

/** A fresh key for one rendering of a form: a double submit of that form makes one case. */
const newFormKey = () => crypto.randomUUID();

/** The key the intake stores: scoped to the signed-in mobile, so one citizen's key never finds another's case. */
function intakeKey(ctx: Context, mobile: string): string {
  const key = formText(ctx, 'idempotencyKey');
  if (!/^[\w-]{16,64}$/.test(key)) throw new BadRequest(T.formExpired, undefined, 'form_expired');
  return checkIdempotencyKey(`web:${mobile}:${key}`)!;
}

/** An intake's refusal as page messages: per field where it names one of ours, else for the form. */
function messagesOf(
  err: unknown,
  pc: PageContext,
  fieldNames: readonly string[],
): { errors: Record<string, string>; formError?: string | undefined; status: number } {
  if (!(err instanceof AppError)) throw err;
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const d of err.details ?? []) {
    if (fieldNames.includes(d.field)) errors[d.field] ??= d.message[pc.lang];
    else other.push(d.message[pc.lang]);
  }
  const formError =
    other.length > 0 ? other.join(' ') : Object.keys(errors).length === 0 ? err.messages[pc.lang] : undefined;
  return { errors, formError, status: err.status };
}

/** The columns of an applications / complaints row these pages read (Knex rows are untyped). */
interface ApplicationRow {
  number: string;
  status: ApplicationStatus;
  state: ApplicationState | null;
  dueDate: unknown;
  receivedAt: Date;
  breached: boolean;
  clockPaused: boolean;
  applicantMobile: string;
  workflowInput: ApplicationInput;
}

interface ComplaintRow {
  number: string;
  status: string;
  state: ComplaintState | null;
  callType: string;
  subjectCode: string;
  departmentCode: string;
  level: string;
  description: string;
  closure: string | null;
  levelDueAt: Date | null;
  receivedAt: Date;
  breached: boolean;
  citizenMobile: string;
  workflowInput: ComplaintInput;
}

const placeLabel = (row: { nameEn: string; nameHi: string }): Bilingual => ({
  en: row.nameEn,
  hi: row.nameHi,
});

export function citizenPages(deps: AppDeps): Router {
  const router = new Router();
  const { db, temporal } = deps;
  const intake = createIntake({ db, temporal, places: createPlaceDirectory(db) });
  const registerComplaint = createComplaintIntake({ db, temporal });

  async function catalogue(): Promise<ServiceCatalogue> {
    const row = await currentPolicy('service-catalogue');
    if (!row) throw new Error('no service catalogue loaded');
    return row.body as ServiceCatalogue;
  }

  async function serviceBySlug(slug: string | undefined): Promise<ServiceDefinition> {
    const service = findService(await catalogue(), slug ?? '');
    if (!service || service.slug !== slug) throw new NotFound(T.noService, 'unknown_service');
    return service;
  }

  let placesCache: { at: number; places: PlaceOptions } | undefined;
  async function placeOptions(): Promise<PlaceOptions> {
    if (placesCache && Date.now() - placesCache.at < 60_000) return placesCache.places;
    placesCache = { at: Date.now(), places: await loadPlaceOptions(db) };
    return placesCache.places;
  }

  // ---- applying ---------------------------------------------------------------------------------

  router.get('/apply', async (ctx) => {
    render(ctx, T.apply, serviceList(pageContext(ctx), (await catalogue()).services));
  });

  async function showApplicationForm(
    ctx: Context,
    service: ServiceDefinition,
    a: { values: Record<string, string>; errors: Record<string, string>; formError?: string; key: string },
    status = 200,
  ) {
    const pc = pageContext(ctx);
    render(
      ctx,
      serviceName(service),
      applicationForm(pc, {
        service,
        places: await placeOptions(),
        values: a.values,
        errors: a.errors,
        formError: a.formError,
        idempotencyKey: a.key,
      }),
      status,
    );
  }

  router.get('/apply/:slug', async (ctx) => {
    const mobile = requireCitizen(ctx);
    const service = await serviceBySlug(ctx.params.slug);
    const values: Record<string, string> = {};
    for (const f of service.fields) if (f.type === 'mobile') values[f.name] = mobile;
    await showApplicationForm(ctx, service, { values, errors: {}, key: newFormKey() });
  });

  router.post('/apply/:slug', async (ctx) => {
    const mobile = requireCitizen(ctx);
    const pc = pageContext(ctx);
    const service = await serviceBySlug(ctx.params.slug);
    const idempotencyKey = intakeKey(ctx, mobile);
    const key = formText(ctx, 'idempotencyKey');
    const { fields, values } = readApplicationForm(service, (name) => formField(ctx, name));
    // The mobile on an application is the one that signed in: messages and the case page go there.
    const mobileFields = service.fields.filter((f) => f.type === 'mobile' && fields[f.name] !== mobile);
    if (mobileFields.length > 0) {
      const errors = Object.fromEntries(mobileFields.map((f) => [f.name, say(pc, T.mobileMismatch)]));
      for (const f of mobileFields) values[f.name] = mobile;
      await showApplicationForm(ctx, service, { values, errors, key }, 400);
      return;
    }
    let accepted;
    try {
      accepted = await intake({ service: service.code, channel: 'web', fields, idempotencyKey });
    } catch (err) {
      const m = messagesOf(
        err,
        pc,
        service.fields.map((f) => f.name),
      );
      await showApplicationForm(
        ctx,
        service,
        { values, errors: m.errors, formError: m.formError, key },
        m.status,
      );
      return;
    }
    const n = accepted.applicationNumber;
    redirect(ctx, `/my/applications/${urlNumber(n)}`, {
      kind: 'ok',
      text: {
        en: `Application submitted. Your application number is ${n}; the service is due by ${formatDate('en', accepted.dueDate)}. Please note the number.`,
        hi: `आवेदन जमा हो गया। आपका आवेदन क्रमांक ${n} है; सेवा ${formatDate('hi', accepted.dueDate)} तक देय है। कृपया क्रमांक नोट करें।`,
      },
    });
  });

  // ---- complaining ------------------------------------------------------------------------------

  async function showComplaintForm(
    ctx: Context,
    a: { values: Record<string, string>; errors: Record<string, string>; formError?: string; key: string },
    status = 200,
  ) {
    const pc = pageContext(ctx);
    const [places, departments, subjects, schemes] = await Promise.all([
      placeOptions(),
      db('departments').orderBy('nameEn').select('code', 'nameEn', 'nameHi'),
      db('complaintSubjects')
        .orderBy(['departmentCode', 'nameEn'])
        .select('code', 'departmentCode', 'nameEn', 'nameHi'),
      db('schemes').orderBy('code').select('code', 'article'),
    ]);
    render(
      ctx,
      T.complain,
      complaintForm(pc, {
        places,
        departments,
        subjects,
        schemes: schemes.map((s: { code: string; article: { nameEn: string; nameHi: string } }) => ({
          code: s.code,
          nameEn: s.article.nameEn,
          nameHi: s.article.nameHi,
        })),
        values: a.values,
        errors: a.errors,
        formError: a.formError,
        idempotencyKey: a.key,
      }),
      status,
    );
  }

  router.get('/complain', async (ctx) => {
    requireCitizen(ctx);
    await showComplaintForm(ctx, { values: {}, errors: {}, key: newFormKey() });
  });

  router.post('/complain', async (ctx) => {
    const mobile = requireCitizen(ctx);
    const pc = pageContext(ctx);
    const idempotencyKey = intakeKey(ctx, mobile);
    const key = formText(ctx, 'idempotencyKey');
    const values = Object.fromEntries(COMPLAINT_INPUTS.map((name) => [name, formField(ctx, name)]));
    const given = (name: string) => values[name] || undefined;
    let result;
    try {
      result = await registerComplaint({
        channel: 'web',
        callType: values.callType,
        citizen: { name: values['citizen.name'], mobile },
        place: {
          district: values['place.district'],
          tehsil: given('place.tehsil'),
          block: given('place.block'),
          village: given('place.village'),
        },
        subject: given('subject'),
        schemeCode: given('schemeCode'),
        description: given('description'),
        subType: given('subType'),
        idempotencyKey,
      });
    } catch (err) {
      const m = messagesOf(err, pc, [...COMPLAINT_INPUTS, 'department']);
      if (m.errors.department) m.errors.subject ??= m.errors.department;
      await showComplaintForm(ctx, { values, errors: m.errors, formError: m.formError, key }, m.status);
      return;
    }
    redirect(ctx, `/my/complaints/${urlNumber(result.duplicateOf ?? result.complaintNumber)}`, {
      kind: 'ok',
      text: result.message,
    });
  });

  // ---- my cases ---------------------------------------------------------------------------------

  function applicationDue(
    row: Omit<ApplicationRow, 'applicantMobile' | 'number'>,
  ): ReturnType<typeof dueInfo> {
    const state = row.state;
    const status = row.status;
    return dueInfo({
      dueDate: state?.dueDate ?? isoDateOf(row.dueDate),
      receivedOn: istDate(new Date(row.receivedAt).getTime()),
      breached: Boolean(row.breached),
      paused: Boolean(row.clockPaused),
      final: FINAL_APPLICATION.includes(status),
    });
  }

  function complaintDue(
    row: Pick<ComplaintRow, 'levelDueAt' | 'receivedAt' | 'breached' | 'status'>,
  ): ReturnType<typeof dueInfo> {
    return dueInfo({
      dueDate: row.levelDueAt ? istDate(new Date(row.levelDueAt).getTime()) : null,
      receivedOn: istDate(new Date(row.receivedAt).getTime()),
      breached: Boolean(row.breached),
      paused: row.status === 'awaiting-citizen',
      final: row.status === 'closed',
    });
  }

  async function complaintSubjectName(subjectCode: string): Promise<Bilingual> {
    if (subjectCode.startsWith('scheme:')) {
      const scheme = await db('schemes')
        .where({ code: subjectCode.slice(7) })
        .first('article');
      return scheme
        ? { en: `Information: ${scheme.article.nameEn}`, hi: `जानकारी: ${scheme.article.nameHi}` }
        : { en: subjectCode, hi: subjectCode };
    }
    const s = await db('complaintSubjects').where({ code: subjectCode }).first('nameEn', 'nameHi');
    return s ? placeLabel(s) : { en: subjectCode, hi: subjectCode };
  }

  router.get('/my', async (ctx) => {
    const mobile = requireCitizen(ctx);
    const pc = pageContext(ctx);
    const [applications, complaints, subjects, schemes] = await Promise.all([
      db('applications')
        .where({ applicantMobile: mobile })
        .select(
          'number',
          'status',
          'state',
          'dueDate',
          'receivedAt',
          'breached',
          'clockPaused',
          'workflowInput',
        ),
      db('complaints')
        .where({ citizenMobile: mobile })
        .select('number', 'status', 'subjectCode', 'levelDueAt', 'receivedAt', 'breached'),
      db('complaintSubjects').select('code', 'nameEn', 'nameHi'),
      db('schemes').select('code', 'article'),
    ]);
    const subjectName = new Map<string, Bilingual>(
      subjects.map((s: { code: string; nameEn: string; nameHi: string }) => [s.code, placeLabel(s)]),
    );
    for (const s of schemes)
      subjectName.set(`scheme:${s.code}`, {
        en: `Information: ${s.article.nameEn}`,
        hi: `जानकारी: ${s.article.nameHi}`,
      });
    const rows: CaseRow[] = [
      ...applications.map((a: Omit<ApplicationRow, 'applicantMobile'>): CaseRow => ({
        kind: 'application',
        number: a.number,
        href: `/my/applications/${urlNumber(a.number)}`,
        title: serviceName(a.workflowInput.service),
        status: STATUS_LABELS[a.status] ?? { en: a.status, hi: a.status },
        receivedAt: a.receivedAt,
        due: applicationDue(a),
      })),
      ...complaints.map((c: ComplaintRow): CaseRow => ({
        kind: 'complaint',
        number: c.number,
        href: `/my/complaints/${urlNumber(c.number)}`,
        title: subjectName.get(c.subjectCode) ?? { en: c.subjectCode, hi: c.subjectCode },
        status: COMPLAINT_STATUS_LABELS[c.status] ?? { en: c.status, hi: c.status },
        receivedAt: c.receivedAt,
        due: complaintDue(c),
      })),
    ].sort((a, b) => new Date(b.receivedAt).getTime() - new Date(a.receivedAt).getTime());
    render(ctx, T.my, myCases(pc, rows));
  });

  // ---- an application ---------------------------------------------------------------------------

  /** The application, if it is the signed-in citizen's (another citizen's: 404, as if none). */
  async function ownApplication(
    ctx: Context,
  ): Promise<{ mobile: string; number: string; row: ApplicationRow }> {
    const mobile = requireCitizen(ctx);
    const number = applicationNumberFrom(ctx.params.number);
    const row: ApplicationRow | undefined = await db('applications').where({ number }).first();
    if (!row)
      throw new NotFound(
        { en: `There is no application ${number}.`, hi: `आवेदन ${number} नहीं है।` },
        'unknown_application',
      );
    enforcePage(
      authorize('application.read', pageSubject(ctx), await applicationFacts(db, row as never)),
      '/signin',
      () => notYours(T.notYourApplication, 'unknown_application'),
    );
    return { mobile, number, row };
  }

  async function events(
    table: 'applicationEvents' | 'complaintEvents',
    column: string,
    number: string,
  ): Promise<(TimelineItem & { seq: number })[]> {
    return db(table)
      .where({ [column]: number })
      .orderBy('seq')
      .select('seq', 'at', 'type', 'details');
  }

  /**
   * Whether the applicant may file grounds of appeal now. The workflow's validator decides (a refused
   * appeal shows its message); this only keeps the form off pages where it would surely be refused:
   * an appeal is open that has no grounds from the applicant yet, or a rejection (or an upheld
   * rejection) waits for the applicant's own appeal.
   */
  function appealAllowed(
    state: ApplicationState | null,
    timeline: (TimelineItem & { seq: number })[],
  ): boolean {
    if (!state) return false;
    if (timeline.some((e) => e.type === 'closed')) return false;
    const open = state.appeals.find((a) => a.status === 'open');
    if (open) {
      const groundsGiven = timeline.some(
        (e) => e.type === 'appeal-grounds-filed' && (e.details as { level?: string }).level === open.level,
      );
      return open.ground !== 'applicant' && !groundsGiven;
    }
    if (state.status !== 'rejected') return false;
    const first = state.appeals.find((a) => a.level === 'first');
    if (!first) return !timeline.some((e) => e.type === 'appeal-filed');
    const second = state.appeals.find((a) => a.level === 'second');
    if (second || first.outcome !== 'uphold-rejection') return false;
    const decidedAt = Math.max(...timeline.filter((e) => e.type === 'appeal-decided').map((e) => e.seq), 0);
    return !timeline.some((e) => e.type === 'appeal-filed' && e.seq > decidedAt);
  }

  async function applicationView(number: string, row: ApplicationRow): Promise<ApplicationView> {
    const state = row.state;
    const input = row.workflowInput;
    const status = row.status;
    const timeline = await events('applicationEvents', 'applicationNumber', number);
    const docs = await db('documents')
      .where({ applicationNumber: number })
      .whereNot({ kind: 'receipt' })
      .orderBy('id')
      .select('serial', 'kind', 'issuedOn', 'status');
    const n = urlNumber(number);
    return {
      number,
      urlNumber: n,
      service: serviceName(input.service),
      status: STATUS_LABELS[status] ?? { en: status, hi: status },
      receivedAt: row.receivedAt,
      due: applicationDue(row),
      rejectionReason: state?.rejectionReason ?? null,
      informationRequest: state?.informationRequest ?? null,
      payment: state?.payment
        ? {
            amountRupees: Math.round(state.payment.amountPaise / 100),
            paymentUrl: state.payment.paymentUrl,
            paid: state.payment.paymentId !== null,
          }
        : null,
      appeals: state?.appeals ?? [],
      documents: docs.map((d: { serial: string; kind: string; issuedOn: unknown; status: string }) => ({
        serial: d.serial,
        title: d.kind === input.service.document ? serviceName(input.service) : { en: d.kind, hi: d.kind },
        issuedOn: isoDateOf(d.issuedOn),
        revoked: d.status === 'revoked',
        href: `/my/documents/${d.serial}.pdf`,
      })),
      receiptHref: `/my/applications/${n}/receipt.pdf`,
      events: timeline,
      canReply: status === 'awaiting-applicant' && Boolean(state?.informationRequest),
      canAppeal: appealAllowed(state, timeline),
    };
  }

  async function showApplication(
    ctx: Context,
    number: string,
    row: ApplicationRow,
    forms: CaseForms = {},
    status = 200,
  ) {
    const pc = pageContext(ctx);
    const view = await applicationView(number, row);
    render(ctx, view.service, applicationPage(pc, view, forms), status);
  }

  router.get('/my/applications/:number', async (ctx) => {
    const { number, row } = await ownApplication(ctx);
    await showApplication(ctx, number, row);
  });

  router.get('/my/applications/:number/receipt.pdf', async (ctx) => {
    const { number } = await ownApplication(ctx);
    sendPdf(ctx, await receiptPdf(db, number));
  });

  router.get('/my/documents/:file', async (ctx) => {
    const mobile = requireCitizen(ctx);
    const doc = await documentPdf(db, ctx.params.file ?? '');
    const owner = await db('applications').where({ number: doc.applicationNumber }).first();
    const facts = owner ? await applicationFacts(db, owner) : null;
    if (!facts || !authorize('application.read', citizenSubject(mobile), facts).allow)
      throw notYours(T.notYourDocument, 'unknown_document');
    sendPdf(ctx, doc);
  });

  /**
   * Sends one of the case page's forms; a refusal shows the page again with what was typed and
   * why, a success goes back to the case with `done` as the message.
   */
  async function sendCaseForm(
    ctx: Context,
    send: () => Promise<unknown>,
    again: (err: AppError, pc: PageContext) => Promise<void>,
    back: string,
    done: Bilingual,
  ): Promise<void> {
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await again(err, pageContext(ctx));
      return;
    }
    redirect(ctx, back, { kind: 'ok', text: done });
  }

  router.post('/my/applications/:number/reply', async (ctx) => {
    const { mobile, number, row } = await ownApplication(ctx);
    const reply = formText(ctx, 'reply');
    await sendCaseForm(
      ctx,
      () => applicantReply(temporal, number, { mobile, reply }),
      (err, pc) =>
        showApplication(
          ctx,
          number,
          row,
          { reply: { value: reply, error: err.messages[pc.lang] } },
          err.status,
        ),
      `/my/applications/${urlNumber(number)}`,
      T.replySent,
    );
  });

  router.post('/my/applications/:number/appeal', async (ctx) => {
    const { mobile, number, row } = await ownApplication(ctx);
    const grounds = formText(ctx, 'grounds');
    await sendCaseForm(
      ctx,
      () => applicantAppeal(temporal, number, { mobile, grounds }),
      (err, pc) =>
        showApplication(
          ctx,
          number,
          row,
          { appeal: { value: grounds, error: err.messages[pc.lang] } },
          err.status,
        ),
      `/my/applications/${urlNumber(number)}`,
      T.appealFiled,
    );
  });

  // ---- a complaint ------------------------------------------------------------------------------

  async function ownComplaint(ctx: Context): Promise<{ mobile: string; number: string; row: ComplaintRow }> {
    const mobile = requireCitizen(ctx);
    const number = complaintNumberFrom(ctx.params.number);
    const row: ComplaintRow | undefined = await db('complaints').where({ number }).first();
    if (!row)
      throw new NotFound(
        { en: `There is no complaint ${number}.`, hi: `शिकायत ${number} नहीं है।` },
        'unknown_complaint',
      );
    enforcePage(authorize('complaint.read', pageSubject(ctx), complaintFacts(row as never)), '/signin', () =>
      notYours(T.notYourComplaint, 'unknown_complaint'),
    );
    return { mobile, number, row };
  }

  async function complaintView(number: string, row: ComplaintRow): Promise<ComplaintView> {
    const state = row.state;
    const input = row.workflowInput;
    const department = await db('departments').where({ code: row.departmentCode }).first('nameEn', 'nameHi');
    const status = row.status;
    return {
      number,
      urlNumber: urlNumber(number),
      callType: row.callType,
      subject: await complaintSubjectName(row.subjectCode),
      department: department ? placeLabel(department) : { en: row.departmentCode, hi: row.departmentCode },
      status: COMPLAINT_STATUS_LABELS[status] ?? { en: status, hi: status },
      level: row.level,
      receivedAt: row.receivedAt,
      due: complaintDue(row),
      description: row.description,
      question: state?.question ?? null,
      resolution: state?.resolution ?? null,
      closure: row.closure ?? null,
      answer: input.information ? { en: input.information.answerEn, hi: input.information.answerHi } : null,
      events: await events('complaintEvents', 'complaintNumber', number),
      canReply: status === 'awaiting-citizen' && Boolean(state?.question),
      canGiveFeedback: status === 'resolved',
    };
  }

  async function showComplaint(
    ctx: Context,
    number: string,
    row: ComplaintRow,
    forms: CaseForms = {},
    status = 200,
  ) {
    const pc = pageContext(ctx);
    render(ctx, T.complaint, complaintPage(pc, await complaintView(number, row), forms), status);
  }

  router.get('/my/complaints/:number', async (ctx) => {
    const { number, row } = await ownComplaint(ctx);
    await showComplaint(ctx, number, row);
  });

  router.post('/my/complaints/:number/reply', async (ctx) => {
    const { mobile, number, row } = await ownComplaint(ctx);
    const text = formText(ctx, 'text');
    await sendCaseForm(
      ctx,
      () => citizenReplyTo(temporal, number, { mobile, text }),
      (err, pc) =>
        showComplaint(ctx, number, row, { reply: { value: text, error: err.messages[pc.lang] } }, err.status),
      `/my/complaints/${urlNumber(number)}`,
      T.replySent,
    );
  });

  router.post('/my/complaints/:number/feedback', async (ctx) => {
    const { mobile, number, row } = await ownComplaint(ctx);
    const answer = formText(ctx, 'satisfied');
    const remarks = formText(ctx, 'remarks');
    await sendCaseForm(
      ctx,
      () =>
        complaintFeedback(temporal, number, {
          satisfied: answer === 'yes' ? true : answer === 'no' ? false : undefined,
          via: 'web',
          recordedBy: mobile,
          remarks: remarks || undefined,
        }),
      (err, pc) => {
        const error = err.details?.some((d) => d.field === 'satisfied')
          ? say(pc, T.chooseAnswer)
          : err.messages[pc.lang];
        return showComplaint(
          ctx,
          number,
          row,
          { feedback: { satisfied: answer, remarks, error } },
          err.status,
        );
      },
      `/my/complaints/${urlNumber(number)}`,
      T.feedbackSaved,
    );
  });

  // ---- public status lookup ---------------------------------------------------------------------

  router.get('/status', (ctx) => {
    render(ctx, T.status, statusLookup(pageContext(ctx), { number: '', mobile: '' }));
  });

  /** Status by number + mobile. A wrong mobile reads exactly like an unknown number. */
  async function lookup(numberText: string, mobile: string): Promise<PublicStatus | Bilingual> {
    const upper = numberText.toUpperCase().replace(/\s+/g, '');
    let number: string;
    try {
      number = upper.startsWith('CMH') ? complaintNumberFrom(upper) : applicationNumberFrom(upper);
    } catch (err) {
      if (err instanceof NotFound) return T.lookupBadNumber;
      throw err;
    }
    if (!/^[6-9]\d{9}$/.test(mobile)) return T.lookupBadMobile;
    if (number.startsWith('CMH')) {
      const row: ComplaintRow | undefined = await db('complaints')
        .where({ number, citizenMobile: mobile })
        .first();
      if (!row) return T.lookupNotFound;
      return {
        kind: 'complaint',
        number,
        title: await complaintSubjectName(row.subjectCode),
        status: COMPLAINT_STATUS_LABELS[row.status] ?? { en: row.status, hi: row.status },
        due: complaintDue(row),
        events: await events('complaintEvents', 'complaintNumber', number),
      };
    }
    const row: ApplicationRow | undefined = await db('applications')
      .where({ number, applicantMobile: mobile })
      .first();
    if (!row) return T.lookupNotFound;
    const status = row.status;
    return {
      kind: 'application',
      number,
      title: serviceName(row.workflowInput.service),
      status: STATUS_LABELS[status] ?? { en: status, hi: status },
      due: applicationDue(row),
      events: await events('applicationEvents', 'applicationNumber', number),
    };
  }

  router.post('/status', async (ctx) => {
    const pc = pageContext(ctx);
    const number = formText(ctx, 'number');
    const mobile = formText(ctx, 'mobile')
      .replace(/^(\+91|0)/, '')
      .replace(/[\s-]/g, '');
    const found = await lookup(number, mobile);
    if ('kind' in found) {
      render(ctx, T.status, statusLookup(pc, { number, mobile, result: found }));
    } else {
      const status = found === T.lookupNotFound ? 404 : 400;
      render(ctx, T.status, statusLookup(pc, { number, mobile, error: say(pc, found) }), status);
    }
  });

  return router;
}
