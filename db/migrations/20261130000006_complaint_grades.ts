// Monthly grades of districts and departments (CM Helpline 181), one row per unit per month.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('complaint_grades', (t) => {
    t.increments('id');
    t.text('month').notNullable(); // YYYY-MM
    t.text('scope').notNullable(); // district | department
    t.text('code').notNullable();
    t.decimal('score', 5, 2).notNullable();
    t.text('grade').notNullable();
    t.jsonb('components').notNullable();
    t.jsonb('counts').notNullable();
    t.integer('ladder_version').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['month', 'scope', 'code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('complaint_grades');
}
