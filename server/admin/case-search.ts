// The admin's case search over the read model: applications and complaints in one list, by
// number, status, service, district, escalation level and breach. Never asks Temporal.
import type { Knex } from 'knex';

export interface CaseFilters {
  number?: string;
  kind?: 'application' | 'complaint';
  status?: string;
  service?: string;
  district?: string;
  level?: string;
  breached?: boolean;
}

export interface CaseRow {
  kind: 'application' | 'complaint';
  number: string;
  status: string;
  districtCode: string;
  what: string; // service code or complaint subject code
  level: string | null;
  dueAt: string | null;
  breached: boolean;
  receivedAt: string;
}

export const SEARCH_LIMIT = 100;

export async function searchCases(db: Knex, f: CaseFilters): Promise<CaseRow[]> {
  const applications = db('applications').select(
    db.raw("'application' as kind"),
    'number',
    'status',
    'districtCode',
    db.raw('service_code as what'),
    db.raw('null::text as level'),
    db.raw('due_date::timestamptz as due_at'),
    'breached',
    'receivedAt',
  );
  const complaints = db('complaints').select(
    db.raw("'complaint' as kind"),
    'number',
    'status',
    'districtCode',
    db.raw('subject_code as what'),
    'level',
    db.raw('level_due_at as due_at'),
    'breached',
    'receivedAt',
  );
  for (const q of [applications, complaints]) {
    if (f.number) q.whereILike('number', `%${f.number.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    if (f.status) q.where('status', f.status);
    if (f.district) q.where('districtCode', f.district);
    if (f.breached !== undefined) q.where('breached', f.breached);
  }
  if (f.service) applications.where('serviceCode', f.service);
  if (f.level) complaints.where('level', f.level);
  const parts =
    f.kind === 'application' || f.service
      ? [applications]
      : f.kind === 'complaint' || f.level
        ? [complaints]
        : [applications, complaints];
  const union =
    parts.length === 1 ? db.raw('(?) as cases', [parts[0]!]) : db.raw('(? union all ?) as cases', parts);
  const rows = await db.from(union).orderBy('receivedAt', 'desc').limit(SEARCH_LIMIT).select('*');
  return rows.map((r: Record<string, unknown>) => ({
    kind: r.kind as CaseRow['kind'],
    number: r.number as string,
    status: r.status as string,
    districtCode: r.districtCode as string,
    what: r.what as string,
    level: (r.level as string | null) ?? null,
    dueAt: r.dueAt ? new Date(r.dueAt as string).toISOString() : null,
    breached: Boolean(r.breached),
    receivedAt: new Date(r.receivedAt as string).toISOString(),
  }));
}
