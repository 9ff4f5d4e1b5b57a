// Entry point: bring the database up to date (migrations + seed data) and exit.
import { databaseUrl, loadConfigOrExit } from '../lib/config';
import { createKnex } from '../db/knex';
import { migrateAndSeed } from '../db/migrate';
import { createLogger } from '../lib/logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('migrate', config.logLevel);
  const db = createKnex(databaseUrl(config));
  try {
    await migrateAndSeed(db, logger);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
