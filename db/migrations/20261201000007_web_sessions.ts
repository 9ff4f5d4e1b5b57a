// Signing in to the web pages: server-side sessions (the cookie holds only a random token, the
// table its hash), one-time passwords for citizens (hashed, single use, expiring) and staff
// passwords (bcrypt, with a lockout after repeated failures).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('web_sessions', (t) => {
    t.text('token_hash').primary(); // sha256 of the cookie's token
    t.text('kind').notNullable(); // citizen | staff
    t.text('subject').notNullable(); // the citizen's mobile or the officer's code
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
    t.index(['kind', 'subject']);
  });
  await knex.schema.createTable('otp_challenges', (t) => {
    t.increments('id');
    t.text('mobile').notNullable();
    t.text('code_hash').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['mobile', 'created_at']);
  });
  await knex.schema.createTable('staff_credentials', (t) => {
    t.text('officer_code').primary().references('officers.code').onDelete('CASCADE');
    t.text('password_hash').notNullable();
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamps(true, true);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['staff_credentials', 'otp_challenges', 'web_sessions']) {
    await knex.schema.dropTable(table);
  }
}
