// Load generators: a closed loop (N callers, each sending its next request when the last is
// answered) for throughput at a given concurrency, and an open loop (requests at a fixed rate,
// whatever the answers) for a sustained rate.
import { performance } from 'node:perf_hooks';
import { percentile } from './stats';

export interface CallResult {
  ok: boolean;
  /** Why a call failed: HTTP status and code, or the error's message. */
  error?: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  /** Successful calls per second of the whole run. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Up to five distinct failure reasons, for the report. */
  errors: string[];
}

function summarise(latencies: number[], failures: string[], sent: number, seconds: number): LoadResult {
  return {
    sent,
    ok: latencies.length,
    failed: failures.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors: [...new Set(failures)].slice(0, 5),
  };
}

async function timed(call: () => Promise<CallResult>): Promise<{ ms: number; result: CallResult }> {
  const start = performance.now();
  let result: CallResult;
  try {
    result = await call();
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  return { ms: performance.now() - start, result };
}

/** `total` calls by `concurrency` callers; `call(i)` makes the i-th. */
export async function closedLoop(
  concurrency: number,
  total: number,
  call: (i: number) => Promise<CallResult>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const start = performance.now();
  const caller = async () => {
    for (let i = next++; i < total; i = next++) {
      const { ms, result } = await timed(() => call(i));
      if (result.ok) latencies.push(ms);
      else failures.push(result.error ?? 'failed');
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller));
  return summarise(latencies, failures, total, (performance.now() - start) / 1000);
}

/**
 * `ratePerSecond` calls a second for `seconds`, started on schedule whether or not earlier ones
 * were answered (at most `maxInFlight` at once; a call that finds them all busy waits, and the
 * shortfall shows as a lower achieved rate). The rate is of calls answered over the sending
 * window (to the last call's slot), so a schedule kept in full is exactly the rate offered; how long
 * answers took is in the latencies.
 */
export async function openLoop(
  ratePerSecond: number,
  seconds: number,
  call: (i: number) => Promise<CallResult>,
  maxInFlight = 256,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const total = Math.round(ratePerSecond * seconds);
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let lastSent = start;
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    lastSent = performance.now();
    const p = timed(() => call(i)).then(({ ms, result }) => {
      if (result.ok) latencies.push(ms);
      else failures.push(result.error ?? 'failed');
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return summarise(latencies, failures, total, (lastSent - start) / 1000 + 1 / ratePerSecond);
}
