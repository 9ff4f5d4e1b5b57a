// API keys of machine clients (Open311 apps, the CPGRAMS exchange): only the sha256 of each key is
// kept, with the scopes it grants; revoking stamps revoked_at (rows are never deleted, so a key
// that once worked stays traceable). And what an Open311 client sent beyond the complaint itself:
// the point and the address it gave, and which key it used.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_keys', (t) => {
    t.increments('id');
    t.text('client_name').notNullable().index();
    t.text('key_hash').notNullable().unique(); // sha256 (hex) of the key; the key itself is shown once
    t.specificType('scopes', 'text[]').notNullable().defaultTo('{}'); // e.g. {open311:post}
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
  });
  await knex.schema.createTable('open311_requests', (t) => {
    t.text('complaint_number').primary().references('complaints.number').onDelete('CASCADE');
    t.integer('api_key_id').notNullable().references('api_keys.id').index();
    t.double('lat');
    t.double('long');
    t.text('address_string');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('open311_requests');
  await knex.schema.dropTable('api_keys');
}
