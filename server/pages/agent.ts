// Pages of the 181 agent console: caller lookup by mobile, intake on the caller's behalf, read-back of the number.
// One screen for the whole call: GET /agent?mobile= shows the caller's open applications and
// complaints (Mahila Helpline cases only to counsellors and admins, as in the API's lists) and the
// intake forms; each form posts to the SAME intake functions as the JSON API (channel agent-181,
// or mahila) and lands on /agent/registered/:number, the read-back page.
import Router from '@koa/router';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Context } from 'koa';
import { currentPolicy } from '../../db/policies';
import { findService, type ServiceCatalogue, type ServiceDefinition } from '../../lib/catalogue';
import { renderMessage } from '../../lib/messages';
import { istDate } from '../../lib/working-days';
import { STATUS_LABELS, type ApplicationStatus } from '../../workflows/application-messages';
import type { ComplaintInput } from '../../workflows/complaint-messages';
import type { Html } from '../../templates/html';
import { html } from '../../templates/html';
import type { PageContext } from '../../templates/layout';
import { readApplicationForm, workingDaysText } from '../../templates/citizen/apply';
import { CALL_TYPE_LABELS, COMPLAINT_STATUS_LABELS } from '../../templates/citizen/format';
import { dueInfo, isoDateOf, type DueInfo } from '../../templates/format';
import { agentApplicationForm, consoleInputId, serviceChooser } from '../../templates/agent/application-form';
import {
  complaintInputId,
  complaintIntakeForm,
  enterMobileFirst,
  errorSummary,
  informationInputId,
  informationIntake,
  intakeTabs,
  lookupForm,
  openCasesTable,
  registerHeading,
  type Caller,
  type FormProblem,
  type OpenCase,
  type SchemeArticle,
  type Tab,
} from '../../templates/agent/console';
import { readBackPage, type ReadBackView } from '../../templates/agent/read-back';
import type { AppDeps } from '../app';
import { createIntake } from '../applications/intake';
import { staffOnApplication } from '../applications/officer-actions';
import { createComplaintIntake, type ComplaintRequest } from '../complaints/intake';
import { staffOnComplaint } from '../complaints/officer-actions';
import { AppError, NotFound } from '../errors';
import type { Bilingual } from '../i18n';
import { createPlaceDirectory } from '../places';
import {
  AGENT_181_ROLES,
  applicationNumberFrom,
  checkIdempotencyKey,
  urlNumber,
} from '../routes/applications';
import { CHANNEL_ROLES, complaintNumberFrom, onlyListable } from '../routes/complaints';
import { checkMobile } from '../web/otp';
import { formText, pageContext, redirect, render, requireStaffPermission, type StaffViewer } from './context';
import { formField, placeOptions as loadPlaceOptions } from './forms';

const T = {
  title: { en: 'CM Helpline 181 — agent console', hi: 'सीएम हेल्पलाइन 181 — एजेंट कंसोल' },
  readBackTitle: { en: 'Registered — read the number to the caller', hi: 'दर्ज हुआ — कॉलर को क्रमांक बताएँ' },
  badMobile: {
    en: 'Enter the caller’s 10-digit mobile number, starting with 6, 7, 8 or 9.',
    hi: 'कॉलर का 6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर लिखें।',
  },
  informationOn: { en: 'Information: {scheme}', hi: 'जानकारी: {scheme}' },
  via181Limit: {
    en: 'Time limit when applied through 181: {days}.',
    hi: '181 के माध्यम से आवेदन पर समय-सीमा: {days}।',
  },
  levelDue: { en: 'Time limit of the current level ({level}).', hi: 'वर्तमान स्तर ({level}) की समय-सीमा।' },
} satisfies Record<string, Bilingual>;

/** Who works the console: 181 agents, and counsellors for Mahila Helpline cases (admin passes). */
/** Applications with nothing pending any more (as the application workflow's final statuses). */
const CLOSED_APPLICATION: ApplicationStatus[] = [
  'delivered',
  'rejected',
  'closed-incomplete',
  'closed-unpaid',
];
const TABS: Tab[] = ['complaint', 'information', 'application'];

interface ComplaintListRow {
  number: string;
  callType: string;
  subjectCode: string;
  status: string;
  level: string;
  levelDueAt: Date | null;
  receivedAt: Date;
  breached: boolean;
  hidden: boolean;
  citizenName: string;
  assignedOfficerCode: string | null;
  workflowInput: unknown;
  state: unknown;
}

const holds = (staff: StaffViewer, roles: readonly string[]) =>
  staff.roles.includes('admin') || roles.some((r) => staff.roles.includes(r));
/** `text` with `{key}` filled in each language. */
const fill = (text: Bilingual, key: string, value: Bilingual): Bilingual => ({
  en: text.en.replace(`{${key}}`, value.en),
  hi: text.hi.replace(`{${key}}`, value.hi),
});
/** A code shown as it is in both languages (when no name is known). */
const both = (code: string): Bilingual => ({ en: code, hi: code });
const callerHref = (mobile: string, extra = '') => `/agent?mobile=${encodeURIComponent(mobile)}${extra}`;
const readBackHref = (number: string, mobile: string, receipt?: string) =>
  `/agent/registered/${urlNumber(number)}?mobile=${encodeURIComponent(mobile)}${receipt ? `&r=${receipt}` : ''}`;

/**
 * The key the intake stores for one rendering of a form (a double click registers once), scoped to
 * the console and the agent so that a key can never find a case registered elsewhere. A form
 * without its key (a stale page) gets a fresh one.
 */
function intakeKey(staff: StaffViewer, formKey: string): string {
  const key = /^[\w-]{16,64}$/.test(formKey) ? formKey : randomUUID();
  return checkIdempotencyKey(`agent:${staff.code}:${key}`)!;
}

/** The caller's mobile as typed, normalised (+91, spaces), or null. */
function callerMobile(value: string): string | null {
  try {
    return checkMobile(value);
  } catch {
    return null;
  }
}

/** What a form came back with: the posted values, the messages by field, and a message for the whole form. */
interface Outcome {
  values: Record<string, string>;
  errors: Record<string, string>;
  problems: FormProblem[];
  lead?: string;
  status: number;
}

/** An intake's refusal as a form outcome: field details inline, the rest (e.g. the daily limit) on top. */
function outcomeOf(
  pc: PageContext,
  err: unknown,
  values: Record<string, string>,
  inputIdOf: (field: string) => string | null,
): Outcome {
  if (!(err instanceof AppError)) throw err;
  const errors: Record<string, string> = {};
  const problems: FormProblem[] = [];
  for (const d of err.details ?? []) {
    const text = d.message[pc.lang];
    errors[d.field] ??= text;
    problems.push({ text, inputId: inputIdOf(d.field) });
  }
  return {
    values,
    errors,
    problems,
    lead: problems.length === 0 || err.status !== 400 ? err.messages[pc.lang] : undefined,
    status: err.status,
  };
}

export function agentPages(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;
  const registerComplaint = createComplaintIntake({ db, temporal: deps.temporal });
  const acceptApplication = createIntake({ db, temporal: deps.temporal, places: createPlaceDirectory(db) });

  // ---- reference data the forms list ----------------------------------------------------------

  const placeOptions = () => loadPlaceOptions(db);

  async function schemes(): Promise<SchemeArticle[]> {
    const rows: { code: string; article: SchemeArticle }[] = await db('schemes')
      .orderBy('code')
      .select('code', 'article');
    return rows.map((r) => ({ ...r.article, code: r.code }));
  }

  async function services(): Promise<ServiceDefinition[]> {
    const row = await currentPolicy('service-catalogue');
    return row ? (row.body as ServiceCatalogue).services : [];
  }

  // ---- the caller's cases -----------------------------------------------------------------------

  async function lookUpCaller(mobile: string, staff: StaffViewer): Promise<Caller> {
    const listable = (q: Knex.QueryBuilder) => {
      onlyListable(q, staff);
      return q;
    };
    const [apps, complaintRows, closedApps, closedComplaints] = await Promise.all([
      db('applications')
        .where({ applicantMobile: mobile })
        .whereNotIn('status', CLOSED_APPLICATION)
        .orderBy('receivedAt', 'desc')
        .select(
          'number',
          'serviceCode',
          'status',
          'dueDate',
          'receivedAt',
          'breached',
          'clockPaused',
          'applicantName',
          'workflowInput',
        ),
      listable(db('complaints'))
        .where({ citizenMobile: mobile })
        .whereNot({ status: 'closed' })
        .orderBy('receivedAt', 'desc')
        .select(
          'number',
          'callType',
          'subjectCode',
          'status',
          'level',
          'levelDueAt',
          'receivedAt',
          'breached',
          'hidden',
          'citizenName',
          'assignedOfficerCode',
          'workflowInput',
          'state',
        ),
      db('applications')
        .where({ applicantMobile: mobile })
        .whereIn('status', CLOSED_APPLICATION)
        .count({ n: '*' })
        .first(),
      listable(db('complaints')).where({ citizenMobile: mobile, status: 'closed' }).count({ n: '*' }).first(),
    ]);
    const subjects = new Map<string, Bilingual>(
      (await db('complaintSubjects').select('code', 'nameEn', 'nameHi')).map(
        (s: { code: string; nameEn: string; nameHi: string }) => [s.code, { en: s.nameEn, hi: s.nameHi }],
      ),
    );
    const catalogue = await services();
    const complaints: ComplaintListRow[] = complaintRows;
    const cases: OpenCase[] = [
      ...complaints.map((c) => ({
        kind: 'complaint' as const,
        number: c.number,
        what: complaintWhat(c.callType, c.subjectCode, subjects),
        status: COMPLAINT_STATUS_LABELS[c.status] ?? both(c.status),
        due: complaintDue(c),
        href: staffOnComplaint(c, staff) ? readBackHref(c.number, mobile) : null,
        mahila: Boolean(c.hidden),
      })),
      ...apps.map((a) => {
        const s = catalogue.find((x) => x.code === a.serviceCode);
        return {
          kind: 'application' as const,
          number: a.number as string,
          what: s ? { en: s.nameEn, hi: s.nameHi } : both(a.serviceCode),
          status: STATUS_LABELS[a.status as ApplicationStatus] ?? both(a.status),
          due: applicationDue(a),
          href: readBackHref(a.number, mobile),
          mahila: false,
        };
      }),
    ];
    // The name the caller last gave (closed cases too; a Mahila Helpline case only to whom it is listed).
    const [lastComplaint, lastApplication] = await Promise.all([
      listable(db('complaints'))
        .where({ citizenMobile: mobile })
        .orderBy('receivedAt', 'desc')
        .first('citizenName as name', 'receivedAt'),
      db('applications')
        .where({ applicantMobile: mobile })
        .whereNot('applicantName', 'like', '(%') // a land-record copy has no name: "(mobile)"
        .orderBy('receivedAt', 'desc')
        .first('applicantName as name', 'receivedAt'),
    ]);
    const last = [lastComplaint, lastApplication]
      .filter((x): x is { name: string; receivedAt: Date } => Boolean(x))
      .sort((a, b) => new Date(b.receivedAt).getTime() - new Date(a.receivedAt).getTime())[0];
    return {
      mobile,
      knownName: last?.name ?? '',
      cases,
      closed: Number(closedApps?.n ?? 0) + Number(closedComplaints?.n ?? 0),
    };
  }

  function complaintWhat(callType: string, subjectCode: string, subjects: Map<string, Bilingual>): Bilingual {
    const kind = CALL_TYPE_LABELS[callType] ?? { en: callType, hi: callType };
    const subject = subjects.get(subjectCode) ?? { en: subjectCode, hi: subjectCode };
    return { en: `${kind.en}: ${subject.en}`, hi: `${kind.hi}: ${subject.hi}` };
  }

  function complaintDue(c: {
    levelDueAt: Date | string | null;
    receivedAt: Date | string;
    breached: boolean;
    status: string;
  }): DueInfo | null {
    if (!c.levelDueAt) return null;
    return dueInfo({
      dueDate: istDate(new Date(c.levelDueAt).getTime()),
      receivedOn: istDate(new Date(c.receivedAt).getTime()),
      breached: c.breached,
      paused: c.status === 'awaiting-citizen',
      final: c.status === 'closed',
    });
  }

  function applicationDue(a: {
    dueDate: unknown;
    receivedAt: Date | string;
    breached: boolean;
    clockPaused: boolean;
    status: string;
  }): DueInfo | null {
    return dueInfo({
      dueDate: isoDateOf(a.dueDate),
      receivedOn: istDate(new Date(a.receivedAt).getTime()),
      breached: a.breached,
      paused: a.clockPaused,
      final: (CLOSED_APPLICATION as string[]).includes(a.status),
    });
  }

  // ---- the console ------------------------------------------------------------------------------

  interface ConsoleState {
    typed: string;
    mobile: string | null;
    tab: Tab;
    scheme: string;
    service: string;
    outcome?: Outcome | undefined;
  }

  async function renderConsole(ctx: Context, staff: StaffViewer, s: ConsoleState): Promise<void> {
    const pc = pageContext(ctx);
    const mayComplain = holds(staff, CHANNEL_ROLES['agent-181']!);
    const mayMahila = holds(staff, CHANNEL_ROLES.mahila!);
    const mayApply = holds(staff, AGENT_181_ROLES);
    const tabs = TABS.filter((t) =>
      t === 'complaint' ? mayComplain || mayMahila : t === 'information' ? mayComplain : mayApply,
    );
    const tab = tabs.includes(s.tab) ? s.tab : tabs[0]!;
    const badMobile = s.typed !== '' && !s.mobile ? T.badMobile[pc.lang] : undefined;
    const parts: Html[] = [
      lookupForm(pc, { mobile: s.mobile ?? s.typed, error: badMobile, autofocus: !s.mobile }),
    ];
    if (!s.mobile) {
      parts.push(registerHeading(pc), enterMobileFirst(pc));
      render(ctx, T.title, html`${parts}`, badMobile ? 400 : 200);
      return;
    }
    const caller = await lookUpCaller(s.mobile, staff);
    parts.push(
      openCasesTable(pc, caller),
      registerHeading(pc),
      intakeTabs(pc, { mobile: s.mobile, tab, tabs }),
    );
    const o = s.outcome;
    const values = o?.values ?? { 'citizen.name': caller.knownName };
    const errors = o?.errors ?? {};
    const key = o?.values.idempotencyKey || randomUUID();
    const focusForm = !o;
    if (tab === 'complaint') {
      const [places, departments, subjects] = await Promise.all([
        placeOptions(),
        db('departments').orderBy('nameEn').select('code', 'nameEn', 'nameHi'),
        db('complaintSubjects')
          .orderBy(['departmentCode', 'nameEn'])
          .select('code', 'departmentCode', 'nameEn', 'nameHi'),
      ]);
      if (o) parts.push(errorSummary(pc, o.problems, o.lead));
      parts.push(
        complaintIntakeForm(pc, {
          mobile: s.mobile,
          places,
          departments,
          subjects,
          values,
          errors,
          mahila: mayComplain ? (mayMahila ? 'choice' : 'none') : 'always',
          idempotencyKey: key,
          autofocus: focusForm,
        }),
      );
    } else if (tab === 'information') {
      const [places, list] = await Promise.all([placeOptions(), schemes()]);
      const chosen = list.find((x) => x.code === (o?.values.schemeCode ?? s.scheme)) ?? null;
      if (o) parts.push(errorSummary(pc, o.problems, o.lead));
      parts.push(
        informationIntake(pc, {
          mobile: s.mobile,
          places,
          schemes: list,
          chosen,
          values,
          errors,
          idempotencyKey: key,
          autofocus: focusForm,
        }),
      );
    } else {
      const list = await services();
      const service = list.find((x) => x.code === s.service) ?? null;
      parts.push(
        serviceChooser(pc, list, service?.code ?? null, (x) =>
          callerHref(s.mobile!, `&tab=application&service=${x.code}`),
        ),
      );
      if (service) {
        if (o) parts.push(errorSummary(pc, o.problems, o.lead));
        parts.push(
          agentApplicationForm(pc, {
            service,
            action: `/agent/application/${service.code}`,
            mobile: s.mobile,
            places: await placeOptions(),
            values: o?.values ?? {
              mobile: s.mobile,
              ...(service.fields.some((f) => f.name === 'applicantName')
                ? { applicantName: caller.knownName }
                : {}),
            },
            errors,
            idempotencyKey: key,
            autofocus: focusForm,
          }),
        );
      }
    }
    render(ctx, T.title, html`${parts}`, o?.status ?? 200);
  }

  const query = (ctx: Context, name: string): string => {
    const value = ctx.query[name];
    return typeof value === 'string' ? value.trim() : '';
  };

  router.get('/agent', async (ctx) => {
    const staff = requireStaffPermission(ctx, 'caller.lookup');
    const typed = query(ctx, 'mobile');
    await renderConsole(ctx, staff, {
      typed,
      mobile: typed ? callerMobile(typed) : null,
      tab: (TABS as string[]).includes(query(ctx, 'tab')) ? (query(ctx, 'tab') as Tab) : 'complaint',
      scheme: query(ctx, 'scheme'),
      service: query(ctx, 'service').toUpperCase(),
    });
  });

  // A reload or a language switch on a form that came back with errors: back to the console.
  for (const path of ['/agent/complaint', '/agent/information', '/agent/application/:service']) {
    router.get(path, (ctx) => {
      requireStaffPermission(ctx, 'caller.lookup');
      redirect(ctx, '/agent');
    });
  }

  /** The posted caller's mobile, or back to the lookup with a message. */
  function postedCaller(ctx: Context, field = 'mobile'): string | null {
    const mobile = callerMobile(formText(ctx, field));
    if (!mobile) redirect(ctx, '/agent', { kind: 'error', text: T.badMobile });
    return mobile;
  }

  function postedValues(ctx: Context, names: string[]): Record<string, string> {
    return Object.fromEntries(names.map((n) => [n, formField(ctx, n)]));
  }

  router.post('/agent/complaint', async (ctx) => {
    const staff = requireStaffPermission(ctx, 'caller.lookup');
    const mobile = postedCaller(ctx);
    if (!mobile) return;
    const values = postedValues(ctx, [
      'idempotencyKey',
      'citizen.name',
      'callType',
      'subType',
      'mahila',
      'subject',
      'place.district',
      'place.tehsil',
      'place.block',
      'place.village',
      'description',
    ]);
    // A counsellor registers Mahila Helpline cases only; an agent may mark one.
    const channel =
      values.mahila === 'yes' || !holds(staff, CHANNEL_ROLES['agent-181']!) ? 'mahila' : 'agent-181';
    requireStaffPermission(ctx, 'complaint.intake', { channel });
    const request: ComplaintRequest = {
      channel,
      callType: values.callType || 'complaint',
      subType: values.subType || undefined,
      citizen: { name: values['citizen.name'], mobile },
      place: {
        district: values['place.district'],
        tehsil: values['place.tehsil'],
        block: values['place.block'],
        village: values['place.village'],
      },
      subject: values.subject,
      description: values.description,
      idempotencyKey: intakeKey(staff, values.idempotencyKey ?? ''),
    };
    await registerAndReadBack(ctx, staff, request, mobile, 'complaint', values, (field) =>
      complaintInputId(field === 'department' ? 'subject' : field),
    );
  });

  router.post('/agent/information', async (ctx) => {
    const staff = requireStaffPermission(ctx, 'complaint.intake', { channel: 'agent-181' });
    const mobile = postedCaller(ctx);
    if (!mobile) return;
    const values = postedValues(ctx, [
      'idempotencyKey',
      'schemeCode',
      'citizen.name',
      'place.district',
      'description',
    ]);
    const request: ComplaintRequest = {
      channel: 'agent-181',
      callType: 'information',
      citizen: { name: values['citizen.name'], mobile },
      place: { district: values['place.district'] },
      schemeCode: values.schemeCode,
      description: values.description || undefined,
      idempotencyKey: intakeKey(staff, values.idempotencyKey ?? ''),
    };
    await registerAndReadBack(ctx, staff, request, mobile, 'information', values, informationInputId);
  });

  async function registerAndReadBack(
    ctx: Context,
    staff: StaffViewer,
    request: ComplaintRequest,
    mobile: string,
    tab: Tab,
    values: Record<string, string>,
    inputIdOf: (field: string) => string,
  ): Promise<void> {
    const pc = pageContext(ctx);
    try {
      const result = await registerComplaint(request);
      redirect(
        ctx,
        readBackHref(result.complaintNumber, mobile, receiptOf(result.complaintNumber, staff)),
        result.duplicateOf ? { kind: 'ok', text: result.message } : undefined,
      );
    } catch (err) {
      const outcome = outcomeOf(pc, err, values, inputIdOf);
      await renderConsole(ctx, staff, {
        typed: mobile,
        mobile,
        tab,
        scheme: values.schemeCode ?? '',
        service: '',
        outcome,
      });
    }
  }

  router.post('/agent/application/:service', async (ctx) => {
    const staff = requireStaffPermission(ctx, 'application.intake-for-caller');
    const pc = pageContext(ctx);
    const mobile = postedCaller(ctx, 'caller');
    if (!mobile) return;
    const catalogue = await currentPolicy('service-catalogue');
    const service = catalogue && findService(catalogue.body as ServiceCatalogue, ctx.params.service ?? '');
    if (!service) {
      throw new NotFound({
        en: `There is no service "${ctx.params.service}".`,
        hi: `"${ctx.params.service}" नाम की कोई सेवा नहीं है।`,
      });
    }
    const { fields, values } = readApplicationForm(service, (name) => formField(ctx, name));
    const idempotencyKey = formText(ctx, 'idempotencyKey');
    try {
      const accepted = await acceptApplication({
        service: service.code,
        channel: 'agent-181',
        fields,
        idempotencyKey: intakeKey(staff, idempotencyKey),
      });
      const number = accepted.applicationNumber;
      redirect(ctx, readBackHref(number, (fields.mobile as string) ?? mobile, receiptOf(number, staff)));
    } catch (err) {
      const outcome = outcomeOf(pc, err, { ...values, idempotencyKey }, (f) => consoleInputId(service, f));
      await renderConsole(ctx, staff, {
        typed: mobile,
        mobile,
        tab: 'application',
        scheme: '',
        service: service.code,
        outcome,
      });
    }
  });

  // ---- read-back ----------------------------------------------------------------------------

  /**
   * Proof that this agent registered this case just now: the read-back link carries it, so the
   * agent can read out the number of a case the general rules do not show them (a Mahila
   * Helpline case, kept from other agents).
   */
  function receiptOf(number: string, staff: StaffViewer): string {
    return createHmac('sha256', deps.staffTokenSecret)
      .update(`agent-read-back:${staff.code}:${number}`)
      .digest('base64url')
      .slice(0, 32);
  }

  function isReceipt(ctx: Context, number: string, staff: StaffViewer): boolean {
    const given = Buffer.from(query(ctx, 'r'));
    const expected = Buffer.from(receiptOf(number, staff));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Waits a moment for the workflow's first projection (routing sets the complaint's due date). */
  async function settledComplaint(number: string) {
    let row = await db('complaints').where({ number }).first();
    for (let i = 0; row && row.status === 'registered' && !row.levelDueAt && i < 30; i++) {
      await new Promise((r) => setTimeout(r, 150));
      row = await db('complaints').where({ number }).first();
    }
    return row;
  }

  /**
   * The caller's SMS about this case: those the workflow has put in the outbox, and the ones it is
   * about to send at registration (same templates) that are not there yet.
   */
  async function smsTo(
    mobile: string,
    number: string,
    expected: { template: string; params: Record<string, string> }[],
  ): Promise<ReadBackView['sms']> {
    const queued: { template: string; bodyEn: string; bodyHi: string; status: string }[] = await db(
      'outboxMessages',
    )
      .where({ recipientMobile: mobile })
      .andWhere('dedupeKey', 'like', `${number}:%`)
      .orderBy('id')
      .select('template', 'bodyEn', 'bodyHi', 'status');
    const coming = expected.filter((e) => !queued.some((q) => q.template === e.template));
    return {
      bodies: [
        ...queued.map((m) => ({ en: m.bodyEn, hi: m.bodyHi })),
        ...coming.map((e) => renderMessage(e.template, e.params)),
      ],
      sent: coming.length === 0 && queued.every((m) => m.status === 'sent'),
    };
  }

  router.get('/agent/registered/:number', async (ctx) => {
    const staff = requireStaffPermission(ctx, 'caller.lookup');
    const param = ctx.params.number ?? '';
    const asked = query(ctx, 'mobile');
    let view: ReadBackView;
    if (/^CMH/i.test(param)) {
      const number = complaintNumberFrom(param);
      const row = await settledComplaint(number);
      if (!row || !(staffOnComplaint(row, staff) || isReceipt(ctx, number, staff))) throw notVisible(number);
      const input = row.workflowInput as ComplaintInput;
      const subjects = new Map<string, Bilingual>(
        (
          await db('complaintSubjects').where({ code: row.subjectCode }).select('code', 'nameEn', 'nameHi')
        ).map((s: { code: string; nameEn: string; nameHi: string }) => [
          s.code,
          { en: s.nameEn, hi: s.nameHi },
        ]),
      );
      const information = input.information;
      let what = complaintWhat(row.callType, row.subjectCode, subjects);
      if (information) {
        const scheme = await db('schemes').where({ code: information.schemeCode }).first('article');
        const a = scheme?.article as SchemeArticle | undefined;
        what = fill(
          T.informationOn,
          'scheme',
          a ? { en: a.nameEn, hi: a.nameHi } : both(information.schemeCode),
        );
      }
      const answer = information ? { en: information.answerEn, hi: information.answerHi } : null;
      view = {
        number,
        mobile: row.citizenMobile,
        what,
        status: COMPLAINT_STATUS_LABELS[row.status as string] ?? both(row.status),
        // An information call is answered and closed at once: no due date.
        due: information ? 'none' : complaintDue(row),
        dueNote: fill(T.levelDue, 'level', both(row.level)),
        answer,
        sms: await smsTo(
          row.citizenMobile,
          number,
          answer
            ? [{ template: 'information-answer', params: { complaintNumber: number, answer: answer.hi } }]
            : [{ template: 'complaint-registered', params: { complaintNumber: number } }],
        ),
      };
    } else {
      const number = applicationNumberFrom(param);
      const row = await db('applications').where({ number }).first();
      // The agent has the applicant on the line (their mobile: the API's rule for the applicant),
      // or has just registered it, or is on the case.
      const visible =
        row &&
        (asked === row.applicantMobile ||
          isReceipt(ctx, number, staff) ||
          (await staffOnApplication(db, row, staff)));
      if (!visible) throw notVisible(number);
      const service = (row.workflowInput as { service: ServiceDefinition }).service;
      const dueDate = isoDateOf(row.dueDate);
      view = {
        number,
        mobile: row.applicantMobile,
        what: { en: service.nameEn, hi: service.nameHi },
        status: STATUS_LABELS[row.status as ApplicationStatus] ?? both(row.status),
        due: applicationDue(row),
        dueNote:
          row.channel === 'agent-181'
            ? fill(T.via181Limit, 'days', workingDaysText(service.timeLimitVia181.workingDays))
            : undefined,
        sms: await smsTo(row.applicantMobile, number, [
          {
            template: 'received',
            params: {
              applicationNumber: number,
              serviceEn: service.nameEn,
              serviceHi: service.nameHi,
              dueDate,
            },
          },
        ]),
      };
    }
    render(ctx, T.readBackTitle, readBackPage(pageContext(ctx), view));
  });

  return router;
}

const notVisible = (number: string) =>
  new NotFound(
    { en: `No case ${number} is visible to you.`, hi: `प्रकरण ${number} आपको उपलब्ध नहीं है।` },
    'unknown_case',
  );
