// The migrations in order. Listed by hand (not read from the folder) so the same list works from
// source and from dist/, and a migration file cannot be left out by its extension.
import type { Knex } from 'knex';
import * as geography from './20261129000001_geography';
import * as organisation from './20261129000002_organisation';
import * as policyVersions from './20261129000003_policy_versions';
import * as applications from './20261130000004_applications';
import * as complaints from './20261130000005_complaints';
import * as complaintGrades from './20261130000006_complaint_grades';
import * as webSessions from './20261201000007_web_sessions';
import * as outboxDelivery from './20261202000008_outbox_delivery';
import * as whatsapp from './20261202000009_whatsapp';
import * as cpgramsExchange from './20261202000010_cpgrams_exchange';
import * as apiKeys from './20261202000011_api_keys';
import * as auditLog from './20261203000012_audit_log';
import * as unstartedCaseIndexes from './20261204000013_unstarted_case_indexes';
import * as officerInboxIndex from './20261207000014_officer_inbox_index';

const migrations: Record<string, Knex.Migration> = {
  '20261129000001_geography': geography,
  '20261129000002_organisation': organisation,
  '20261129000003_policy_versions': policyVersions,
  '20261130000004_applications': applications,
  '20261130000005_complaints': complaints,
  '20261130000006_complaint_grades': complaintGrades,
  '20261201000007_web_sessions': webSessions,
  '20261202000008_outbox_delivery': outboxDelivery,
  '20261202000009_whatsapp': whatsapp,
  '20261202000010_cpgrams_exchange': cpgramsExchange,
  '20261202000011_api_keys': apiKeys,
  '20261203000012_audit_log': auditLog,
  '20261204000013_unstarted_case_indexes': unstartedCaseIndexes,
  '20261207000014_officer_inbox_index': officerInboxIndex,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(Object.keys(migrations)),
  getMigrationName: (name) => name,
  getMigration: (name) => Promise.resolve(migrations[name]!),
};
