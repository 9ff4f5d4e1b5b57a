// Tables for the CPGRAMS exchange: grievances pulled and reports pushed. Each grievance pulled is
// kept once (by its registration number) with the complaint it became; the feed's cursor survives
// restarts; each push (status update, Action Taken Report) keeps its idempotency key and payload
// until the portal has acknowledged it, so a failed push is retried, never lost, never doubled.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cpgrams_grievances', (t) => {
    t.bigIncrements('id'); // pull order: registration and pushes go oldest first
    t.text('registration_number').notNullable().unique(); // DARPG/E/2026/0012345
    t.text('complaint_number').unique().references('complaints.number'); // null until registered
    // As the portal sent them (checked when mapped, so one odd record never stops a page).
    t.date('received_date'); // at the central portal
    t.timestamp('forwarded_at', { useTz: true }); // to the state
    t.text('organisation_code');
    t.text('organisation_name');
    t.text('category');
    t.text('citizen_district'); // as given, before mapping
    t.jsonb('grievance').notNullable(); // the record as first pulled
    t.integer('times_pulled').notNullable().defaultTo(1);
    t.timestamp('last_pulled_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('registered_at', { useTz: true });
    t.integer('registration_attempts').notNullable().defaultTo(0);
    t.text('registration_problem'); // why it is not registered yet (mapping, refusal, outage)
    // Status updates sent back: the last acknowledged signature (status|level|interim replies), how
    // many were acknowledged (the next key's number), and the one in flight.
    t.text('status_signature_sent');
    t.integer('status_updates_sent').notNullable().defaultTo(0);
    t.jsonb('pending_status_update'); // { idempotencyKey, signature, update }
    t.timestamp('status_sent_at', { useTz: true });
    t.integer('status_push_attempts').notNullable().defaultTo(0);
    t.text('status_push_error');
    t.timestamps(true, true);
  });
  await knex.raw(
    'create index cpgrams_grievances_unregistered on cpgrams_grievances (id) where complaint_number is null',
  );

  // Where the next pull of a feed starts.
  await knex.schema.createTable('cpgrams_cursors', (t) => {
    t.text('feed').primary(); // 'grievances'
    t.text('cursor');
    t.timestamp('pulled_at', { useTz: true });
    t.timestamps(true, true);
  });

  // Push state of the Action Taken Reports the complaint workflow files (table made in 0006).
  await knex.schema.alterTable('cpgrams_action_taken_reports', (t) => {
    t.text('idempotency_key'); // set before the first attempt, the same on every retry
    t.jsonb('payload'); // the ATR as sent, built once
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('last_attempt_at', { useTz: true });
    t.text('last_error');
    t.text('receipt_id'); // the portal's acknowledgement
    t.index(['status', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cpgrams_action_taken_reports', (t) => {
    t.dropIndex(['status', 'created_at']);
    for (const column of [
      'idempotency_key',
      'payload',
      'attempts',
      'last_attempt_at',
      'last_error',
      'receipt_id',
    ])
      t.dropColumn(column);
  });
  await knex.schema.dropTable('cpgrams_cursors');
  await knex.schema.dropTable('cpgrams_grievances');
}
