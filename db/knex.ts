// The one place a Knex instance is made: snake_case columns in PostgreSQL, camelCase in code.
import Knex, { type Knex as KnexType } from 'knex';
import pg from 'pg';
import { knexSnakeCaseMappers, Model } from 'objection';

export type Db = KnexType;

/** Knex's own warnings (e.g. each refused connection while PostgreSQL starts) go to debug level. */
const quiet = {
  warn: () => undefined,
  error: () => undefined,
  deprecate: () => undefined,
  debug: () => undefined,
};

// A SQL `date` is a calendar day, not an instant: keep it as 'YYYY-MM-DD' text. (node-postgres
// would make it a Date at the process's local midnight, which shifts it by a day in JSON when the
// server runs in India time.)
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function createKnex(databaseUrl: string, poolMax = 10): Db {
  const knex = Knex({
    log: quiet,
    client: 'pg',
    connection: { connectionString: databaseUrl, application_name: 'jan-setu' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
    ...knexSnakeCaseMappers(),
  });
  // Objection models use this instance unless a query is given another (e.g. a transaction).
  Model.knex(knex);
  return knex;
}

/** True when PostgreSQL answers a trivial query within `timeoutMs`. */
export async function databaseReachable(knex: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      knex.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
