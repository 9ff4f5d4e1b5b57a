// An officer's inbox (GET /api/v1/complaints?mine=1, server/routes/complaints.ts complaintList):
// their open complaints, soonest due first, the first 200. With only an index on the officer,
// PostgreSQL fetches every complaint the officer ever had, open and closed, and sorts the open
// ones: 35 ms for an L1 officer holding 8,000 open complaints (scenarios 2 and 6 of
// docs/benchmarks.md). Partial over open complaints and in the list's order, the first 200 are
// the first 200 entries: the read stops there. Closed complaints (most of the table) are not in it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index complaints_officer_inbox_idx on complaints (assigned_officer_code, level_due_at, number)
      where status <> 'closed'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index complaints_officer_inbox_idx');
}
