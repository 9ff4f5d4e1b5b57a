// The admin dashboard's figures against real PostgreSQL (the real stack, migrated and seeded):
// a handful of applications, complaints and grades written straight into the read model, then
// pendency by district, service, department and level, compliance per month in India time, and the
// latest grades. The rows are removed afterwards. Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import { dashboardData, type Dashboard, type Pendency } from '../../server/admin/dashboard';
import { dashboardView } from '../../templates/admin/dashboard';
import { startTestStack, type TestStack } from '../helpers/stack';

const PREFIX = 'DASH-TEST';
/** A month far from any real case, so compliance counts only the rows written here. */
const NOW = new Date('2031-03-15T12:00:00+05:30');
const MAHILA_NAME = 'गोपनीय नागरिक';

type Place = { district: string; tehsil: string; village: string; officer: string };
const BHOPAL: Place = {
  district: 'bhopal',
  tehsil: 'bhopal-huzur',
  village: 'bhopal-huzur-ratibad',
  officer: 'MP-REV-0030',
};
const VIDISHA: Place = {
  district: 'vidisha',
  tehsil: 'vidisha-basoda',
  village: 'vidisha-basoda-udaipur',
  officer: 'MP-REV-0046',
};

let serial = 0;
function application(
  place: Place,
  service: 'INC' | 'DOM',
  status: string,
  due: string,
  breached = false,
): Record<string, unknown> {
  serial += 1;
  return {
    number: `${PREFIX}/APP/${serial}`,
    serviceCode: service,
    status,
    channel: 'web',
    districtCode: place.district,
    tehsilCode: place.tehsil,
    villageCode: place.village,
    applicantName: 'परीक्षण आवेदक',
    applicantMobile: '9000099999',
    receivedAt: '2031-01-05T05:00:00Z',
    dueDate: due,
    breached,
    designatedOfficerCode: place.officer,
    catalogueVersion: 1,
    calendarVersion: 1,
    fields: JSON.stringify({}),
  };
}

function complaint(
  place: Place,
  department: 'revenue' | 'energy',
  status: string,
  level: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  serial += 1;
  return {
    number: `${PREFIX}/CMH/${serial}`,
    callType: 'complaint',
    channel: 'web',
    citizenName: 'परीक्षण नागरिक',
    citizenMobile: '9000088888',
    districtCode: place.district,
    tehsilCode: place.tehsil,
    departmentCode: department,
    subjectCode: department === 'revenue' ? 'rev-mutation' : 'eng-no-supply',
    description: 'परीक्षण हेतु शिकायत',
    status,
    level,
    breached: false,
    ladderVersion: 1,
    receivedAt: '2031-01-05T05:00:00Z',
    ...extra,
  };
}

/** One row of a pendency list, zeros when absent. */
function row(rows: Pendency[], code: string): { pending: number; breached: number } {
  const r = rows.find((x) => x.code === code);
  return { pending: r?.pending ?? 0, breached: r?.breached ?? 0 };
}

/** What the rows written by this test added to a pendency list (a fresh stack has none of its own). */
function added(after: Pendency[], before: Pendency[], code: string): { pending: number; breached: number } {
  const a = row(after, code);
  const b = row(before, code);
  return { pending: a.pending - b.pending, breached: a.breached - b.breached };
}

describe('the admin dashboard on real PostgreSQL', function () {
  this.timeout(120_000);
  let t: TestStack;
  let baseline: Dashboard;
  let data: Dashboard;

  async function removeRows(): Promise<void> {
    const db = t.db;
    await db('applicationEvents').where('applicationNumber', 'like', `${PREFIX}/%`).delete();
    await db('applications').where('number', 'like', `${PREFIX}/%`).delete();
    await db('complaints').where('number', 'like', `${PREFIX}/%`).delete();
    await db('complaintGrades').whereIn('month', ['2031-01', '2031-02']).delete();
  }

  before(async () => {
    t = await startTestStack('dashboard');
    const db = t.db;
    baseline = await dashboardData(db, { months: 3, now: NOW });

    const apps = [
      // Pending: Bhopal 3 (2 past the limit), Vidisha 1.
      application(BHOPAL, 'INC', 'pending-decision', '2031-03-20'),
      application(BHOPAL, 'INC', 'pending-decision', '2031-03-01', true),
      application(BHOPAL, 'DOM', 'field-report', '2031-03-02', true),
      application(VIDISHA, 'INC', 'awaiting-applicant', '2031-03-25'),
      // Decided in February (India time): two of three by the due date.
      application(BHOPAL, 'INC', 'delivered', '2031-02-12'),
      application(VIDISHA, 'DOM', 'rejected', '2031-02-15', true),
      application(VIDISHA, 'INC', 'delivered', '2031-02-01'),
      // Closed for want of the applicant: neither pending nor decided.
      application(BHOPAL, 'INC', 'closed-incomplete', '2031-02-10'),
      // Rejected in January, delivered late in March after an appeal: the latest decision counts.
      application(BHOPAL, 'INC', 'delivered', '2031-03-01'),
    ];
    await db('applications').insert(apps);
    const event = (app: Record<string, unknown>, seq: number, type: string, at: string) => ({
      applicationNumber: app.number,
      seq,
      at,
      type,
      actor: 'system',
      details: JSON.stringify({}),
    });
    await db('applicationEvents').insert([
      event(apps[4]!, 1, 'certificate-issued', '2031-02-10T06:00:00Z'),
      event(apps[5]!, 1, 'rejected', '2031-02-20T06:00:00Z'),
      // 19:00 UTC on 31 January is 00:30 on 1 February in India: on time, and in February.
      event(apps[6]!, 1, 'certificate-issued', '2031-01-31T19:00:00Z'),
      event(apps[7]!, 1, 'closed-incomplete', '2031-02-10T06:00:00Z'),
      event(apps[8]!, 1, 'rejected', '2031-01-10T06:00:00Z'),
      event(apps[8]!, 2, 'certificate-issued', '2031-03-05T06:00:00Z'),
    ]);

    await db('complaints').insert([
      // Pending: Bhopal 3 (one breached at L3), Vidisha 1 (a Mahila Helpline case, hidden).
      complaint(BHOPAL, 'revenue', 'open', 'L1'),
      complaint(BHOPAL, 'revenue', 'open', 'L3', { breached: true }),
      complaint(BHOPAL, 'energy', 'resolved', 'L1'), // awaiting the citizen's feedback: still open
      complaint(VIDISHA, 'energy', 'awaiting-citizen', 'L2', {
        channel: 'mahila',
        hidden: true,
        citizenName: MAHILA_NAME,
      }),
      // Closed: 20:00 UTC on 28 February is 1 March in India.
      complaint(BHOPAL, 'revenue', 'closed', 'L1', {
        closure: 'satisfied',
        closedAt: '2031-02-28T20:00:00Z',
      }),
      complaint(VIDISHA, 'revenue', 'closed', 'L3', {
        closure: 'force',
        breached: true,
        closedAt: '2031-02-10T06:00:00Z',
      }),
      complaint(VIDISHA, 'revenue', 'closed', 'L2', {
        closure: 'satisfied',
        closedAt: '2031-02-11T06:00:00Z',
      }),
      // An information call is answered at once: not counted for compliance.
      complaint(VIDISHA, 'revenue', 'closed', 'L1', {
        callType: 'information',
        closure: 'answered',
        closedAt: '2031-02-12T06:00:00Z',
      }),
    ]);

    const grade = (month: string, code: string, score: number, letter: string) => ({
      month,
      scope: 'district',
      code,
      score,
      grade: letter,
      components: JSON.stringify({}),
      counts: JSON.stringify({}),
      ladderVersion: 1,
    });
    await db('complaintGrades').insert([
      grade('2031-01', 'bhopal', 50, 'B'),
      grade('2031-02', 'vidisha', 42, 'C'),
      grade('2031-02', 'bhopal', 81.5, 'A'),
    ]);

    data = await dashboardData(db, { months: 3, now: NOW });
  });

  after(async () => {
    if (!t) return;
    try {
      await removeRows();
    } finally {
      await t.stop();
    }
  });

  it('counts pending applications and breaches by district and by service', () => {
    const apps = data.applications;
    expect(added(apps.byDistrict, baseline.applications.byDistrict, 'bhopal')).to.deep.equal({
      pending: 3,
      breached: 2,
    });
    expect(added(apps.byDistrict, baseline.applications.byDistrict, 'vidisha')).to.deep.equal({
      pending: 1,
      breached: 0,
    });
    expect(apps.byDistrict.find((r) => r.code === 'bhopal')).to.include({
      nameEn: 'Bhopal',
      nameHi: 'भोपाल',
    });
    expect(added(apps.byService, baseline.applications.byService, 'INC')).to.deep.equal({
      pending: 3,
      breached: 1,
    });
    expect(added(apps.byService, baseline.applications.byService, 'DOM')).to.deep.equal({
      pending: 1,
      breached: 1,
    });
    expect(apps.byService.find((r) => r.code === 'INC')).to.include({
      nameEn: 'Income certificate',
      nameHi: 'आय प्रमाण पत्र',
    });
    expect(apps.total.pending - baseline.applications.total.pending).to.equal(4);
    expect(apps.total.breached - baseline.applications.total.breached).to.equal(2);
  });

  it('counts pending complaints and breaches by district, department and level, Mahila cases included', () => {
    const c = data.complaints;
    const b = baseline.complaints;
    expect(added(c.byDistrict, b.byDistrict, 'bhopal')).to.deep.equal({ pending: 3, breached: 1 });
    expect(added(c.byDistrict, b.byDistrict, 'vidisha')).to.deep.equal({ pending: 1, breached: 0 });
    expect(added(c.byDepartment, b.byDepartment, 'revenue')).to.deep.equal({ pending: 2, breached: 1 });
    expect(added(c.byDepartment, b.byDepartment, 'energy')).to.deep.equal({ pending: 2, breached: 0 });
    expect(c.byDepartment.find((r) => r.code === 'revenue')).to.include({
      nameEn: 'Revenue',
      nameHi: 'राजस्व',
    });
    expect(c.byLevel.map((r) => r.code)).to.deep.equal(['L1', 'L2', 'L3', 'L4']);
    expect(added(c.byLevel, b.byLevel, 'L1')).to.deep.equal({ pending: 2, breached: 0 });
    expect(added(c.byLevel, b.byLevel, 'L2')).to.deep.equal({ pending: 1, breached: 0 });
    expect(added(c.byLevel, b.byLevel, 'L3')).to.deep.equal({ pending: 1, breached: 1 });
    expect(added(c.byLevel, b.byLevel, 'L4')).to.deep.equal({ pending: 0, breached: 0 });
  });

  it('measures compliance per month in India time', () => {
    expect(data.compliance.map((m) => m.month)).to.deep.equal(['2031-01', '2031-02', '2031-03']);
    const [january, february, march] = data.compliance as [
      Dashboard['compliance'][number],
      Dashboard['compliance'][number],
      Dashboard['compliance'][number],
    ];
    // Applications: nothing decided in January (the one rejection was overturned); in February
    // two of three by the due date; in March one, late.
    expect(january.applications).to.deep.equal({ decided: 0, onTime: 0, share: null });
    expect(february.applications.decided).to.equal(3);
    expect(february.applications.onTime).to.equal(2);
    expect(february.applications.share).to.be.closeTo(2 / 3, 1e-9);
    expect(march.applications).to.deep.equal({ decided: 1, onTime: 0, share: 0 });
    // Complaints: in February one of two closed without breach; in March one of one.
    expect(january.complaints).to.deep.equal({ closed: 0, withoutBreach: 0, share: null });
    expect(february.complaints).to.deep.equal({ closed: 2, withoutBreach: 1, share: 0.5 });
    expect(march.complaints).to.deep.equal({ closed: 1, withoutBreach: 1, share: 1 });
  });

  it('shows the latest month’s district grades, best first', () => {
    expect(data.grades).to.deep.equal({
      month: '2031-02',
      districts: [
        { code: 'bhopal', nameEn: 'Bhopal', nameHi: 'भोपाल', score: 81.5, grade: 'A' },
        { code: 'vidisha', nameEn: 'Vidisha', nameHi: 'विदिशा', score: 42, grade: 'C' },
      ],
    });
  });

  it('reads a SQL date as its calendar day, whatever the time zone the process runs in', async () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Asia/Kolkata', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = tz;
        const row = await t
          .db('applications')
          .where('number', 'like', `${PREFIX}/%`)
          .orderBy('id')
          .first('dueDate');
        expect(row.dueDate, tz).to.equal('2031-03-20');
        expect(JSON.parse(JSON.stringify(row)).dueDate, tz).to.equal('2031-03-20');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('renders the figures without anyone’s personal data', () => {
    expect(JSON.stringify(data)).not.to.contain(MAHILA_NAME).and.not.contain('9000088888');
    const page = dashboardView(data, 'hi').toString();
    expect(page).to.contain('भोपाल').and.contain('विदिशा').and.contain('आय प्रमाण पत्र');
    expect(page).not.to.contain(MAHILA_NAME);
    expect(page).to.match(/<tr data-district="bhopal">[\s\S]*?81\.50/);
  });
});
