// The authorization matrix on the real stack: one table of routes (API and pages: method, path, the
// permissions of lib/authorization.ts they need, how to make a request that does not change the
// case) × every kind of subject × an application, a complaint and a Mahila Helpline complaint.
// The expected answer comes from lib/authorization.ts with the case's facts: allowed → anything
// but 401/403/404 (and, on a page, no trip to a sign-in page); refused → exactly 401 (pages: the
// sign-in redirect), 403 or 404. Every route the Koa app registers must have a row here, and the
// workflows' update validators refuse an officer who is not on the case when called directly.
// Needs `npm run build`.
import { expect } from 'chai';
import crypto from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { staffMember } from '../../db/officers';
import { authorize, type Decision, type Permission, type Subject } from '../../lib/authorization';
import { loadOrCreateSigningKey } from '../../lib/certificate-signing';
import { localCpgramsApiKey } from '../../lib/cpgrams/intake-client';
import { createLogger } from '../../lib/logger';
import { staffTokenSecret } from '../../lib/secrets';
import { connectTemporal, type TemporalClient } from '../../lib/temporal/connection';
import { createApp, type AppDeps } from '../../server/app';
import { applicationFacts } from '../../server/applications/officer-actions';
import { complaintFacts } from '../../server/complaints/officer-actions';
import { DOCS_ASSET_PATHS } from '../../server/openapi/routes';
import { SESSION_COOKIE } from '../../server/web/session';
import { COMPLAINT_ACTIONS, completeCounselling } from '../../workflows/complaint-messages';
import { OFFICER_ACTIONS, decideAppeal, appealWorkflowId } from '../../workflows/application-messages';
import { incomeApplicationFields } from '../helpers/applications';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

const OWN_APPLICANT = '9811100001';
const OWN_COMPLAINANT = '9811100002';
const MAHILA_CALLER = '9811100003';
const OTHER_CITIZEN = '9811199999';

/** The staff of the seed data the matrix uses, by what they are to the three cases. */
const STAFF = {
  tehsildarHuzur: 'MP-REV-0030', // designated officer of the application (Huzur)
  tehsildarKolar: 'MP-REV-0032', // the same role in another tehsil
  patwariHuzur: 'MP-REV-0031', // field officer of the application's tehsil, no task on it
  sdmHuzur: 'MP-REV-0026', // first appeal officer: no appeal open
  engL1Phanda: 'MP-ENG-0037', // energy L1 of the complaint's block: it is assigned to them
  engL1Berasia: 'MP-ENG-0035', // energy L1 of another block
  engL2Bhopal: 'MP-REV-0022', // energy L2 of the district: in the complaint's chain, not assigned
  agent: 'MP-PSM-0002',
  counsellor: 'MP-PSM-0005',
  admin: 'MP-PSM-0001',
} as const;

type CaseKind = 'application' | 'complaint' | 'mahila' | 'none';
type Who =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'citizen'; mobile: string }
  | { name: string; kind: 'staff'; code: string }
  | { name: string; kind: 'api-client' };

const SUBJECTS: Who[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'citizen (own case)', kind: 'citizen', mobile: 'OWN' },
  { name: 'citizen (another’s case)', kind: 'citizen', mobile: OTHER_CITIZEN },
  ...Object.entries(STAFF).map(([name, code]): Who => ({ name, kind: 'staff', code })),
  { name: 'api-client (cpgrams:register)', kind: 'api-client' },
];

interface Ctx {
  application: string; // dashed number
  complaint: string;
  mahila: string;
  receiptSerial: string;
  attachmentId: string;
}

interface Row {
  method: 'GET' | 'POST';
  path: string; // as Koa registers it
  /** Checked in order; the first refusal is the answer. `null`: authenticated by a signature or shared secret. */
  permissions: Permission[] | null;
  cases?: CaseKind[];
  /** The path with parameters filled in, and the body (JSON for the API, a form for pages). */
  request?: (c: Ctx, kind: CaseKind) => { path: string; body?: Record<string, unknown>; raw?: Buffer };
  /** Why this row sends no requests (the route has its own tests). */
  skip?: string;
  /**
   * The citizen's mobile travels in the JSON body, which the schema requires: a request without one
   * is malformed (400) before anyone is asked who they are, so the anonymous subject is left out.
   */
  mobileInBody?: true;
}

const dash = (n: string) => n.replace(/\//g, '-');

/** The pages' own files (server/pages/static.ts), public like the pages that load them. */
const STATIC_FILES = [
  '/static/site.css',
  '/static/site.js',
  '/static/fonts/noto-sans-devanagari-400.ttf',
  '/static/fonts/noto-sans-devanagari-700.ttf',
];

/** The one table. Requests are built so that an allowed subject is refused later (400/409) or only reads. */
const ROUTES: Row[] = [
  // ---- public ----
  ...DOCS_ASSET_PATHS.map((path): Row => ({ method: 'GET', path, permissions: ['public'] })),
  ...STATIC_FILES.map((path): Row => ({ method: 'GET', path, permissions: ['public'] })),
  ...['/healthz', '/readyz', '/metrics', '/api/openapi.json', '/api/docs', '/api/docs/assets/init.js'].map(
    (path): Row => ({ method: 'GET', path, permissions: ['public'] }),
  ),
  ...['/api/v1/divisions', '/api/v1/districts', '/api/v1/complaint-subjects', '/api/v1/schemes'].map(
    (path): Row => ({ method: 'GET', path, permissions: ['public'] }),
  ),
  {
    method: 'GET',
    path: '/api/v1/districts/:code',
    permissions: ['public'],
    request: () => ({ path: '/api/v1/districts/bhopal' }),
  },
  {
    method: 'GET',
    path: '/api/v1/districts/:code/due-date',
    permissions: ['public'],
    request: () => ({ path: '/api/v1/districts/bhopal/due-date?from=2026-01-13&days=3' }),
  },
  { method: 'GET', path: '/api/v1/verify/public-keys', permissions: ['public'] },
  {
    method: 'GET',
    path: '/api/v1/verify/:serial',
    permissions: ['public'],
    request: (c) => ({ path: `/api/v1/verify/${c.receiptSerial}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/grades',
    permissions: ['grades.read'],
    request: () => ({ path: '/api/v1/grades?month=2026-10' }),
  },
  {
    method: 'POST',
    path: '/api/v1/payments/callback',
    permissions: null,
    skip: 'signed by the gateway (applications.test.ts)',
  },
  {
    method: 'POST',
    path: '/api/v1/sms/delivery-reports',
    permissions: null,
    skip: 'the SMS gateway’s key (outbox.test.ts)',
  },
  {
    method: 'GET',
    path: '/webhooks/whatsapp',
    permissions: null,
    skip: 'Meta’s verify token (whatsapp.test.ts)',
  },
  {
    method: 'POST',
    path: '/webhooks/whatsapp',
    permissions: null,
    skip: 'Meta’s signature (whatsapp.test.ts)',
  },
  ...['/open311/discovery.{format}', '/open311/v2/services.{format}', '/open311/v2/requests.{format}'].map(
    (path): Row => ({
      method: 'GET',
      path,
      permissions: ['public'],
      request: () => ({
        path: path.replace('{format}', 'json') + (path.includes('v2') ? '?jurisdiction_id=bhopal' : ''),
      }),
    }),
  ),
  {
    method: 'GET',
    path: '/open311/v2/services/{code}.{format}',
    permissions: ['public'],
    skip: 'public; open311.test.ts',
  },
  {
    method: 'GET',
    path: '/open311/v2/requests/{id}.{format}',
    permissions: ['public'],
    skip: 'public; open311.test.ts',
  },
  {
    method: 'POST',
    path: '/open311/v2/requests.{format}',
    permissions: ['open311.post'],
    skip: 'the key travels as api_key (open311.test.ts: no key, a wrong key, a good key)',
  },

  // ---- applications (API) ----
  {
    method: 'POST',
    path: '/api/v1/applications',
    permissions: ['application.intake-for-caller'],
    request: () => ({
      path: '/api/v1/applications',
      body: { channel: 'agent-181', service: 'INC', fields: {} },
    }),
  },
  ...(['', '/receipt.pdf'] as const).map((suffix): Row => ({
    method: 'GET',
    path: `/api/v1/applications/:number${suffix}`,
    permissions: ['application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/api/v1/applications/${c.application}${suffix}` }),
  })),
  {
    method: 'GET',
    path: '/api/v1/documents/:file',
    permissions: ['application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/api/v1/documents/${c.receiptSerial}.pdf` }),
  },
  {
    method: 'POST',
    path: '/api/v1/applications/:number/actions/:action',
    permissions: ['application.decide'],
    cases: ['application'],
    request: (c) => ({ path: `/api/v1/applications/${c.application}/actions/reject`, body: { reason: 'x' } }),
  },
  {
    method: 'POST',
    path: '/api/v1/applications/:number/appeals/:level/decision',
    permissions: ['application.appeal.decide'],
    cases: ['application'],
    request: (c) => ({ path: `/api/v1/applications/${c.application}/appeals/first/decision`, body: {} }),
  },
  ...(['reply', 'appeal'] as const).map((what): Row => ({
    method: 'POST',
    path: `/api/v1/applications/:number/${what}`,
    permissions: [`application.${what}`],
    cases: ['application'],
    mobileInBody: true,
    request: (c) => ({
      path: `/api/v1/applications/${c.application}/${what}`,
      body: what === 'reply' ? { reply: 'x' } : { grounds: 'x' },
    }),
  })),
  ...(['revoke', 'reissue'] as const).map((what): Row => ({
    method: 'POST',
    path: `/api/v1/documents/:serial/${what}`,
    permissions: [`document.${what}`],
    request: (c) => ({ path: `/api/v1/documents/${c.receiptSerial}/${what}`, body: { reason: 'x' } }),
  })),

  // ---- complaints (API) ----
  {
    method: 'POST',
    path: '/api/v1/complaints',
    permissions: ['complaint.intake'],
    request: () => ({ path: '/api/v1/complaints', body: { channel: 'cpgrams', callType: 'complaint' } }),
  },
  { method: 'GET', path: '/api/v1/complaints', permissions: ['complaint.list'] },
  {
    method: 'GET',
    path: '/api/v1/complaints/:number',
    permissions: ['complaint.read'],
    cases: ['complaint', 'mahila'],
    request: (c, k) => ({ path: `/api/v1/complaints/${k === 'mahila' ? c.mahila : c.complaint}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/complaints/:number/actions/:action',
    permissions: ['complaint.act'],
    cases: ['complaint', 'mahila'],
    request: (c, k) => ({
      path: `/api/v1/complaints/${k === 'mahila' ? c.mahila : c.complaint}/actions/interim-reply`,
      body: { text: 'x' },
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/complaints/:number/reply',
    permissions: ['complaint.reply'],
    cases: ['complaint', 'mahila'],
    mobileInBody: true,
    request: (c, k) => ({
      path: `/api/v1/complaints/${k === 'mahila' ? c.mahila : c.complaint}/reply`,
      body: { text: '' },
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/complaints/:number/feedback',
    permissions: ['complaint.feedback'],
    cases: ['complaint', 'mahila'],
    mobileInBody: true,
    request: (c, k) => ({
      path: `/api/v1/complaints/${k === 'mahila' ? c.mahila : c.complaint}/feedback`,
      body: {},
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/attachments',
    permissions: ['attachment.upload'],
    request: () => ({ path: '/api/v1/attachments', raw: Buffer.from('not a file type we take') }),
  },
  {
    method: 'GET',
    path: '/api/v1/attachments/:id',
    permissions: ['complaint.read'], // cited by the complaint: whoever reads the complaint (or uploaded it)
    cases: ['complaint'],
    request: (c) => ({ path: `/api/v1/attachments/${c.attachmentId}` }),
  },

  // ---- pages: public and sign-in ----
  {
    method: 'GET',
    path: '/staff',
    permissions: ['public'],
    skip: 'sends staff home, anyone else to the staff sign-in',
  },
  ...['/', '/verify', '/apply', '/status', '/signin', '/staff/signin', '/dev/sms'].map((path): Row => ({
    method: 'GET',
    path,
    permissions: ['public'],
  })),
  {
    method: 'GET',
    path: '/verify/:serial',
    permissions: ['public'],
    // Public; a receipt is no certificate, so its page is 404: certificates in applications.test.ts.
    skip: 'public (verification of certificates is tested in applications.test.ts)',
  },
  ...['/signin', '/signin/code', '/staff/signin', '/signout', '/status'].map((path): Row => ({
    method: 'POST',
    path,
    permissions: ['public'],
    skip: 'sign-in and status forms (sign-in.test.ts, citizen browser test)',
  })),

  // ---- pages: citizen ----
  {
    method: 'GET',
    path: '/apply/:slug',
    permissions: ['citizen.portal'],
    request: () => ({ path: '/apply/income-certificate' }),
  },
  {
    method: 'POST',
    path: '/apply/:slug',
    permissions: ['citizen.portal'],
    request: () => ({ path: '/apply/income-certificate', body: {} }),
  },
  { method: 'GET', path: '/complain', permissions: ['citizen.portal'] },
  {
    method: 'POST',
    path: '/complain',
    permissions: ['citizen.portal'],
    request: () => ({ path: '/complain', body: {} }),
  },
  { method: 'GET', path: '/my', permissions: ['citizen.portal'] },
  ...['', '/receipt.pdf'].map((suffix): Row => ({
    method: 'GET',
    path: `/my/applications/:number${suffix}`,
    permissions: ['citizen.portal', 'application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/my/applications/${c.application}${suffix}` }),
  })),
  {
    method: 'GET',
    path: '/my/documents/:file',
    permissions: ['citizen.portal', 'application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/my/documents/${c.receiptSerial}.pdf` }),
  },
  ...['reply', 'appeal'].map((what): Row => ({
    method: 'POST',
    path: `/my/applications/:number/${what}`,
    permissions: ['citizen.portal', 'application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/my/applications/${c.application}/${what}`, body: {} }),
  })),
  {
    method: 'GET',
    path: '/my/complaints/:number',
    permissions: ['citizen.portal', 'complaint.read'],
    cases: ['complaint'],
    request: (c) => ({ path: `/my/complaints/${c.complaint}` }),
  },
  ...['reply', 'feedback'].map((what): Row => ({
    method: 'POST',
    path: `/my/complaints/:number/${what}`,
    permissions: ['citizen.portal', 'complaint.read'],
    cases: ['complaint'],
    request: (c) => ({ path: `/my/complaints/${c.complaint}/${what}`, body: {} }),
  })),

  // ---- pages: 181 console ----
  { method: 'GET', path: '/agent', permissions: ['caller.lookup'] },
  ...['/agent/complaint', '/agent/information', '/agent/application/:service'].map((path): Row => ({
    method: 'GET',
    path,
    permissions: ['caller.lookup'],
    request: () => ({ path: path.replace(':service', 'INC') }),
  })),
  {
    method: 'POST',
    path: '/agent/complaint',
    permissions: ['caller.lookup'],
    request: () => ({ path: '/agent/complaint', body: { mobile: '12' } }),
  },
  {
    method: 'POST',
    path: '/agent/information',
    permissions: ['complaint.intake'], // channel agent-181
    request: () => ({ path: '/agent/information', body: { mobile: '12' } }),
  },
  {
    method: 'POST',
    path: '/agent/application/:service',
    permissions: ['application.intake-for-caller'],
    request: () => ({ path: '/agent/application/INC', body: { caller: '12' } }),
  },
  {
    method: 'GET',
    path: '/agent/registered/:number',
    permissions: ['caller.lookup', 'complaint.read'],
    cases: ['complaint', 'mahila'],
    request: (c, k) => ({ path: `/agent/registered/${k === 'mahila' ? c.mahila : c.complaint}` }),
  },

  // ---- pages: officers ----
  { method: 'GET', path: '/officer', permissions: ['officer.inbox'] },
  {
    method: 'GET',
    path: '/officer/applications/:number',
    permissions: ['officer.inbox', 'application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/officer/applications/${c.application}` }),
  },
  {
    method: 'GET',
    path: '/officer/applications/:number/documents/:file',
    permissions: ['officer.inbox', 'application.read'],
    cases: ['application'],
    request: (c) => ({ path: `/officer/applications/${c.application}/documents/${c.receiptSerial}.pdf` }),
  },
  {
    method: 'POST',
    path: '/officer/applications/:number/actions/:action',
    permissions: ['officer.inbox', 'application.decide'],
    cases: ['application'],
    request: (c) => ({
      path: `/officer/applications/${c.application}/actions/reject`,
      body: { reason: 'x' },
    }),
  },
  {
    method: 'POST',
    path: '/officer/applications/:number/appeals/:level/decision',
    permissions: ['officer.inbox', 'application.appeal.decide'],
    cases: ['application'],
    request: (c) => ({ path: `/officer/applications/${c.application}/appeals/first/decision`, body: {} }),
  },
  {
    method: 'GET',
    path: '/officer/complaints/:number',
    permissions: ['officer.inbox', 'complaint.read'],
    cases: ['complaint', 'mahila'],
    request: (c, k) => ({ path: `/officer/complaints/${k === 'mahila' ? c.mahila : c.complaint}` }),
  },
  {
    method: 'POST',
    path: '/officer/complaints/:number/actions/:action',
    permissions: ['officer.inbox', 'complaint.act'],
    cases: ['complaint', 'mahila'],
    request: (c, k) => ({
      path: `/officer/complaints/${k === 'mahila' ? c.mahila : c.complaint}/actions/interim-reply`,
      body: { text: 'x' },
    }),
  },
  {
    method: 'GET',
    path: '/officer/complaints/:number/attachments/:id',
    permissions: ['officer.inbox', 'complaint.read'],
    cases: ['complaint'],
    request: (c) => ({ path: `/officer/complaints/${c.complaint}/attachments/${c.attachmentId}` }),
  },

  // ---- pages: admin ----
  { method: 'GET', path: '/admin', permissions: ['dashboard.read'] },
  { method: 'GET', path: '/admin/cases', permissions: ['case.search'] },
  {
    method: 'GET',
    path: '/admin/cases/:number',
    permissions: ['history.read'],
    cases: ['mahila'],
    request: (c) => ({ path: `/admin/cases/${c.mahila}` }),
  },
  { method: 'GET', path: '/admin/policies', permissions: ['policy.read'] },
  {
    method: 'GET',
    path: '/admin/policies/:kind',
    permissions: ['policy.read'],
    request: () => ({ path: '/admin/policies/escalation-ladder' }),
  },
  {
    method: 'POST',
    path: '/admin/policies/:kind',
    permissions: ['policy.edit'],
    request: () => ({ path: '/admin/policies/escalation-ladder', body: { body: '{' } }),
  },
  { method: 'GET', path: '/admin/audit', permissions: ['audit.read'] },
];

/** `METHOD /path` for every route a router holds (nested routers flattened into it). */
function routesOf(router: Router): string[] {
  return router.stack.flatMap((layer) =>
    layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`),
  );
}

describe('authorization matrix: every route and update × every subject, from lib/authorization.ts', function () {
  this.timeout(300_000);
  let t: TestStack;
  let temporal: TemporalClient;
  let secret: string;
  const c = {} as Ctx;
  const facts = {} as Record<Exclude<CaseKind, 'none'>, { application?: unknown; complaint?: unknown }>;
  const subjects = new Map<string, Subject>();
  const sessions = new Map<string, string>();

  const url = (p: string) => `${t.config.publicUrl}${p}`;

  async function subjectOf(who: Who, kind: CaseKind): Promise<Subject> {
    if (who.kind === 'anonymous') return { kind: 'anonymous' };
    if (who.kind === 'api-client')
      return { kind: 'api-client', name: 'cpgrams-exchange', scopes: ['cpgrams:register'] };
    if (who.kind === 'citizen') return { kind: 'citizen', mobile: mobileOf(who, kind) };
    const known = subjects.get(who.code);
    if (known) return known;
    const member = (await staffMember(t.db, who.code))!;
    const s: Subject = { kind: 'staff', code: member.code, roles: member.roles };
    subjects.set(who.code, s);
    return s;
  }

  function mobileOf(who: Extract<Who, { kind: 'citizen' }>, kind: CaseKind): string {
    if (who.mobile !== 'OWN') return who.mobile;
    return kind === 'application' ? OWN_APPLICANT : kind === 'mahila' ? MAHILA_CALLER : OWN_COMPLAINANT;
  }

  /** A server-side web session for a citizen or staff member, as sign-in would make. */
  async function session(kind: 'citizen' | 'staff', subject: string): Promise<string> {
    const key = `${kind}:${subject}`;
    const known = sessions.get(key);
    if (known) return known;
    const token = crypto.randomBytes(32).toString('base64url');
    await t.db('webSessions').insert({
      tokenHash: crypto.createHash('sha256').update(token).digest('hex'),
      kind,
      subject,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    sessions.set(key, token);
    return token;
  }

  function expected(row: Row, subject: Subject, kind: CaseKind): Decision {
    for (const permission of row.permissions!) {
      const f =
        permission === 'complaint.intake'
          ? { channel: row.path.startsWith('/agent') ? 'agent-181' : 'cpgrams' }
          : permission.startsWith('application.') && kind === 'application'
            ? permission === 'application.appeal.decide'
              ? { ...(facts.application.application as object), level: 'first' }
              : facts.application.application
            : permission.startsWith('complaint.') && (kind === 'complaint' || kind === 'mahila')
              ? facts[kind].complaint
              : undefined;
      const d = (authorize as (p: Permission, s: Subject, f?: unknown) => Decision)(permission, subject, f);
      if (!d.allow) return d;
    }
    return { allow: true };
  }

  async function send(row: Row, who: Who, kind: CaseKind): Promise<Response> {
    const isPage =
      !row.path.startsWith('/api/') &&
      !row.path.startsWith('/open311') &&
      !['/healthz', '/readyz', '/metrics'].includes(row.path);
    const built = row.request ? row.request(c, kind) : { path: row.path };
    const headers: Record<string, string> = { 'accept-language': 'en' };
    let path = built.path;
    let body: string | Buffer | undefined;
    if (isPage) {
      const seed = 'matrix-csrf-seed-0123456789abcdef0123';
      const cookies = [`jansetu_csrf=${seed}`];
      if (who.kind === 'citizen')
        cookies.push(`${SESSION_COOKIE}=${await session('citizen', mobileOf(who, kind))}`);
      if (who.kind === 'staff') cookies.push(`${SESSION_COOKIE}=${await session('staff', who.code)}`);
      headers.cookie = cookies.join('; ');
      if (row.method === 'POST') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const csrf = crypto.createHmac('sha256', secret).update(`csrf:${seed}`).digest('base64url');
        body = new URLSearchParams({ ...(built.body as Record<string, string>), _csrf: csrf }).toString();
      }
    } else {
      if (who.kind === 'staff') headers.authorization = `Bearer ${t.bearer(who.code).authorization.slice(7)}`;
      if (who.kind === 'api-client') headers.authorization = `Bearer ${localCpgramsApiKey(secret)}`;
      const mobile = who.kind === 'citizen' ? mobileOf(who, kind) : null;
      if (built.raw) {
        headers['content-type'] = 'text/plain';
        body = built.raw;
        if (mobile) path += `${path.includes('?') ? '&' : '?'}mobile=${mobile}`;
      } else if (row.method === 'POST') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify({ ...built.body, ...(mobile && row.mobileInBody ? { mobile } : {}) });
        if (mobile && !row.mobileInBody) path += `${path.includes('?') ? '&' : '?'}mobile=${mobile}`;
      } else if (mobile) path += `${path.includes('?') ? '&' : '?'}mobile=${mobile}`;
    }
    return fetch(url(path), { method: row.method, headers, body, redirect: 'manual' });
  }

  before(async () => {
    t = await startTestStack('authz-matrix');
    temporal = connectTemporal(t.config);
    secret = staffTokenSecret(t.config);

    // An attachment by the complainant, cited by the complaint.
    const upload = await fetch(t.api(`/attachments?mobile=${OWN_COMPLAINANT}&name=photo.pdf`), {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n% a photo of the broken transformer\n'),
    });
    c.attachmentId = (await json(upload)).attachmentId as string;

    const subjects = (await json(await fetch(t.api('/complaint-subjects?department=energy')))).subjects as {
      code: string;
    }[];
    const place = { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' };
    const [application, complaint, mahila] = await Promise.all([
      t.post('/applications', {
        service: 'INC',
        fields: incomeApplicationFields({ mobile: OWN_APPLICANT }),
      }),
      t.post('/complaints', {
        channel: 'web',
        callType: 'complaint',
        citizen: { name: 'रामलाल', mobile: OWN_COMPLAINANT },
        place,
        subject: subjects[0]!.code,
        description: 'गाँव में तीन दिन से बिजली नहीं है',
        attachments: [c.attachmentId],
      }),
      t.post(
        '/complaints',
        {
          channel: 'mahila',
          callType: 'complaint',
          citizen: { name: 'Sunita', mobile: MAHILA_CALLER },
          place,
          subject: subjects[0]!.code,
          description: 'Harassment at workplace; needs counselling and help',
        },
        t.bearer(STAFF.counsellor),
      ),
    ]);
    expect([application.status, complaint.status, mahila.status]).to.deep.equal([201, 201, 201]);
    const appNumber = (await json(application)).applicationNumber as string;
    const complaintNumber = (await json(complaint)).complaintNumber as string;
    const mahilaNumber = (await json(mahila)).complaintNumber as string;
    c.application = dash(appNumber);
    c.complaint = dash(complaintNumber);
    c.mahila = dash(mahilaNumber);

    const appRow = await until('the application pending decision with its receipt', async () => {
      const row = await t.db('applications').where({ number: appNumber }).first();
      const receipt = await t
        .db('documents')
        .where({ applicationNumber: appNumber, kind: 'receipt' })
        .first('serial');
      return row?.status === 'pending-decision' && receipt
        ? { row, serial: receipt.serial as string }
        : undefined;
    });
    c.receiptSerial = appRow.serial;
    const complaintRow = await until('the complaint assigned', async () => {
      const row = await t.db('complaints').where({ number: complaintNumber }).first();
      return row?.state && row.assignedOfficerCode ? row : undefined;
    });
    expect(complaintRow.assignedOfficerCode).to.equal(STAFF.engL1Phanda);
    const mahilaRow = await until('the Mahila case projected', async () => {
      const row = await t.db('complaints').where({ number: mahilaNumber }).first();
      return row?.state ? row : undefined;
    });
    facts.application = { application: await applicationFacts(t.db, appRow.row) };
    facts.complaint = { complaint: complaintFacts(complaintRow) };
    facts.mahila = { complaint: complaintFacts(mahilaRow) };
  });

  after(async () => {
    await temporal?.connection.close();
    await t?.stop();
  });

  it('has a row for every route the app registers (API and pages)', () => {
    const signingKey = loadOrCreateSigningKey(t.config.signingKeyFile);
    const deps: AppDeps = {
      config: t.config,
      db: t.db,
      temporal,
      logger: createLogger('matrix', 'silent'),
      staffTokenSecret: secret,
      publicKeys: [{ keyId: signingKey.keyId, publicKey: signingKey.publicKey }],
    };
    const app: Koa = createApp(deps);
    const registered = app.middleware
      .flatMap((m) => {
        const router = (m as { router?: Router }).router;
        return router ? routesOf(router) : [];
      })
      .filter((r) => !r.includes('{*')) // catch-alls answer "no such resource"
      .filter((r) => !/^\w+ \/codec\//.test(r)); // the Temporal Web UI's codec endpoint: its own tests
    const norm = (r: string) => r.replace(/\{(\w+)\}/g, ':$1');
    const inTable = new Set(ROUTES.map((r) => norm(`${r.method} ${r.path}`)));
    const missing = [...new Set(registered.map(norm))].filter((r) => !inTable.has(r));
    expect(missing, 'routes without a row in the authorization matrix').to.deep.equal([]);
    for (const row of ROUTES) {
      if (row.permissions === null) expect(row.skip, `${row.method} ${row.path}`).to.be.a('string');
    }
  });

  it('answers every subject on every route as lib/authorization.ts decides', async () => {
    const jobs: (() => Promise<string | null>)[] = [];
    let allowedSeen = 0;
    let refusedSeen = 0;
    for (const row of ROUTES) {
      if (row.skip || row.permissions === null) continue;
      for (const kind of row.cases ?? (['none'] as CaseKind[])) {
        for (const who of SUBJECTS) {
          const isPage =
            !row.path.startsWith('/api/') &&
            !row.path.startsWith('/open311') &&
            !['/healthz', '/readyz', '/metrics'].includes(row.path);
          if (isPage && who.kind === 'api-client') continue; // machine clients have no web session
          if (row.mobileInBody && who.kind === 'anonymous') continue;
          jobs.push(async () => {
            const subject = await subjectOf(who, kind);
            const want = expected(row, subject, kind);
            const res = await send(row, who, kind);
            await res.arrayBuffer();
            const where = `${row.method} ${row.path} [${kind}] as ${who.name}`;
            const location = res.headers.get('location') ?? '';
            const toSignIn =
              res.status === 303 && /^\/(staff\/)?signin/.test(location.replace(t.config.publicUrl, ''));
            if (want.allow) {
              allowedSeen++;
              if ([401, 403, 404].includes(res.status) || toSignIn)
                return `${where}: allowed, but answered ${res.status} ${location}`;
              if (res.status >= 500) return `${where}: answered ${res.status}`;
              return null;
            }
            refusedSeen++;
            if (want.status === 401 && isPage)
              return toSignIn ? null : `${where}: expected the sign-in page, got ${res.status} ${location}`;
            return res.status === want.status
              ? null
              : `${where}: expected ${want.status} (${want.reason}), got ${res.status}`;
          });
        }
      }
    }
    const failures: string[] = [];
    for (let i = 0; i < jobs.length; i += 12) {
      const batch = await Promise.all(jobs.slice(i, i + 12).map((j) => j()));
      failures.push(...batch.filter((f): f is string => f !== null));
    }
    expect(failures).to.deep.equal([]);
    // The matrix is not all one answer: both sides are exercised.
    expect(allowedSeen).to.be.greaterThan(50);
    expect(refusedSeen).to.be.greaterThan(200);
  });

  it('has the workflows refuse an officer who is not on the case, when the update is called directly', async () => {
    const refusedCode = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'accepted';
      } catch (err) {
        if (!(err instanceof WorkflowUpdateFailedError)) throw err;
        return (
          (err.cause as { type?: string; details?: { code: string }[] })?.details?.[0]?.code ?? 'refused'
        );
      }
    };
    const app = temporal.client.workflow.getHandle(c.application.replace(/-/g, '/'));
    const complaint = temporal.client.workflow.getHandle(c.complaint.replace(/-/g, '/'));
    const mahila = temporal.client.workflow.getHandle(c.mahila.replace(/-/g, '/'));
    for (const code of [STAFF.tehsildarKolar, STAFF.admin, STAFF.patwariHuzur]) {
      expect(
        await refusedCode(app.executeUpdate(OFFICER_ACTIONS.approve, { args: [{ officerCode: code }] })),
        code,
      ).to.equal('not-assigned');
    }
    expect(
      await refusedCode(
        app.executeUpdate(OFFICER_ACTIONS['submit-field-report'], {
          args: [{ officerCode: STAFF.tehsildarHuzur, report: 'seen', recommendation: 'approve' }],
        }),
      ),
    ).to.equal('not-assigned');
    for (const code of [STAFF.engL1Berasia, STAFF.engL2Bhopal, STAFF.admin]) {
      expect(
        await refusedCode(
          complaint.executeUpdate(COMPLAINT_ACTIONS.resolve, {
            args: [{ officerCode: code, text: 'Transformer replaced' }],
          }),
        ),
        code,
      ).to.equal('not-assigned');
    }
    expect(
      await refusedCode(
        mahila.executeUpdate(completeCounselling, {
          args: [{ officerCode: STAFF.agent, text: 'Counselled at length', officerNeeded: false }],
        }),
      ),
    ).to.equal('not-assigned');
    // No appeal is open: the appeal workflow does not exist yet, so nobody can decide it.
    const appeal = temporal.client.workflow.getHandle(
      appealWorkflowId(c.application.replace(/-/g, '/'), 'first'),
    );
    const noAppeal = await appeal
      .executeUpdate(decideAppeal, {
        args: [{ officerCode: STAFF.sdmHuzur, outcome: 'dispose', remarks: 'none' } as never],
      })
      .then(() => 'accepted')
      .catch(() => 'refused');
    expect(noAppeal).to.equal('refused');
    // The application is still waiting for its designated officer: nothing above changed it.
    const status = (await json(await fetch(t.api(`/applications/${c.application}?mobile=${OWN_APPLICANT}`))))
      .status;
    expect(status).to.equal('pending-decision');
  });
});
