// The contract of a CM Helpline 181 complaint workflow: input, state and the messages officers,
// the citizen and 181 agents send it. The server imports this module; so does the workflow.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EscalationLadder, Level } from '../lib/ladder';
import type { IsoDate, WorkingDayCalendar } from '../lib/working-days';
import type { OfficerRef } from './application-messages';

export type CallType = 'information' | 'complaint' | 'demand' | 'suggestion';
/** 'open311': filed by a third-party app through the Open311 GeoReport v2 API, with an API key. */
export type ComplaintChannel = 'agent-181' | 'web' | 'whatsapp' | 'cpgrams' | 'mahila' | 'open311';

export interface ComplaintPlace {
  district: string;
  tehsil: string | null;
  block: string | null;
  village: string | null;
}

/** Who handles the complaint at each level, resolved by jurisdiction when it is routed. */
export interface ComplaintRouting {
  officers: Record<Level, OfficerRef | null>;
  /** Set when no L1 officer is mapped: the complaint waits in this district queue, flagged. */
  fallbackQueue: string | null;
}

export interface ComplaintInput {
  complaintNumber: string; // CMH/2026/000123, also the workflow id
  callType: CallType;
  subType: 'corruption' | null;
  channel: ComplaintChannel;
  citizen: { name: string; mobile: string };
  place: ComplaintPlace;
  department: string;
  subject: string;
  description: string;
  ladder: EscalationLadder;
  ladderVersion: number;
  calendar: WorkingDayCalendar;
  calendarVersion: number;
  receivedAt: string;
  routing: ComplaintRouting;
  /** Mahila Helpline: a counsellor first, hour-scale limits, never in public lists. */
  counsellor: OfficerRef | null;
  /** A grievance forwarded by the central CPGRAMS portal: its registration number there. */
  cpgrams?: { registrationNumber: string } | null;
  /** The answer from the scheme knowledge base, for an information call (closed at once). */
  information: { schemeCode: string; answerEn: string; answerHi: string } | null;
  /** Set search attributes (default true); false only under the time-skipping test server. */
  searchAttributes?: boolean;
}

export type ComplaintStatus =
  'counselling' | 'open' | 'awaiting-citizen' | 'transfer-requested' | 'resolved' | 'closed';

export type Closure = 'satisfied' | 'not-attended' | 'special' | 'force' | 'answered' | 'counselled';

export interface Escalation {
  from: Level;
  to: Level;
  at: string;
  rule: string; // the rule that fired, e.g. "L1 limit of 7 working days expired"
  by: string; // 'system' or an officer code
}

export interface ComplaintState {
  complaintNumber: string;
  status: ComplaintStatus;
  level: Level;
  department: string;
  assignedTo: string | null;
  queue: string | null;
  levelDueAt: string | null; // ISO instant the current level's limit ends (null at L4, or while paused)
  breached: boolean;
  accepted: boolean;
  interimReplies: number;
  resolution: string | null;
  resolutionAttachment?: string | null;
  closure: Closure | null;
  escalations: Escalation[];
  transferRequest: { to: string; reason: string; by: string } | null;
  specialCloseProposal: { reason: string; by: string } | null;
  question: string | null;
  reopened: number;
  /** CPGRAMS: the overall limit has passed; an interim reply is due before closure. */
  cpgramsOverdue?: boolean;
}

export interface ComplaintEvent {
  seq: number;
  at: string;
  type: string;
  actor: string | null;
  details: Record<string, unknown>;
}

export interface OfficerNote {
  officerCode: string;
  text: string;
}

/** A resolution may carry one attachment (uploaded to /api/v1/attachments; only its id here). */
export interface Resolution extends OfficerNote {
  attachmentId?: string;
}

export interface Feedback {
  satisfied: boolean;
  via: 'web' | 'whatsapp' | 'call-back' | 'ivrs';
  /** The 181 agent who recorded it on a call-back, or the citizen's mobile for web/WhatsApp. */
  recordedBy: string;
  remarks?: string;
}

export const accept = defineUpdate<ComplaintState, [{ officerCode: string }]>('accept');
export const interimReply = defineUpdate<ComplaintState, [OfficerNote]>('interimReply');
export const askCitizen = defineUpdate<ComplaintState, [OfficerNote]>('askCitizen');
export const citizenReply = defineUpdate<ComplaintState, [{ mobile: string; text: string }]>('citizenReply');
export const resolve = defineUpdate<ComplaintState, [Resolution]>('resolve');
export const notMyDepartment = defineUpdate<ComplaintState, [OfficerNote & { department: string }]>(
  'notMyDepartment',
);
export const decideTransfer = defineUpdate<
  ComplaintState,
  [{ officerCode: string; approve: boolean; remarks: string }]
>('decideTransfer');
export const proposeSpecialClose = defineUpdate<ComplaintState, [OfficerNote]>('proposeSpecialClose');
export const specialClose = defineUpdate<ComplaintState, [OfficerNote]>('specialClose');
export const forceClose = defineUpdate<ComplaintState, [OfficerNote]>('forceClose');
export const escalateToL4 = defineUpdate<ComplaintState, [OfficerNote]>('escalateToL4');
export const sendBackToL3 = defineUpdate<ComplaintState, [OfficerNote]>('sendBackToL3');
export const completeCounselling = defineUpdate<ComplaintState, [OfficerNote & { officerNeeded: boolean }]>(
  'completeCounselling',
);
export const recordFeedback = defineUpdate<ComplaintState, [Feedback]>('recordFeedback');

export const complaintStateQuery = defineQuery<ComplaintState>('complaintState');
export const complaintTimelineQuery = defineQuery<ComplaintEvent[]>('complaintTimeline');

/** Officer actions by their API name. */
export const COMPLAINT_ACTIONS = {
  accept,
  'interim-reply': interimReply,
  'ask-citizen': askCitizen,
  resolve,
  'not-my-department': notMyDepartment,
  'decide-transfer': decideTransfer,
  'propose-special-close': proposeSpecialClose,
  'special-close': specialClose,
  'force-close': forceClose,
  'escalate-to-l4': escalateToL4,
  'send-back-to-l3': sendBackToL3,
  'complete-counselling': completeCounselling,
} as const;

export type { IsoDate };
