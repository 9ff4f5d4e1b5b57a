// The audit log on the real stack: officers' actions through the API (done and refused), staff
// page posts and sign-in attempts each leave one row with who, what, on what, the answer and from
// where, and no personal data; PostgreSQL itself refuses to change or remove a row; admins read the
// log at /admin/audit (filters, pages of 50), officers may not, others are sent to sign in.
// Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import { STAFF_PASSWORD } from '../helpers/pages';
import { incomeApplicationFields } from '../helpers/applications';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';
import { Visitor } from '../helpers/visitor';

const USER_AGENT = 'audit-e2e/1.0';
const APPLICANT = { name: 'सुनीता गोपनीय', mobile: '9876549871' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are checked field by field
type Row = any;

describe('audit log (real stack)', function () {
  this.timeout(240_000);
  let t: TestStack;
  let number: string;
  let designated: string;
  let otherTehsildar: string;
  const urlNumber = (n: string) => n.replace(/\//g, '-');

  const rowsWhere = (where: Record<string, unknown>): Promise<Row[]> =>
    t.db('auditLog').where(where).orderBy('id');

  async function officerOf(role: string, tehsil: string): Promise<string> {
    const r = await t
      .db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .join('tehsils', 'tehsils.id', 'officerRoles.tehsilId')
      .where({ 'officerRoles.role': role, 'tehsils.code': tehsil })
      .orderBy('officers.code')
      .first('officers.code');
    return (r as { code: string }).code;
  }

  /** The request's own IP as the server saw it: loopback. */
  const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

  before(async () => {
    t = await startTestStack('audit');
    designated = await officerOf('designated_officer', 'bhopal-huzur');
    otherTehsildar = await officerOf('designated_officer', 'bhopal-kolar');
    const res = await t.post(
      '/applications',
      {
        service: 'INC',
        fields: incomeApplicationFields({ applicantName: APPLICANT.name, mobile: APPLICANT.mobile }),
      },
      { 'idempotency-key': 'audit-e2e-0001' },
    );
    expect(res.status).to.equal(201);
    number = (await json(res)).applicationNumber;
    await until('the application waits for a decision', async () => {
      const row = await t.db('applications').where({ number }).first('status');
      return row?.status === 'pending-decision' ? true : undefined;
    });
  });

  after(async () => {
    await t?.stop();
  });

  it('records a citizen’s own submission nowhere: their case’s timeline holds it', async () => {
    expect(await rowsWhere({ target: number })).to.have.length(0);
  });

  it('records a refused officer action with its answer, and no remark text', async () => {
    const remark = 'गोपनीय कारण: आय प्रमाण अधूरा है';
    const res = await t.post(
      `/applications/${urlNumber(number)}/actions/reject`,
      { reason: remark },
      { ...t.bearer(otherTehsildar), 'user-agent': USER_AGENT },
    );
    expect(res.status).to.be.oneOf([403, 404, 409]);
    const [row] = await rowsWhere({ actorCode: otherTehsildar, actionName: 'application.reject' });
    expect(row, 'a row for the refused action').to.exist;
    expect(row.outcome).to.equal(res.status);
    expect(row.target).to.equal(number);
    expect(row.details.errorCode).to.equal((await json(res)).error.code);
    expect(JSON.stringify(row)).not.to.contain('गोपनीय').and.not.to.contain(APPLICANT.mobile);
  });

  it('records an officer’s action through the API: who, what, target, answer, from where', async () => {
    const res = await t.post(
      `/applications/${urlNumber(number)}/actions/approve`,
      {},
      { ...t.bearer(designated), 'user-agent': USER_AGENT, 'x-request-id': 'req-audit-0001' },
    );
    expect(res.status).to.equal(200);
    const rows = await rowsWhere({ actionName: 'application.approve' });
    expect(rows).to.have.length(1);
    const row = rows[0];
    expect(row).to.include({
      actorKind: 'staff',
      actorCode: designated,
      action: 'POST /api/v1/applications/:number/actions/:action',
      target: number,
      outcome: 200,
      userAgent: USER_AGENT,
      requestId: 'req-audit-0001',
    });
    expect(row.actorRoles).to.include('designated_officer');
    expect(row.ip).to.match(LOOPBACK);
    expect(Date.now() - new Date(row.at).getTime()).to.be.within(0, 60_000);
    expect(row.details.params).to.deep.equal({ number: urlNumber(number), action: 'approve' });
    const text = JSON.stringify(row);
    expect(text).not.to.contain(APPLICANT.name).and.not.to.contain(APPLICANT.mobile);
  });

  it('records an action refused for the role (403)', async () => {
    const res = await t.post(
      '/documents/JS-INC-2026-999999-1/revoke',
      { reason: 'परीक्षण हेतु निरस्त' },
      t.bearer(designated),
    );
    expect(res.status).to.equal(403);
    const [row] = await rowsWhere({ actorCode: designated, actionName: 'document.revoke' });
    expect(row).to.include({ outcome: 403, target: 'JS-INC-2026-999999-1' });
    expect(row.details.errorCode).to.equal('forbidden');
  });

  it('records staff sign-in attempts, failed and successful, never a mistyped password', async () => {
    const v = new Visitor(t.config.publicUrl, USER_AGENT);
    const wrong = await v.signInStaff(designated, 'not-the-password');
    expect(wrong.status).to.equal(401);
    const typo = await v.signInStaff(STAFF_PASSWORD, STAFF_PASSWORD); // the password in the code field
    expect(typo.status).to.equal(401);
    const right = await v.signInStaff(designated);
    expect(right.status).to.equal(303);

    const attempts = await rowsWhere({ actionName: 'staff.sign-in' });
    const mine = attempts.filter((r: Row) => r.userAgent === USER_AGENT);
    expect(mine.map((r: Row) => [r.actorCode, r.outcome])).to.deep.equal([
      [designated, 401],
      [null, 401],
      [designated, 303],
    ]);
    expect(mine[0].details.codeKnown).to.equal(true);
    expect(mine[1].details.codeKnown).to.equal(false);
    expect(mine[0].ip).to.match(LOOPBACK);
    expect(JSON.stringify(mine).toUpperCase()).not.to.contain(STAFF_PASSWORD.toUpperCase());
  });

  it('records a staff page post: publishing a policy names the version it made', async () => {
    const admin = new Visitor(t.config.publicUrl, USER_AGENT);
    expect((await admin.signInStaff('MP-PSM-0001')).status).to.equal(303);
    const csrf = await admin.csrf('/admin/policies/escalation-ladder');
    const bad = await admin.post('/admin/policies/escalation-ladder', { _csrf: csrf, body: '{ not json' });
    expect(bad.status).to.equal(400);
    const current = await t
      .db('policyVersions')
      .where({ kind: 'escalation-ladder' })
      .orderBy('version', 'desc')
      .first();
    const published = await admin.post('/admin/policies/escalation-ladder', {
      _csrf: csrf,
      body: JSON.stringify(current.body),
      note: 'audit test',
    });
    expect(published.status).to.equal(303);
    const rows = await rowsWhere({ actorCode: 'MP-PSM-0001', actionName: 'policy.publish' });
    expect(rows.map((r: Row) => [r.outcome, r.target])).to.deep.equal([
      [400, 'escalation-ladder'],
      [303, `escalation-ladder v${current.version + 1}`],
    ]);
    expect(rows[1].action).to.equal('POST /admin/policies/:kind');
    expect(rows[1].actorRoles).to.include('admin');
  });

  it('cannot be changed or emptied, even by the owner of the table', async () => {
    const before = await t.db('auditLog').count({ n: '*' }).first();
    const [one] = await t.db('auditLog').orderBy('id').limit(1);
    const refusals: [string, () => Promise<unknown>][] = [
      ['UPDATE', () => t.db('auditLog').where({ id: one.id }).update({ outcome: 200 })],
      ['UPDATE of no row', () => t.db('auditLog').where({ id: -1 }).update({ target: 'x' })],
      ['DELETE', () => t.db('auditLog').where({ id: one.id }).delete()],
      ['TRUNCATE', () => t.db.raw('TRUNCATE audit_log')],
    ];
    for (const [what, attempt] of refusals) {
      let error: Error | undefined;
      try {
        await attempt();
      } catch (err) {
        error = err as Error;
      }
      expect(error?.message, what).to.match(/append-only/);
    }
    expect(await t.db('auditLog').count({ n: '*' }).first()).to.deep.equal(before);
    expect((await t.db('auditLog').where({ id: one.id }).first()).outcome).to.equal(one.outcome);
    const grants = await t.db.raw(
      `select privilege_type as p from information_schema.role_table_grants
        where table_name = 'audit_log' and grantee = 'PUBLIC' and privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')`,
    );
    expect(grants.rows).to.deep.equal([]);
  });

  it('shows admins the log, newest first, with filters and pages of 50, in both languages', async () => {
    const admin = new Visitor(t.config.publicUrl, USER_AGENT);
    expect((await admin.signInStaff('MP-PSM-0001')).status).to.equal(303);
    const page = await admin.get('/admin/audit');
    expect(page.status).to.equal(200);
    const text = await page.text();
    expect(text).to.contain('application.approve').and.to.contain(number).and.to.contain(designated);
    expect(text).to.contain(`href="/admin/cases/${urlNumber(number)}"`);
    expect(text).not.to.contain(APPLICANT.name);
    // Newest first: the approval (later) comes before the refused rejection (earlier).
    expect(text.indexOf('application.approve')).to.be.below(text.indexOf('application.reject'));
    // The read itself is in the log.
    expect(
      await rowsWhere({ actorCode: 'MP-PSM-0001', actionName: 'admin.audit-log' }),
    ).to.have.length.of.at.least(1);

    const byOfficer = await (await admin.get(`/admin/audit?officer=${otherTehsildar.toLowerCase()}`)).text();
    expect(byOfficer).to.contain('application.reject').and.not.to.contain('application.approve');
    const byAction = await (await admin.get('/admin/audit?action=APPROVE')).text();
    expect(byAction).to.contain('application.approve').and.not.to.contain('application.reject');
    const byTarget = await (await admin.get(`/admin/audit?target=${urlNumber(number)}`)).text();
    expect(byTarget).to.contain('application.approve').and.to.contain('application.reject');
    expect(byTarget).not.to.contain('policy.publish');
    const future = await (await admin.get('/admin/audit?from=2099-01-01')).text();
    expect(future).to.contain('No action matches.');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
    const todayOnly = await (await admin.get(`/admin/audit?from=${today}&to=${today}&action=approve`)).text();
    expect(todayOnly).to.contain('application.approve');
    expect((await admin.get('/admin/audit?from=yesterday')).status).to.equal(400);
    const hindi = await (await admin.get('/admin/audit?lang=hi')).text();
    expect(hindi).to.contain('ऑडिट लॉग').and.to.contain('कब (IST)');

    // Pages: 55 reads of the log, 50 on the first page, the rest behind "Older".
    for (let i = 0; i < 55; i += 1) await admin.get('/admin/audit?action=admin.audit-log&lang=en');
    const reads = (await rowsWhere({ actionName: 'admin.audit-log' })).length;
    const first = await (await admin.get('/admin/audit?action=admin.audit-log')).text();
    const idsOn = (html: string) => [...html.matchAll(/<tr class="(?:done|refused)">/g)].length;
    const link = (html: string, rel: string) =>
      new RegExp(`href="(/admin/audit\\?[^"]*)" rel="${rel}"`).exec(html)?.[1]?.replace(/&#38;/g, '&');
    const times = (html: string) => [...html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!);
    expect(idsOn(first)).to.equal(50);
    expect(link(first, 'prev'), 'no newer page than the newest').to.equal(undefined);
    const older = link(first, 'next');
    expect(older).to.match(/action=admin\.audit-log&before=\d+$/);
    const second = await (await admin.get(older!)).text();
    expect(idsOn(second)).to.equal(Math.min(50, reads - 50));
    expect(times(first).at(-1)! >= times(second)[0]!).to.equal(true);
    // "Newer" from the second page leads back to exactly the first page's rows.
    const newer = await (await admin.get(link(second, 'prev')!)).text();
    expect(times(newer)).to.deep.equal(times(first));
  });

  it('refuses the log to an officer (403) and sends others to sign in', async () => {
    const officer = new Visitor(t.config.publicUrl, USER_AGENT);
    expect((await officer.signInStaff(designated)).status).to.equal(303);
    expect((await officer.get('/admin/audit')).status).to.equal(403);

    const anonymous = await new Visitor(t.config.publicUrl, USER_AGENT).get('/admin/audit');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.get('location')).to.equal('/staff/signin?next=%2Fadmin%2Faudit');

    const citizen = new Visitor(t.config.publicUrl, USER_AGENT);
    const csrf = await citizen.csrf('/signin');
    await citizen.post('/signin', { _csrf: csrf, mobile: APPLICANT.mobile });
    const code = await until('the sign-in code', async () => {
      const row = await t
        .db('outboxMessages')
        .where({ recipientMobile: APPLICANT.mobile, template: 'sign-in-code' })
        .orderBy('id', 'desc')
        .first();
      return (row?.params as { code?: string } | undefined)?.code;
    });
    expect(
      (await citizen.post('/signin/code', { _csrf: csrf, mobile: APPLICANT.mobile, code })).status,
    ).to.equal(303);
    const asCitizen = await citizen.get('/admin/audit');
    expect(asCitizen.status).to.equal(303);
    expect(asCitizen.headers.get('location')).to.match(/^\/staff\/signin\?next=/);
  });
});
