// The figures behind the admin dashboard, read from the read model with GROUP BY queries:
// pendency and breaches of applications (by district and service) and of complaints (by district,
// department and escalation level), SLA compliance per month (India time), and the latest monthly
// grades of districts. Mahila Helpline complaints are counted like any other; no personal data
// leaves this module, only counts and the names of places, departments, services and levels.
import type { Knex } from 'knex';
import { currentPolicy } from '../../db/policies';
import type { ServiceCatalogue } from '../../lib/catalogue';
import { LEVELS, type EscalationLadder } from '../../lib/ladder';
import type { ApplicationStatus } from '../../workflows/application-messages';

/** Statuses after which an application waits for no one (workflows/application.ts FINAL). */
export const CLOSED_APPLICATION_STATUSES = [
  'delivered',
  'rejected',
  'closed-incomplete',
  'closed-unpaid',
] as const satisfies readonly ApplicationStatus[];

/** The officer's decisions: delivery or rejection (closures for want of the applicant are not). */
export const DECIDED_APPLICATION_STATUSES = [
  'delivered',
  'rejected',
] as const satisfies readonly ApplicationStatus[];

/** Timeline events that record a decision; the latest one dates it. */
const DECISION_EVENTS = ['certificate-issued', 'rejected', 'record-not-found'];

const TIME_ZONE = 'Asia/Kolkata';
const IST_OFFSET_MS = 330 * 60_000;

/** Open cases of one district, department, service or level; `breached` are those past their limit. */
export interface Pendency {
  code: string;
  nameEn: string;
  nameHi: string;
  pending: number;
  breached: number;
}

export interface MonthCompliance {
  month: string; // YYYY-MM, India time
  applications: {
    decided: number; // delivered or rejected in the month
    onTime: number; // … on or before the due date
    share: number | null; // onTime / decided, null when none was decided
  };
  complaints: {
    closed: number; // closed in the month (information calls not counted)
    withoutBreach: number; // … never marked breached
    share: number | null; // withoutBreach / closed, null when none was closed
  };
}

export interface DistrictGrade {
  code: string;
  nameEn: string;
  nameHi: string;
  score: number;
  grade: string;
}

export interface Dashboard {
  generatedAt: string; // ISO instant (opts.now)
  applications: {
    total: { pending: number; breached: number };
    byDistrict: Pendency[]; // most pending first; only districts with open cases
    byService: Pendency[];
  };
  complaints: {
    total: { pending: number; breached: number };
    byDistrict: Pendency[];
    byDepartment: Pendency[];
    byLevel: Pendency[]; // every level L1–L4, in order, zeros included
  };
  compliance: MonthCompliance[]; // oldest month first, `months` entries ending with now's month
  grades: { month: string; districts: DistrictGrade[] } | null; // best score first
}

interface CountRow {
  code: string;
  nameEn: string | null;
  nameHi: string | null;
  pending: number;
  breached: number;
}

/** YYYY-MM of the `months` months ending with the month (India time) that contains `now`. */
export function monthsEnding(now: Date, months: number): string[] {
  const ist = new Date(now.getTime() + IST_OFFSET_MS);
  const year = ist.getUTCFullYear();
  const month = ist.getUTCMonth();
  const out: string[] = [];
  for (let back = months - 1; back >= 0; back -= 1) {
    const d = new Date(Date.UTC(year, month - back, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function named(
  rows: CountRow[],
  names: Map<string, { nameEn: string; nameHi: string }> = new Map(),
): Pendency[] {
  return rows.map((r) => {
    const known = names.get(r.code);
    return {
      code: r.code,
      nameEn: r.nameEn ?? known?.nameEn ?? r.code,
      nameHi: r.nameHi ?? known?.nameHi ?? r.code,
      pending: Number(r.pending),
      breached: Number(r.breached),
    };
  });
}

function total(rows: Pendency[]): { pending: number; breached: number } {
  return rows.reduce((t, r) => ({ pending: t.pending + r.pending, breached: t.breached + r.breached }), {
    pending: 0,
    breached: 0,
  });
}

/** Open cases grouped by `column`, with names from `namesTable` (matched on code) when given. */
async function pendencyBy(
  db: Knex,
  table: 'applications' | 'complaints',
  column: string,
  namesTable: 'districts' | 'departments' | null,
): Promise<CountRow[]> {
  const query = db(`${table} as c`)
    .groupBy(`c.${column}`)
    .select(
      `c.${column} as code`,
      db.raw('count(*)::int as pending'),
      db.raw('(count(*) filter (where c.breached))::int as breached'),
    )
    .orderBy([
      { column: 'pending', order: 'desc' },
      { column: 'code', order: 'asc' },
    ]);
  if (table === 'applications') query.whereNotIn('c.status', [...CLOSED_APPLICATION_STATUSES]);
  else query.whereNot('c.status', 'closed');
  if (namesTable) {
    query
      .leftJoin(`${namesTable} as n`, 'n.code', `c.${column}`)
      .groupBy('n.nameEn', 'n.nameHi')
      .select('n.nameEn', 'n.nameHi');
  } else {
    query.select(db.raw('null as name_en'), db.raw('null as name_hi'));
  }
  return (await query) as CountRow[];
}

async function applicationCompliance(db: Knex, from: Date, until: Date) {
  const decided = db('applications as a')
    .join('applicationEvents as e', 'e.applicationNumber', 'a.number')
    .whereIn('a.status', [...DECIDED_APPLICATION_STATUSES])
    .whereIn('e.type', DECISION_EVENTS)
    .groupBy('a.id', 'a.dueDate')
    .select('a.dueDate', db.raw('max(e.at) as decided_at'));
  const rows = await db
    .with('decided', decided)
    .from('decided')
    .where('decidedAt', '>=', from)
    .andWhere('decidedAt', '<', until)
    .groupBy('month')
    .select(
      db.raw(`to_char(decided_at at time zone '${TIME_ZONE}', 'YYYY-MM') as month`),
      db.raw('count(*)::int as decided'),
      db.raw(
        `(count(*) filter (where (decided_at at time zone '${TIME_ZONE}')::date <= due_date))::int as on_time`,
      ),
    );
  return new Map(rows.map((r: { month: string; decided: number; onTime: number }) => [r.month, r]));
}

async function complaintCompliance(db: Knex, from: Date, until: Date) {
  const rows = await db('complaints')
    .where('status', 'closed')
    .whereNot('callType', 'information') // answered at once, like the monthly grading
    .where('closedAt', '>=', from)
    .andWhere('closedAt', '<', until)
    .groupBy('month')
    .select(
      db.raw(`to_char(closed_at at time zone '${TIME_ZONE}', 'YYYY-MM') as month`),
      db.raw('count(*)::int as closed'),
      db.raw('(count(*) filter (where not breached))::int as without_breach'),
    );
  return new Map(rows.map((r: { month: string; closed: number; withoutBreach: number }) => [r.month, r]));
}

/** The first instant of a month (YYYY-MM) in India time (UTC+05:30 all year round). */
function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - IST_OFFSET_MS);
}

async function latestDistrictGrades(db: Knex): Promise<Dashboard['grades']> {
  const latest = await db('complaintGrades').where({ scope: 'district' }).max('month as month').first();
  const month = latest?.month as string | null | undefined;
  if (!month) return null;
  const rows = await db('complaintGrades as g')
    .leftJoin('districts as d', 'd.code', 'g.code')
    .where({ 'g.scope': 'district', 'g.month': month })
    .orderBy([{ column: 'g.score', order: 'desc' }, 'g.code'])
    .select('g.code', 'g.score', 'g.grade', 'd.nameEn', 'd.nameHi');
  return {
    month,
    districts: rows.map((r) => ({
      code: r.code,
      nameEn: r.nameEn ?? r.code,
      nameHi: r.nameHi ?? r.code,
      score: Number(r.score),
      grade: r.grade,
    })),
  };
}

async function serviceNames(db: Knex): Promise<Map<string, { nameEn: string; nameHi: string }>> {
  const catalogue = (await currentPolicy('service-catalogue', db))?.body as ServiceCatalogue | undefined;
  return new Map((catalogue?.services ?? []).map((s) => [s.code, { nameEn: s.nameEn, nameHi: s.nameHi }]));
}

async function levelNames(db: Knex): Promise<Map<string, { nameEn: string; nameHi: string }>> {
  const ladder = (await currentPolicy('escalation-ladder', db))?.body as EscalationLadder | undefined;
  return new Map(
    (ladder?.levels ?? []).map((l) => [
      l.level,
      { nameEn: `${l.level} — ${l.nameEn}`, nameHi: `${l.level} — ${l.nameHi}` },
    ]),
  );
}

export async function dashboardData(db: Knex, opts: { months: number; now: Date }): Promise<Dashboard> {
  const months = monthsEnding(opts.now, Math.max(1, Math.floor(opts.months)));
  const from = monthStart(months[0]!);
  const until = monthStart(nextMonth(months[months.length - 1]!));
  const [
    appDistricts,
    appServices,
    complaintDistricts,
    complaintDepartments,
    complaintLevels,
    services,
    levels,
    appCompliance,
    complaintsCompliance,
    grades,
  ] = await Promise.all([
    pendencyBy(db, 'applications', 'districtCode', 'districts'),
    pendencyBy(db, 'applications', 'serviceCode', null),
    pendencyBy(db, 'complaints', 'districtCode', 'districts'),
    pendencyBy(db, 'complaints', 'departmentCode', 'departments'),
    pendencyBy(db, 'complaints', 'level', null),
    serviceNames(db),
    levelNames(db),
    applicationCompliance(db, from, until),
    complaintCompliance(db, from, until),
    latestDistrictGrades(db),
  ]);

  const applicationsByDistrict = named(appDistricts);
  const complaintsByDistrict = named(complaintDistricts);
  const byLevel = named(complaintLevels, levels);
  const levelsInOrder = [
    ...LEVELS.map(
      (level) =>
        byLevel.find((r) => r.code === level) ?? {
          code: level,
          nameEn: levels.get(level)?.nameEn ?? level,
          nameHi: levels.get(level)?.nameHi ?? level,
          pending: 0,
          breached: 0,
        },
    ),
    ...byLevel.filter((r) => !(LEVELS as string[]).includes(r.code)),
  ];

  return {
    generatedAt: opts.now.toISOString(),
    applications: {
      total: total(applicationsByDistrict),
      byDistrict: applicationsByDistrict,
      byService: named(appServices, services),
    },
    complaints: {
      total: total(complaintsByDistrict),
      byDistrict: complaintsByDistrict,
      byDepartment: named(complaintDepartments),
      byLevel: levelsInOrder,
    },
    compliance: months.map((month) => {
      const a = appCompliance.get(month);
      const c = complaintsCompliance.get(month);
      return {
        month,
        applications: {
          decided: a?.decided ?? 0,
          onTime: a?.onTime ?? 0,
          share: ratio(a?.onTime ?? 0, a?.decided ?? 0),
        },
        complaints: {
          closed: c?.closed ?? 0,
          withoutBreach: c?.withoutBreach ?? 0,
          share: ratio(c?.withoutBreach ?? 0, c?.closed ?? 0),
        },
      };
    }),
    grades,
  };
}
