// The audit log: one row per officer, admin or machine-client action (who, what, when, from where,
// with what outcome), written by server/audit.ts. Append-only in the database itself: a trigger
// refuses UPDATE, DELETE and TRUNCATE, whoever asks, and PUBLIC holds none of those privileges.
// `details` never holds personal data (no names, mobiles or remark texts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).index();
    t.text('actor_kind').notNullable(); // staff | api-client
    t.text('actor_code'); // officer code or API client name; null for a sign-in with an unknown code
    t.specificType('actor_roles', 'text[]').notNullable().defaultTo('{}');
    t.text('action').notNullable(); // method and route template: "POST /api/v1/applications/:number/…"
    t.text('action_name'); // readable, where known: "application.approve"
    t.text('target'); // case number, document serial, officer code, policy kind and version
    t.integer('outcome').notNullable(); // HTTP status of the answer
    t.text('ip');
    t.text('user_agent');
    t.text('request_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['actor_code', 'id']);
    t.index(['target', 'id']);
  });
  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$`);
  // Statement-level, so even an UPDATE or DELETE that matches no row is refused.
  await knex.raw(`
    CREATE TRIGGER audit_log_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  await knex.raw('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
}
