// All I/O a workflow needs happens here. `createActivities` closes over injected dependencies
// (database, PDF renderer, land records, payment gateway…) and returns what the worker registers.
import type { ApplicationActivityDeps } from './applications';
import { createApplicationActivities } from './applications';
import { createComplaintActivities } from './complaints';
import { createCpgramsActivities, type CpgramsActivityDeps } from './cpgrams';
import { createGradingActivities } from './grading';

export type ActivityDependencies = ApplicationActivityDeps & CpgramsActivityDeps;

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createApplicationActivities(deps),
    ...createComplaintActivities(deps),
    ...createGradingActivities(deps),
    ...createCpgramsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
