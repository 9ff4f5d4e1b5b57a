// Temporal Schedules Jan Setu keeps: created at start-up if missing, left alone if present (an
// admin may have paused or changed one).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const CPGRAMS_EXCHANGE_SCHEDULE_ID = 'jan-setu-cpgrams-exchange';

export async function ensureSchedules(
  client: Client,
  taskQueue: string,
  options: { cpgramsPullMinutes?: number } = {},
): Promise<string[]> {
  const created: string[] = [];
  try {
    await client.schedule.create({
      scheduleId: 'jan-setu-monthly-grading',
      // Grades are released around the 19th–20th (domain.md §3): 02:00 IST on the 19th.
      spec: { cronExpressions: ['30 20 18 * *'] },
      action: { type: 'startWorkflow', workflowType: 'monthlyGradingWorkflow', taskQueue, args: [{}] },
    });
    created.push('jan-setu-monthly-grading');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  try {
    await client.schedule.create({
      scheduleId: CPGRAMS_EXCHANGE_SCHEDULE_ID,
      // Pull forwarded grievances and push status and Action Taken Reports every CPGRAMS_PULL_MINUTES.
      spec: { intervals: [{ every: `${options.cpgramsPullMinutes ?? 5}m` }] },
      action: { type: 'startWorkflow', workflowType: 'cpgramsExchangeWorkflow', taskQueue, args: [{}] },
      // One round at a time; a round missed while the cluster was down is not worth catching up.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1m' },
    });
    created.push(CPGRAMS_EXCHANGE_SCHEDULE_ID);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  return created;
}
