// Loads the seed data in db/seeds/data/ into PostgreSQL. Idempotent: places, departments, offices and
// officers are upserted on their codes; a policy's seed is stored as version 1 only if no version 1
// exists (a released policy version is never rewritten).
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { canonicalJson } from '../lib/canonical-json';
import type { Logger } from '../lib/logger';
import { projectRoot } from '../lib/paths';
import type { HolidayCalendarPolicy, PolicyKind } from '../lib/policy';
import { ROLES, type Role } from './models/organisation';

// Seed files are data, read from the source tree (also when running from dist/).
const DATA_DIR = path.join(projectRoot, 'db', 'seeds', 'data');

function readSeed<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')) as T;
}

interface Named {
  code: string;
  nameEn: string;
  nameHi: string;
}

interface SeedJurisdiction {
  division?: string;
  district?: string;
  tehsil?: string;
  block?: string;
  department?: string;
}

interface SeedOffice extends Named, SeedJurisdiction {
  level: string;
}

interface SeedOfficer extends Named {
  designation: string;
  office: string;
  mobile?: string;
  email?: string;
  roles: (SeedJurisdiction & { role: Role })[];
}

type CodeIds = Map<string, number>;

async function upsert(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted: { id: number; code: string }[] = await trx(table)
      .insert(rows.slice(i, i + 500))
      .onConflict('code')
      .merge()
      .returning(['id', 'code']);
    for (const row of inserted) ids.set(row.code, row.id);
  }
  return ids;
}

function idOf(ids: CodeIds, code: string | undefined, what: string, where: string): number | null {
  if (code === undefined || code === null) return null;
  const id = ids.get(code);
  if (id === undefined) throw new Error(`seed data: ${where} names unknown ${what} "${code}"`);
  return id;
}

export interface SeedCounts {
  divisions: number;
  districts: number;
  tehsils: number;
  blocks: number;
  villages: number;
  departments: number;
  offices: number;
  officers: number;
  officerRoles: number;
  complaintSubjects: number;
  schemes: number;
  policiesAdded: PolicyKind[];
}

export async function loadSeedData(knex: Knex, logger: Logger): Promise<SeedCounts> {
  const divisionsSeed = readSeed<Named[]>('divisions.json');
  const districtsSeed = readSeed<(Named & { division: string })[]>('districts.json');
  const tehsilsSeed = readSeed<(Named & { district: string })[]>('tehsils.json');
  const blocksSeed = readSeed<(Named & { district: string })[]>('blocks.json');
  const villagesSeed = readSeed<(Named & { tehsil: string; block: string | null })[]>('villages.json');
  const departmentsSeed = readSeed<Named[]>('departments.json');
  const organisation = readSeed<{ offices: SeedOffice[]; officers: SeedOfficer[] }>('officers.json');
  const holidays = readSeed<Omit<HolidayCalendarPolicy, 'weeklyOff' | 'years'>>('holidays.json');
  const calendarRules = readSeed<{ weeklyOff: number[]; years: number[] }>('calendar.json');

  return knex.transaction(async (trx) => {
    // One loader at a time (several processes may start together against one database).
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['jan-setu:seed']);
    const names = ({ code, nameEn, nameHi }: Named) => ({ code, nameEn, nameHi });

    const divisions = await upsert(trx, 'divisions', divisionsSeed.map(names));
    const districts = await upsert(
      trx,
      'districts',
      districtsSeed.map((d) => ({
        ...names(d),
        divisionId: idOf(divisions, d.division, 'division', d.code),
      })),
    );
    const tehsils = await upsert(
      trx,
      'tehsils',
      tehsilsSeed.map((t) => ({ ...names(t), districtId: idOf(districts, t.district, 'district', t.code) })),
    );
    const blocks = await upsert(
      trx,
      'blocks',
      blocksSeed.map((b) => ({ ...names(b), districtId: idOf(districts, b.district, 'district', b.code) })),
    );
    const villages = await upsert(
      trx,
      'villages',
      villagesSeed.map((v) => ({
        ...names(v),
        tehsilId: idOf(tehsils, v.tehsil, 'tehsil', v.code),
        blockId: v.block ? idOf(blocks, v.block, 'block', v.code) : null,
      })),
    );
    const departments = await upsert(trx, 'departments', departmentsSeed.map(names));

    const jurisdiction = (j: SeedJurisdiction, where: string) => ({
      departmentId: idOf(departments, j.department, 'department', where),
      divisionId: idOf(divisions, j.division, 'division', where),
      districtId: idOf(districts, j.district, 'district', where),
      tehsilId: idOf(tehsils, j.tehsil, 'tehsil', where),
      blockId: idOf(blocks, j.block, 'block', where),
    });
    const offices = await upsert(
      trx,
      'offices',
      organisation.offices.map((o) => ({
        ...names(o),
        level: o.level,
        ...jurisdiction(o, `office ${o.code}`),
      })),
    );
    const officers = await upsert(
      trx,
      'officers',
      organisation.officers.map((o) => ({
        ...names(o),
        designation: o.designation,
        officeId: idOf(offices, o.office, 'office', `officer ${o.code}`),
        mobile: o.mobile ?? null,
        email: o.email ?? null,
      })),
    );
    const roleRows = organisation.officers.flatMap((o) =>
      o.roles.map((r) => {
        if (!(ROLES as readonly string[]).includes(r.role)) {
          throw new Error(`seed data: officer ${o.code} has unknown role "${r.role}"`);
        }
        return {
          officerId: officers.get(o.code)!,
          role: r.role,
          ...jurisdiction(r, `officer ${o.code}`),
          scopeKey: scopeKey(r),
        };
      }),
    );
    if (roleRows.length > 0) {
      await trx('officerRoles').insert(roleRows).onConflict(['officerId', 'role', 'scopeKey']).ignore();
    }

    const subjects = readSeed<
      {
        code: string;
        department: string;
        nameEn: string;
        nameHi: string;
        l1Scope: string;
        corruptionPossible: boolean;
      }[]
    >('complaint-subjects.json');
    for (const subject of subjects)
      idOf(departments, subject.department, 'department', `subject ${subject.code}`);
    await trx('complaintSubjects')
      .insert(
        subjects.map((x) => ({
          code: x.code,
          departmentCode: x.department,
          nameEn: x.nameEn,
          nameHi: x.nameHi,
          l1Scope: x.l1Scope,
          corruptionPossible: x.corruptionPossible,
        })),
      )
      .onConflict('code')
      .merge();
    const schemes =
      readSeed<({ code: string; department: string } & Record<string, unknown>)[]>('schemes.json');
    await trx('schemes')
      .insert(
        schemes.map((x) => ({ code: x.code, departmentCode: x.department, article: JSON.stringify(x) })),
      )
      .onConflict('code')
      .merge();

    const policiesAdded: PolicyKind[] = [];
    const seedPolicy = async (kind: PolicyKind, body: object) => {
      const existing = await trx<{ kind: string; version: number; body: unknown }>('policyVersions')
        .where({ kind, version: 1 })
        .first();
      if (!existing) {
        await trx('policyVersions').insert({
          kind,
          version: 1,
          body: JSON.stringify(body),
          createdBy: 'seed',
          note: 'seed data',
        });
        policiesAdded.push(kind);
      } else if (canonicalJson(existing.body) !== canonicalJson(body)) {
        logger.warn(
          { kind },
          'seed policy differs from stored version 1; stored version kept (publish a new version to change it)',
        );
      }
    };
    await seedPolicy('service-catalogue', readSeed<object>('service-catalogue.json'));
    await seedPolicy('escalation-ladder', readSeed<object>('escalation-ladder.json'));
    await seedPolicy('holiday-calendar', { ...calendarRules, ...holidays });

    return {
      divisions: divisions.size,
      districts: districts.size,
      tehsils: tehsils.size,
      blocks: blocks.size,
      villages: villages.size,
      departments: departments.size,
      offices: offices.size,
      officers: officers.size,
      officerRoles: roleRows.length,
      complaintSubjects: subjects.length,
      schemes: schemes.length,
      policiesAdded,
    };
  });
}

/** The natural key of a role's jurisdiction, e.g. "district:bhopal/department:revenue". */
export function scopeKey(j: SeedJurisdiction): string {
  const parts = (['division', 'district', 'tehsil', 'block', 'department'] as const)
    .filter((k) => j[k])
    .map((k) => `${k}:${j[k]}`);
  return parts.length > 0 ? parts.join('/') : 'state';
}
