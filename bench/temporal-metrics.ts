// What the benchmark reads from Prometheus text: the worker's Temporal SDK metrics (failed
// workflow tasks, its sticky cache) and the Temporal dev server's own (tasks it timed out).

/**
 * The sum of every sample of the named metrics (any label set) whose labels include `labels`.
 * A sample line is `name{labels} value [timestamp]`; `# HELP` and `# TYPE` lines are skipped.
 */
export function metricSum(
  text: string,
  names: readonly string[],
  labels: Record<string, string> = {},
): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line);
    if (!sample || !names.includes(sample[1]!)) continue;
    const labelText = sample[2] ?? '';
    // `{key="v"` or `,key="v"`: a label named `other_key` does not match `key`.
    if (wanted.every((label) => labelText.includes(`{${label}`) || labelText.includes(`,${label}`)))
      sum += Number(sample[3]);
  }
  return sum;
}

async function metricsText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

/** The sum of the worker's failed workflow task counters (absent until the first failure: 0). */
export async function failedWorkflowTasks(workerMetricsUrl: string): Promise<number> {
  const text = await metricsText(workerMetricsUrl);
  // Were the SDK's metrics missing or renamed, a silent 0 would read as "no failures".
  if (!/^temporal_workflow_task_execution_latency/m.test(text))
    throw new Error(`no Temporal SDK workflow task metrics at ${workerMetricsUrl}`);
  return metricSum(text, [
    'temporal_workflow_task_execution_failed',
    'temporal_workflow_task_execution_failed_total',
  ]);
}

/**
 * Workflow tasks the Temporal server timed out, which the worker's metrics never see: a task left
 * on a worker's sticky queue past its schedule-to-start limit (10 s; it goes back to the shared
 * queue, behind everything waiting there), and a task a worker took and did not answer in time.
 */
export async function timedOutWorkflowTasks(temporalMetricsUrl: string): Promise<number> {
  const text = await metricsText(temporalMetricsUrl);
  // Temporal creates its counters on first use, so an absent timeout counter is 0; the history
  // service's workflow task counter shows this is the right endpoint and it has seen tasks.
  if (!/^workflow_task_attempt_count\{/m.test(text))
    throw new Error(`no Temporal server workflow task metrics at ${temporalMetricsUrl}`);
  return metricSum(text, ['schedule_to_start_timeout', 'start_to_close_timeout'], {
    operation: 'TimerActiveTaskWorkflowTaskTimeout',
  });
}

/** The worker's sticky (workflow) cache: its size now, and its hits and misses so far. */
export async function stickyCache(
  workerMetricsUrl: string,
): Promise<{ size: number; hits: number; misses: number }> {
  const text = await metricsText(workerMetricsUrl);
  return {
    size: metricSum(text, ['temporal_sticky_cache_size']),
    hits: metricSum(text, ['temporal_sticky_cache_hit']),
    misses: metricSum(text, ['temporal_sticky_cache_miss']),
  };
}
