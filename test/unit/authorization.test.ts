// The authorization table (lib/authorization.ts) on its own: the rules of the issue, each stated
// once here with the answer a citizen or officer would get (allow, 401, 403 or 404).
import { expect } from 'chai';
import {
  authorize,
  PERMISSIONS,
  type ApplicationFacts,
  type ComplaintFacts,
  type Decision,
  type Subject,
} from '../../lib/authorization';

const outcome = (d: Decision) => (d.allow ? 'allow' : d.status);

const staff = (code: string, ...roles: string[]): Subject => ({ kind: 'staff', code, roles });
const citizen = (mobile: string): Subject => ({ kind: 'citizen', mobile });
const anonymous: Subject = { kind: 'anonymous' };
const admin = staff('MP-PSM-0001', 'admin');
const agent = staff('MP-PSM-0002', 'agent_181');
const counsellor = staff('MP-PSM-0005', 'counsellor');

const application: ApplicationFacts = {
  applicantMobile: '9876543210',
  designatedOfficer: 'MP-REV-0030', // Tehsildar, Huzur
  fieldOfficer: 'MP-REV-0031',
  taskOfficers: ['MP-REV-0030'],
  appeals: [],
};
const tehsildarHuzur = staff('MP-REV-0030', 'designated_officer', 'complaint_l1');
const tehsildarKolar = staff('MP-REV-0032', 'designated_officer', 'complaint_l1');
const patwariHuzur = staff('MP-REV-0031', 'field_officer');
const sdm = staff('MP-REV-0026', 'first_appeal_officer');

const complaint: ComplaintFacts = {
  citizenMobile: '9876501234',
  assignedOfficer: 'MP-ENG-0037', // energy L1, Phanda
  routingOfficers: ['MP-ENG-0037', 'MP-REV-0022', 'MP-STA-0011', 'MP-STA-0010'],
  transferApprover: null,
  counsellor: null,
  hidden: false,
};
const mahila: ComplaintFacts = {
  ...complaint,
  counsellor: 'MP-PSM-0005',
  assignedOfficer: null,
  hidden: true,
};
const l1Phanda = staff('MP-ENG-0037', 'complaint_l1');
const l2Bhopal = staff('MP-REV-0022', 'complaint_l2');
const l1Berasia = staff('MP-ENG-0035', 'complaint_l1');

describe('authorization table', () => {
  it('shows a citizen their own application and nobody else’s, as if it did not exist', () => {
    expect(outcome(authorize('application.read', citizen('9876543210'), application))).to.equal('allow');
    expect(outcome(authorize('application.read', citizen('9999999999'), application))).to.equal(404);
    expect(outcome(authorize('application.read', anonymous, application))).to.equal(401);
  });

  it('lets only the designated officer decide; another tehsil’s tehsildar does not learn the case exists', () => {
    expect(outcome(authorize('application.decide', tehsildarHuzur, application))).to.equal('allow');
    expect(outcome(authorize('application.decide', tehsildarKolar, application))).to.equal(404);
    // On the case but not the one to decide: 403, as is an admin (admins read, officers act).
    expect(outcome(authorize('application.decide', admin, application))).to.equal(403);
    expect(outcome(authorize('application.decide', citizen('9876543210'), application))).to.equal(403);
    expect(outcome(authorize('application.field-report', patwariHuzur, application))).to.equal('allow');
    expect(outcome(authorize('application.field-report', tehsildarHuzur, application))).to.equal(403);
  });

  it('gives the appellate officer the case once their appeal is open, and only that level', () => {
    expect(outcome(authorize('application.read', sdm, application))).to.equal(404);
    const appealed = {
      ...application,
      appeals: [{ level: 'first' as const, officer: sdm.kind === 'staff' ? sdm.code : '' }],
    };
    expect(outcome(authorize('application.read', sdm, appealed))).to.equal('allow');
    expect(outcome(authorize('application.appeal.decide', sdm, { ...appealed, level: 'first' }))).to.equal(
      'allow',
    );
    expect(outcome(authorize('application.appeal.decide', sdm, { ...appealed, level: 'second' }))).to.equal(
      403,
    );
    expect(
      outcome(authorize('application.appeal.decide', tehsildarHuzur, { ...appealed, level: 'first' })),
    ).to.equal(403);
  });

  it('lets only the applicant reply and appeal', () => {
    expect(outcome(authorize('application.reply', citizen('9876543210'), application))).to.equal('allow');
    expect(outcome(authorize('application.appeal', tehsildarHuzur, application))).to.equal(403);
    expect(outcome(authorize('application.appeal', citizen('9000000000'), application))).to.equal(404);
  });

  it('shows a complaint to its chain of officers and the 181 desk; only the assigned officer acts', () => {
    for (const s of [l1Phanda, l2Bhopal, agent, admin, citizen('9876501234')])
      expect(outcome(authorize('complaint.read', s, complaint))).to.equal('allow');
    expect(outcome(authorize('complaint.read', l1Berasia, complaint))).to.equal(404);
    expect(outcome(authorize('complaint.act', l1Phanda, complaint))).to.equal('allow');
    expect(outcome(authorize('complaint.act', l2Bhopal, complaint))).to.equal(403);
    expect(outcome(authorize('complaint.act', agent, complaint))).to.equal(403);
    expect(outcome(authorize('complaint.act', l1Berasia, complaint))).to.equal(404);
  });

  it('keeps a Mahila Helpline case to its counsellor, the officer it is with and admins', () => {
    expect(outcome(authorize('complaint.read', counsellor, mahila))).to.equal('allow');
    expect(outcome(authorize('complaint.read', admin, mahila))).to.equal('allow');
    // Not the district's other officers, not the 181 desk after intake.
    expect(outcome(authorize('complaint.read', l2Bhopal, mahila))).to.equal(404);
    expect(outcome(authorize('complaint.read', agent, mahila))).to.equal(404);
    expect(outcome(authorize('complaint.feedback', agent, mahila))).to.equal(404);
    const withOfficer = { ...mahila, assignedOfficer: 'MP-ENG-0037' };
    expect(outcome(authorize('complaint.read', l1Phanda, withOfficer))).to.equal('allow');
    expect(outcome(authorize('complaint.counsel', counsellor, mahila))).to.equal('allow');
    expect(outcome(authorize('complaint.counsel', l1Phanda, withOfficer))).to.equal(403);
  });

  it('gives the transfer decision to the district L2 officer only while a transfer waits', () => {
    expect(outcome(authorize('complaint.decide-transfer', l2Bhopal, complaint))).to.equal(403);
    const waiting = { ...complaint, transferApprover: 'MP-REV-0022' };
    expect(outcome(authorize('complaint.decide-transfer', l2Bhopal, waiting))).to.equal('allow');
  });

  it('takes complaints by channel: web from anyone, CPGRAMS by API key scope or admin', () => {
    const cpgrams: Subject = { kind: 'api-client', name: 'cpgrams-exchange', scopes: ['cpgrams:register'] };
    const open311: Subject = { kind: 'api-client', name: 'city-app', scopes: ['open311:post'] };
    expect(outcome(authorize('complaint.intake', anonymous, { channel: 'web' }))).to.equal('allow');
    expect(outcome(authorize('complaint.intake', cpgrams, { channel: 'cpgrams' }))).to.equal('allow');
    expect(outcome(authorize('complaint.intake', admin, { channel: 'cpgrams' }))).to.equal('allow');
    expect(outcome(authorize('complaint.intake', open311, { channel: 'cpgrams' }))).to.equal(403);
    expect(outcome(authorize('complaint.intake', cpgrams, { channel: 'agent-181' }))).to.equal(403);
    expect(outcome(authorize('complaint.intake', agent, { channel: 'mahila' }))).to.equal('allow');
    expect(outcome(authorize('complaint.intake', counsellor, { channel: 'agent-181' }))).to.equal(403);
    expect(outcome(authorize('complaint.intake', anonymous, { channel: 'agent-181' }))).to.equal(401);
    expect(outcome(authorize('open311.post', open311))).to.equal('allow');
    expect(outcome(authorize('open311.post', cpgrams))).to.equal(403);
  });

  it('keeps histories, policies, audit and dashboards to admins; a citizen is sent to the staff sign-in', () => {
    for (const p of ['history.read', 'policy.edit', 'audit.read', 'dashboard.read'] as const) {
      expect(outcome(authorize(p, admin)), p).to.equal('allow');
      expect(outcome(authorize(p, tehsildarHuzur)), p).to.equal(403);
      expect(outcome(authorize(p, citizen('9876543210'))), p).to.equal(401);
    }
  });

  it('describes every row in words', () => {
    for (const [name, row] of Object.entries(PERMISSIONS))
      expect(row.who, name).to.be.a('string').and.not.be.empty;
  });
});
