// Monthly grades of districts and departments (CM Helpline 181), one row per unit per month; and
// the Action Taken Reports owed to CPGRAMS; and complaint attachments.
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
  // Action Taken Reports owed to the central CPGRAMS portal, one per grievance, until sent.
  await knex.schema.createTable('cpgrams_action_taken_reports', (t) => {
    t.text('registration_number').primary();
    t.text('complaint_number').notNullable().unique();
    t.jsonb('report').notNullable();
    t.text('status').notNullable().defaultTo('pending'); // pending | sent
    t.timestamp('sent_at', { useTz: true });
    t.timestamps(true, true);
  });
  // Files a citizen or officer attaches: kept here, outside the workflow (which holds only ids).
  await knex.schema.createTable('complaint_attachments', (t) => {
    t.uuid('id').primary();
    t.text('complaint_number').index(); // null until the registration that cites it
    t.text('file_name').notNullable();
    t.text('mime_type').notNullable(); // sniffed from the bytes, not taken from the request
    t.integer('size_bytes').notNullable();
    t.text('sha256').notNullable();
    t.binary('content').notNullable();
    t.text('uploaded_by').notNullable(); // mobile or officer code
    t.timestamps(true, true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('complaint_attachments');
  await knex.schema.dropTable('cpgrams_action_taken_reports');
  await knex.schema.dropTable('complaint_grades');
}
