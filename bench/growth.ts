// Scenario 6, growth: how intake and read latency change as the stored cases grow (complaints and
// applications from 10k to 1M rows each, with their timelines, tasks and documents), and the plans
// PostgreSQL picks for those reads and for intake (EXPLAIN ANALYZE) at every step. The rows added
// are filler, inserted by SQL as history: no workflow is started for them. The cases measured are
// real ones, submitted over HTTP at each step.
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { complaintList } from '../server/routes/complaints';
import { lineChart } from '../templates/charts';
import { ProjectionWatch, submitters } from './intake';
import { closedLoop, type LoadResult } from './load';
import type { ScenarioReport, Table, TargetCheck } from './report';
import { autocannon, type ReadFigures } from './reads';
import type { BenchStack } from './stack';
import { fmt, medianOf, ratio } from './stats';

export interface GrowthOptions {
  /** Rows of complaints, and of applications, at each step (filler added up to it). */
  steps: number[];
  /** Real submissions of each kind at each step, for the intake latency. */
  submissions: number;
  concurrency: number;
  /** autocannon against the status and inbox reads at each step. */
  readConnections: number;
  readSeconds: number;
  repeats: number;
  /** Filler cases per INSERT statement (their events, tasks and documents go in the same transaction). */
  batch: number;
  /** Officer codes made up for the filler beside the seeded ones: a state has thousands of officers. */
  extraOfficers: number;
  projectionWaitMs: number;
}

/** The tables that grow with the cases; a sequential scan of one of them is a finding. */
const GROWING = [
  'complaints',
  'complaint_events',
  'applications',
  'application_events',
  'officer_tasks',
  'documents',
] as const;

// ---- Filler ---------------------------------------------------------------------------------------
//
// Every attribute of filler case g is drawn from hashint4extended(g, k): deterministic (the same
// rows on every run) and independent per k. Filler rows carry a projected `state` and no
// `workflow_input`, which is how they are told apart from real cases, and why the worker's sweep for
// cases stored but never started (server/stranded-cases.ts) never picks them up. Their numbers are
// taken from the same counters as intake's, so real cases numbered later cannot collide with them.

const u = (k: number) => `((hashint4extended(g, ${k}) & 2147483647)::float8 / 2147483648)`;
/** A 1-based index into list `name` of the vocabulary (subscripted only at the end: a query that
 *  carried the lists themselves through its sort would spill them to disk for every row). */
const pick = (name: string, k: number) => `1 + floor(${u(k)} * (select cardinality(${name}) from v))::int`;
const list = (name: string) => `array(select jsonb_array_elements_text(:${name}::jsonb)) as ${name}`;

/** A number's serial part: six digits as intake pads it (more only if a year ever overflows them). */
const serial = (k: string) => `lpad(${k}::text, greatest(6, length(${k}::text)), '0')`;

const COMPLAINTS_SQL = `
with v as (
  select ${['districts', 'tehsils', 'subjects', 'departments', 'officers', 'names', 'descriptions'].map(list).join(', ')}
),
drawn as (
  select g,
    case when ${u(1)} < 0.05 then 'information' else 'complaint' end as call_type,
    case when ${u(2)} < 0.70 then 'agent-181' when ${u(2)} < 0.85 then 'web' when ${u(2)} < 0.95 then 'whatsapp'
         when ${u(2)} < 0.98 then 'cpgrams' else 'mahila' end as channel,
    ${u(3)} as u_status, ${u(4)} as u_level, ${u(5)} as u_closure, ${u(6)} as u_age, ${u(7)} as u_took,
    ${pick('districts', 8)} as place, ${pick('subjects', 9)} as subject, ${pick('officers', 10)} as officer,
    ${pick('names', 11)} as name, ${pick('descriptions', 12)} as description, ${u(13)} < 0.05 as late,
    '7' || lpad(((g::bigint * 7919) % 700001)::text, 9, '0') as mobile -- ~700k callers, some call again
  from generate_series(:from::int, :to::int) g
),
cased as (
  select d.*,
    case when d.call_type = 'information' or d.u_status < 0.88 then 'closed'
         when d.channel = 'mahila' then 'counselling'
         when d.u_status < 0.95 then 'open' when d.u_status < 0.965 then 'awaiting-citizen'
         when d.u_status < 0.99 then 'resolved' else 'transfer-requested' end as status,
    case when d.call_type = 'information' or d.u_level < 0.70 then 'L1' when d.u_level < 0.88 then 'L2'
         when d.u_level < 0.96 then 'L3' else 'L4' end as level
  from drawn d
),
dated as (
  -- closed cases are 30 days to a year old; the others came in within the last 30 days
  select c.*,
    :now::timestamptz - case when c.status = 'closed' then interval '30 days' + c.u_age * interval '335 days'
                             else c.u_age * interval '30 days' end as received_at
  from cased c
),
yeared as (
  select d.*, y.year, row_number() over (partition by y.year order by d.received_at, d.g) as k_in_year
  from dated d, lateral (select extract(year from d.received_at at time zone 'Asia/Kolkata')::int as year) y
),
years as (select year, count(*)::int as n from yeared group by year),
reserved as (
  insert into complaint_counters as cc (year, last_number) select year, n from years
  on conflict (year) do update set last_number = cc.last_number + excluded.last_number
  returning year, last_number
),
numbered as (
  select y.*, 'CMH/' || y.year || '/' || ${serial('(r.last_number - s.n + y.k_in_year)')} as number,
    case when y.status = 'closed' then y.received_at + interval '1 hour' + y.u_took * interval '25 days' end as closed_at,
    case when y.status <> 'closed' then y.received_at + interval '9 days' end as level_due_at,
    case when y.status <> 'closed' then null when y.call_type = 'information' then 'answered'
         when y.channel = 'mahila' then 'counselled' when y.u_closure < 0.55 then 'satisfied'
         when y.u_closure < 0.70 then 'not-attended' when y.u_closure < 0.85 then 'special' else 'force' end as closure,
    case when y.call_type = 'information' then null else v.officers[y.officer] end as assigned_to,
    y.level <> 'L1' or y.late as breached
  from yeared y join years s using (year) join reserved r using (year), v
)
insert into complaints (number, call_type, channel, citizen_name, citizen_mobile, district_code, tehsil_code,
  department_code, subject_code, description, status, level, assigned_officer_code, level_due_at, breached,
  closure, hidden, ladder_version, state, projection_seq, received_at, closed_at, created_at, updated_at)
select n.number, n.call_type, n.channel, v.names[n.name], n.mobile, v.districts[n.place], v.tehsils[n.place],
  v.departments[n.subject], v.subjects[n.subject], v.descriptions[n.description], n.status, n.level, n.assigned_to,
  n.level_due_at, n.breached, n.closure, n.channel = 'mahila', :ladderVersion,
  -- the constant part as one literal: jsonb_build_object's cost grows with its arguments
  '{"queue": null, "interimReplies": 0, "resolution": null, "escalations": [], "transferRequest": null,
    "specialCloseProposal": null, "question": null, "reopened": 0}'::jsonb
  || jsonb_build_object('complaintNumber', n.number, 'status', n.status, 'level', n.level,
    'department', v.departments[n.subject], 'assignedTo', n.assigned_to, 'levelDueAt', n.level_due_at,
    'breached', n.breached, 'accepted', n.status <> 'open', 'closure', n.closure),
  case when n.call_type = 'information' then 2 when n.status = 'closed' then 4 else 2 end,
  n.received_at, n.closed_at, n.received_at, coalesce(n.closed_at, n.received_at + interval '1 hour')
from numbered n, v`;

/** The timelines of the complaints just added (filler: ids above :afterId without a workflow input). */
const COMPLAINT_EVENTS_SQL = `
insert into complaint_events (complaint_number, seq, at, type, actor, details)
select c.number, e.seq, c.received_at + (e.seq - 1) * coalesce((c.closed_at - c.received_at) / 3, interval '1 hour'),
  e.type,
  case e.type when 'registered' then c.channel when 'resolved' then c.assigned_officer_code else 'system' end,
  case e.type
    when 'registered' then jsonb_build_object('channel', c.channel, 'subject', c.subject_code, 'callType', c.call_type)
    when 'assigned' then jsonb_build_object('level', 'L1', 'officer', c.assigned_officer_code)
    else '{}'::jsonb end
from complaints c
cross join lateral unnest(
  case when c.call_type = 'information' then array['registered', 'closed']
       when c.status = 'closed' then array['registered', 'assigned', 'resolved', 'closed']
       else array['registered', 'assigned'] end) with ordinality as e(type, seq)
where c.id > :afterId and c.workflow_input is null`;

const APPLICATIONS_SQL = `
with v as (
  select ${['districts', 'tehsils', 'villages', 'officers', 'names'].map(list).join(', ')}
),
drawn as (
  select g,
    case when ${u(1)} < 0.45 then 'INC' when ${u(1)} < 0.80 then 'DOM' when ${u(1)} < 0.92 then 'KHS' else 'MAP' end as service,
    case when ${u(2)} < 0.60 then 'web' else 'agent-181' end as channel,
    ${u(3)} as u_status, ${u(4)} as u_age,
    ${pick('villages', 5)} as place, ${pick('officers', 6)} as officer, ${pick('names', 7)} as name,
    ${u(8)} < 0.06 as late,
    '6' || lpad(((g::bigint * 7919) % 900001)::text, 9, '0') as mobile
  from generate_series(:from::int, :to::int) g
),
cased as (
  select d.*,
    case when d.u_status < 0.78 then 'delivered' when d.u_status < 0.85 then 'rejected'
         when d.u_status < 0.88 then 'closed-incomplete'
         when d.u_status < 0.90 then case when d.service in ('KHS', 'MAP') then 'closed-unpaid' else 'delivered' end
         when d.u_status < 0.96 then 'pending-decision' when d.u_status < 0.98 then 'field-report'
         when d.u_status < 0.99 then 'awaiting-applicant'
         else case when d.service in ('KHS', 'MAP') then 'awaiting-payment' else 'pending-decision' end end as status
  from drawn d
),
dated as (
  select c.*,
    :now::timestamptz - case when c.status in ('delivered', 'rejected', 'closed-incomplete', 'closed-unpaid')
                             then interval '30 days' + c.u_age * interval '335 days'
                             else c.u_age * interval '30 days' end as received_at
  from cased c
),
yeared as (
  select d.*, y.year, y.received_on, (y.received_on + case d.service when 'KHS' then 5 when 'MAP' then 7 else 14 end) as due_date,
    row_number() over (partition by d.service, y.year order by d.received_at, d.g) as k_in_year
  from dated d, lateral (select extract(year from d.received_at at time zone 'Asia/Kolkata')::int as year,
                                (d.received_at at time zone 'Asia/Kolkata')::date as received_on) y
),
years as (select service, year, count(*)::int as n from yeared group by service, year),
reserved as (
  insert into application_counters as ac (service_code, year, last_number) select service, year, n from years
  on conflict (service_code, year) do update set last_number = ac.last_number + excluded.last_number
  returning service_code as service, year, last_number
),
numbered as (
  select y.*, ${serial('(r.last_number - s.n + y.k_in_year)')} as k
  from yeared y join years s using (service, year) join reserved r using (service, year)
),
named as (
  select n.*, 'LSG/' || n.service || '/' || n.year || '/' || n.k as number,
    case when n.status = 'delivered' then 'JS-' || n.service || '-' || n.year || '-' || n.k || '-1' end as certificate_serial,
    v.officers[n.officer] as officer_code, v.names[n.name] as applicant
  from numbered n, v
)
insert into applications (number, service_code, status, channel, district_code, tehsil_code, village_code,
  applicant_name, applicant_mobile, received_at, due_date, breached, designated_officer_code,
  catalogue_version, calendar_version, certificate_serial, fields, state, projection_seq, created_at, updated_at)
select n.number, n.service, n.status, n.channel, v.districts[n.place], v.tehsils[n.place], v.villages[n.place],
  n.applicant, n.mobile, n.received_at, n.due_date, n.late, n.officer_code, :catalogueVersion, :calendarVersion,
  n.certificate_serial,
  jsonb_build_object('applicantName', n.applicant, 'mobile', n.mobile, 'address',
    jsonb_build_object('district', v.districts[n.place], 'tehsil', v.tehsils[n.place], 'village', v.villages[n.place])),
  '{"deliveryOrdered": false, "clockPaused": false, "appeals": [], "payment": null, "fieldReport": null,
    "informationRequest": null}'::jsonb
  || jsonb_build_object('applicationNumber', n.number, 'serviceCode', n.service, 'status', n.status,
    'dueDate', n.due_date, 'breached', n.late,
    'tasks', case when n.status = 'pending-decision'
                  then jsonb_build_array(jsonb_build_object('kind', 'decide', 'officerCode', n.officer_code, 'dueDate', n.due_date))
                  else '[]'::jsonb end,
    'rejectionReason', case when n.status = 'rejected' then 'आय के प्रमाण अपर्याप्त' end,
    'certificateSerial', n.certificate_serial),
  case when n.status in ('received', 'pending-decision') then 1 else 3 end,
  n.received_at, n.received_at + interval '3 days'
from named n, v`;

/** What happened to each application just added: its timeline, its officer's task, its documents. */
const APPLICATION_CHILDREN_SQL = [
  `insert into application_events (application_number, seq, at, type, actor, details)
select a.number, e.seq, a.received_at + (e.seq - 1) * interval '2 days', e.type,
  case when e.seq = 1 then 'applicant' when e.type like 'closed-%' or e.type = 'certificate-issued' then 'system'
       else a.designated_officer_code end,
  case when e.seq = 1 then jsonb_build_object('channel', a.channel, 'dueDate', a.due_date) else '{}'::jsonb end
from applications a
cross join lateral unnest(array['received'] || case a.status
    when 'delivered' then array['approved', 'certificate-issued']
    when 'rejected' then array['rejected']
    when 'closed-incomplete' then array['information-requested', 'closed-incomplete']
    when 'closed-unpaid' then array['payment-requested', 'closed-unpaid']
    when 'field-report' then array['field-report-requested']
    when 'awaiting-applicant' then array['information-requested']
    when 'awaiting-payment' then array['payment-requested']
    else array[]::text[] end) with ordinality as e(type, seq)
where a.id > :afterId and a.workflow_input is null`,
  `insert into officer_tasks (application_number, kind, officer_code, due_date, open, created_at, updated_at)
select a.number, 'decide', a.designated_officer_code, a.due_date, a.status = 'pending-decision', a.received_at, a.updated_at
from applications a where a.id > :afterId and a.workflow_input is null`,
  // A receipt for each, a certificate for each delivered; the PDF bytes are a stand-in (the reads
  // measured never load them), so the table's rows are narrow where real ones hold ~26 KiB.
  `insert into documents (serial, application_number, kind, issued_on, status, pdf, created_at, updated_at)
select d.serial, a.number, d.kind, d.issued_on, 'valid', '\\x255044462d', a.received_at, a.received_at
from applications a
cross join lateral (
  select 'JS-' || replace(substr(a.number, 5), '/', '-') || '-R', 'receipt', (a.received_at at time zone 'Asia/Kolkata')::date
  union all
  select a.certificate_serial,
    case a.service_code when 'INC' then 'income-certificate' when 'DOM' then 'domicile-certificate'
         when 'KHS' then 'khasra-khatauni-copy' else 'current-map-copy' end,
    (a.received_at at time zone 'Asia/Kolkata')::date + 3
  where a.certificate_serial is not null) d(serial, kind, issued_on)
where a.id > :afterId and a.workflow_input is null`,
];

interface Vocabulary {
  complaints: Record<string, unknown>;
  applications: Record<string, unknown>;
}

const NAMES = ['रामलाल अहिरवार', 'सुनीता शर्मा', 'मोहन सिंह यादव', 'रेखा बाई', 'अब्दुल करीम', 'गीता पटेल'];
const DESCRIPTIONS = [
  'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया',
  'राशन की दुकान पर दो महीने से गेहूँ नहीं मिला',
  'नामांतरण का आवेदन छह महीने से लंबित है',
  'हैंडपंप खराब है, पीने का पानी नहीं मिल रहा',
];

/** The places, subjects and officers the filler draws from: seeded ones, and made-up officers beside them. */
async function vocabulary(db: Knex, extraOfficers: number): Promise<Vocabulary> {
  const holders = async (roles: string[]) =>
    (await db('officers')
      .join('officerRoles', 'officerRoles.officerId', 'officers.id')
      .whereIn('officerRoles.role', roles)
      .distinct('officers.code')
      .orderBy('officers.code')
      .pluck('officers.code')) as string[];
  // "MP-FIL-0001": the seeded codes' shape, in a department prefix no seeded officer has.
  const madeUp = (prefix: string) =>
    Array.from({ length: extraOfficers }, (_, i) => `MP-${prefix}-${String(i + 1).padStart(4, '0')}`);
  const districts: { code: string }[] = await db('districts').orderBy('code').select('code');
  const tehsils: { code: string; district: string }[] = await db('tehsils')
    .join('districts', 'districts.id', 'tehsils.districtId')
    .select('tehsils.code', 'districts.code as district');
  const tehsilOf = new Map<string, string>();
  for (const t of tehsils) if (!tehsilOf.has(t.district)) tehsilOf.set(t.district, t.code);
  const subjects: { code: string; departmentCode: string }[] = await db('complaintSubjects')
    .orderBy('code')
    .select('code', 'departmentCode');
  const villages: { village: string; tehsil: string; district: string }[] = await db('villages')
    .join('tehsils', 'tehsils.id', 'villages.tehsilId')
    .join('districts', 'districts.id', 'tehsils.districtId')
    .orderBy('villages.code')
    .select('villages.code as village', 'tehsils.code as tehsil', 'districts.code as district');
  const version = async (kind: string) =>
    ((await db('policyVersions').where({ kind }).max({ v: 'version' }).first()) as { v: number }).v;
  const json = (values: unknown[]) => JSON.stringify(values);
  return {
    complaints: {
      districts: json(districts.map((d) => d.code)),
      tehsils: json(districts.map((d) => tehsilOf.get(d.code) ?? null)),
      subjects: json(subjects.map((s) => s.code)),
      departments: json(subjects.map((s) => s.departmentCode)),
      officers: json([
        ...(await holders(['complaint_l1', 'complaint_l2', 'complaint_l3', 'complaint_l4'])),
        ...madeUp('FIL'),
      ]),
      names: json(NAMES),
      descriptions: json(DESCRIPTIONS),
      ladderVersion: await version('escalation-ladder'),
    },
    applications: {
      districts: json(villages.map((p) => p.district)),
      tehsils: json(villages.map((p) => p.tehsil)),
      villages: json(villages.map((p) => p.village)),
      officers: json([...(await holders(['designated_officer'])), ...madeUp('FLD')]),
      names: json(NAMES),
      catalogueVersion: await version('service-catalogue'),
      calendarVersion: await version('holiday-calendar'),
    },
  };
}

type CaseTable = 'complaints' | 'applications';

/**
 * Adds filler cases to `table` until it holds `target` rows; returns how many it added. One
 * transaction: the foreign keys that reference `table` are dropped for the load and added again at
 * its end, which checks every row at once (PostgreSQL's advice for bulk loads: one join instead of
 * a lookup per row), so the filler is proved to satisfy them and nothing is left half done.
 */
async function grow(
  db: Knex,
  table: CaseTable,
  target: number,
  vocab: Vocabulary,
  batch: number,
  now: Date,
): Promise<number> {
  const count = async (q: Knex.QueryBuilder) =>
    Number(((await q.count({ n: '*' }).first()) as { n: string }).n);
  const missing = target - (await count(db(table)));
  if (missing <= 0) return 0;
  const first = (await count(db(table).whereNull('workflowInput'))) + 1; // filler case g, across steps
  const end = first + missing;
  const [parent, children] =
    table === 'complaints'
      ? [COMPLAINTS_SQL, [COMPLAINT_EVENTS_SQL]]
      : [APPLICATIONS_SQL, APPLICATION_CHILDREN_SQL];
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  await db.transaction(async (trx) => {
    await trx.raw("set local work_mem = '64MB'"); // the numbering's sort of a batch stays in memory
    const { rows: keys } = await trx.raw<{ rows: { child: string; name: string; definition: string }[] }>(
      `select conrelid::regclass::text as child, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and confrelid = ?::regclass`,
      [table],
    );
    for (const k of keys) await trx.raw(`alter table ${quote(k.child)} drop constraint ${quote(k.name)}`);
    for (let from = first; from < end; from += batch) {
      const { afterId } = (await trx(table).max({ afterId: 'id' }).first()) as { afterId: number | null };
      const to = Math.min(from + batch, end) - 1;
      await trx.raw(parent, { ...vocab[table], from, to, now: now.toISOString() });
      for (const sql of children) await trx.raw(sql, { afterId: afterId ?? 0 });
    }
    for (const k of keys)
      await trx.raw(`alter table ${quote(k.child)} add constraint ${quote(k.name)} ${k.definition}`);
  });
  // Intake pads numbers to six digits a year (CMH/2026/000123): past 999,999 they stop matching the
  // routes' number pattern. The filler never goes there silently.
  const { top } = (await db(table === 'complaints' ? 'complaintCounters' : 'applicationCounters')
    .max({ top: 'lastNumber' })
    .first()) as { top: number };
  if (top > 999_999)
    throw new Error(
      `${table}: ${top} numbers in one year exceed the six digits of the number format; use smaller steps`,
    );
  return missing;
}

// ---- Query plans ----------------------------------------------------------------------------------

interface PlanNode {
  'Node Type': string;
  /** Of a ModifyTable node: Insert, Update, Delete. */
  Operation?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface PlanFigures {
  query: string;
  kind: 'read' | 'intake' | 'background';
  /** The root node and its first descendants, e.g. "Limit → Sort → Index Scan". */
  plan: string;
  /** Every scan: "Index Scan using complaints_number_unique", "Seq Scan on complaints". */
  scans: string[];
  /** Growing tables read by a sequential scan. */
  seqScans: string[];
  ms: number;
  /** Shared buffers hit or read (8 KiB each). */
  buffers: number;
}

function summarisePlan(root: PlanNode): Pick<PlanFigures, 'plan' | 'scans' | 'seqScans'> {
  const chain: string[] = [];
  for (let n: PlanNode | undefined = root; n && chain.length < 4; n = n.Plans?.[0])
    chain.push(n.Operation ?? n['Node Type']);
  const scans: string[] = [];
  const seqScans: string[] = [];
  const walk = (n: PlanNode) => {
    const type = n['Node Type'];
    if (n['Index Name']) scans.push(`${type} using ${n['Index Name']}`);
    else if (n['Relation Name'] && type !== 'ModifyTable') scans.push(`${type} on ${n['Relation Name']}`);
    if (type === 'Seq Scan' && (GROWING as readonly string[]).includes(n['Relation Name'] ?? ''))
      seqScans.push(n['Relation Name']!);
    n.Plans?.forEach(walk);
  };
  walk(root);
  return { plan: chain.join(' → '), scans: [...new Set(scans)], seqScans: [...new Set(seqScans)] };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query built as the application builds it. */
async function explain(
  db: Knex,
  query: string,
  kind: PlanFigures['kind'],
  builder: Knex.QueryBuilder | Knex.Raw,
): Promise<PlanFigures> {
  const { sql, bindings } = builder.toSQL();
  const result = await db.raw<{ rows: { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }[] }>(
    `explain (analyze, buffers, format json) ${sql}`,
    bindings,
  );
  const out = result.rows[0]!['QUERY PLAN'][0]!;
  const buffers = (out.Plan['Shared Hit Blocks'] ?? 0) + (out.Plan['Shared Read Blocks'] ?? 0);
  return { query, kind, ...summarisePlan(out.Plan), ms: out['Execution Time'], buffers };
}

/** Runs `work` in a transaction that is rolled back: EXPLAIN ANALYZE of a write really writes. */
async function rolledBack<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const trx = await db.transaction();
  try {
    return await work(trx);
  } finally {
    await trx.rollback();
  }
}

interface Sample {
  application: { number: string; mobile: string };
  complaint: string;
  officer: string;
}

/**
 * The queries of the status and inbox reads, of intake (a complaint, an application, and the first
 * projection each workflow writes) and of the worker's stranded-case sweep, with real cases' values.
 */
async function queryPlans(db: Knex, sample: Sample): Promise<PlanFigures[]> {
  const { number } = sample.application;
  const complaint = (await db('complaints').where({ number: sample.complaint }).first()) as Record<
    string,
    unknown
  >;
  const application = (await db('applications').where({ number }).first()) as Record<string, unknown>;
  const plans: PlanFigures[] = [];
  const add = async (query: string, kind: PlanFigures['kind'], builder: Knex.QueryBuilder | Knex.Raw) =>
    plans.push(await explain(db, query, kind, builder));

  // GET /api/v1/applications/:number (server/routes/applications.ts, applicationFacts)
  await add('status: the application', 'read', db('applications').where({ number }).first());
  await add(
    'status: its officers’ tasks',
    'read',
    db('officerTasks').where({ applicationNumber: number }).pluck('officerCode'),
  );
  await add(
    'status: its timeline',
    'read',
    db('applicationEvents')
      .where({ applicationNumber: number })
      .orderBy('seq')
      .select('seq', 'at', 'type', 'actor', 'details'),
  );
  await add(
    'status: its documents',
    'read',
    db('documents')
      .where({ applicationNumber: number })
      .orderBy('id')
      .select('serial', 'kind', 'issuedOn', 'status'),
  );
  // GET /api/v1/complaints?mine=1 (server/routes/complaints.ts)
  await add(
    'inbox: an officer’s open complaints',
    'read',
    complaintList(db, { code: sample.officer, roles: ['complaint_l1'] }, { mine: '1' }),
  );

  // POST /api/v1/complaints (server/complaints/intake.ts): abuse limit, duplicate, insert
  const mobile = complaint.citizenMobile as string;
  await add(
    'complaint intake: the mobile’s calls today',
    'intake',
    db('complaints')
      .where({ citizenMobile: mobile })
      .andWhere('receivedAt', '>=', new Date(Date.now() - 86_400_000))
      .count({ n: '*' })
      .first(),
  );
  await add(
    'complaint intake: an open duplicate',
    'intake',
    db('complaints')
      .where({
        citizenMobile: mobile,
        subjectCode: complaint.subjectCode,
        districtCode: complaint.districtCode,
      })
      .andWhere('blockCode', complaint.blockCode as string)
      .whereNot({ status: 'closed' })
      .orderBy('id')
      .first('number', 'status'),
  );
  // A number no case has (the insert is rolled back anyway).
  const fresh = (n: string) => `${n}/explain`;
  const { id: _c, createdAt: _cc, updatedAt: _cu, ...complaintRow } = complaint;
  await rolledBack(db, async (trx) => {
    plans.push(
      await explain(
        trx,
        'complaint intake: insert',
        'intake',
        trx('complaints').insert({
          ...complaintRow,
          number: fresh(sample.complaint),
          state: null,
          workflowInput: JSON.stringify(complaint.workflowInput),
        }),
      ),
    );
  });
  await rolledBack(db, async (trx) =>
    plans.push(
      await explain(
        trx,
        'complaint projection: upsert',
        'intake',
        trx('complaints')
          .insert({
            ...complaintRow,
            state: JSON.stringify(complaint.state),
            workflowInput: JSON.stringify(complaint.workflowInput),
          })
          .onConflict('number')
          .merge([
            'status',
            'level',
            'assignedOfficerCode',
            'levelDueAt',
            'breached',
            'closure',
            'state',
            'projectionSeq',
            'closedAt',
            'updatedAt',
          ])
          .where('complaints.projection_seq', '<=', complaint.projectionSeq as number),
      ),
    ),
  );
  // POST /api/v1/applications (server/applications/intake.ts) and its first projection
  const { id: _a, createdAt: _ac, updatedAt: _au, ...applicationRow } = application;
  const jsonColumns = {
    fields: JSON.stringify(application.fields),
    state: JSON.stringify(application.state),
    workflowInput: JSON.stringify(application.workflowInput),
  };
  await rolledBack(db, async (trx) => {
    plans.push(
      await explain(
        trx,
        'application intake: insert',
        'intake',
        trx('applications').insert({
          ...applicationRow,
          ...jsonColumns,
          number: fresh(number),
          state: null,
        }),
      ),
    );
  });
  await rolledBack(db, async (trx) =>
    plans.push(
      await explain(
        trx,
        'application projection: upsert',
        'intake',
        trx('applications')
          .insert({ ...applicationRow, ...jsonColumns })
          .onConflict('number')
          .merge([
            'status',
            'dueDate',
            'breached',
            'clockPaused',
            'certificateSerial',
            'state',
            'projectionSeq',
            'updatedAt',
          ])
          .where('applications.projection_seq', '<=', application.projectionSeq as number),
      ),
    ),
  );
  await rolledBack(db, async (trx) =>
    plans.push(
      await explain(
        trx,
        'application projection: close stale tasks',
        'intake',
        trx('officerTasks')
          .where({ applicationNumber: number, open: true })
          .whereRaw(`not (kind || '|' || officer_code = any(?))`, [['decide|nobody']])
          .update({ open: false, updatedAt: trx.fn.now() }),
      ),
    ),
  );
  // The worker's sweep for cases stored but never started (server/stranded-cases.ts), every minute.
  for (const table of ['complaints', 'applications'] as const) {
    await add(
      `sweep: ${table} never started`,
      'background',
      db(table)
        .whereNull('state')
        .whereNotNull('workflowInput')
        .where('createdAt', '<', new Date(Date.now() - 120_000))
        .orderBy('createdAt')
        .limit(100)
        .select('number', 'workflowInput'),
    );
  }
  return plans;
}

// ---- Latency at each step --------------------------------------------------------------------------

interface IntakeFigures extends Record<string, number> {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

const intakeFigures = (load: LoadResult): IntakeFigures => ({
  perSecond: load.perSecond,
  p50Ms: load.p50Ms,
  p99Ms: load.p99Ms,
  failed: load.failed,
});

interface StepFigures {
  rows: number;
  /** Filler cases added to reach this step, and how long it took (inserts and ANALYZE). */
  added: number;
  growSeconds: number;
  /** Total size (heap, indexes, TOAST) of the growing tables, MiB. */
  sizeMiB: Record<string, number>;
  complaints: IntakeFigures;
  applications: IntakeFigures;
  projectionsMissing: number;
  status: ReadFigures;
  inbox: ReadFigures;
  /** Complaints the inbox read answers with. */
  inboxRows: number;
  plans: PlanFigures[];
}

/** "10k", "1M": a step's size for labels. */
function rowsLabel(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

export async function growthScenario(bench: BenchStack, options: GrowthOptions): Promise<ScenarioReport> {
  const { db } = bench;
  const steps = [...options.steps].sort((a, b) => a - b);
  const vocab = await vocabulary(db, options.extraOfficers);
  const now = new Date();
  const watch = new ProjectionWatch(bench);
  watch.start();
  const submit = submitters(bench, watch);
  const figures: StepFigures[] = [];
  const errors = new Set<string>();
  try {
    // Warm the paths (connections, caches, the workflows' first tasks) before the first step.
    await closedLoop(2, 2, () => submit.complaint());
    await closedLoop(2, 2, () => submit.application());
    await watch.drain(options.projectionWaitMs);

    for (const rows of steps) {
      const started = performance.now();
      const added =
        (await grow(db, 'complaints', rows, vocab, options.batch, now)) +
        (await grow(db, 'applications', rows, vocab, options.batch, now));
      await db.raw(`analyze ${GROWING.join(', ')}`);
      const growSeconds = (performance.now() - started) / 1000;
      const sizes = await db.raw<{ rows: { table: string; bytes: string }[] }>(
        `select relname as table, pg_total_relation_size(oid) as bytes from pg_class where relname = any(?)`,
        [[...GROWING]],
      );
      const sizeMiB = Object.fromEntries(sizes.rows.map((r) => [r.table, Number(r.bytes) / 2 ** 20]));

      // Intake: real submissions over HTTP, each kind in turn, at the given concurrency.
      const first = {
        complaint: submit.numbers.complaints.length,
        application: submit.numbers.applications.length,
      };
      const intake = { complaints: [] as IntakeFigures[], applications: [] as IntakeFigures[] };
      let projectionsMissing = 0;
      for (let r = 0; r < options.repeats; r += 1) {
        for (const kind of ['complaints', 'applications'] as const) {
          const load = await closedLoop(options.concurrency, options.submissions, () =>
            kind === 'complaints' ? submit.complaint() : submit.application(),
          );
          load.errors.forEach((e) => errors.add(`${rowsLabel(rows)} ${kind}: ${e}`));
          intake[kind].push(intakeFigures(load));
        }
        projectionsMissing += (await watch.drain(options.projectionWaitMs)).missing;
      }
      const application = submit.numbers.applications[first.application];
      const complaint = submit.numbers.complaints[first.complaint];
      if (!application || !complaint) throw new Error(`no real case was registered at ${rows} rows`);
      // The L1 officer intake routed it to (its first projection may not show the assignment yet).
      const routed: { workflowInput: { routing: { officers: { L1: { code: string } | null } } } } = await db(
        'complaints',
      )
        .where({ number: complaint })
        .first('workflowInput');
      const officer = routed.workflowInput.routing.officers.L1?.code;
      if (!officer) throw new Error(`complaint ${complaint} was routed to no L1 officer`);

      // Reads: this step's first application, and the inbox of the officer its complaints went to.
      const statusUrl = bench.api(
        `/applications/${application.number.replace(/\//g, '-')}?mobile=${application.mobile}`,
      );
      const inboxUrl = bench.api('/complaints?mine=1');
      const { authorization } = bench.bearer(officer);
      const status = await fetch(statusUrl);
      const inboxAnswer = await fetch(inboxUrl, { headers: { authorization } });
      if (!status.ok || !inboxAnswer.ok)
        throw new Error(
          `reads at ${rows} rows: status HTTP ${status.status}, inbox HTTP ${inboxAnswer.status}`,
        );
      const inboxRows = ((await inboxAnswer.json()) as { complaints: unknown[] }).complaints.length;
      const reads = { status: [] as ReadFigures[], inbox: [] as ReadFigures[] };
      const headers = [`authorization=${authorization}`];
      const readLoad = { connections: options.readConnections, seconds: options.readSeconds };
      await autocannon(statusUrl, { connections: options.readConnections, seconds: 1 });
      await autocannon(inboxUrl, { connections: options.readConnections, seconds: 1 }, headers);
      for (let r = 0; r < options.repeats; r += 1) {
        reads.status.push(await autocannon(statusUrl, readLoad));
        reads.inbox.push(await autocannon(inboxUrl, readLoad, headers));
      }

      figures.push({
        rows,
        added,
        growSeconds,
        sizeMiB,
        complaints: medianOf(intake.complaints),
        applications: medianOf(intake.applications),
        projectionsMissing,
        status: medianOf(reads.status),
        inbox: medianOf(reads.inbox),
        inboxRows,
        plans: await queryPlans(db, { application, complaint, officer }),
      });
    }
  } finally {
    watch.stop();
  }
  return growthReport(options, figures, [...errors]);
}

function growthReport(options: GrowthOptions, figures: StepFigures[], errors: string[]): ScenarioReport {
  const first = figures[0]!;
  const last = figures[figures.length - 1]!;
  const labels = figures.map((f) => rowsLabel(f.rows));
  const mib = (f: StepFigures, tables: string[]) => tables.reduce((sum, t) => sum + (f.sizeMiB[t] ?? 0), 0);
  const pair = (f: { p50Ms: number; p99Ms: number }) => `${fmt(f.p50Ms)} / ${fmt(f.p99Ms)}`;
  const growthRatio = (pick: (f: StepFigures) => number) => ratio(pick(last), pick(first));
  const seqScans = last.plans.filter((p) => p.seqScans.length > 0);

  const planTables: Table[] = figures.map((f) => ({
    caption: `Query plans at ${rowsLabel(f.rows)} rows (EXPLAIN ANALYZE, BUFFERS)`,
    header: ['Query', 'Kind', 'Plan', 'Scans', 'Index used', 'ms', 'Buffers'],
    rows: f.plans.map((p) => [
      p.query,
      p.kind,
      p.plan,
      p.scans.join(', ') || '—',
      p.seqScans.length > 0 ? `no: Seq Scan on ${p.seqScans.join(', ')}` : p.scans.length > 0 ? 'yes' : '—',
      fmt(p.ms, 2),
      String(p.buffers),
    ]),
  }));

  const targets: TargetCheck[] = [
    {
      what: `query plans at ${rowsLabel(last.rows)} rows: reads, intake and the worker's sweep`,
      target: 'no sequential scan of a growing table',
      measured:
        seqScans.length === 0
          ? `none of ${last.plans.length} queries`
          : seqScans.map((p) => `${p.query} (Seq Scan on ${p.seqScans.join(', ')})`).join('; '),
      pass: seqScans.length === 0,
    },
    ...(['complaints', 'applications'] as const).map((kind) => ({
      what: `${kind} intake p50 at ${rowsLabel(last.rows)} ÷ at ${rowsLabel(first.rows)} rows`,
      target: '≤ 1.5×',
      measured: `${fmt(
        growthRatio((f) => f[kind].p50Ms),
        2,
      )}× (${fmt(last[kind].p50Ms)} vs ${fmt(first[kind].p50Ms)} ms)`,
      pass: growthRatio((f) => f[kind].p50Ms) <= 1.5 && last[kind].failed === 0,
    })),
    ...(['status', 'inbox'] as const).map((read) => ({
      what: `${read} read at ${rowsLabel(last.rows)} rows: p50 ÷ at ${rowsLabel(first.rows)}, and p99`,
      target: '≤ 1.5×, p99 < 50 ms',
      measured: `${fmt(
        growthRatio((f) => f[read].p50Ms),
        2,
      )}× (${fmt(last[read].p50Ms)} vs ${fmt(first[read].p50Ms)} ms), p99 ${fmt(last[read].p99Ms)} ms`,
      pass: growthRatio((f) => f[read].p50Ms) <= 1.5 && last[read].p99Ms < 50 && last[read].bad === 0,
    })),
  ];

  const series = [
    { name: 'complaint intake', values: figures.map((f) => f.complaints.p50Ms) },
    { name: 'application intake', values: figures.map((f) => f.applications.p50Ms) },
    { name: 'status read', values: figures.map((f) => f.status.p50Ms) },
    { name: 'inbox read', values: figures.map((f) => f.inbox.p50Ms) },
  ];

  return {
    id: '6-growth',
    title: '6. Growth',
    notes: [
      `Steps of ${labels.join(', ')} rows in each of \`complaints\` and \`applications\`. Before each step, filler cases are inserted by SQL (\`INSERT … SELECT … FROM generate_series\`, ${options.batch.toLocaleString('en-IN')} cases a statement) with their timelines (\`complaint_events\`, \`application_events\`), officers' tasks and documents (a receipt each, a certificate for each delivered application; the PDF bytes are a few-byte stand-in), then \`ANALYZE\`. The filler is history, not live cases: no workflow is started for it, it carries a projected state and no workflow input (so the worker's sweep for cases never started leaves it alone), and its numbers are drawn from intake's own counters (\`CMH/2025/…\`, \`LSG/INC/2026/…\`), so no real case can collide with one. Its spread: ${options.extraOfficers.toLocaleString('en-IN')} made-up officers beside the seeded ones, every district and subject of the seed data, 88% of complaints and 90% of applications closed (30 days to a year old; the open ones from the last 30 days), L1–L4, every channel.`,
      `At each step: ${options.submissions} real web complaints and ${options.submissions} income certificate applications over HTTP (closed loop at concurrency ${options.concurrency}; "answered" is the HTTP 201), then autocannon (${options.readConnections} connections, ${options.readSeconds} s, in its own process) on the status of that step's first application and on \`GET /api/v1/complaints?mine=1\` of the L1 officer intake routed that step's complaints to (who also holds a share of the filler); ${options.repeats} repeat(s), medians shown. Then EXPLAIN (ANALYZE, BUFFERS) of the queries those requests and the first projection of their workflows run, built as the code builds them, with the real cases' values (writes in a transaction rolled back), and of the worker's once-a-minute sweep for cases stored but never started.`,
      seqScans.length === 0
        ? `At ${rowsLabel(last.rows)} rows every query reads the growing tables through an index.`
        : `Finding: at ${rowsLabel(last.rows)} rows ${seqScans.map((p) => `"${p.query}" reads ${p.seqScans.join(', ')} by a sequential scan (${fmt(p.ms, 1)} ms, ${p.buffers} buffers)`).join('; ')}.`,
      ...(errors.length > 0 ? [`Failures seen: ${errors.join('; ')}.`] : []),
    ],
    tables: [
      {
        caption: 'Growth steps: filler added (inserts and ANALYZE) and table sizes',
        header: [
          'Rows each',
          'Cases added',
          'Seconds',
          'Cases/s',
          'Complaints + timeline MiB',
          'Applications + timeline, tasks, documents MiB',
        ],
        rows: figures.map((f) => [
          rowsLabel(f.rows),
          String(f.added),
          f.growSeconds,
          f.growSeconds > 0 ? f.added / f.growSeconds : NaN,
          mib(f, ['complaints', 'complaint_events']),
          mib(f, ['applications', 'application_events', 'officer_tasks', 'documents']),
        ]),
      },
      {
        caption: 'Intake by size (median of repeats)',
        header: [
          'Rows each',
          'Complaints p50 / p99 ms',
          'Complaints /s',
          'Applications p50 / p99 ms',
          'Applications /s',
          'Failed or unprojected',
        ],
        rows: figures.map((f) => [
          rowsLabel(f.rows),
          pair(f.complaints),
          f.complaints.perSecond,
          pair(f.applications),
          f.applications.perSecond,
          String(f.complaints.failed + f.applications.failed + f.projectionsMissing),
        ]),
      },
      {
        caption: 'Reads by size (median of repeats)',
        header: [
          'Rows each',
          'Status p50 / p99 ms',
          'Status req/s',
          'Inbox p50 / p99 ms',
          'Inbox req/s',
          'Inbox complaints',
          'Non-2xx or errors',
        ],
        rows: figures.map((f) => [
          rowsLabel(f.rows),
          pair(f.status),
          f.status.perSecond,
          pair(f.inbox),
          f.inbox.perSecond,
          String(f.inboxRows),
          String(f.status.bad + f.inbox.bad),
        ]),
      },
      ...planTables,
    ],
    targets,
    charts: [
      {
        file: 'growth.svg',
        title: 'Growth: p50 latency by rows stored',
        legend: series.map((s) => s.name),
        chart: lineChart({
          title: 'p50 latency (ms)',
          xLabels: labels,
          series,
          unit: ' ms',
          xLabel: 'Rows each',
        }),
      },
    ],
    data: { steps: figures },
  };
}
