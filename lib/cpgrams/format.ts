// The CPGRAMS exchange as Jan Setu models it (no public API is known, domain.md §4): the grievance
// the central portal forwards to the state, the status updates the state sends back while it is
// handled, and the Action Taken Report (ATR) at closure. Shared by the client, the stand-in, the
// activities and the tests, so the two ends cannot drift apart.

/**
 * A CPGRAMS registration number: the receiving organisation's code, E (received online) or P (on
 * paper), the year, a serial — e.g. DARPG/E/2026/0012345 (domain.md gives no format; this is the
 * shape seen on the portal's acknowledgements).
 */
export const REGISTRATION_NUMBER = /^[A-Z]{3,8}\/[EP]\/\d{4}\/\d{5,8}$/;

/** The statuses the central portal shows the citizen. */
export type CpgramsStatus = 'Under process' | 'Case closed';

export interface CpgramsCitizen {
  name: string;
  /** As the citizen gave it, possibly with +91 or spaces. */
  mobile: string;
  email: string | null;
  /** Free text: house, village or ward, block, tehsil… */
  address: string;
  state: string;
  district: string;
  pincode: string | null;
}

export interface CpgramsGrievance {
  registrationNumber: string;
  /** When the citizen lodged it at the central portal (YYYY-MM-DD). */
  receivedDate: string;
  /** When the portal forwarded it to the state (ISO instant). */
  forwardedAt: string;
  /** The ministry or department it was lodged with. */
  organisation: { code: string; name: string };
  /** The category the citizen chose, levels separated by ">>" (e.g. "Electricity >> Power supply"). */
  category: string;
  grievanceText: string;
  citizen: CpgramsCitizen;
  status: CpgramsStatus;
}

export interface GrievancePage {
  grievances: CpgramsGrievance[];
  /** Pass back as `cursor` for the next page; null when nothing has been forwarded yet. */
  nextCursor: string | null;
  hasMore: boolean;
}

/** Sent while the grievance is handled in the state: escalations, information asked, interim replies. */
export interface CpgramsStatusUpdate {
  registrationNumber: string;
  status: 'Under process';
  /** The CM Helpline complaint number that handles it. */
  stateReference: string;
  /** Jan Setu's own status (open, awaiting-citizen, transfer-requested, resolved). */
  stage: string;
  level: string;
  remarks: { en: string; hi: string };
  /** The latest interim reply to the citizen, if any (required past 21 days). */
  interimReply: string | null;
  updatedAt: string;
}

/** How a grievance was closed, in the portal's terms. */
export type ClosureCategory =
  | 'redressed' // the citizen said they were satisfied
  | 'redressed-no-feedback' // resolved; the citizen did not answer in time
  | 'special-closure' // closed by a senior officer with reasons (e.g. policy matter, sub judice)
  | 'closed-without-redress' // force-closed (counted as low quality)
  | 'counselled' // Mahila Helpline: counselling was the relief
  | 'information-given';

export interface ActionTakenReport {
  registrationNumber: string;
  stateReference: string;
  status: 'Case closed';
  /** What was done, as the officer wrote it (the resolution, or the closure's reason). */
  actionTaken: string;
  /** Closure date in India (YYYY-MM-DD) and the instant. */
  closureDate: string;
  closedAt: string;
  closureCategory: ClosureCategory;
  closureReason: { en: string; hi: string };
  officer: { code: string; name: string; designation: string } | null;
  interimReplies: number;
  escalations: number;
  /** Files the officer attached; described here, the content stays in Jan Setu. */
  attachments: { name: string; mimeType: string; sizeBytes: number; sha256: string }[];
}

/** What the portal answers to a status update or an ATR. */
export interface CpgramsReceipt {
  receiptId: string;
  registrationNumber: string;
  /** True when this idempotency key had been seen: the earlier receipt, nothing applied twice. */
  replayed: boolean;
}

/** The header that carries Jan Setu's API key at the portal. */
export const API_KEY_HEADER = 'x-api-key';
