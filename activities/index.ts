// All I/O a workflow needs happens here. `createActivities` closes over injected dependencies
// (database, PDF renderer, notifier…) and returns the object the worker registers.
import type { Knex } from 'knex';
import type { Logger } from '../lib/logger';

export interface ActivityDependencies {
  db: Knex;
  logger: Logger;
}

export function createActivities(_deps: ActivityDependencies) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
