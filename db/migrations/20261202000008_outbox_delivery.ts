// Delivery of outbox messages (SMS and WhatsApp) by the dispatcher in the worker process
// (lib/messaging/dispatcher.ts): the channel, the claim a dispatcher holds while it sends, the
// retry schedule, and what the provider later reports about the handset.
//
// `status` keeps its meaning for readers: pending → sending → sent, or failed after the last
// attempt (or at once when a message can never be sent, e.g. an officer with no mobile).
// `next_attempt_at` is when a dispatcher should look at the row next: the backoff for a pending
// row, the claim's expiry for a sending one, so one index serves the claim query.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox_messages', (t) => {
    t.text('channel').notNullable().defaultTo('sms'); // sms | whatsapp
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('claimed_until', { useTz: true });
    t.text('last_error');
    // null until a provider accepted it; then queued → sent → delivered → read, or failed
    t.text('delivery_status');
    t.timestamp('delivered_at', { useTz: true });
    t.index(['provider_id']); // delivery reports find their message by the provider's id
  });
  await knex.raw(`
    alter table outbox_messages
      add constraint outbox_messages_channel_check check (channel in ('sms', 'whatsapp')),
      add constraint outbox_messages_status_check check (status in ('pending', 'sending', 'sent', 'failed')),
      add constraint outbox_messages_delivery_status_check
        check (delivery_status in ('queued', 'sent', 'delivered', 'read', 'failed'))`);
  // The dispatcher's claim query: due rows, oldest first. Partial, so sent and failed rows (nearly
  // all of the table after a while) cost it nothing.
  await knex.raw(`
    create index outbox_messages_due_idx on outbox_messages (next_attempt_at, id)
      where status in ('pending', 'sending')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index outbox_messages_due_idx');
  await knex.raw(`
    alter table outbox_messages
      drop constraint outbox_messages_channel_check,
      drop constraint outbox_messages_status_check,
      drop constraint outbox_messages_delivery_status_check`);
  await knex.schema.alterTable('outbox_messages', (t) => {
    t.dropIndex(['provider_id']);
    t.dropColumns(
      'channel',
      'attempts',
      'next_attempt_at',
      'claimed_until',
      'last_error',
      'delivery_status',
      'delivered_at',
    );
  });
}
