// The read model of Lok Seva Guarantee applications, written by activities (idempotently), so
// status pages and officer inboxes never need to ask Temporal. Also the registries that must hold
// exactly one row per fact: issued documents, penalties, payments and the message outbox.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('application_counters', (t) => {
    t.text('service_code').notNullable();
    t.integer('year').notNullable();
    t.integer('last_number').notNullable().defaultTo(0);
    t.primary(['service_code', 'year']);
  });
  await knex.schema.createTable('applications', (t) => {
    t.increments('id');
    t.text('number').notNullable().unique(); // LSG/INC/2026/000123, also the workflow id
    t.text('idempotency_key').unique();
    t.text('service_code').notNullable().index();
    t.text('status').notNullable();
    t.text('channel').notNullable();
    t.text('district_code').notNullable();
    t.text('tehsil_code').notNullable();
    t.text('village_code').notNullable();
    t.text('applicant_name').notNullable();
    t.text('applicant_mobile').notNullable().index();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.date('due_date').notNullable().index();
    t.boolean('breached').notNullable().defaultTo(false);
    t.boolean('clock_paused').notNullable().defaultTo(false);
    t.text('designated_officer_code').notNullable().index();
    t.integer('catalogue_version').notNullable();
    t.integer('calendar_version').notNullable();
    t.text('certificate_serial');
    t.jsonb('fields').notNullable();
    t.jsonb('workflow_input'); // what the workflow was (or is to be) started with
    t.jsonb('state'); // the workflow's state as last projected
    t.integer('projection_seq').notNullable().defaultTo(0);
    t.timestamps(true, true);
    t.index(['district_code', 'status']);
  });
  await knex.schema.createTable('application_events', (t) => {
    t.increments('id');
    t.text('application_number').notNullable().references('applications.number').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('type').notNullable();
    t.text('actor');
    t.jsonb('details').notNullable();
    t.unique(['application_number', 'seq']);
  });
  await knex.schema.createTable('officer_tasks', (t) => {
    t.increments('id');
    t.text('application_number').notNullable().references('applications.number').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('officer_code').notNullable();
    t.date('due_date');
    t.boolean('open').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.unique(['application_number', 'kind', 'officer_code']);
    t.index(['officer_code', 'open']);
  });
  await knex.schema.createTable('documents', (t) => {
    t.increments('id');
    t.text('serial').notNullable().unique();
    t.text('application_number').notNullable().references('applications.number').index();
    t.text('kind').notNullable();
    t.date('issued_on').notNullable();
    t.date('valid_until');
    t.text('status').notNullable().defaultTo('valid'); // valid | revoked
    t.text('revoked_reason');
    t.jsonb('facts');
    t.text('qr_payload');
    t.binary('pdf').notNullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('penalties', (t) => {
    t.increments('id');
    t.text('application_number').notNullable().references('applications.number');
    t.text('appeal_level').notNullable();
    t.text('officer_code').notNullable().index(); // the designated officer who pays
    t.text('ordered_by').notNullable();
    t.text('kind').notNullable(); // delay | lump-sum
    t.integer('days_of_delay');
    t.integer('amount_rupees').notNullable();
    t.date('ordered_on').notNullable();
    t.text('remarks');
    t.text('status').notNullable().defaultTo('imposed'); // imposed | paid | recovered
    t.text('payable_to').notNullable().defaultTo('applicant');
    t.timestamps(true, true);
    t.unique(['application_number', 'appeal_level']);
  });
  await knex.schema.createTable('payments', (t) => {
    t.text('order_id').primary();
    t.text('application_number').notNullable().references('applications.number').index();
    t.integer('amount_paise').notNullable();
    t.text('payment_url').notNullable();
    t.text('status').notNullable().defaultTo('created'); // created | paid
    t.text('payment_id').unique();
    t.timestamp('paid_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.schema.createTable('outbox_messages', (t) => {
    t.increments('id');
    t.text('dedupe_key').notNullable().unique();
    t.text('recipient_mobile');
    t.text('officer_code');
    t.text('template').notNullable();
    t.jsonb('params').notNullable();
    t.text('body_en').notNullable();
    t.text('body_hi').notNullable();
    t.text('status').notNullable().defaultTo('pending'); // pending | sent | failed
    t.text('provider_id');
    t.timestamp('sent_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['status', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'outbox_messages',
    'payments',
    'penalties',
    'documents',
    'officer_tasks',
    'application_events',
    'applications',
    'application_counters',
  ]) {
    await knex.schema.dropTable(table);
  }
}
