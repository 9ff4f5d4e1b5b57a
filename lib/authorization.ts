// Who may do what in Jan Setu: one table, read by every API route, every page guard and every
// workflow update validator. Pure and deterministic (no Node imports): the workflow bundle uses it.
//
// A decision is one of:
//   allow;
//   401 — nobody is identified and this needs someone (pages send the visitor to sign in);
//   403 — the subject may know the thing exists but may not do this (wrong role or kind of subject,
//         or an officer on the case who is not the one to act);
//   404 — the subject may not even learn that the case exists: another citizen's case, a case of
//         another jurisdiction or role, a Mahila Helpline case of someone else. The API and the
//         pages answer exactly like for a number that does not exist.
// Acting on a case is decided by relation to the case (its designated officer, the officer it is
// assigned to…), never by role alone, so a workflow validator — which knows the officer's code but
// not their roles — reaches the same answer as the route from the same facts.

/** Who is asking. Citizens are identified by their mobile (OTP web session, or `mobile` on the API). */
export type Subject =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; mobile: string }
  | { kind: 'staff'; code: string; roles: readonly string[] }
  | { kind: 'api-client'; name: string; scopes: readonly string[] };

export type Decision =
  | { allow: true }
  | {
      allow: false;
      status: 401 | 403 | 404;
      reason: string;
      /** the roles that would do */ roles?: readonly string[];
    };

export type Role =
  | 'admin'
  | 'agent_181'
  | 'counsellor'
  | 'complaint_l1'
  | 'complaint_l2'
  | 'complaint_l3'
  | 'complaint_l4'
  | 'designated_officer' // पदाभिहित अधिकारी
  | 'field_officer' // पटवारी / राजस्व निरीक्षक
  | 'first_appeal_officer' // प्रथम अपील अधिकारी
  | 'second_appellate_authority'; // द्वितीय अपील प्राधिकारी

/** The roles that have an officer inbox. */
export const OFFICER_ROLES: readonly Role[] = [
  'designated_officer',
  'field_officer',
  'first_appeal_officer',
  'second_appellate_authority',
  'complaint_l1',
  'complaint_l2',
  'complaint_l3',
  'complaint_l4',
  'counsellor',
];

/** Who may apply or complain on a caller's behalf at the 181 desk. */
export const AGENT_181_ROLES: readonly Role[] = ['agent_181', 'admin'];

/** The roles of the 181 console (caller lookup, intake): agents and Mahila Helpline counsellors. */
export const CONSOLE_ROLES: readonly Role[] = ['agent_181', 'counsellor', 'admin'];

/** Channels other than the web portal are entered by staff or trusted systems. */
export const CHANNEL_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'agent-181': ['agent_181', 'admin'],
  mahila: ['counsellor', 'agent_181', 'admin'],
  whatsapp: ['admin'],
  cpgrams: ['admin'],
};

/** API-key scopes that stand in for a role on one channel (machine clients). */
export const CHANNEL_SCOPES: Readonly<Record<string, string>> = { cpgrams: 'cpgrams:register' };

// ---- Facts about a case -------------------------------------------------------------------------

/** A Lok Seva Guarantee application, as the read model or the workflow knows it. */
export interface ApplicationFacts {
  applicantMobile: string;
  designatedOfficer: string; // पदाभिहित अधिकारी
  fieldOfficer: string | null;
  /** Officers given a task on it, now or before (decide, field report, appeals): they see it. */
  taskOfficers: readonly string[];
  /** Appeals opened so far and the officer who decides each. */
  appeals: readonly { level: 'first' | 'second'; officer: string }[];
}

/** A CM Helpline 181 complaint, as the read model or the workflow knows it. */
export interface ComplaintFacts {
  citizenMobile: string;
  /** The officer it is with now (null while it waits in a queue or with the counsellor). */
  assignedOfficer: string | null;
  /** The officers of its department and place at every level: its jurisdiction's chain. */
  routingOfficers: readonly string[];
  /** The district's L2 officer while a transfer waits for their decision, else null. */
  transferApprover: string | null;
  /** Mahila Helpline: the counsellor of the case. */
  counsellor: string | null;
  /** Mahila Helpline cases: out of every list and every lookup but their own people's. */
  hidden: boolean;
}

export interface AttachmentFacts {
  /** The officer code or mobile number that uploaded it. */
  uploadedBy: string;
  /** The complaint it was cited by, if any. */
  complaint: ComplaintFacts | null;
}

// ---- Decisions ----------------------------------------------------------------------------------

const ALLOW: Decision = { allow: true };
type Refusal = Extract<Decision, { allow: false }>;
const deny = (status: 401 | 403 | 404, reason: string): Refusal => ({ allow: false, status, reason });

const isStaff = (s: Subject): s is Extract<Subject, { kind: 'staff' }> => s.kind === 'staff';
const holds = (s: Subject, roles: readonly string[]): boolean =>
  isStaff(s) && roles.some((r) => s.roles.includes(r));
const isAdmin = (s: Subject) => holds(s, ['admin']);
const staffCode = (s: Subject): string | null => (isStaff(s) ? s.code : null);

/** Allowed to anyone at all, identified or not. */
const anyone = (): Decision => ALLOW;

/**
 * Staff holding one of `roles`. Other staff and machine clients are refused (403); a visitor or a
 * citizen is asked to sign in as staff (401: the pages send them to the staff sign-in).
 */
const staffRole =
  (roles: readonly string[]) =>
  (s: Subject): Decision => {
    if (holds(s, roles)) return ALLOW;
    if (s.kind === 'anonymous' || s.kind === 'citizen') return deny(401, 'sign in as staff');
    return { ...deny(403, `needs one of the roles: ${roles.join(', ')}`), roles };
  };

/**
 * A case-scoped rule: `may` decides; a subject who may not but can see the case is refused (403),
 * one who cannot see it learns nothing (404), and nobody identified is asked to sign in (401).
 */
function onCase(s: Subject, canSee: boolean, may: boolean, what: string): Decision {
  if (may) return ALLOW;
  if (s.kind === 'anonymous') return deny(401, 'sign in (or give the mobile number of the case)');
  return canSee ? deny(403, what) : deny(404, 'not visible to this subject');
}

function seesApplication(s: Subject, f: ApplicationFacts): boolean {
  if (s.kind === 'citizen') return s.mobile === f.applicantMobile;
  const code = staffCode(s);
  if (code === null) return false;
  return (
    isAdmin(s) ||
    f.designatedOfficer === code ||
    f.taskOfficers.includes(code) || // the field officer, once a report is asked of them
    f.appeals.some((a) => a.officer === code)
  );
}

function seesComplaint(s: Subject, f: ComplaintFacts): boolean {
  if (s.kind === 'citizen') return s.mobile === f.citizenMobile;
  const code = staffCode(s);
  if (code === null) return false;
  if (isAdmin(s) || f.assignedOfficer === code || f.counsellor === code || f.transferApprover === code)
    return true;
  // Mahila Helpline: nobody else — not the district's other officers, not the 181 desk after intake.
  if (f.hidden) return false;
  return holds(s, ['agent_181']) || f.routingOfficers.includes(code);
}

const isApplicant = (s: Subject, f: ApplicationFacts) =>
  s.kind === 'citizen' && s.mobile === f.applicantMobile;
const isComplainant = (s: Subject, f: ComplaintFacts) => s.kind === 'citizen' && s.mobile === f.citizenMobile;

// ---- The table ----------------------------------------------------------------------------------

interface Row<F> {
  /** Who, in words (README, test names, error logs). */
  who: string;
  decide(subject: Subject, facts: F): Decision;
}
const row = <F = void>(who: string, decide: (subject: Subject, facts: F) => Decision): Row<F> => ({
  who,
  decide,
});

/** Every permission of Jan Setu: one row each. Every route and every update maps to one. */
export const PERMISSIONS = {
  // Public: reference data, verification, the status page, probes, the API description, sign-in.
  public: row('anyone', anyone),
  /** Signed server-to-server callbacks (payment gateway, SMS delivery reports, WhatsApp webhooks): the route checks the signature or key. */
  'machine.callback': row('the integration that holds the shared secret (checked by the route)', anyone),
  /** The monthly grading table is published. */
  'grades.read': row('anyone (grades are published)', anyone),

  'application.submit': row('anyone (channel web)', anyone),
  'application.intake-for-caller': row(
    '181 agents and admins (channel agent-181)',
    staffRole(AGENT_181_ROLES),
  ),
  'application.read': row<ApplicationFacts>(
    'the applicant; its designated and field officer, officers with a task on it, the officer of each appeal; admins',
    (s, f) => onCase(s, seesApplication(s, f), seesApplication(s, f), 'not on this case'),
  ),
  /** approve, reject, request-information, forward-for-field-report. */
  'application.decide': row<ApplicationFacts>('its designated officer', (s, f) =>
    onCase(
      s,
      seesApplication(s, f),
      staffCode(s) === f.designatedOfficer,
      'only the designated officer decides',
    ),
  ),
  'application.field-report': row<ApplicationFacts>('its field officer', (s, f) =>
    onCase(
      s,
      seesApplication(s, f),
      f.fieldOfficer !== null && staffCode(s) === f.fieldOfficer,
      'only the field officer reports',
    ),
  ),
  'application.appeal.decide': row<ApplicationFacts & { level: 'first' | 'second' }>(
    'the officer of that appeal (first appeal officer / second appellate authority)',
    (s, f) =>
      onCase(
        s,
        seesApplication(s, f),
        f.appeals.some((a) => a.level === f.level && a.officer === staffCode(s)),
        'only the appellate officer of this appeal decides it',
      ),
  ),
  'application.reply': row<ApplicationFacts>('the applicant', (s, f) =>
    onCase(s, seesApplication(s, f), isApplicant(s, f), 'only the applicant answers'),
  ),
  'application.appeal': row<ApplicationFacts>('the applicant', (s, f) =>
    onCase(s, seesApplication(s, f), isApplicant(s, f), 'only the applicant appeals'),
  ),
  'document.revoke': row('admins', staffRole(['admin'])),
  'document.reissue': row('admins', staffRole(['admin'])),

  'complaint.intake': row<{ channel: string }>(
    'web: anyone; agent-181: 181 agents; mahila: counsellors and agents; whatsapp: admins; cpgrams: API key cpgrams:register or admins',
    (s, { channel }) => {
      const roles = CHANNEL_ROLES[channel];
      if (!roles) return ALLOW; // the web portal
      const scope = CHANNEL_SCOPES[channel];
      if (scope && s.kind === 'api-client' && s.scopes.includes(scope)) return ALLOW;
      return staffRole(roles)(s);
    },
  ),
  /** Staff lists of complaints (each officer sees their own; agents, counsellors and admins filter). */
  'complaint.list': row('staff', staffRole(['admin', 'agent_181', ...OFFICER_ROLES])),
  'complaint.read': row<ComplaintFacts>(
    'the citizen; the officer it is with and the officers of its chain (not for Mahila cases); its counsellor; the transfer approver; 181 agents (not Mahila cases); admins',
    (s, f) => onCase(s, seesComplaint(s, f), seesComplaint(s, f), 'not on this complaint'),
  ),
  /** accept, interim-reply, ask-citizen, resolve, not-my-department, special close, escalations… */
  'complaint.act': row<ComplaintFacts>('the officer it is assigned to', (s, f) =>
    onCase(
      s,
      seesComplaint(s, f),
      f.assignedOfficer !== null && staffCode(s) === f.assignedOfficer,
      'only the officer it is with acts on it',
    ),
  ),
  'complaint.decide-transfer': row<ComplaintFacts>('the district L2 officer while a transfer waits', (s, f) =>
    onCase(
      s,
      seesComplaint(s, f),
      f.transferApprover !== null && staffCode(s) === f.transferApprover,
      'transfers are decided by the district L2 officer',
    ),
  ),
  'complaint.counsel': row<ComplaintFacts>('its counsellor (Mahila Helpline)', (s, f) =>
    onCase(
      s,
      seesComplaint(s, f),
      f.counsellor !== null && staffCode(s) === f.counsellor,
      'only the assigned counsellor',
    ),
  ),
  'complaint.reply': row<ComplaintFacts>('the citizen', (s, f) =>
    onCase(s, seesComplaint(s, f), isComplainant(s, f), 'only the citizen answers'),
  ),
  'complaint.feedback': row<ComplaintFacts>('the citizen; a 181 agent on a call-back', (s, f) =>
    onCase(
      s,
      seesComplaint(s, f),
      isComplainant(s, f) || (holds(s, ['agent_181']) && seesComplaint(s, f)),
      'only the citizen, or a 181 agent on a call-back',
    ),
  ),

  'attachment.upload': row('a citizen (by mobile) or staff', (s) =>
    s.kind === 'citizen' || isStaff(s)
      ? ALLOW
      : s.kind === 'anonymous'
        ? deny(401, 'give your mobile number')
        : deny(403, 'citizens and staff only'),
  ),
  'attachment.read': row<AttachmentFacts>(
    'who uploaded it; whoever may read the complaint that cites it',
    (s, f) => {
      const own =
        (s.kind === 'citizen' && s.mobile === f.uploadedBy) || (isStaff(s) && s.code === f.uploadedBy);
      const viaCase = f.complaint !== null && seesComplaint(s, f.complaint);
      return onCase(s, own || viaCase, own || viaCase, 'not visible');
    },
  ),

  /** The 181 console: caller lookup by mobile and intake on the caller's behalf. */
  'caller.lookup': row('181 agents, counsellors and admins', staffRole(CONSOLE_ROLES)),
  'officer.inbox': row('officers with an inbox and admins', staffRole([...OFFICER_ROLES, 'admin'])),
  /** "My cases": the citizen signed in with their mobile. */
  'citizen.portal': row('a signed-in citizen (anyone else is asked to sign in with a mobile)', (s) =>
    s.kind === 'citizen'
      ? ALLOW
      : s.kind === 'api-client'
        ? deny(403, 'citizens only')
        : deny(401, 'sign in with your mobile'),
  ),
  'dashboard.read': row('admins', staffRole(['admin'])),
  'case.search': row('admins', staffRole(['admin'])),
  'history.read': row('admins', staffRole(['admin'])),
  'policy.read': row('admins', staffRole(['admin'])),
  'policy.edit': row('admins', staffRole(['admin'])),
  'audit.read': row('admins', staffRole(['admin'])),

  'open311.post': row('API clients with scope open311:post', (s) =>
    // GeoReport v2 answers a missing or wrong key with 403, not 401.
    s.kind === 'api-client' && s.scopes.includes('open311:post')
      ? ALLOW
      : deny(403, 'needs an API key with scope open311:post'),
  ),
} satisfies Record<string, Row<never>>;

export type Permission = keyof typeof PERMISSIONS;
type FactsOf<P extends Permission> = (typeof PERMISSIONS)[P] extends Row<infer F> ? F : never;
/** The permissions that look at no case: who the subject is decides. */
export type PlainPermission = { [P in Permission]: FactsOf<P> extends void ? P : never }[Permission];

/** The decision for `subject` on `permission`, given the facts about the case the row looks at. */
export function authorize<P extends Permission>(
  permission: P,
  subject: Subject,
  ...facts: FactsOf<P> extends void ? [] : [FactsOf<P>]
): Decision {
  const r = PERMISSIONS[permission] as Row<unknown>;
  return r.decide(subject, facts[0]);
}

/** Whether `subject` holds one of `roles` (for showing a tab, not for deciding a request). */
export function hasRole(subject: Subject, roles: readonly string[]): boolean {
  return holds(subject, roles);
}

/** The subject of a workflow update: the officer code (or mobile) the server put in its arguments. */
export const officerSubject = (code: string): Subject => ({ kind: 'staff', code, roles: [] });
export const citizenSubject = (mobile: string): Subject => ({ kind: 'citizen', mobile });
