// The contract of an application workflow: its input, state, and the messages officers, the
// applicant and the payment callback send it. The server imports this module; so do the workflows.
import { ApplicationFailure, defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AppealRules, PenaltyRules, ServiceDefinition } from '../lib/catalogue';
import type { Channel } from '../lib/application-clock';
import { addWorkingDays, istDate, type IsoDate, type WorkingDayCalendar } from '../lib/working-days';

export const STATUS_LABELS: Record<ApplicationStatus, { en: string; hi: string }> = {
  received: { en: 'received', hi: 'प्राप्त' },
  'fetching-record': { en: 'fetching the land record', hi: 'भू-अभिलेख प्राप्त किया जा रहा' },
  'awaiting-payment': { en: 'awaiting the fee', hi: 'शुल्क की प्रतीक्षा में' },
  'pending-decision': { en: 'pending the officer’s decision', hi: 'अधिकारी के निर्णय हेतु लंबित' },
  'field-report': { en: 'with the field officer for a report', hi: 'क्षेत्रीय प्रतिवेदन हेतु' },
  'awaiting-applicant': { en: 'awaiting the applicant’s reply', hi: 'आवेदक के उत्तर की प्रतीक्षा में' },
  issuing: { en: 'being issued', hi: 'जारी किया जा रहा' },
  delivered: { en: 'delivered', hi: 'प्रदत्त' },
  rejected: { en: 'rejected', hi: 'अस्वीकृत' },
  'closed-incomplete': { en: 'closed as incomplete', hi: 'अपूर्ण होने से बंद' },
  'closed-unpaid': { en: 'closed as unpaid', hi: 'शुल्क न चुकाने से बंद' },
};

/** What an officer or applicant tried to do, for refusal messages. */
export const ACTION = {
  approve: { en: 'approve', hi: 'स्वीकृत' },
  reject: { en: 'reject', hi: 'अस्वीकृत' },
  requestInformation: { en: 'ask the applicant for information', hi: 'आवेदक से जानकारी माँगना' },
  forward: { en: 'forward for a field report', hi: 'क्षेत्रीय प्रतिवेदन हेतु भेजना' },
  fieldReport: { en: 'submit the field report', hi: 'क्षेत्रीय प्रतिवेदन देना' },
  reply: { en: 'reply', hi: 'उत्तर देना' },
  pay: { en: 'record a payment', hi: 'भुगतान दर्ज करना' },
} as const;

/** An action refused by a validator: the API answers 409 with both messages. */
export const REFUSAL_TYPE = 'ActionRefused';

export function refusal(en: string, hi: string, code: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: REFUSAL_TYPE,
    message: en,
    details: [{ code, en, hi }],
    nonRetryable: true,
  });
}

export interface OfficerRef {
  code: string;
  nameEn: string;
  nameHi: string;
  designation: string;
}

/** Who holds which role for this application, resolved from the jurisdiction at intake. */
export interface AssignedOfficers {
  designatedOfficer: OfficerRef; // पदाभिहित अधिकारी
  fieldOfficer: OfficerRef | null; // Patwari / RI, for a field report
  firstAppealOfficer: OfficerRef; // प्रथम अपील अधिकारी
  secondAppellateAuthority: OfficerRef; // द्वितीय अपील अधिकारी
}

/** The officer who decides an appeal at `level`: first appeal officer, or second appellate authority. */
export function appealOfficer(officers: AssignedOfficers, level: 'first' | 'second'): OfficerRef {
  return level === 'first' ? officers.firstAppealOfficer : officers.secondAppellateAuthority;
}

export interface ApplicationInput {
  applicationNumber: string;
  service: ServiceDefinition;
  catalogueVersion: number;
  appeals: AppealRules;
  penalty: PenaltyRules;
  applicantResponseDays: number;
  reminderAtFraction: number;
  calendar: WorkingDayCalendar;
  calendarVersion: number;
  channel: Channel;
  receivedAt: string; // ISO instant the application was accepted
  receivedOn: IsoDate; // that day in India
  dueDate: IsoDate;
  place: { district: string; tehsil: string; village: string };
  applicant: { name: string; mobile: string };
  fields: Record<string, unknown>;
  officers: AssignedOfficers;
  /**
   * Set search attributes (default true). False only under the time-skipping test server, which
   * cannot register custom search attributes; the dev-server and end-to-end tests cover them.
   */
  searchAttributes?: boolean;
}

export type ApplicationStatus =
  | 'received'
  | 'fetching-record'
  | 'awaiting-payment'
  | 'pending-decision'
  | 'field-report'
  | 'awaiting-applicant'
  | 'issuing'
  | 'delivered'
  | 'rejected'
  | 'closed-incomplete'
  | 'closed-unpaid';

export interface TimelineEvent {
  seq: number;
  at: string; // ISO instant (workflow time)
  type: string;
  actor: string | null; // officer code, 'applicant', 'system'
  details: Record<string, unknown>;
}

export interface OpenTask {
  kind: 'decide' | 'field-report' | 'first-appeal' | 'second-appeal';
  officerCode: string;
  dueDate: IsoDate | null;
}

export interface AppealSummary {
  level: 'first' | 'second';
  workflowId: string;
  ground: 'breach' | 'rejection' | 'first-appeal-lapsed' | 'first-appeal-upheld' | 'applicant';
  suoMotu: boolean;
  status: 'open' | 'decided' | 'lapsed';
  outcome: string | null;
}

export interface ApplicationState {
  applicationNumber: string;
  serviceCode: string;
  status: ApplicationStatus;
  dueDate: IsoDate;
  breached: boolean;
  /** Delivery ordered by an appellate authority: the designated officer may now only deliver. */
  deliveryOrdered: boolean;
  clockPaused: boolean;
  payment: { orderId: string; amountPaise: number; paymentUrl: string; paymentId: string | null } | null;
  certificateSerial: string | null;
  rejectionReason: string | null;
  informationRequest: string | null;
  fieldReport: string | null;
  appeals: AppealSummary[];
  tasks: OpenTask[];
}

export interface Actor {
  officerCode: string;
}

export interface RejectRequest extends Actor {
  reason: string;
}

export interface InformationRequest extends Actor {
  question: string;
}

export interface FieldReportRequest extends Actor {
  instructions: string;
}

export interface FieldReport extends Actor {
  report: string;
  recommendation: 'approve' | 'reject';
}

export interface ApplicantReply {
  mobile: string;
  reply: string;
}

export interface AppealFiling {
  mobile: string;
  grounds: string;
}

export interface PaymentConfirmation {
  orderId: string;
  paymentId: string;
  amountPaise: number;
}

/** Answer to an officer's or applicant's action: the state right after it. */
export type ActionResult = ApplicationState;

export const approve = defineUpdate<ActionResult, [Actor]>('approve');
export const reject = defineUpdate<ActionResult, [RejectRequest]>('reject');
export const requestInformation = defineUpdate<ActionResult, [InformationRequest]>('requestInformation');
export const forwardForFieldReport = defineUpdate<ActionResult, [FieldReportRequest]>(
  'forwardForFieldReport',
);
export const submitFieldReport = defineUpdate<ActionResult, [FieldReport]>('submitFieldReport');
export const provideInformation = defineUpdate<ActionResult, [ApplicantReply]>('provideInformation');
export const confirmPayment = defineUpdate<ActionResult, [PaymentConfirmation]>('confirmPayment');
export const fileAppeal = defineUpdate<ActionResult, [AppealFiling]>('fileAppeal');

export const stateQuery = defineQuery<ApplicationState>('state');
export const timelineQuery = defineQuery<TimelineEvent[]>('timeline');

/** Officer actions by their API name, for routing HTTP requests to updates. */
export const OFFICER_ACTIONS = {
  approve,
  reject,
  'request-information': requestInformation,
  'forward-for-field-report': forwardForFieldReport,
  'submit-field-report': submitFieldReport,
} as const;

// ---- Appeals -----------------------------------------------------------------------------------

export interface AppealInput {
  applicationNumber: string;
  level: 'first' | 'second';
  ground: AppealSummary['ground'];
  suoMotu: boolean;
  officer: OfficerRef;
  designatedOfficer: OfficerRef;
  calendar: WorkingDayCalendar;
  /** First appeal: working days; second appeal: calendar days (domain.md §1). */
  decideWithin: { workingDays: number } | { days: number };
  penalty: PenaltyRules;
  serviceDueDate: IsoDate;
  deliveredOn: IsoDate | null;
  rejectionReason: string | null;
  applicantMobile: string;
}

export type AppealOutcome = 'order-delivery' | 'uphold-rejection' | 'dispose' | 'lapsed';

/** The most working days an appellate order may give the designated officer to deliver in. */
export const MAX_ORDER_DAYS = 30;

export interface AppealDecisionRequest extends Actor {
  outcome: Exclude<AppealOutcome, 'lapsed'>;
  /** With order-delivery: working days the designated officer has to deliver. */
  withinWorkingDays?: number;
  /** 'delay': ₹ per working day of delay (computed); or a lump sum for failure without cause. */
  penalty?: { kind: 'delay' } | { kind: 'lump-sum'; amountRupees: number };
  remarks: string;
}

export interface AppealDecision {
  level: 'first' | 'second';
  outcome: AppealOutcome;
  withinWorkingDays: number | null;
  penaltyRupees: number | null;
  decidedOn: IsoDate;
  remarks: string | null;
}

export interface AppealState {
  applicationNumber: string;
  level: 'first' | 'second';
  ground: AppealSummary['ground'];
  officerCode: string;
  decideBy: IsoDate;
  status: 'open' | 'decided' | 'lapsed';
  decision: AppealDecision | null;
}

export const decideAppeal = defineUpdate<AppealState, [AppealDecisionRequest]>('decideAppeal');
export const serviceDelivered = defineSignal<[IsoDate]>('serviceDelivered');
export const appealStateQuery = defineQuery<AppealState>('appealState');

/** How long an appeal at `level` has to be decided: first appeal in working days, second in days. */
export function appealDecideWithin(
  rules: AppealRules,
  level: 'first' | 'second',
): AppealInput['decideWithin'] {
  return level === 'first'
    ? { workingDays: rules.firstAppeal.decideWithinWorkingDays }
    : { days: rules.secondAppeal.decideWithinDays };
}

/** The last day to decide an appeal opened at `openedAtMs` (epoch ms). */
export function appealDecideBy(
  openedAtMs: number,
  decideWithin: AppealInput['decideWithin'],
  calendar: WorkingDayCalendar,
): IsoDate {
  return 'workingDays' in decideWithin
    ? addWorkingDays(istDate(openedAtMs), decideWithin.workingDays, calendar)
    : istDate(openedAtMs + decideWithin.days * 86_400_000);
}

export function appealWorkflowId(applicationNumber: string, level: 'first' | 'second'): string {
  return `${applicationNumber}/appeal-${level}`;
}
