// Versioned policy documents: the service catalogue, the escalation ladder and the holiday calendar.
// A version is never changed once written; a running case keeps the version it started with.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policy_versions', (t) => {
    t.increments('id');
    t.text('kind').notNullable();
    t.integer('version').notNullable();
    t.jsonb('body').notNullable();
    t.text('note');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['kind', 'version']);
  });
  await knex.raw(
    `alter table policy_versions add constraint policy_versions_kind_check
     check (kind in ('service-catalogue', 'escalation-ladder', 'holiday-calendar'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('policy_versions');
}
