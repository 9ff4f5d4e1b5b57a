// One round of the CPGRAMS exchange, started by a Temporal Schedule every CPGRAMS_PULL_MINUTES
// (lib/temporal/schedules.ts): pull the grievances the central portal forwarded, register each as a
// CM Helpline complaint once, then send back status updates and the Action Taken Reports of closed
// ones. Every step works from rows in PostgreSQL, so a round that fails half-way loses nothing: the
// next round carries on where the rows say.
import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export interface PullSummary {
  pages: number;
  received: number;
  new: number;
  /** Records without a usable registration number: logged, not stored. */
  malformed: number;
  more: boolean;
}

/** One batch of a step that walks its rows in order; `after` is where the next batch starts. */
export interface BatchSummary {
  done: number;
  failed: number;
  after: number | string | null;
  more: boolean;
}

export interface CpgramsExchangeRequest {
  /** Grievances asked for per page (default 50). */
  pageSize?: number;
  /** Rows handled per activity call in the later steps (default 25). */
  batchSize?: number;
}

export interface CpgramsExchangeResult {
  pulled: { pages: number; received: number; new: number; malformed: number };
  registered: { done: number; failed: number };
  statusUpdates: { done: number; failed: number };
  actionTakenReports: { done: number; failed: number };
  /** True when a step stopped at its budget; the next round goes on. */
  unfinished: boolean;
}

// Calls to the portal and to Jan Setu's API, a batch at a time: a minute or two at most. An outage
// is retried a few times within the round; a longer one is the next round's (rows keep the state).
const exchange = proxyActivities<Activities>({
  startToCloseTimeout: '3m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 4 },
});

/** Calls of one step per round: enough for a large backlog, bounded so one round stays short. */
const MAX_CALLS_PER_STEP = 20;

async function inBatches<A extends number | string>(
  step: (request: { after: A | null; limit: number }) => Promise<BatchSummary>,
  limit: number,
): Promise<{ done: number; failed: number; unfinished: boolean }> {
  let after: A | null = null;
  const total = { done: 0, failed: 0, unfinished: false };
  for (let call = 0; call < MAX_CALLS_PER_STEP; call += 1) {
    const result = await step({ after, limit });
    total.done += result.done;
    total.failed += result.failed;
    after = result.after as A | null;
    if (!result.more) return total;
  }
  return { ...total, unfinished: true };
}

export async function cpgramsExchangeWorkflow(
  request: CpgramsExchangeRequest = {},
): Promise<CpgramsExchangeResult> {
  const batchSize = request.batchSize ?? 25;

  const pulled = { pages: 0, received: 0, new: 0, malformed: 0 };
  let pullUnfinished = true;
  for (let call = 0; call < MAX_CALLS_PER_STEP; call += 1) {
    const page: PullSummary = await exchange.pullCpgramsGrievances({ pageSize: request.pageSize ?? 50 });
    pulled.pages += page.pages;
    pulled.received += page.received;
    pulled.new += page.new;
    pulled.malformed += page.malformed;
    if (!page.more) {
      pullUnfinished = false;
      break;
    }
  }

  const registered = await inBatches<number>((r) => exchange.registerCpgramsGrievances(r), batchSize);
  // Status before the Action Taken Report: the portal hears "under process" before "closed".
  const statusUpdates = await inBatches<number>((r) => exchange.pushCpgramsStatusUpdates(r), batchSize * 2);
  const actionTakenReports = await inBatches<string>(
    (r) => exchange.pushCpgramsActionTakenReports(r),
    batchSize,
  );

  const result: CpgramsExchangeResult = {
    pulled,
    registered: { done: registered.done, failed: registered.failed },
    statusUpdates: { done: statusUpdates.done, failed: statusUpdates.failed },
    actionTakenReports: { done: actionTakenReports.done, failed: actionTakenReports.failed },
    unfinished:
      pullUnfinished || registered.unfinished || statusUpdates.unfinished || actionTakenReports.unfinished,
  };
  if (registered.failed + statusUpdates.failed + actionTakenReports.failed > 0) {
    log.warn('CPGRAMS exchange: some rows wait for the next round', { ...result });
  }
  return result;
}
