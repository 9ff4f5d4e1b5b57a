// Brings a database up to date: migrations, then seed data. Safe to run on every start.
import type { Knex } from 'knex';
import type { Logger } from '../lib/logger';
import { migrationSource } from './migrations';
import { loadSeedData, type SeedCounts } from './seed';

export async function migrateAndSeed(knex: Knex, logger: Logger): Promise<SeedCounts> {
  const [batch, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  if (applied.length > 0) logger.info({ batch, applied }, 'migrations applied');
  else logger.info('database schema up to date');
  const counts = await loadSeedData(knex, logger);
  logger.info({ counts }, 'seed data loaded');
  return counts;
}
