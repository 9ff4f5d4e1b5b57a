// One Lok Seva Guarantee application, from receipt to delivery, final refusal or the end of its
// appeals. Driven by the service definition and rules in its input (a pinned catalogue version):
// no service-specific constant lives here. Officers act through updates whose validators refuse
// what is not allowed now or not by this officer; the statutory clock runs in working days.
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  allHandlersFinished,
  setHandler,
  startChild,
  upsertSearchAttributes,
  ParentClosePolicy,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { dueDateAfterPause } from '../lib/application-clock';
import { authorize, citizenSubject, officerSubject, type ApplicationFacts } from '../lib/authorization';
import { copyFeeRupees, pagesForPlots } from '../lib/land-fee';
import { addWorkingDays, endOfDayIst, istDate, type IsoDate } from '../lib/working-days';
import { appealWorkflow } from './appeal';
import {
  appealDecideWithin,
  appealWorkflowId,
  approve,
  confirmPayment,
  fileAppeal,
  forwardForFieldReport,
  provideInformation,
  reject,
  requestInformation,
  serviceDelivered,
  stateQuery,
  submitFieldReport,
  timelineQuery,
  type Actor,
  type AppealDecision,
  type AppealFiling,
  type ApplicantReply,
  type FieldReport,
  type FieldReportRequest,
  type InformationRequest,
  type PaymentConfirmation,
  type RejectRequest,
  type AppealSummary,
  type ApplicationInput,
  type ApplicationState,
  type ApplicationStatus,
  type OpenTask,
  type TimelineEvent,
  ACTION,
  refusal,
  STATUS_LABELS,
  appealOfficer,
} from './application-messages';
import type { Bilingual } from '../lib/documents';
import { Breached, CaseKind, CaseStatus, DistrictCode, DueAt, ServiceCode } from './search-attributes';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' };
/** Read model, outbox and registry writes: short, idempotent, retried until they succeed. */
const records = proxyActivities<Activities>({ startToCloseTimeout: '15s', retry });
/** Documents: rendering and signing a PDF can take a few seconds on a busy worker. */
const documents = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry });
/** External systems (land records, payment gateway): may be down for a while; never give up. */
const external = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { ...retry, maximumInterval: '5m' },
});

const FINAL: ApplicationStatus[] = ['delivered', 'rejected', 'closed-incomplete', 'closed-unpaid'];
const MS_PER_DAY = 86_400_000;

export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationState> {
  const { service, officers, calendar } = input;
  const today = (): IsoDate => istDate(Date.now());
  const state: ApplicationState = {
    applicationNumber: input.applicationNumber,
    serviceCode: service.code,
    status: 'received',
    dueDate: input.dueDate,
    breached: false,
    deliveryOrdered: false,
    clockPaused: false,
    payment: null,
    certificateSerial: null,
    rejectionReason: null,
    informationRequest: null,
    fieldReport: null,
    appeals: [],
    tasks: [],
  };
  const timeline: TimelineEvent[] = [];
  let projectedSeq = 0;
  let version = 0; // bumped on every change an officer or the applicant makes
  let rejectedOn: IsoDate | null = null;
  let deliveredOn: IsoDate | null = null;
  let reminded = false;
  const appealHandles = new Map<'first' | 'second', ChildWorkflowHandle<typeof appealWorkflow>>();
  /** Appeals under way, counting the follow-up (a second appeal, the applicant's window) of each. */
  let appealsInProgress = 0;
  /** Set while the applicant may file an appeal (no suo motu appeal for this decision). */
  let awaitingApplicantAppeal: 'first' | 'second' | null = null;
  let appealFiled: { grounds: string } | null = null;
  const groundsFiled = new Set<'first' | 'second'>();
  let projection: Promise<void> = Promise.resolve();

  function record(type: string, actor: string | null, details: Record<string, unknown> = {}): void {
    timeline.push({ seq: timeline.length + 1, at: new Date(Date.now()).toISOString(), type, actor, details });
  }

  function tasksNow(): OpenTask[] {
    const tasks: OpenTask[] = [];
    if (state.status === 'pending-decision') {
      tasks.push({ kind: 'decide', officerCode: officers.designatedOfficer.code, dueDate: state.dueDate });
    }
    if (state.status === 'field-report' && officers.fieldOfficer) {
      tasks.push({ kind: 'field-report', officerCode: officers.fieldOfficer.code, dueDate: state.dueDate });
    }
    for (const appeal of state.appeals.filter((a) => a.status === 'open')) {
      const officer =
        appeal.level === 'first' ? officers.firstAppealOfficer : officers.secondAppellateAuthority;
      tasks.push({ kind: `${appeal.level}-appeal`, officerCode: officer.code, dueDate: null });
    }
    return tasks;
  }

  function setStatus(status: ApplicationStatus): void {
    state.status = status;
    version += 1;
  }

  /**
   * Writes the read model (state, new timeline events, open tasks) and the search attributes.
   * Projections run one after another (handlers and the main flow both project), each writing the
   * state as it is when it runs, so an older state never lands after a newer one.
   */
  function project(): Promise<void> {
    projection = projection.then(writeProjection);
    return projection;
  }

  async function writeProjection(): Promise<void> {
    state.tasks = tasksNow();
    if (input.searchAttributes !== false)
      upsertSearchAttributes([
        { key: CaseKind, value: 'application' },
        { key: CaseStatus, value: state.status },
        { key: ServiceCode, value: service.code },
        { key: DistrictCode, value: input.place.district },
        { key: DueAt, value: new Date(endOfDayIst(state.dueDate)) },
        { key: Breached, value: state.breached },
      ]);
    const upTo = timeline.length;
    const events = timeline.slice(projectedSeq, upTo);
    await records.projectApplication({
      input,
      state: { ...state, appeals: state.appeals.map((a) => ({ ...a })) },
      events,
      seq: upTo,
    });
    projectedSeq = upTo;
  }

  function notifyApplicant(template: string, params: Record<string, string | number> = {}): Promise<void> {
    return records.notify({
      dedupeKey: `${input.applicationNumber}:${timeline.length}:${template}`,
      mobile: input.applicant.mobile,
      template,
      params: {
        applicationNumber: input.applicationNumber,
        serviceEn: service.nameEn,
        serviceHi: service.nameHi,
        ...params,
      },
    });
  }

  function notifyOfficer(
    officerCode: string,
    template: string,
    params: Record<string, string | number> = {},
  ): Promise<void> {
    return records.notify({
      dedupeKey: `${input.applicationNumber}:${timeline.length}:${template}:${officerCode}`,
      officerCode,
      template,
      params: {
        applicationNumber: input.applicationNumber,
        serviceEn: service.nameEn,
        serviceHi: service.nameHi,
        ...params,
      },
    });
  }

  // ---- Validators: refuse what is not allowed now, or not by this officer -----------------------

  /** What lib/authorization.ts looks at, as this workflow knows it now. */
  function accessFacts(): ApplicationFacts {
    return {
      applicantMobile: input.applicant.mobile,
      designatedOfficer: officers.designatedOfficer.code,
      fieldOfficer: officers.fieldOfficer?.code ?? null,
      taskOfficers: tasksNow().map((t) => t.officerCode),
      appeals: state.appeals.map((a) => ({
        level: a.level,
        officer: appealOfficer(officers, a.level).code,
      })),
    };
  }

  function requireOfficer(
    code: string,
    permission: 'application.decide' | 'application.field-report',
    what: Bilingual,
  ): void {
    if (!authorize(permission, officerSubject(code), accessFacts()).allow) {
      const expected =
        permission === 'application.decide'
          ? officers.designatedOfficer.code
          : (officers.fieldOfficer?.code ?? '(none)');
      throw refusal(
        `Officer ${code} may not ${what.en} on ${input.applicationNumber}: it is assigned to ${expected}.`,
        `अधिकारी ${code} आवेदन ${input.applicationNumber} पर ${what.hi} नहीं कर सकते: यह ${expected} को सौंपा गया है।`,
        'not-assigned',
      );
    }
  }

  function requireStatus(allowed: ApplicationStatus[], what: Bilingual): void {
    if (!allowed.includes(state.status)) {
      const now = STATUS_LABELS[state.status];
      throw refusal(
        `Cannot ${what.en} now: the application is ${now.en}.`,
        `अभी ${what.hi} नहीं हो सकता: आवेदन ${now.hi} है।`,
        'not-now',
      );
    }
  }

  function requireText(text: unknown, what: Bilingual): void {
    if (typeof text !== 'string' || text.trim().length < 3 || text.length > 2000) {
      throw refusal(
        `Write ${what.en} in 3 to 2000 characters.`,
        `${what.hi} 3 से 2000 अक्षरों में लिखें।`,
        'invalid',
      );
    }
  }

  function requireApplicant(mobile: string, permission: 'application.reply' | 'application.appeal'): void {
    if (!authorize(permission, citizenSubject(mobile), accessFacts()).allow) {
      throw refusal(
        'Only the applicant, by the mobile number given, may do this.',
        'यह केवल आवेदक, दिए गए मोबाइल नंबर से, कर सकते हैं।',
        'not-applicant',
      );
    }
  }

  // ---- Handlers -----------------------------------------------------------------------------------

  setHandler(stateQuery, () => ({ ...state, tasks: tasksNow() }));
  setHandler(timelineQuery, () => timeline);

  setHandler(
    approve,
    async ({ officerCode }) => {
      setStatus('issuing');
      record('approved', officerCode);
      await project();
      await condition(() => state.status !== 'issuing');
      await projection; // answer only once the read model shows the delivery too
      return state;
    },
    {
      validator: ({ officerCode }: Actor) => {
        requireOfficer(officerCode, 'application.decide', ACTION.approve);
        requireStatus(['pending-decision'], ACTION.approve);
      },
    },
  );

  setHandler(
    reject,
    async ({ officerCode, reason }) => {
      state.rejectionReason = reason.trim();
      rejectedOn = today();
      setStatus('rejected');
      record('rejected', officerCode, { reason: state.rejectionReason });
      await project();
      return state;
    },
    {
      validator: ({ officerCode, reason }: RejectRequest) => {
        requireOfficer(officerCode, 'application.decide', ACTION.reject);
        requireStatus(['pending-decision'], ACTION.reject);
        if (state.deliveryOrdered) {
          throw refusal(
            'Delivery has been ordered in appeal; the application can no longer be rejected.',
            'अपील में सेवा देने का आदेश है; अब आवेदन अस्वीकार नहीं किया जा सकता।',
            'delivery-ordered',
          );
        }
        requireText(reason, { en: 'the reason for rejection', hi: 'अस्वीकृति का कारण' });
      },
    },
  );

  setHandler(
    requestInformation,
    async ({ officerCode, question }) => {
      state.informationRequest = question.trim();
      setStatus('awaiting-applicant');
      record('information-requested', officerCode, { question: state.informationRequest });
      await project();
      return state;
    },
    {
      validator: ({ officerCode, question }: InformationRequest) => {
        requireOfficer(officerCode, 'application.decide', ACTION.requestInformation);
        requireStatus(['pending-decision'], ACTION.requestInformation);
        requireText(question, { en: 'the question to the applicant', hi: 'आवेदक से प्रश्न' });
      },
    },
  );

  setHandler(
    forwardForFieldReport,
    async ({ officerCode, instructions }) => {
      setStatus('field-report');
      record('field-report-requested', officerCode, {
        instructions: instructions.trim(),
        fieldOfficer: officers.fieldOfficer?.code,
      });
      await project();
      return state;
    },
    {
      validator: ({ officerCode, instructions }: FieldReportRequest) => {
        requireOfficer(officerCode, 'application.decide', ACTION.forward);
        requireStatus(['pending-decision'], ACTION.forward);
        if (!service.steps.includes('field-report-optional') || !officers.fieldOfficer) {
          throw refusal(
            `${service.nameEn} has no field report step.`,
            `${service.nameHi} में क्षेत्रीय प्रतिवेदन का चरण नहीं है।`,
            'no-such-step',
          );
        }
        if (state.fieldReport !== null)
          throw refusal(
            'A field report has already been made.',
            'क्षेत्रीय प्रतिवेदन पहले ही दिया जा चुका है।',
            'already-done',
          );
        requireText(instructions, {
          en: 'the instructions to the field officer',
          hi: 'क्षेत्रीय अधिकारी को निर्देश',
        });
      },
    },
  );

  setHandler(
    submitFieldReport,
    async ({ officerCode, report, recommendation }) => {
      state.fieldReport = report.trim();
      setStatus('pending-decision');
      record('field-report-submitted', officerCode, { report: state.fieldReport, recommendation });
      await project();
      return state;
    },
    {
      validator: ({ officerCode, report, recommendation }: FieldReport) => {
        requireOfficer(officerCode, 'application.field-report', ACTION.fieldReport);
        requireStatus(['field-report'], ACTION.fieldReport);
        requireText(report, { en: 'the field report', hi: 'क्षेत्रीय प्रतिवेदन' });
        if (recommendation !== 'approve' && recommendation !== 'reject')
          throw refusal('Recommend approve or reject.', 'स्वीकृति या अस्वीकृति की अनुशंसा करें।', 'invalid');
      },
    },
  );

  setHandler(
    provideInformation,
    async ({ reply }) => {
      state.informationRequest = null;
      setStatus('pending-decision');
      record('information-provided', 'applicant', { reply: reply.trim() });
      await project();
      return state;
    },
    {
      validator: ({ mobile, reply }: ApplicantReply) => {
        requireApplicant(mobile, 'application.reply');
        requireStatus(['awaiting-applicant'], ACTION.reply);
        requireText(reply, { en: 'the reply', hi: 'उत्तर' });
      },
    },
  );

  setHandler(
    confirmPayment,
    async ({ paymentId }) => {
      state.payment!.paymentId = paymentId;
      setStatus('issuing');
      record('payment-received', 'applicant', { paymentId, amountPaise: state.payment!.amountPaise });
      await project();
      return state;
    },
    {
      validator: ({ orderId, paymentId, amountPaise }: PaymentConfirmation) => {
        if (!state.payment || state.payment.orderId !== orderId)
          throw refusal(
            `No payment order ${orderId} on this application.`,
            `इस आवेदन पर भुगतान आदेश ${orderId} नहीं है।`,
            'unknown-order',
          );
        if (state.payment.paymentId !== null)
          throw refusal(
            `Payment for ${orderId} is already recorded.`,
            `${orderId} का भुगतान पहले ही दर्ज है।`,
            'already-paid',
          );
        requireStatus(['awaiting-payment'], ACTION.pay);
        if (amountPaise !== state.payment.amountPaise) {
          throw refusal(
            `Paid ${amountPaise} paise but ${state.payment.amountPaise} are due.`,
            `${amountPaise} पैसे चुकाए पर ${state.payment.amountPaise} देय हैं।`,
            'wrong-amount',
          );
        }
        if (typeof paymentId !== 'string' || paymentId === '')
          throw refusal('Payment id missing.', 'भुगतान आईडी नहीं है।', 'invalid');
      },
    },
  );

  setHandler(
    fileAppeal,
    async ({ grounds }) => {
      const open = state.appeals.find((a) => a.status === 'open');
      if (awaitingApplicantAppeal) {
        appealFiled = { grounds: grounds.trim() };
        version += 1;
        record('appeal-filed', 'applicant', { grounds: appealFiled.grounds });
      } else {
        // A suo motu appeal is already under way: the applicant's grounds go on its record.
        groundsFiled.add(open!.level);
        record('appeal-grounds-filed', 'applicant', { level: open!.level, grounds: grounds.trim() });
      }
      await project();
      return state;
    },
    {
      validator: ({ mobile, grounds }: AppealFiling) => {
        requireApplicant(mobile, 'application.appeal');
        requireText(grounds, { en: 'the grounds of appeal', hi: 'अपील के आधार' });
        const open = state.appeals.find((a) => a.status === 'open');
        if (appealFiled || (open && groundsFiled.has(open.level))) {
          throw refusal('An appeal has already been filed.', 'अपील पहले ही दर्ज की जा चुकी है।', 'already-done');
        }
        if (!awaitingApplicantAppeal && !open)
          throw refusal(
            'There is no decision to appeal against now.',
            'अभी अपील योग्य कोई निर्णय नहीं है।',
            'not-now',
          );
      },
    },
  );

  // ---- Appeals ------------------------------------------------------------------------------------

  async function openAppeal(
    level: 'first' | 'second',
    ground: AppealSummary['ground'],
    suoMotu: boolean,
  ): Promise<void> {
    if (appealHandles.has(level)) return;
    const workflowId = appealWorkflowId(input.applicationNumber, level);
    const officer = level === 'first' ? officers.firstAppealOfficer : officers.secondAppellateAuthority;
    const handle = await startChild(appealWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      args: [
        {
          applicationNumber: input.applicationNumber,
          level,
          ground,
          suoMotu,
          officer,
          designatedOfficer: officers.designatedOfficer,
          calendar,
          decideWithin: appealDecideWithin(input.appeals, level),
          penalty: input.penalty,
          serviceDueDate: input.dueDate,
          deliveredOn,
          rejectionReason: state.rejectionReason,
          applicantMobile: input.applicant.mobile,
        },
      ],
    });
    appealHandles.set(level, handle);
    appealsInProgress += 1;
    state.appeals.push({ level, workflowId, ground, suoMotu, status: 'open', outcome: null });
    version += 1;
    record('appeal-opened', suoMotu ? 'system' : 'applicant', {
      level,
      ground,
      suoMotu,
      officer: officer.code,
    });
    await project();
    await notifyOfficer(officer.code, 'appeal-assigned', { level });
    await notifyApplicant('appeal-opened', { level });
    void handle
      .result()
      .then(onAppealDecided)
      .finally(() => {
        appealsInProgress -= 1;
        version += 1;
      });
  }

  async function onAppealDecided(decision: AppealDecision): Promise<void> {
    const summary = state.appeals.find((a) => a.level === decision.level)!;
    summary.status = decision.outcome === 'lapsed' ? 'lapsed' : 'decided';
    summary.outcome = decision.outcome;
    version += 1;
    record(decision.outcome === 'lapsed' ? 'appeal-lapsed' : 'appeal-decided', 'system', { ...decision });
    if (decision.outcome === 'order-delivery' && state.status !== 'delivered') {
      state.deliveryOrdered = true;
      state.dueDate = addWorkingDays(today(), decision.withinWorkingDays ?? 1, calendar);
      state.breached = false;
      setStatus('pending-decision');
      record('delivery-ordered', 'system', { level: decision.level, dueDate: state.dueDate });
      await notifyOfficer(officers.designatedOfficer.code, 'delivery-ordered', { dueDate: state.dueDate });
    }
    await project();
    await notifyApplicant('appeal-decided', { level: decision.level, outcome: decision.outcome });
    if (
      decision.level === 'first' &&
      (decision.outcome === 'lapsed' || decision.outcome === 'uphold-rejection')
    ) {
      const ground = decision.outcome === 'lapsed' ? 'first-appeal-lapsed' : 'first-appeal-upheld';
      if (input.appeals.suoMotu.onRejection || decision.outcome === 'lapsed')
        await openAppeal('second', ground, true);
      else await awaitApplicantAppeal('second', input.appeals.secondAppeal.fileWithinDays);
    }
  }

  /** Without suo motu, the applicant may appeal within the rules' days; else the decision stands. */
  async function awaitApplicantAppeal(level: 'first' | 'second', withinDays: number): Promise<void> {
    awaitingApplicantAppeal = level;
    appealFiled = null;
    const filed = await condition(() => appealFiled !== null, withinDays * MS_PER_DAY);
    awaitingApplicantAppeal = null;
    if (filed) await openAppeal(level, 'applicant', false);
  }

  async function onBreach(): Promise<void> {
    state.breached = true;
    record('deadline-breached', 'system', { dueDate: state.dueDate });
    await project();
    await notifyOfficer(officers.designatedOfficer.code, 'deadline-breached', { dueDate: state.dueDate });
    if (!input.appeals.suoMotu.onBreach) return;
    if (!appealHandles.has('first')) await openAppeal('first', 'breach', true);
    else if (state.deliveryOrdered && !appealHandles.has('second'))
      await openAppeal('second', 'breach', true);
  }

  // ---- The clock ----------------------------------------------------------------------------------

  /** Waits for the designated officer (or field officer) while the statutory clock runs. */
  async function awaitDecision(): Promise<void> {
    const before = version;
    const dueAt = endOfDayIst(state.dueDate);
    const startedAt = Date.parse(input.receivedAt);
    const remindAt = startedAt + (dueAt - startedAt) * input.reminderAtFraction;
    if (!state.breached && Date.now() < remindAt && !reminded) {
      if (!(await condition(() => version !== before, remindAt - Date.now()))) {
        reminded = true;
        record('reminder-sent', 'system', { dueDate: state.dueDate });
        const officer =
          state.status === 'field-report' && officers.fieldOfficer
            ? officers.fieldOfficer
            : officers.designatedOfficer;
        await notifyOfficer(officer.code, 'deadline-reminder', { dueDate: state.dueDate });
        await project();
      }
      return;
    }
    if (!state.breached && Date.now() <= dueAt) {
      if (!(await condition(() => version !== before, dueAt - Date.now() + 1))) await onBreach();
      return;
    }
    await condition(() => version !== before);
  }
  /** The clock stops while the applicant is asked for information; unanswered, the case closes. */
  async function awaitApplicant(): Promise<void> {
    const pausedOn = today();
    state.clockPaused = true;
    await notifyApplicant('information-requested', { question: state.informationRequest ?? '' });
    const answered = await condition(
      () => state.status !== 'awaiting-applicant',
      input.applicantResponseDays * MS_PER_DAY,
    );
    state.clockPaused = false;
    if (!answered) {
      setStatus('closed-incomplete');
      record('closed-incomplete', 'system', { days: input.applicantResponseDays });
      await project();
      await notifyApplicant('closed-incomplete');
      return;
    }
    state.dueDate = dueDateAfterPause(state.dueDate, pausedOn, today(), calendar);
    record('clock-resumed', 'system', { dueDate: state.dueDate });
    await project();
  }

  async function issue(plots?: Awaited<ReturnType<Activities['fetchLandRecords']>>['plots']): Promise<void> {
    const issueNumber = (state.certificateSerial ? 1 : 0) + 1;
    const { serial, verifyUrl } = await documents.issueCertificate({
      input,
      issueNumber,
      issuedOn: today(),
      plots: plots ?? null,
    });
    state.certificateSerial = serial;
    deliveredOn = today();
    setStatus('delivered');
    record('certificate-issued', officers.designatedOfficer.code, { serial, late: state.breached });
    await project();
    await notifyApplicant('certificate-issued', { serial, verifyUrl });
    // Open appeals weigh delay up to the day of delivery; a decided one no longer listens.
    for (const appeal of state.appeals.filter((a) => a.status === 'open')) {
      try {
        await appealHandles.get(appeal.level)!.signal(serviceDelivered, deliveredOn);
      } catch {
        // decided in the meantime: nothing to tell it
      }
    }
  }

  // ---- The application's life ---------------------------------------------------------------------

  record('received', input.channel === 'agent-181' ? 'agent-181' : 'applicant', {
    channel: input.channel,
    dueDate: input.dueDate,
    catalogueVersion: input.catalogueVersion,
    calendarVersion: input.calendarVersion,
  });
  await project();
  await documents.issueReceipt({ input });
  await notifyApplicant('received', { dueDate: input.dueDate });
  await notifyOfficer(officers.designatedOfficer.code, 'application-assigned', { dueDate: input.dueDate });

  let landPlots: Awaited<ReturnType<Activities['fetchLandRecords']>>['plots'] | undefined;
  if (service.steps.includes('fetch-record')) {
    setStatus('fetching-record');
    await project();
    const khasraNumbers = (input.fields.khasraNumbers as string[] | undefined) ?? [
      input.fields.khasraNumber as string,
    ];
    const year = (input.fields.year as number | undefined) ?? Number(input.receivedOn.slice(0, 4));
    const found = await external.fetchLandRecords({
      village: input.place.village,
      khasraNumbers,
      year,
      wholeSheet: service.document === 'current-map-copy',
    });
    if (found.missing.length > 0) {
      state.rejectionReason = `No land record for khasra ${found.missing.join(', ')} in ${year} / ${year} में खसरा ${found.missing.join(', ')} का अभिलेख नहीं मिला`;
      rejectedOn = today();
      setStatus('rejected');
      record('record-not-found', 'system', { missing: found.missing, year });
      await project();
    } else {
      landPlots = found.plots;
      const fee = service.fee!;
      const rupees = copyFeeRupees(pagesForPlots(found.requestedCount), fee);
      const order = await external.createPaymentOrder({
        applicationNumber: input.applicationNumber,
        amountPaise: rupees * 100,
        description: `${service.nameEn} ${input.applicationNumber}`,
      });
      state.payment = { ...order, amountPaise: rupees * 100, paymentId: null };
      state.clockPaused = true;
      const pausedOn = today();
      setStatus('awaiting-payment');
      record('payment-requested', 'system', { amountRupees: rupees, orderId: order.orderId });
      await project();
      await notifyApplicant('payment-requested', { amountRupees: rupees, paymentUrl: order.paymentUrl });
      const paid = await condition(() => state.status !== 'awaiting-payment', fee.payWithinDays * MS_PER_DAY);
      state.clockPaused = false;
      if (!paid) {
        setStatus('closed-unpaid');
        record('closed-unpaid', 'system', { days: fee.payWithinDays });
        await project();
        await notifyApplicant('closed-unpaid');
      } else {
        state.dueDate = dueDateAfterPause(state.dueDate, pausedOn, today(), calendar);
      }
    }
  } else {
    setStatus('pending-decision');
    await project();
  }

  // Until the case is final and no appeal is open.
  for (;;) {
    if (state.status === 'pending-decision' || state.status === 'field-report') await awaitDecision();
    else if (state.status === 'awaiting-applicant') await awaitApplicant();
    else if (state.status === 'issuing') await issue(landPlots);
    else if (
      state.status === 'rejected' &&
      rejectedOn &&
      !appealHandles.has('first') &&
      awaitingApplicantAppeal === null
    ) {
      await notifyApplicant('rejected', { reason: state.rejectionReason ?? '' });
      if (input.appeals.suoMotu.onRejection) await openAppeal('first', 'rejection', true);
      else await awaitApplicantAppeal('first', input.appeals.firstAppeal.fileWithinDays);
      if (!appealHandles.has('first')) break; // no appeal: the refusal is final
    } else if (FINAL.includes(state.status)) {
      const before = version;
      await condition(() => version !== before || appealsInProgress === 0);
      if (appealsInProgress === 0 && FINAL.includes(state.status)) break;
    } else {
      throw ApplicationFailure.nonRetryable(`unexpected status ${state.status}`);
    }
  }
  record('closed', 'system', { status: state.status });
  await project();
  await condition(allHandlersFinished);
  return state;
}
