// Pages of the officer inbox: tasks by due date, case pages, allowed actions, appeals and penalty orders.
// An officer sees only what is assigned to them (their tasks, complaints, appeals) and opens only
// cases the API would show them; actions run through the same functions as the API's routes
// (server/applications/officer-actions.ts, server/complaints/officer-actions.ts), so the workflow's
// validators decide, and a refusal comes back as a bilingual message.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import type { FieldSpec } from '../../lib/catalogue';
import { maskAadhaar, maskSamagra } from '../../lib/masking';
import type { EscalationLadder } from '../../lib/ladder';
import {
  addWorkingDays,
  dayNumber,
  endOfDayIst,
  istDate,
  type IsoDate,
  type WorkingDayCalendar,
} from '../../lib/working-days';
import { say } from '../../templates/layout';
import { applicationCasePage, type ApplicationCaseView } from '../../templates/officer/application';
import { APPLICATION_STATUS, COMPLAINT_STATUS, type Timeliness } from '../../templates/officer/common';
import {
  complaintCasePage,
  COMPLAINT_TEXT_FIELD,
  type ComplaintCaseView,
} from '../../templates/officer/complaint';
import type { FormState } from '../../templates/officer/forms';
import { inboxPage, type InboxKind, type InboxRow } from '../../templates/officer/inbox';
import {
  appealDecideBy,
  appealDecideWithin,
  MAX_ORDER_DAYS,
  type AppealState,
  type ApplicationInput,
  type ApplicationState,
  type ApplicationStatus,
} from '../../workflows/application-messages';
import type { ComplaintInput, ComplaintState, ComplaintStatus } from '../../workflows/complaint-messages';
import type { AppDeps } from '../app';
import { authorize } from '../../lib/authorization';
import {
  actionPermission,
  allowedApplicationActions,
  appealLevel,
  applicationFacts as accessFacts,
  decideAppealAction,
  officerAction,
  runOfficerAction,
  staffOnApplication,
  type AppealLevel,
  type OfficerActionName,
} from '../applications/officer-actions';
import {
  allowedComplaintActions,
  complaintAction,
  complaintActionPermission,
  complaintFacts,
  runComplaintAction,
  staffOnComplaint,
  type ComplaintActionName,
} from '../complaints/officer-actions';
import { AppError, NotFound } from '../errors';
import type { Bilingual } from '../i18n';
import { applicationNumberFrom, urlNumber } from '../routes/applications';
import { complaintNumberFrom } from '../routes/complaints';
import {
  enforcePage,
  pageContext,
  redirect,
  render,
  requireStaffPermission,
  type StaffViewer,
} from './context';

/** The roles that have an inbox. */
export { OFFICER_ROLES } from '../../lib/authorization';

const T = {
  inbox: { en: 'My inbox', hi: 'मेरा इनबॉक्स' },
  fix: { en: 'Please correct the form below.', hi: 'कृपया नीचे दिया गया फ़ॉर्म सुधारें।' },
  choose: { en: 'Choose one.', hi: 'कोई एक चुनें।' },
  slow: {
    en: ' It may take a few seconds to show here.',
    hi: ' यहाँ दिखने में कुछ सेकंड लग सकते हैं।',
  },
  noLongerYours: {
    en: 'It has moved on and is no longer with you.',
    hi: 'प्रकरण आगे बढ़ गया है और अब आपके पास नहीं है।',
  },
};

const FINAL_APPLICATION: ApplicationStatus[] = [
  'delivered',
  'rejected',
  'closed-incomplete',
  'closed-unpaid',
];
const DAY_MS = 86_400_000;

// ---- Time limits ------------------------------------------------------------------------------------

/**
 * On time, at risk or past the limit. "At risk" is defined here as: not yet past the limit, and
 * EITHER due by the end of the next working day (by the case's district calendar) OR in the last
 * 25% of its time limit (counted from when this task's clock started: receipt, an appellate order
 * of delivery, the appeal's opening or the complaint's arrival at its level) — both apply, so a
 * short limit (a 181 application, a Mahila case) is at risk from its first day.
 */
export function timelinessOf(
  p: { dueAt: number | null; startAt: number | null; calendar: WorkingDayCalendar | null; breached: boolean },
  now = Date.now(),
): Timeliness {
  if (p.breached || (p.dueAt !== null && now > p.dueAt)) return 'breached';
  if (p.dueAt === null) return 'on-time';
  let nextWorkingDay: IsoDate;
  try {
    if (!p.calendar) throw new Error('no calendar');
    nextWorkingDay = addWorkingDays(istDate(now), 1, p.calendar);
  } catch {
    nextWorkingDay = istDate(now + DAY_MS); // a calendar without this year: count calendar days
  }
  if (p.dueAt <= endOfDayIst(nextWorkingDay)) return 'at-risk';
  if (p.startAt !== null && p.dueAt > p.startAt && now - p.startAt >= 0.75 * (p.dueAt - p.startAt))
    return 'at-risk';
  return 'on-time';
}

/** Calendar days from today (India) to the due day: negative when overdue. */
export function daysLeft(dueAt: number | null, now = Date.now()): number | null {
  return dueAt === null ? null : dayNumber(istDate(dueAt)) - dayNumber(istDate(now));
}

const ms = (at: string | Date): number => new Date(at).getTime();

/** The day an appeal must be decided by, from when it opened (the appeal workflow's own rule). */
function appealDueDate(input: ApplicationInput, level: AppealLevel, openedAt: string | Date): IsoDate | null {
  try {
    return appealDecideBy(ms(openedAt), appealDecideWithin(input.appeals, level), input.calendar);
  } catch {
    return null;
  }
}

type EventRow = {
  applicationNumber?: string;
  type: string;
  at: string | Date;
  details: Record<string, unknown>;
};

function appealOpenedAt(events: EventRow[], level: AppealLevel): string | Date | null {
  const opened = events.filter((e) => e.type === 'appeal-opened' && e.details.level === level);
  return opened.at(-1)?.at ?? null;
}

/** When the designated officer's clock started: receipt, or the latest appellate order of delivery. */
function decisionStartedAt(receivedAt: string | Date, events: EventRow[]): number {
  const ordered = events.filter((e) => e.type === 'delivery-ordered').at(-1);
  return ms(ordered?.at ?? receivedAt);
}

// ---- The inbox --------------------------------------------------------------------------------------

async function loadInbox(db: Knex, me: string, now: number): Promise<InboxRow[]> {
  const rows: (InboxRow & { dueAt: number | null })[] = [];

  // Lok Seva Guarantee tasks (decide, field report, first and second appeals) assigned to me.
  const tasks = await db('officerTasks as t')
    .join('applications as a', 'a.number', 't.applicationNumber')
    .where('t.officerCode', me)
    .andWhere('t.open', true)
    .select(
      't.kind',
      'a.number',
      'a.status',
      'a.applicantName',
      'a.receivedAt',
      'a.state',
      'a.workflowInput',
    );
  const numbers = [...new Set(tasks.map((t) => t.number as string))];
  const events: EventRow[] = numbers.length
    ? await db('applicationEvents')
        .whereIn('applicationNumber', numbers)
        .whereIn('type', ['appeal-opened', 'delivery-ordered'])
        .orderBy('seq')
        .select('applicationNumber', 'type', 'at', 'details')
    : [];
  for (const t of tasks) {
    const input = t.workflowInput as ApplicationInput;
    const state = t.state as ApplicationState;
    const own = events.filter((e) => e.applicationNumber === t.number);
    const kind = t.kind as InboxKind;
    let dueDate: IsoDate | null = state.dueDate;
    let startAt: number | null = decisionStartedAt(t.receivedAt, own);
    let breached = state.breached;
    let status: Bilingual = APPLICATION_STATUS[state.status];
    if (kind === 'first-appeal' || kind === 'second-appeal') {
      const level: AppealLevel = kind === 'first-appeal' ? 'first' : 'second';
      const openedAt = appealOpenedAt(own, level);
      dueDate = openedAt ? appealDueDate(input, level, openedAt) : null;
      startAt = openedAt ? ms(openedAt) : null;
      breached = false;
      status = {
        en: `appeal open; application ${APPLICATION_STATUS[state.status].en}`,
        hi: `अपील लंबित; आवेदन ${APPLICATION_STATUS[state.status].hi}`,
      };
    }
    const dueAt = dueDate ? endOfDayIst(dueDate) : null;
    rows.push({
      kind,
      number: t.number,
      href: `/officer/applications/${urlNumber(t.number)}`,
      subject: { en: input.service.nameEn, hi: input.service.nameHi },
      who: t.applicantName,
      status,
      dueDate,
      dueAt,
      daysLeft: daysLeft(dueAt, now),
      timeliness: timelinessOf({ dueAt, startAt, calendar: input.calendar, breached }, now),
    });
  }

  // Complaints: with me; transfers waiting for my decision (district L2); Mahila cases I counsel;
  // and complaints waiting unassigned in my district's queue (no L1 officer mapped), for the L2.
  const complaints = await db('complaints as c')
    .leftJoin('complaintSubjects as s', 's.code', 'c.subjectCode')
    .where((w) => {
      void w
        .where(
          (q) =>
            void q
              .where('c.assignedOfficerCode', me)
              .whereIn('c.status', ['open', 'awaiting-citizen', 'transfer-requested']),
        )
        .orWhere(
          (q) =>
            void q
              .where('c.status', 'transfer-requested')
              .whereRaw(`c.workflow_input->'routing'->'officers'->'L2'->>'code' = ?`, [me]),
        )
        .orWhere(
          (q) =>
            void q
              .where('c.status', 'counselling')
              .whereRaw(`c.workflow_input->'counsellor'->>'code' = ?`, [me]),
        )
        .orWhere(
          (q) =>
            void q
              .where('c.status', 'open')
              .whereNull('c.assignedOfficerCode')
              .whereNotNull('c.queue')
              .where('c.hidden', false)
              .whereRaw(`c.workflow_input->'routing'->'officers'->'L2'->>'code' = ?`, [me]),
        );
    })
    .limit(500)
    .select(
      'c.number',
      'c.status',
      'c.level',
      'c.citizenName',
      'c.assignedOfficerCode',
      'c.queue',
      'c.levelDueAt',
      'c.breached',
      'c.receivedAt',
      'c.workflowInput',
      's.nameEn as subjectEn',
      's.nameHi as subjectHi',
    );
  const assignedAt = new Map<string, string | Date>();
  if (complaints.length > 0) {
    const starts = await db('complaintEvents')
      .whereIn(
        'complaintNumber',
        complaints.map((c) => c.number),
      )
      .where('type', 'assigned')
      .groupBy('complaintNumber')
      .select('complaintNumber', db.raw('max(at) as at'));
    for (const s of starts) assignedAt.set(s.complaintNumber, s.at);
  }
  for (const c of complaints) {
    const input = c.workflowInput as ComplaintInput;
    const kind: InboxKind =
      c.assignedOfficerCode === me
        ? 'complaint'
        : c.status === 'counselling'
          ? 'counselling'
          : c.status === 'transfer-requested'
            ? 'transfer'
            : 'queue';
    const dueAt = c.levelDueAt ? ms(c.levelDueAt) : null;
    const start = assignedAt.get(c.number) ?? c.receivedAt;
    rows.push({
      kind,
      number: c.number,
      href: `/officer/complaints/${urlNumber(c.number)}`,
      subject: { en: c.subjectEn ?? input.subject, hi: c.subjectHi ?? input.subject },
      who: c.citizenName,
      status: COMPLAINT_STATUS[c.status as ComplaintStatus] ?? { en: c.status, hi: c.status },
      dueDate: dueAt === null ? null : istDate(dueAt),
      dueAt,
      daysLeft: daysLeft(dueAt, now),
      timeliness: timelinessOf(
        { dueAt, startAt: ms(start), calendar: input.calendar, breached: c.breached },
        now,
      ),
    });
  }

  rows.sort(
    (a, b) =>
      (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
      a.number.localeCompare(b.number),
  );
  return rows.map(({ dueAt: _dueAt, ...row }) => row);
}

// ---- Case pages -------------------------------------------------------------------------------------

const noApplication = (number: string) =>
  new NotFound(
    { en: `No application ${number} is visible to you.`, hi: `आवेदन ${number} आपको उपलब्ध नहीं है।` },
    'unknown_application',
  );
const noComplaint = (number: string) =>
  new NotFound(
    { en: `No complaint ${number} is visible to you.`, hi: `शिकायत ${number} आपको उपलब्ध नहीं है।` },
    'unknown_complaint',
  );

/**
 * The application row, if the table gives this officer `permission` on it: application.read to see
 * it (else 404, never another's case), the action's own permission to act (403 when they see it).
 */
async function applicationFor(
  db: Knex,
  number: string,
  staff: StaffViewer,
  permission: 'application.read' | 'application.decide' | 'application.field-report' = 'application.read',
) {
  const row = await db('applications').where({ number }).first();
  if (!row) throw noApplication(number);
  const decision = authorize(permission, staffSubject(staff), await accessFacts(db, row));
  enforcePage(decision, '/staff/signin', () => noApplication(number));
  return row;
}

/** The application row, if this officer decides its `level` appeal (else 403, or 404 if not on it). */
async function appealFor(db: Knex, number: string, staff: StaffViewer, level: 'first' | 'second') {
  const row = await db('applications').where({ number }).first();
  if (!row) throw noApplication(number);
  const facts = { ...(await accessFacts(db, row)), level };
  enforcePage(authorize('application.appeal.decide', staffSubject(staff), facts), '/staff/signin', () =>
    noApplication(number),
  );
  return row;
}

async function complaintFor(
  db: Knex,
  number: string,
  staff: StaffViewer,
  permission: 'complaint.read' | ReturnType<typeof complaintActionPermission> = 'complaint.read',
) {
  const row = await db('complaints').where({ number }).first();
  if (!row) throw noComplaint(number);
  enforcePage(authorize(permission, staffSubject(staff), complaintFacts(row)), '/staff/signin', () =>
    noComplaint(number),
  );
  return row;
}

const staffSubject = (staff: StaffViewer) => ({
  kind: 'staff' as const,
  code: staff.code,
  roles: staff.roles,
});

async function placeNames(db: Knex, codes: { table: string; code: string | null | undefined }[]) {
  const names = new Map<string, Bilingual>();
  for (const { table, code } of codes) {
    if (!code) continue;
    const row = await db(table).where({ code }).first('nameEn', 'nameHi');
    if (row) names.set(`${table}:${code}`, { en: row.nameEn, hi: row.nameHi });
  }
  return (table: string, code: string | null | undefined, lang: 'en' | 'hi'): string =>
    code ? (names.get(`${table}:${code}`)?.[lang] ?? code) : '';
}

const CHOICES: Record<string, Bilingual> = {
  female: { en: 'female', hi: 'महिला' },
  male: { en: 'male', hi: 'पुरुष' },
  other: { en: 'other', hi: 'अन्य' },
};
const SOURCES: Record<string, Bilingual> = {
  salary: { en: 'salary', hi: 'वेतन' },
  agriculture: { en: 'agriculture', hi: 'कृषि' },
  business: { en: 'business', hi: 'व्यवसाय' },
  labour: { en: 'labour', hi: 'मज़दूरी' },
  other: { en: 'other', hi: 'अन्य' },
};

/** The applicant's fields as an officer reads them; Aadhaar and Samagra numbers masked to the last 4. */
async function applicationFacts(
  db: Knex,
  input: ApplicationInput,
  lang: 'en' | 'hi',
): Promise<{ label: Bilingual; value: string }[]> {
  const fields = input.fields;
  const address = fields.address as
    { line?: string; village?: string; tehsil?: string; district?: string } | undefined;
  const name = await placeNames(db, [
    { table: 'villages', code: address?.village },
    { table: 'tehsils', code: address?.tehsil },
    { table: 'districts', code: address?.district },
    { table: 'villages', code: typeof fields.village === 'string' ? fields.village : null },
  ]);
  const rupees = new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN');
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  const show = (spec: FieldSpec, value: unknown): string | null => {
    if (value === undefined || value === null || value === '') return null;
    if (spec.type === 'aadhaar') return maskAadhaar(text(value));
    if (spec.type === 'samagra-id' || spec.masked) return maskSamagra(text(value));
    switch (spec.type) {
      case 'address': {
        const a = value as { line?: string; village?: string; tehsil?: string; district?: string };
        return [
          a.line,
          name('villages', a.village, lang),
          name('tehsils', a.tehsil, lang),
          name('districts', a.district, lang),
        ]
          .filter(Boolean)
          .join(', ');
      }
      case 'income-sources':
        return Object.entries(value as Record<string, number>)
          .map(([k, v]) => `${SOURCES[k]?.[lang] ?? k}: ₹${rupees.format(v)}`)
          .join('; ');
      case 'choice':
        return CHOICES[text(value)]?.[lang] ?? text(value);
      case 'consent':
        return value === true ? (lang === 'hi' ? 'हाँ' : 'yes') : lang === 'hi' ? 'नहीं' : 'no';
      case 'village':
        return name('villages', text(value), lang);
      case 'khasra-numbers':
        return Array.isArray(value) ? value.map(text).join(', ') : text(value);
      default:
        return text(value);
    }
  };
  return input.service.fields.flatMap((spec) => {
    const value = show(spec, fields[spec.name]);
    return value === null ? [] : [{ label: { en: spec.labelEn, hi: spec.labelHi }, value }];
  });
}

async function applicationView(
  db: Knex,
  row: Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- a Knex row
  staff: StaffViewer,
  lang: 'en' | 'hi',
  form?: FormState,
  now = Date.now(),
): Promise<ApplicationCaseView> {
  const number = row.number as string;
  const input = row.workflowInput as ApplicationInput;
  const state = (row.state as ApplicationState | null) ?? null;
  const status = (state?.status ?? row.status) as ApplicationStatus;
  const events = await db('applicationEvents')
    .where({ applicationNumber: number })
    .orderBy('seq')
    .select('seq', 'at', 'type', 'actor', 'details');
  const documents = await db('documents')
    .where({ applicationNumber: number })
    .orderBy('id')
    .select('serial', 'kind', db.raw(`to_char(issued_on, 'YYYY-MM-DD') as issued_on`), 'status');
  const dueDate: IsoDate = state?.dueDate ?? input.dueDate;
  const dueAt = endOfDayIst(dueDate);
  const open = !FINAL_APPLICATION.includes(status);
  const o = input.officers;
  const officer = (r: { code: string; nameEn: string; nameHi: string } | null, role: Bilingual) =>
    r ? [{ role, name: lang === 'hi' ? r.nameHi : r.nameEn, code: r.code }] : [];
  const notes: ApplicationCaseView['notes'] = [];
  if (state?.informationRequest)
    notes.push({
      label: { en: 'Asked of the applicant', hi: 'आवेदक से पूछा गया' },
      text: state.informationRequest,
    });
  if (state?.fieldReport)
    notes.push({ label: { en: 'Field report', hi: 'क्षेत्रीय प्रतिवेदन' }, text: state.fieldReport });
  if (state?.rejectionReason)
    notes.push({ label: { en: 'Reason for rejection', hi: 'अस्वीकृति का कारण' }, text: state.rejectionReason });
  const u = urlNumber(number);
  return {
    number,
    urlNumber: u,
    service: { en: input.service.nameEn, hi: input.service.nameHi },
    status,
    open,
    applicantName: row.applicantName,
    receivedAt: row.receivedAt,
    dueDate,
    daysLeft: daysLeft(dueAt, now) ?? 0,
    timeliness: timelinessOf(
      {
        dueAt,
        startAt: decisionStartedAt(row.receivedAt, events),
        calendar: input.calendar,
        breached: Boolean(state?.breached),
      },
      now,
    ),
    clockPaused: Boolean(state?.clockPaused),
    deliveryOrdered: Boolean(state?.deliveryOrdered),
    facts: await applicationFacts(db, input, lang),
    officers: [
      ...officer(o.designatedOfficer, { en: 'Designated officer', hi: 'पदाभिहित अधिकारी' }),
      ...officer(o.fieldOfficer, { en: 'Field officer', hi: 'क्षेत्रीय अधिकारी' }),
      ...officer(o.firstAppealOfficer, { en: 'First appeal officer', hi: 'प्रथम अपील अधिकारी' }),
      ...officer(o.secondAppellateAuthority, {
        en: 'Second appellate authority',
        hi: 'द्वितीय अपील प्राधिकारी',
      }),
    ],
    notes,
    documents: documents.map((d) => ({
      serial: d.serial,
      kind:
        d.kind === input.service.document
          ? lang === 'hi'
            ? input.service.nameHi
            : input.service.nameEn
          : d.kind,
      issuedOn: d.issuedOn,
      status: d.status,
      href: `/officer/applications/${u}/documents/${encodeURIComponent(d.serial)}.pdf`,
    })),
    appeals: (state?.appeals ?? []).map((a) => {
      const openedAt = appealOpenedAt(events, a.level);
      return { ...a, decideBy: openedAt ? appealDueDate(input, a.level, openedAt) : null };
    }),
    timeline: events,
    allowed: allowedApplicationActions(row as never, staff.code, events, now),
    designatedOfficer: `${lang === 'hi' ? o.designatedOfficer.nameHi : o.designatedOfficer.nameEn} (${o.designatedOfficer.code})`,
    form,
  };
}

async function complaintView(
  db: Knex,
  row: Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- a Knex row
  staff: StaffViewer,
  lang: 'en' | 'hi',
  form?: FormState,
  now = Date.now(),
): Promise<ComplaintCaseView> {
  const number = row.number as string;
  const input = row.workflowInput as ComplaintInput;
  const state = row.state as ComplaintState | null;
  const events = await db('complaintEvents')
    .where({ complaintNumber: number })
    .orderBy('seq')
    .select('seq', 'at', 'type', 'actor', 'details');
  const attachments = await db('complaintAttachments')
    .where({ complaintNumber: number })
    .orderBy('createdAt')
    .select('id', 'fileName', 'sizeBytes');
  const subject = await db('complaintSubjects').where({ code: row.subjectCode }).first('nameEn', 'nameHi');
  const departments: { code: string; nameEn: string; nameHi: string }[] = await db('departments')
    .orderBy('code')
    .select('code', 'nameEn', 'nameHi');
  const deptName = (code: string): Bilingual => {
    const d = departments.find((x) => x.code === code);
    return d ? { en: d.nameEn, hi: d.nameHi } : { en: code, hi: code };
  };
  const name = await placeNames(db, [
    { table: 'villages', code: row.villageCode },
    { table: 'blocks', code: row.blockCode },
    { table: 'tehsils', code: row.tehsilCode },
    { table: 'districts', code: row.districtCode },
  ]);
  const ladder: EscalationLadder = input.ladder;
  const rule = ladder.levels.find((l) => l.level === row.level);
  const dueAt = row.levelDueAt ? ms(row.levelDueAt) : null;
  const assigned = events.filter((e) => e.type === 'assigned').at(-1);
  const notes: ComplaintCaseView['notes'] = [];
  if (state?.question)
    notes.push({ label: { en: 'Asked of the citizen', hi: 'नागरिक से पूछा गया' }, text: state.question });
  if (state?.resolution) notes.push({ label: { en: 'Resolution', hi: 'निराकरण' }, text: state.resolution });
  if (state?.transferRequest)
    notes.push({
      label: { en: 'Transfer asked for', hi: 'स्थानांतरण का अनुरोध' },
      text: `${deptName(state.transferRequest.to)[lang]} — ${state.transferRequest.reason} (${state.transferRequest.by})`,
    });
  if (state?.specialCloseProposal)
    notes.push({
      label: { en: 'Special close proposed', hi: 'विशेष बंद का प्रस्ताव' },
      text: `${state.specialCloseProposal.reason} (${state.specialCloseProposal.by})`,
    });
  const u = urlNumber(number);
  return {
    number,
    urlNumber: u,
    status: row.status,
    level: row.level,
    levelName: rule ? { en: rule.nameEn, hi: rule.nameHi } : null,
    subject: subject
      ? { en: subject.nameEn, hi: subject.nameHi }
      : { en: row.subjectCode, hi: row.subjectCode },
    department: deptName(row.departmentCode),
    callType: row.callType,
    channel: row.channel,
    citizenName: row.citizenName,
    citizenMobile: row.citizenMobile,
    place: [
      name('villages', row.villageCode, lang),
      name('blocks', row.blockCode, lang),
      name('tehsils', row.tehsilCode, lang),
      name('districts', row.districtCode, lang),
    ]
      .filter(Boolean)
      .join(', '),
    description: row.description,
    receivedAt: row.receivedAt,
    assignedTo: row.assignedOfficerCode,
    queue: row.queue,
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    daysLeft: daysLeft(dueAt, now),
    timeliness: timelinessOf(
      {
        dueAt,
        startAt: ms(assigned?.at ?? row.receivedAt),
        calendar: input.calendar,
        breached: row.breached,
      },
      now,
    ),
    notes,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
      href: `/officer/complaints/${u}/attachments/${a.id}`,
    })),
    timeline: events,
    allowed: allowedComplaintActions(row as never, staff.code),
    departments: departments
      .filter((d) => d.code !== row.departmentCode)
      .map((d) => ({ code: d.code, name: { en: d.nameEn, hi: d.nameHi } })),
    form,
  };
}

// ---- Acting ---------------------------------------------------------------------------------------

/** The fields each application action's form sends (the workflow messages' field names). */
const APPLICATION_FIELDS: Record<OfficerActionName, string[]> = {
  approve: [],
  reject: ['reason'],
  'request-information': ['question'],
  'forward-for-field-report': ['instructions'],
  'submit-field-report': ['report', 'recommendation'],
};
const APPEAL_FIELDS = ['outcome', 'withinWorkingDays', 'penalty', 'amountRupees', 'remarks'];

function complaintFields(action: ComplaintActionName): string[] {
  const text = COMPLAINT_TEXT_FIELD[action];
  const extra: Partial<Record<ComplaintActionName, string>> = {
    'not-my-department': 'department',
    'decide-transfer': 'approve',
    'complete-counselling': 'officerNeeded',
  };
  return [extra[action], text].filter((f): f is string => Boolean(f));
}

function formValues(ctx: Context, names: string[]): Record<string, string> {
  const b = (ctx.request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typeof b[n] === 'string' ? b[n].trim() : '']));
}

/** A whole number typed in a form, or NaN (which the workflow's validator then refuses). */
const wholeNumber = (value: string | undefined): number =>
  value && /^\d{1,9}$/.test(value) ? Number(value) : NaN;

function complaintBody(action: ComplaintActionName, v: Record<string, string>): Record<string, unknown> {
  if (action === 'accept') return {};
  if (action === 'decide-transfer') return { approve: v.approve === 'yes', remarks: v.remarks };
  if (action === 'complete-counselling') return { text: v.text, officerNeeded: v.officerNeeded === 'yes' };
  if (action === 'not-my-department') return { text: v.text, department: v.department };
  return { text: v.text };
}

function appealBody(v: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { outcome: v.outcome, remarks: v.remarks };
  if (v.outcome === 'order-delivery') body.withinWorkingDays = wholeNumber(v.withinWorkingDays);
  if (v.penalty === 'delay') body.penalty = { kind: 'delay' };
  else if (v.penalty === 'lump-sum')
    body.penalty = { kind: 'lump-sum', amountRupees: wholeNumber(v.amountRupees) };
  return body;
}

/** Where to show a refusal of what was typed: the first field left empty, else the likeliest one. */
function appealErrorField(v: Record<string, string>, message: string): string {
  if (!v.outcome) return 'outcome';
  if (!v.remarks) return 'remarks';
  if (
    v.outcome === 'order-delivery' &&
    !(wholeNumber(v.withinWorkingDays) >= 1 && wholeNumber(v.withinWorkingDays) <= MAX_ORDER_DAYS)
  )
    return 'withinWorkingDays';
  if (v.penalty === 'lump-sum' && /lump/i.test(message)) return 'amountRupees';
  if (/remarks/i.test(message)) return 'remarks';
  if (/penal|delay/i.test(message)) return 'penalty';
  return 'outcome';
}

/** Refusals about what was typed (shown next to the field), as opposed to the case having moved on. */
const aboutInput = (err: AppError) =>
  err.status === 400 || err.code === 'refused_invalid' || err.code === 'refused_reason-required';

async function waitFor(probe: () => Promise<boolean>, within = 10_000): Promise<boolean> {
  for (const end = Date.now() + within; ;) {
    if (await probe()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface Attempt<T> {
  caseUrl: string;
  form: string;
  values: Record<string, string>;
  errorField: (message: string) => string;
  run: () => Promise<T>;
  /** True once the read model shows the result (polled briefly after the update returns). */
  projected: (result: T) => Promise<boolean>;
  /** Still this officer's to see, after the action? */
  stillVisible: () => Promise<boolean>;
  done: (result: T) => Bilingual;
  rerender: (form: FormState, status: number) => Promise<void>;
}

async function attempt<T>(ctx: Context, a: Attempt<T>): Promise<void> {
  const pc = pageContext(ctx);
  let result: T;
  try {
    result = await a.run();
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) throw err;
    if (aboutInput(err)) {
      const message = err.details?.[0]?.message[pc.lang] ?? err.messages[pc.lang];
      pc.flash = { kind: 'error', text: `${say(pc, T.fix)} ${err.messages[pc.lang]}` };
      await a.rerender(
        {
          form: a.form,
          values: a.values,
          field: err.details?.[0]?.field ?? a.errorField(err.messages.en),
          message,
        },
        err.status,
      );
      return;
    }
    redirect(ctx, a.caseUrl, { kind: 'error', text: err.messages });
    return;
  }
  const shown = await a.projected(result);
  const done = a.done(result);
  if (!(await a.stillVisible())) {
    redirect(ctx, '/officer', {
      kind: 'ok',
      text: { en: `${done.en} ${T.noLongerYours.en}`, hi: `${done.hi} ${T.noLongerYours.hi}` },
    });
    return;
  }
  redirect(ctx, a.caseUrl, {
    kind: 'ok',
    text: shown ? done : { en: done.en + T.slow.en, hi: done.hi + T.slow.hi },
  });
}

// ---- Routes ---------------------------------------------------------------------------------------

export function officerPages(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;
  const officer = (ctx: Context) => requireStaffPermission(ctx, 'officer.inbox');

  router.get('/officer', async (ctx) => {
    const staff = officer(ctx);
    render(ctx, T.inbox, inboxPage(pageContext(ctx), await loadInbox(db, staff.code, Date.now())));
  });

  const showApplication = async (
    ctx: Context,
    staff: StaffViewer,
    number: string,
    form?: FormState,
    status = 200,
  ) => {
    const pc = pageContext(ctx);
    const row = await applicationFor(db, number, staff);
    const view = await applicationView(db, row, staff, pc.lang, form);
    render(ctx, { en: `Application ${number}`, hi: `आवेदन ${number}` }, applicationCasePage(pc, view), status);
  };

  const showComplaint = async (
    ctx: Context,
    staff: StaffViewer,
    number: string,
    form?: FormState,
    status = 200,
  ) => {
    const pc = pageContext(ctx);
    const row = await complaintFor(db, number, staff);
    const view = await complaintView(db, row, staff, pc.lang, form);
    render(ctx, { en: `Complaint ${number}`, hi: `शिकायत ${number}` }, complaintCasePage(pc, view), status);
  };

  router.get('/officer/applications/:number', async (ctx) => {
    const staff = officer(ctx);
    await showApplication(ctx, staff, applicationNumberFrom(ctx.params.number));
  });

  router.get('/officer/complaints/:number', async (ctx) => {
    const staff = officer(ctx);
    await showComplaint(ctx, staff, complaintNumberFrom(ctx.params.number));
  });

  router.post('/officer/applications/:number/actions/:action', async (ctx) => {
    const staff = officer(ctx);
    const number = applicationNumberFrom(ctx.params.number);
    const action = officerAction(ctx.params.action);
    const before = await applicationFor(db, number, staff, actionPermission(action));
    const fields = APPLICATION_FIELDS[action];
    const values = formValues(ctx, fields);
    await attempt(ctx, {
      caseUrl: `/officer/applications/${urlNumber(number)}`,
      form: action,
      values,
      errorField: () => fields.find((f) => !values[f]) ?? fields[0] ?? '',
      run: () => runOfficerAction(deps.temporal, number, action, values, staff.code),
      projected: (state) =>
        waitFor(async () => {
          const now = await db('applications').where({ number }).first('projectionSeq', 'status');
          return now.projectionSeq > before.projectionSeq && now.status === state.status;
        }),
      stillVisible: async () =>
        staffOnApplication(db, await db('applications').where({ number }).first(), staff),
      done: (state) => ({
        en: `Done. Application ${number} is now ${APPLICATION_STATUS[state.status].en}.`,
        hi: `कार्यवाही दर्ज हुई। आवेदन ${number} अब ${APPLICATION_STATUS[state.status].hi} है।`,
      }),
      rerender: (form, status) => showApplication(ctx, staff, number, form, status),
    });
  });

  router.post('/officer/applications/:number/appeals/:level/decision', async (ctx) => {
    const staff = officer(ctx);
    const number = applicationNumberFrom(ctx.params.number);
    const level = appealLevel(ctx.params.level);
    await appealFor(db, number, staff, level);
    const values = formValues(ctx, APPEAL_FIELDS);
    await attempt<AppealState>(ctx, {
      caseUrl: `/officer/applications/${urlNumber(number)}`,
      form: `appeal-${level}`,
      values,
      errorField: (message) => appealErrorField(values, message),
      run: () => decideAppealAction(deps.temporal, number, level, appealBody(values), staff.code),
      // The application records the appeal's decision when the appeal workflow has finished.
      projected: () =>
        waitFor(async () => {
          const now = await db('applications').where({ number }).first('state');
          const appeal = (now.state as ApplicationState).appeals.find((a) => a.level === level);
          return appeal !== undefined && appeal.status !== 'open';
        }),
      stillVisible: async () =>
        staffOnApplication(db, await db('applications').where({ number }).first(), staff),
      done: (appeal) => {
        const penalty = appeal.decision?.penaltyRupees ?? null;
        return penalty !== null
          ? {
              en: `The appeal order is passed, with a penalty of ₹${penalty} on the designated officer.`,
              hi: `अपील आदेश पारित हुआ, पदाभिहित अधिकारी पर ₹${penalty} की शास्ति सहित।`,
            }
          : { en: 'The appeal order is passed.', hi: 'अपील आदेश पारित हुआ।' };
      },
      rerender: (form, status) => showApplication(ctx, staff, number, form, status),
    });
  });

  router.post('/officer/complaints/:number/actions/:action', async (ctx) => {
    const staff = officer(ctx);
    const number = complaintNumberFrom(ctx.params.number);
    const action = complaintAction(ctx.params.action);
    const before = await complaintFor(db, number, staff, complaintActionPermission(action));
    const fields = complaintFields(action);
    const values = formValues(ctx, fields);
    const caseUrl = `/officer/complaints/${urlNumber(number)}`;
    // A yes/no left unanswered on a form shown now is asked again (else the workflow decides).
    const shown = allowedComplaintActions(before, staff.code).includes(action);
    const choice = (['approve', 'officerNeeded'] as const).find(
      (f) => shown && fields.includes(f) && !values[f],
    );
    if (choice) {
      const pc = pageContext(ctx);
      pc.flash = { kind: 'error', text: say(pc, T.fix) };
      await showComplaint(
        ctx,
        staff,
        number,
        { form: action, values, field: choice, message: say(pc, T.choose) },
        400,
      );
      return;
    }
    await attempt(ctx, {
      caseUrl,
      form: action,
      values,
      errorField: () => fields.find((f) => !values[f]) ?? COMPLAINT_TEXT_FIELD[action] ?? '',
      run: () => runComplaintAction(deps, number, action, complaintBody(action, values), staff.code),
      projected: (state) =>
        waitFor(async () => {
          const now = await db('complaints').where({ number }).first('projectionSeq', 'status', 'level');
          return (
            now.projectionSeq > before.projectionSeq &&
            now.status === state.status &&
            now.level === state.level
          );
        }),
      stillVisible: async () => staffOnComplaint(await db('complaints').where({ number }).first(), staff),
      done: (state) => ({
        en: `Done. Complaint ${number} is now ${COMPLAINT_STATUS[state.status].en} (level ${state.level}).`,
        hi: `कार्यवाही दर्ज हुई। शिकायत ${number} की स्थिति अब: ${COMPLAINT_STATUS[state.status].hi} (स्तर ${state.level})।`,
      }),
      rerender: (form, status) => showComplaint(ctx, staff, number, form, status),
    });
  });

  /** Documents of a case the officer is on (receipt, certificates), opened in the browser. */
  router.get('/officer/applications/:number/documents/:file', async (ctx) => {
    const staff = officer(ctx);
    const number = applicationNumberFrom(ctx.params.number);
    await applicationFor(db, number, staff);
    const serial = (ctx.params.file ?? '').replace(/\.pdf$/, '');
    const doc = await db('documents').where({ serial, applicationNumber: number }).first('pdf', 'serial');
    if (!doc)
      throw new NotFound({
        en: `No document ${serial} on ${number}.`,
        hi: `${number} पर दस्तावेज़ ${serial} नहीं है।`,
      });
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `inline; filename="${doc.serial as string}.pdf"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = doc.pdf;
  });

  /** A complaint's attachment (the citizen's or the resolution's), downloaded, never rendered inline. */
  router.get('/officer/complaints/:number/attachments/:id', async (ctx) => {
    const staff = officer(ctx);
    const number = complaintNumberFrom(ctx.params.number);
    await complaintFor(db, number, staff);
    const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(ctx.params.id ?? '')
      ? ctx.params.id
      : '00000000-0000-0000-0000-000000000000';
    const row = await db('complaintAttachments').where({ id, complaintNumber: number }).first();
    if (!row)
      throw new NotFound({ en: `No such attachment on ${number}.`, hi: `${number} पर ऐसा कोई संलग्नक नहीं है।` });
    ctx.type = row.mimeType as string;
    ctx.set('Content-Disposition', `attachment; filename="${row.fileName as string}"`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = row.content;
  });

  return router;
}
