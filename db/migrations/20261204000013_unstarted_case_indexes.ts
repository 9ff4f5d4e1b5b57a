// Indexes for the worker's sweep for cases stored but never started (server/stranded-cases.ts),
// which every worker runs every minute. Without them it reads the whole of `complaints` and
// `applications` each time (a sequential scan: scenario 6 of docs/benchmarks.md measured it as
// the tables grew). Partial, over exactly the rows the sweep looks for (stored, no state projected
// yet): they hold only the cases in flight, so they stay tiny however many cases are stored.
import type { Knex } from 'knex';

const TABLES = ['complaints', 'applications'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.raw(`
      create index ${table}_not_started_idx on ${table} (created_at)
        where state is null and workflow_input is not null`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) await knex.raw(`drop index ${table}_not_started_idx`);
}
