// The read model of CM Helpline 181 complaints (written by activities), complaint subjects and the
// scheme knowledge base (seed data), attachments (kept outside the workflow) and monthly grades.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('complaint_subjects', (t) => {
    t.text('code').primary();
    t.text('department_code').notNullable().index();
    t.text('name_en').notNullable();
    t.text('name_hi').notNullable();
    t.text('l1_scope').notNullable(); // tehsil | block
    t.boolean('corruption_possible').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('schemes', (t) => {
    t.text('code').primary();
    t.text('department_code').notNullable();
    t.jsonb('article').notNullable(); // names, summary, eligibility, how to apply (en + hi), keywords
  });
  await knex.schema.createTable('complaint_counters', (t) => {
    t.integer('year').primary();
    t.integer('last_number').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('complaints', (t) => {
    t.increments('id');
    t.text('number').notNullable().unique(); // CMH/2026/000123, also the workflow id
    t.text('idempotency_key').unique();
    t.text('call_type').notNullable();
    t.text('sub_type');
    t.text('channel').notNullable();
    t.text('citizen_name').notNullable();
    t.text('citizen_mobile').notNullable();
    t.text('district_code').notNullable();
    t.text('tehsil_code');
    t.text('block_code');
    t.text('village_code');
    t.text('department_code').notNullable();
    t.text('subject_code').notNullable();
    t.text('description').notNullable();
    t.text('status').notNullable();
    t.text('level').notNullable().defaultTo('L1');
    t.text('assigned_officer_code').index();
    t.text('queue');
    t.boolean('routing_flagged').notNullable().defaultTo(false);
    t.timestamp('level_due_at', { useTz: true });
    t.boolean('breached').notNullable().defaultTo(false);
    t.text('closure');
    t.boolean('hidden').notNullable().defaultTo(false); // Mahila Helpline: never in public lists
    t.text('linked_to'); // a duplicate's open complaint
    t.integer('ladder_version').notNullable();
    t.jsonb('workflow_input');
    t.jsonb('state');
    t.integer('projection_seq').notNullable().defaultTo(0);
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['citizen_mobile', 'subject_code', 'status']);
    t.index(['district_code', 'status']);
    t.index(['department_code', 'status']);
    t.index(['level', 'status']);
  });
  await knex.schema.createTable('complaint_events', (t) => {
    t.increments('id');
    t.text('complaint_number').notNullable().references('complaints.number').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('type').notNullable();
    t.text('actor');
    t.jsonb('details').notNullable();
    t.unique(['complaint_number', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'complaint_events',
    'complaints',
    'complaint_counters',
    'schemes',
    'complaint_subjects',
  ]) {
    await knex.schema.dropTable(table);
  }
}
