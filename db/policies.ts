// Reading and publishing policy versions. Publishing never edits a version: it adds the next one.
import type { Knex } from 'knex';
import type { HolidayCalendarPolicy, PolicyKind } from '../lib/policy';
import { PolicyVersion } from './models';

export async function currentPolicy(kind: PolicyKind, trx?: Knex): Promise<PolicyVersion | undefined> {
  return PolicyVersion.query(trx).where({ kind }).orderBy('version', 'desc').first();
}

export async function policyVersion(
  kind: PolicyKind,
  version: number,
  trx?: Knex,
): Promise<PolicyVersion | undefined> {
  return PolicyVersion.query(trx).findOne({ kind, version });
}

/** Adds the next version of a policy; concurrent publishers cannot both take the same number. */
export async function publishPolicy(
  knex: Knex,
  kind: PolicyKind,
  body: object,
  createdBy: string,
  note?: string,
): Promise<PolicyVersion> {
  return PolicyVersion.transaction(knex, async (trx) => {
    // Serialise publishers of one kind; the unique (kind, version) index is the last line of defence.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`policy:${kind}`]);
    const latest = await currentPolicy(kind, trx);
    return PolicyVersion.query(trx).insertAndFetch({
      kind,
      version: (latest?.version ?? 0) + 1,
      body,
      createdBy,
      note: note ?? null,
    });
  });
}

export async function currentHolidayCalendar(
  trx?: Knex,
): Promise<{ version: number; body: HolidayCalendarPolicy }> {
  const row = await currentPolicy('holiday-calendar', trx);
  if (!row) throw new Error('no holiday calendar is loaded: run migrations and seed data');
  return { version: row.version, body: row.body as HolidayCalendarPolicy };
}
