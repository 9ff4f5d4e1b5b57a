// The monthly grading run, started by a Temporal Schedule (lib/temporal/schedules.ts) on the 19th:
// grades the previous month (India time), or the month asked for.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { istDate } from '../lib/working-days';

const grading = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m' },
});

export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function monthlyGradingWorkflow(
  request: { month?: string } = {},
): Promise<{ month: string; graded: number }> {
  return grading.computeMonthlyGrades({ month: request.month ?? previousMonth(istDate(Date.now())) });
}
