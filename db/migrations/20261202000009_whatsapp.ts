// Tables for the WhatsApp bot: inbound messages seen (one row per WhatsApp message id, so a
// redelivered webhook is processed once) and each sender's conversation state (expires when idle).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('whatsapp_inbound_messages', (t) => {
    t.text('message_id').primary(); // wamid.…, unique per message at WhatsApp
    t.text('wa_id').notNullable(); // the sender: mobile with country code, e.g. 919876543210
    t.text('profile_name');
    t.text('type').notNullable(); // text | interactive | button | image | …
    t.text('text'); // what the sender typed or chose
    t.timestamp('sent_at', { useTz: true }).notNullable(); // the message's own timestamp
    // received: claimed for processing (or its processing crashed) | processed
    t.text('status').notNullable().defaultTo('received');
    t.integer('attempts').notNullable().defaultTo(1);
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('processed_at', { useTz: true });
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['wa_id', 'sent_at']);
    t.index(['status', 'claimed_at']);
  });
  await knex.schema.createTable('whatsapp_conversations', (t) => {
    t.text('wa_id').primary();
    t.jsonb('state').notNullable(); // the dialogue step and what it has gathered so far
    t.integer('version').notNullable().defaultTo(0); // optimistic concurrency between two messages
    t.text('last_message_id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('whatsapp_conversations');
  await knex.schema.dropTable('whatsapp_inbound_messages');
}
