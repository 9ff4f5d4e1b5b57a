// The statutory clock of an application: when it is due, and how a pause for the applicant moves
// it. One place for the rule, used by the intake API (the receipt's due date) and the workflow.
import type { ServiceDefinition } from './catalogue';
import { addWorkingDays, workingDaysBetween, type IsoDate, type WorkingDayCalendar } from './working-days';

export type Channel = 'web' | 'agent-181';

/** The time limit that applies: CM Jansewa (a 181 call) has its own, shorter limit. */
export function timeLimitWorkingDays(service: ServiceDefinition, channel: Channel): number {
  return channel === 'agent-181' ? service.timeLimitVia181.workingDays : service.timeLimit.workingDays;
}

export function dueDateFor(
  receivedOn: IsoDate,
  service: ServiceDefinition,
  channel: Channel,
  calendar: WorkingDayCalendar,
): IsoDate {
  return addWorkingDays(receivedOn, timeLimitWorkingDays(service, channel), calendar);
}

/**
 * The due date after a pause: the working days spent waiting on the applicant (from the day the
 * clock stopped to the day it restarted) are added to the due date.
 */
export function dueDateAfterPause(
  dueDate: IsoDate,
  pausedOn: IsoDate,
  resumedOn: IsoDate,
  calendar: WorkingDayCalendar,
): IsoDate {
  return addWorkingDays(dueDate, workingDaysBetween(pausedOn, resumedOn, calendar), calendar);
}
