// One CM Helpline 181 case, from registration to closure. Driven by the escalation ladder in its
// input (a pinned policy version): each level has its limit in working days (hours for the Mahila
// Helpline, or where the ladder gives `limitHours`); an expired limit escalates by itself where the ladder says so; L3 → L4 only by an
// officer with a reason. A resolution is closed only by the citizen's satisfaction, or by silence.
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { levelAbove, levelRank, levelRule, type Level } from '../lib/ladder';
import { addWorkingDays, endOfDayIst, istDate, workingDaysBetween } from '../lib/working-days';
import { authorize, citizenSubject, officerSubject, type ComplaintFacts } from '../lib/authorization';
import { refusal } from './application-messages';
import {
  accept,
  askCitizen,
  citizenReply,
  completeCounselling,
  complaintStateQuery,
  complaintTimelineQuery,
  decideTransfer,
  escalateToL4,
  forceClose,
  interimReply,
  notMyDepartment,
  proposeSpecialClose,
  recordFeedback,
  resolve,
  sendBackToL3,
  specialClose,
  type Closure,
  type ComplaintEvent,
  type ComplaintInput,
  type ComplaintState,
  type ComplaintStatus,
  type Feedback,
  type OfficerNote,
  type Resolution,
} from './complaint-messages';
import {
  CaseKind,
  CaseStatus,
  DepartmentCode,
  DistrictCode,
  DueAt,
  EscalationLevel,
  Breached,
} from './search-attributes';

const records = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintState> {
  const { ladder, calendar } = input;
  let routing = input.routing;
  const mahila = input.counsellor !== null;
  const state: ComplaintState = {
    complaintNumber: input.complaintNumber,
    status: mahila && ladder.mahila.counsellingFirst ? 'counselling' : 'open',
    level: 'L1',
    department: input.department,
    assignedTo: null,
    queue: null,
    levelDueAt: null,
    breached: false,
    accepted: false,
    interimReplies: 0,
    resolution: null,
    closure: null,
    escalations: [],
    transferRequest: null,
    specialCloseProposal: null,
    question: null,
    reopened: 0,
  };
  const timeline: ComplaintEvent[] = [];
  let projectedSeq = 0;
  let projection: Promise<void> = Promise.resolve();
  let version = 0;
  let levelStartedAt = Date.now();
  let reminded = false;
  let interimSinceOverdue = false;

  const record = (type: string, actor: string | null, details: Record<string, unknown> = {}) =>
    timeline.push({ seq: timeline.length + 1, at: new Date(Date.now()).toISOString(), type, actor, details });
  const changed = () => {
    version += 1;
  };

  function project(): Promise<void> {
    projection = projection.then(async () => {
      if (input.searchAttributes !== false) {
        upsertSearchAttributes([
          { key: CaseKind, value: 'complaint' },
          { key: CaseStatus, value: state.status },
          { key: DistrictCode, value: input.place.district },
          { key: DepartmentCode, value: state.department },
          { key: EscalationLevel, value: state.level },
          { key: Breached, value: state.breached },
          ...(state.levelDueAt ? [{ key: DueAt, value: new Date(state.levelDueAt) }] : []),
        ]);
      }
      const upTo = timeline.length;
      await records.projectComplaint({
        input,
        state: { ...state, escalations: [...state.escalations] },
        events: timeline.slice(projectedSeq, upTo),
        seq: upTo,
      });
      projectedSeq = upTo;
    });
    return projection;
  }

  const notifyCitizen = (template: string, params: Record<string, string | number> = {}) =>
    records.notify({
      dedupeKey: `${input.complaintNumber}:${timeline.length}:${template}`,
      mobile: input.citizen.mobile,
      template,
      params: { complaintNumber: input.complaintNumber, ...params },
    });
  const notifyOfficer = (
    officerCode: string,
    template: string,
    params: Record<string, string | number> = {},
  ) =>
    records.notify({
      dedupeKey: `${input.complaintNumber}:${timeline.length}:${template}:${officerCode}`,
      officerCode,
      template,
      params: { complaintNumber: input.complaintNumber, ...params },
    });

  // ---- Levels and their clock ---------------------------------------------------------------------

  /** When the current level's limit ends, counted from `from` (hours for Mahila, else working days). */
  /** The level's limit in hours: Mahila Helpline cases always; others when the ladder gives one. */
  function limitHours(level: Level): number | undefined {
    if (mahila) return ladder.mahila.levelLimitHours[level];
    const hours = levelRule(ladder, level).limitHours;
    // Added after release: only runs whose ladder has hour limits take this path (and record it).
    return hours !== undefined && patched('level-limit-hours') ? hours : undefined;
  }

  function levelDeadline(from: number): number | null {
    const hours = limitHours(state.level);
    if (hours !== undefined) return from + hours * HOUR;
    const days = levelRule(ladder, state.level).limitWorkingDays;
    return days === null ? null : endOfDayIst(addWorkingDays(istDate(from), days, calendar));
  }

  async function assign(level: Level, how: { rule: string; by: string } | null): Promise<void> {
    const from = state.level;
    state.level = level;
    const officer = routing.officers[level];
    state.assignedTo = officer?.code ?? null;
    state.queue = officer ? null : (routing.fallbackQueue ?? `district:${input.place.district}`);
    state.accepted = false;
    state.breached = false;
    levelStartedAt = Date.now();
    reminded = false;
    const due = levelDeadline(levelStartedAt);
    state.levelDueAt = due === null ? null : new Date(due).toISOString();
    if (how) {
      state.escalations.push({ from, to: level, at: new Date(Date.now()).toISOString(), ...how });
      record('escalated', how.by, { from, to: level, rule: how.rule });
      await notifyCitizen('complaint-escalated', { level });
    }
    record('assigned', 'system', {
      level,
      officer: state.assignedTo,
      queue: state.queue,
      dueAt: state.levelDueAt,
    });
    changed();
    await project();
    if (state.assignedTo)
      await notifyOfficer(state.assignedTo, 'complaint-assigned', { level, dueAt: state.levelDueAt ?? '-' });
  }

  async function close(closure: Closure, by: string, details: Record<string, unknown> = {}): Promise<void> {
    state.status = 'closed';
    state.closure = closure;
    state.levelDueAt = null;
    record('closed', by, { closure, ...details });
    changed();
    await project();
    await notifyCitizen('complaint-closed', { closure });
    if (input.cpgrams) {
      // The Action Taken Report goes back to the central portal (sent by the CPGRAMS exchange).
      await records.recordActionTakenReport({
        registrationNumber: input.cpgrams.registrationNumber,
        complaintNumber: input.complaintNumber,
        closure,
        resolution: state.resolution,
        interimReplies: state.interimReplies,
        escalations: state.escalations.length,
        closedAt: new Date(Date.now()).toISOString(),
      });
    }
  }

  // ---- Validators ---------------------------------------------------------------------------------

  /** What lib/authorization.ts looks at, as this workflow knows it now (re-routing included). */
  function accessFacts(): ComplaintFacts {
    return {
      citizenMobile: input.citizen.mobile,
      assignedOfficer: state.assignedTo,
      routingOfficers: Object.values(routing.officers).flatMap((o) => (o ? [o.code] : [])),
      transferApprover: state.transferRequest ? (routing.officers.L2?.code ?? null) : null,
      counsellor: input.counsellor?.code ?? null,
      hidden: mahila,
    };
  }
  const may = (
    permission: 'complaint.act' | 'complaint.decide-transfer' | 'complaint.counsel',
    officerCode: string,
  ) => authorize(permission, officerSubject(officerCode), accessFacts()).allow;

  function requireAssigned(officerCode: string): void {
    if (!may('complaint.act', officerCode)) {
      throw refusal(
        `Officer ${officerCode} is not handling complaint ${input.complaintNumber} (it is with ${state.assignedTo ?? state.queue}).`,
        `अधिकारी ${officerCode} शिकायत ${input.complaintNumber} पर कार्यवाही नहीं कर सकते (यह ${state.assignedTo ?? state.queue} के पास है)।`,
        'not-assigned',
      );
    }
  }
  function requireStatus(allowed: ComplaintStatus[], what: string, whatHi: string): void {
    if (!allowed.includes(state.status)) {
      throw refusal(
        `Cannot ${what} now: the complaint is ${state.status}.`,
        `अभी ${whatHi} नहीं हो सकता: शिकायत की स्थिति ${state.status} है।`,
        'not-now',
      );
    }
  }
  function requireReason(text: unknown): void {
    if (typeof text !== 'string' || text.trim().length < 5 || text.length > 2000) {
      throw refusal(
        'Give a reason of 5 to 2000 characters.',
        '5 से 2000 अक्षरों में कारण लिखें।',
        'reason-required',
      );
    }
  }
  const officerOpen = ({ officerCode, text }: OfficerNote, what: string, whatHi: string) => {
    requireAssigned(officerCode);
    requireStatus(['open'], what, whatHi);
    requireReason(text);
  };

  // ---- Handlers -----------------------------------------------------------------------------------

  setHandler(complaintStateQuery, () => state);
  setHandler(complaintTimelineQuery, () => timeline);

  setHandler(
    accept,
    async ({ officerCode }) => {
      state.accepted = true;
      record('accepted', officerCode);
      changed();
      await project();
      return state;
    },
    {
      validator: ({ officerCode }: { officerCode: string }) => {
        requireAssigned(officerCode);
        requireStatus(['open'], 'accept', 'स्वीकार');
      },
    },
  );

  setHandler(
    interimReply,
    async ({ officerCode, text }) => {
      state.interimReplies += 1;
      if (state.cpgramsOverdue) interimSinceOverdue = true;
      record('interim-reply', officerCode, { text: text.trim() });
      changed();
      await project();
      await notifyCitizen('complaint-interim-reply', { text: text.trim() });
      return state;
    },
    { validator: (note: OfficerNote) => officerOpen(note, 'send an interim reply', 'अंतरिम उत्तर') },
  );

  setHandler(
    askCitizen,
    async ({ officerCode, text }) => {
      state.question = text.trim();
      state.status = 'awaiting-citizen';
      record('information-requested', officerCode, { question: state.question });
      changed();
      await project();
      await notifyCitizen('complaint-information-requested', { question: state.question });
      return state;
    },
    { validator: (note: OfficerNote) => officerOpen(note, 'ask the citizen', 'नागरिक से जानकारी माँगना') },
  );

  setHandler(
    citizenReply,
    async ({ text }) => {
      state.question = null;
      state.status = 'open';
      record('citizen-replied', 'citizen', { text: text.trim() });
      changed();
      await project();
      return state;
    },
    {
      validator: ({ mobile, text }: { mobile: string; text: string }) => {
        if (!authorize('complaint.reply', citizenSubject(mobile), accessFacts()).allow)
          throw refusal(
            'Only the citizen who complained may reply.',
            'केवल शिकायतकर्ता ही उत्तर दे सकते हैं।',
            'not-citizen',
          );
        requireStatus(['awaiting-citizen'], 'reply', 'उत्तर');
        requireReason(text);
      },
    },
  );

  setHandler(
    resolve,
    async ({ officerCode, text, attachmentId }) => {
      state.resolution = text.trim();
      state.resolutionAttachment = attachmentId ?? null;
      state.status = 'resolved';
      state.levelDueAt = null;
      record('resolved', officerCode, {
        resolution: state.resolution,
        level: state.level,
        attachmentId: attachmentId ?? null,
      });
      changed();
      await project();
      await notifyCitizen('complaint-resolved', { resolution: state.resolution });
      return state;
    },
    {
      validator: (note: Resolution) => {
        officerOpen(note, 'resolve', 'निराकरण');
        if (
          note.attachmentId !== undefined &&
          (typeof note.attachmentId !== 'string' || !/^[0-9a-f-]{36}$/.test(note.attachmentId))
        ) {
          throw refusal('The attachment id is not valid.', 'संलग्नक आईडी मान्य नहीं है।', 'invalid');
        }
        if (state.cpgramsOverdue && !interimSinceOverdue) {
          throw refusal(
            `This CPGRAMS grievance is past its ${ladder.cpgrams.overallLimitDays}-day limit: send an interim reply first.`,
            `यह CPGRAMS शिकायत ${ladder.cpgrams.overallLimitDays} दिन की सीमा पार कर चुकी है: पहले अंतरिम उत्तर भेजें।`,
            'interim-reply-required',
          );
        }
      },
    },
  );

  setHandler(
    notMyDepartment,
    async ({ officerCode, text, department }) => {
      state.transferRequest = { to: department, reason: text.trim(), by: officerCode };
      state.status = 'transfer-requested';
      record('transfer-requested', officerCode, { to: department, reason: text.trim() });
      changed();
      await project();
      return state;
    },
    {
      validator: (note: OfficerNote & { department: string }) => {
        officerOpen(note, 'request a transfer', 'स्थानांतरण अनुरोध');
        if (typeof note.department !== 'string' || note.department === state.department) {
          throw refusal(
            'Name the department the complaint belongs to.',
            'वह विभाग बताएँ जिससे शिकायत संबंधित है।',
            'invalid',
          );
        }
      },
    },
  );

  setHandler(
    decideTransfer,
    async ({ officerCode, approve, remarks }) => {
      const request = state.transferRequest!;
      state.transferRequest = null;
      state.status = 'open';
      record(approve ? 'transfer-approved' : 'transfer-refused', officerCode, { to: request.to, remarks });
      changed();
      if (approve) {
        // Re-routed to the new department's officers, with a fresh clock at L1.
        routing = await records.routeComplaint({
          department: request.to,
          subject: input.subject,
          place: input.place,
        });
        state.department = request.to;
        await assign('L1', null);
      } else {
        await project();
      }
      return state;
    },
    {
      validator: ({ officerCode, remarks }: { officerCode: string; approve: boolean; remarks: string }) => {
        requireStatus(['transfer-requested'], 'decide a transfer', 'स्थानांतरण पर निर्णय');
        const approver = routing.officers.L2?.code;
        if (!may('complaint.decide-transfer', officerCode)) {
          throw refusal(
            `Transfers are approved at district level, by ${approver}.`,
            `स्थानांतरण जिला स्तर पर ${approver} द्वारा स्वीकृत होता है।`,
            'not-assigned',
          );
        }
        requireReason(remarks);
      },
    },
  );

  setHandler(
    proposeSpecialClose,
    async ({ officerCode, text }) => {
      state.specialCloseProposal = { reason: text.trim(), by: officerCode };
      record('special-close-proposed', officerCode, { reason: text.trim(), level: state.level });
      changed();
      await project();
      return state;
    },
    {
      validator: (note: OfficerNote) => {
        officerOpen(note, 'propose a special close', 'विशेष बंद का प्रस्ताव');
        if (!ladder.specialClose.proposeFrom.includes(state.level)) {
          throw refusal(
            `At ${state.level} special close is decided, not proposed.`,
            `${state.level} पर विशेष बंद का प्रस्ताव नहीं, निर्णय होता है।`,
            'not-at-level',
          );
        }
      },
    },
  );

  setHandler(
    specialClose,
    async ({ officerCode, text }) => {
      await close('special', officerCode, { reason: text.trim(), level: state.level });
      return state;
    },
    {
      validator: (note: OfficerNote) => {
        officerOpen(note, 'special-close', 'विशेष बंद');
        if (levelRank(state.level) < levelRank(ladder.specialClose.allowedFrom)) {
          throw refusal(
            `Only ${ladder.specialClose.allowedFrom} and above may special-close; at ${state.level}, propose it.`,
            `विशेष बंद केवल ${ladder.specialClose.allowedFrom} या उससे ऊपर कर सकते हैं; ${state.level} पर प्रस्ताव दें।`,
            'not-at-level',
          );
        }
      },
    },
  );

  setHandler(
    forceClose,
    async ({ officerCode, text }) => {
      await close('force', officerCode, { reason: text.trim(), level: state.level, lowQuality: true });
      return state;
    },
    { validator: (note: OfficerNote) => officerOpen(note, 'force-close', 'बलपूर्वक बंद') },
  );

  setHandler(
    escalateToL4,
    async ({ officerCode, text }) => {
      await assign(ladder.manualEscalation.to, { rule: `manual: ${text.trim()}`, by: officerCode });
      return state;
    },
    {
      validator: (note: OfficerNote) => {
        requireAssigned(note.officerCode);
        requireStatus(
          ['open'],
          `escalate to ${ladder.manualEscalation.to}`,
          `${ladder.manualEscalation.to} को अग्रेषण`,
        );
        if (state.level !== ladder.manualEscalation.from) {
          throw refusal(
            `Only ${ladder.manualEscalation.from} may escalate to ${ladder.manualEscalation.to}.`,
            `केवल ${ladder.manualEscalation.from} ही ${ladder.manualEscalation.to} को अग्रेषित कर सकते हैं।`,
            'not-at-level',
          );
        }
        if (ladder.manualEscalation.reasonRequired) requireReason(note.text);
      },
    },
  );

  setHandler(
    sendBackToL3,
    async ({ officerCode, text }) => {
      await assign(ladder.manualEscalation.sendBackTo, {
        rule: `sent back: ${text.trim()}`,
        by: officerCode,
      });
      return state;
    },
    {
      validator: (note: OfficerNote) => {
        requireAssigned(note.officerCode);
        requireStatus(['open'], 'send back', 'वापस भेजना');
        if (state.level !== ladder.manualEscalation.to)
          throw refusal(
            `Only ${ladder.manualEscalation.to} may send back.`,
            `केवल ${ladder.manualEscalation.to} ही वापस भेज सकते हैं।`,
            'not-at-level',
          );
        requireReason(note.text);
      },
    },
  );

  let counselled: { officerNeeded: boolean } | null = null;
  setHandler(
    completeCounselling,
    async ({ officerCode, text, officerNeeded }) => {
      counselled = { officerNeeded };
      record('counselled', officerCode, { notes: text.trim(), officerNeeded });
      changed();
      await project();
      return state;
    },
    {
      validator: (note: OfficerNote & { officerNeeded: boolean }) => {
        if (!may('complaint.counsel', note.officerCode))
          throw refusal(
            'Only the assigned counsellor may do this.',
            'यह केवल नियुक्त परामर्शदाता कर सकती हैं।',
            'not-assigned',
          );
        requireStatus(['counselling'], 'complete counselling', 'परामर्श पूर्ण');
        requireReason(note.text);
      },
    },
  );

  let feedback: Feedback | null = null;
  setHandler(
    recordFeedback,
    async (given) => {
      feedback = given;
      record('feedback', given.recordedBy, {
        satisfied: given.satisfied,
        via: given.via,
        remarks: given.remarks ?? null,
      });
      changed();
      await project();
      return state;
    },
    {
      validator: (given: Feedback) => {
        requireStatus(['resolved'], 'record feedback', 'प्रतिक्रिया दर्ज');
        if (typeof given.satisfied !== 'boolean')
          throw refusal('Say whether the citizen is satisfied.', 'बताएँ कि नागरिक संतुष्ट हैं या नहीं।', 'invalid');
        if (!['web', 'whatsapp', 'call-back', 'ivrs'].includes(given.via))
          throw refusal(
            'Feedback comes by web, WhatsApp, call-back or IVRS.',
            'प्रतिक्रिया वेब, व्हाट्सऐप, कॉल-बैक या IVRS से आती है।',
            'invalid',
          );
        if (feedback !== null)
          throw refusal('Feedback is already recorded.', 'प्रतिक्रिया पहले ही दर्ज है।', 'already-done');
      },
    },
  );

  // ---- The case's life ----------------------------------------------------------------------------

  record('registered', input.channel, {
    callType: input.callType,
    subType: input.subType,
    channel: input.channel,
    department: input.department,
    subject: input.subject,
    ladderVersion: input.ladderVersion,
  });
  if (input.information) {
    await close('answered', input.channel, { scheme: input.information.schemeCode });
    await notifyCitizen('information-answer', { answer: input.information.answerHi });
    await condition(allHandlersFinished);
    return state;
  }
  await project();
  await notifyCitizen('complaint-registered');
  if (input.cpgrams && ladder.cpgrams.interimReplyRequired) {
    void (async () => {
      const closedInTime = await condition(
        () => state.status === 'closed',
        ladder.cpgrams.overallLimitDays * DAY,
      );
      if (closedInTime) return;
      state.cpgramsOverdue = true;
      record('cpgrams-limit-passed', 'system', { days: ladder.cpgrams.overallLimitDays });
      changed();
      await project();
      if (state.assignedTo)
        await notifyOfficer(state.assignedTo, 'complaint-reminder', { dueAt: 'interim reply due (CPGRAMS)' });
    })();
  }

  if (state.status === 'counselling') {
    await notifyOfficer(input.counsellor!.code, 'complaint-assigned', { level: 'counselling', dueAt: '-' });
    await condition(() => counselled !== null);
    if (!counselled!.officerNeeded) {
      await close('counselled', input.counsellor!.code);
      await condition(allHandlersFinished);
      return state;
    }
    state.status = 'open';
  }
  await assign('L1', null);

  while (state.status !== 'closed') {
    const before = version;
    if (state.status === 'open' && state.levelDueAt && !state.breached) {
      const dueAt = Date.parse(state.levelDueAt);
      const remindAt = levelStartedAt + (dueAt - levelStartedAt) * ladder.reminderAtFraction.value;
      if (!reminded && Date.now() < remindAt) {
        if (!(await condition(() => version !== before, remindAt - Date.now()))) {
          reminded = true;
          record('reminder-sent', 'system', { level: state.level, dueAt: state.levelDueAt });
          if (state.assignedTo)
            await notifyOfficer(state.assignedTo, 'complaint-reminder', { dueAt: state.levelDueAt });
          await project();
        }
        continue;
      }
      if (await condition(() => version !== before, Math.max(1, dueAt - Date.now() + 1))) continue;
      const rule = levelRule(ladder, state.level);
      const hours = limitHours(state.level);
      const limit = hours !== undefined ? `${hours} hours` : `${rule.limitWorkingDays} working days`;
      const next = levelAbove(state.level);
      if (rule.onExpiry === 'escalate' && next) {
        await assign(next, { rule: `${state.level} limit of ${limit} expired`, by: 'system' });
      } else {
        state.breached = true;
        record('level-limit-expired', 'system', {
          level: state.level,
          rule: `${state.level} limit of ${limit} expired; stays until escalated by an officer`,
        });
        changed();
        await project();
      }
    } else if (state.status === 'awaiting-citizen') {
      // The clock stops while the citizen is asked; the level's limit moves by the time waited.
      const pausedAt = Date.now();
      await condition(() => state.status !== 'awaiting-citizen');
      if (state.levelDueAt && (state.status as ComplaintStatus) === 'open') {
        const due = Date.parse(state.levelDueAt);
        const moved =
          limitHours(state.level) !== undefined
            ? due + (Date.now() - pausedAt)
            : endOfDayIst(
                addWorkingDays(
                  istDate(due),
                  workingDaysBetween(istDate(pausedAt), istDate(Date.now()), calendar),
                  calendar,
                ),
              );
        state.levelDueAt = new Date(moved).toISOString();
        record('clock-resumed', 'system', { dueAt: state.levelDueAt });
        await project();
      }
    } else if (state.status === 'resolved') {
      const answered = await condition(() => feedback !== null, ladder.feedback.waitDays * DAY);
      if (!answered) {
        await close('not-attended', 'system', { waitedDays: ladder.feedback.waitDays });
      } else if (feedback!.satisfied) {
        await close('satisfied', feedback!.recordedBy);
      } else {
        state.reopened += 1;
        state.resolution = null;
        feedback = null;
        state.status = 'open';
        record('reopened', 'citizen', { level: state.level });
        const up = levelAbove(state.level) ?? state.level;
        await assign(up, { rule: 'citizen not satisfied: reopened one level up', by: 'system' });
      }
    } else {
      await condition(() => version !== before);
    }
  }
  await condition(allHandlersFinished);
  return state;
}
