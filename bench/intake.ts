// Scenario 1, intake throughput: complaints and applications submitted over HTTP (validated,
// stored, workflow started, first projection written) at rising concurrency, against a bare
// Temporal baseline (a no-op workflow started through the same dev server) in the same run; and
// a sustained rate with the worker's failed and the server's timed-out workflow tasks counted.
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { lineChart } from '../templates/charts';
import { incomeApplicationFields } from '../test/helpers/applications';
import { journalComparison, type JournalOptions } from './sqlite-journal';
import { closedLoop, openLoop, type CallResult, type LoadResult } from './load';
import type { ScenarioReport, TargetCheck } from './report';
import type { BenchStack } from './stack';
import { fmt, median, medianOf, percentile, ratio } from './stats';
import { failedWorkflowTasks, timedOutWorkflowTasks } from './temporal-metrics';

export interface IntakeOptions {
  concurrencies: number[];
  /** Submissions per kind and concurrency level. */
  perLevel(concurrency: number): number;
  repeats: number;
  sustainSeconds: number;
  sustainRate: number;
  /** How long to wait, after a level, for the projections still missing. */
  projectionWaitMs: number;
  /** The dev server's SQLite journal compared (bench/sqlite-journal.ts). */
  journal: JournalOptions;
}

const BARE_TASK_QUEUE = 'jan-setu-bench-bare';
const KINDS = ['bare', 'complaints', 'applications'] as const;
type Kind = (typeof KINDS)[number];

interface LevelFigures extends Record<string, number> {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  /** From the 201 answer to the first projection seen in PostgreSQL (polled every 25 ms). */
  projectionLagP50Ms: number;
  projectionLagP99Ms: number;
  projectionsMissing: number;
}

/** Case numbers answered but not yet projected (row `state` still null), and how long they took. */
export class ProjectionWatch {
  private readonly pending = new Map<string, { table: 'applications' | 'complaints'; at: number }>();
  private lags: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly bench: BenchStack) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), 25);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  add(table: 'applications' | 'complaints', number: string): void {
    this.pending.set(number, { table, at: performance.now() });
  }

  private async poll(): Promise<void> {
    if (this.polling || this.pending.size === 0) return;
    this.polling = true;
    try {
      for (const table of ['applications', 'complaints'] as const) {
        const numbers = [...this.pending].filter(([, p]) => p.table === table).map(([n]) => n);
        if (numbers.length === 0) continue;
        const rows: { number: string }[] = await this.bench
          .db(table)
          .whereIn('number', numbers)
          .whereNotNull('state')
          .select('number');
        const now = performance.now();
        for (const { number } of rows) {
          this.lags.push(now - this.pending.get(number)!.at);
          this.pending.delete(number);
        }
      }
    } catch {
      // a poll that fails is tried again in 25 ms
    } finally {
      this.polling = false;
    }
  }

  /** Waits (at most `ms`) for every pending projection; returns the lags seen and how many are missing. */
  async drain(ms: number): Promise<{ lags: number[]; missing: number }> {
    for (const end = Date.now() + ms; this.pending.size > 0 && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 25));
    const out = { lags: this.lags, missing: this.pending.size };
    this.lags = [];
    this.pending.clear();
    return out;
  }
}

async function failure(res: Response): Promise<CallResult> {
  const body = (await res.json().catch(() => ({}))) as { code?: string };
  return { ok: false, error: `HTTP ${res.status} ${body.code ?? ''}`.trim() };
}

// Distinct mobiles across every scenario of the run: a mobile may register only so many complaints
// a day, and the same caller, subject and place again would be linked as a duplicate instead.
let mobiles = 0;
const nextMobile = () => `9${String(100_000_000 + (mobiles += 1)).padStart(9, '0')}`;

/**
 * Submissions of a web complaint and an income certificate application, each from a new mobile.
 * `api` maps an API path to its URL (another HTTP process, or several in turn, for scale-out).
 */
export function submitters(
  bench: BenchStack,
  watch: ProjectionWatch,
  api: (p: string) => string = (p) => bench.api(p),
) {
  const post = (p: string, body: unknown) =>
    fetch(api(p), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const numbers: { applications: { number: string; mobile: string }[]; complaints: string[] } = {
    applications: [],
    complaints: [],
  };
  return {
    numbers,
    async complaint(): Promise<CallResult> {
      const mobile = nextMobile();
      const res = await post('/complaints', {
        channel: 'web',
        callType: 'complaint',
        citizen: { name: 'रामलाल अहिरवार', mobile },
        place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
        subject: 'eng-no-supply',
        description: 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया',
      });
      if (res.status !== 201) return failure(res);
      const { complaintNumber } = (await res.json()) as { complaintNumber: string };
      watch.add('complaints', complaintNumber);
      numbers.complaints.push(complaintNumber);
      return { ok: true };
    },
    async application(): Promise<CallResult> {
      const mobile = nextMobile();
      const res = await post('/applications', {
        service: 'INC',
        fields: incomeApplicationFields({ mobile }),
      });
      if (res.status !== 201) return failure(res);
      const { applicationNumber } = (await res.json()) as { applicationNumber: string };
      watch.add('applications', applicationNumber);
      numbers.applications.push({ number: applicationNumber, mobile });
      return { ok: true };
    },
  };
}

/** What Temporal did for one case until it waited: history events, workflow tasks, activities. */
interface TemporalWork extends Record<string, number> {
  events: number;
  workflowTasks: number;
  activities: number;
}

async function temporalWork(client: Client, workflowId: string): Promise<TemporalWork> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const count = (type: keyof typeof temporal.api.enums.v1.EventType) =>
    events.filter((e) => e.eventType === temporal.api.enums.v1.EventType[type]).length;
  return {
    events: events.length,
    workflowTasks: count('EVENT_TYPE_WORKFLOW_TASK_COMPLETED'),
    activities: count('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'),
  };
}

let runtimeInstalled = false;

/** The SDK's runtime (quieter than its default logger), once per process: later scenarios run workers too. */
function installRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export interface IntakeResult {
  report: ScenarioReport;
  /** Cases made by this scenario, for the reads scenario. */
  applications: { number: string; mobile: string }[];
  complaints: string[];
}

export async function intakeScenario(bench: BenchStack, options: IntakeOptions): Promise<IntakeResult> {
  const { config, stack } = bench;
  installRuntime();
  const workerConnection = await NativeConnection.connect({ address: stack.urls.temporal });
  const bareWorker = await Worker.create({
    connection: workerConnection,
    namespace: config.temporalNamespace,
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('./noop-workflow'),
  });
  const bareRunning = bareWorker.run();
  const connection = await Connection.connect({ address: stack.urls.temporal });
  const client = new Client({ connection, namespace: config.temporalNamespace });
  const watch = new ProjectionWatch(bench);
  watch.start();
  const submit = submitters(bench, watch);
  let bareId = 0;
  const bare = async (): Promise<CallResult> => {
    await client.workflow.start('benchNoopWorkflow', {
      taskQueue: BARE_TASK_QUEUE,
      workflowId: `bench-bare-${(bareId += 1)}`,
    });
    return { ok: true };
  };

  const runs = new Map<string, LevelFigures[]>(); // `${kind}@${c}` → one per repeat
  const errors = new Set<string>();
  const record = async (kind: Kind, c: number, load: LoadResult) => {
    const projections =
      kind === 'bare' ? { lags: [], missing: 0 } : await watch.drain(options.projectionWaitMs);
    load.errors.forEach((e) => errors.add(`${kind}: ${e}`));
    const key = `${kind}@${c}`;
    runs.set(key, [
      ...(runs.get(key) ?? []),
      {
        perSecond: load.perSecond,
        p50Ms: load.p50Ms,
        p99Ms: load.p99Ms,
        failed: load.failed,
        projectionLagP50Ms: percentile(projections.lags, 0.5),
        projectionLagP99Ms: percentile(projections.lags, 0.99),
        projectionsMissing: projections.missing,
      },
    ]);
  };

  let work: Record<Kind, TemporalWork> | undefined;
  let sustain:
    | (LoadResult & {
        failedWorkflowTasks: number;
        timedOutWorkflowTasks: number;
        projectionsMissing: number;
      })
    | undefined;
  try {
    // Warm both paths (connections, caches, the bare bundle's first task) before measuring.
    await closedLoop(2, 4, bare);
    await closedLoop(2, 4, () => submit.complaint());
    await closedLoop(2, 4, () => submit.application());
    await watch.drain(options.projectionWaitMs);

    for (let r = 0; r < options.repeats; r += 1) {
      for (const c of options.concurrencies) {
        const n = options.perLevel(c);
        // Interleaved, so drift in the machine's load falls on all three alike.
        await record('bare', c, await closedLoop(c, n, bare));
        await record('complaints', c, await closedLoop(c, n, () => submit.complaint()));
        await record('applications', c, await closedLoop(c, n, () => submit.application()));
      }
    }

    if (options.sustainSeconds > 0) {
      const temporalMetrics = stack.urls.temporalMetrics;
      if (!temporalMetrics)
        throw new Error('the bench stack runs its own Temporal dev server: no metrics URL');
      const failedBefore = await failedWorkflowTasks(stack.urls.workerMetrics);
      const timedOutBefore = await timedOutWorkflowTasks(temporalMetrics);
      const load = await openLoop(options.sustainRate, options.sustainSeconds, (i) =>
        i % 2 === 0 ? submit.complaint() : submit.application(),
      );
      const projections = await watch.drain(options.projectionWaitMs);
      load.errors.forEach((e) => errors.add(`sustained: ${e}`));
      sustain = {
        ...load,
        failedWorkflowTasks: (await failedWorkflowTasks(stack.urls.workerMetrics)) - failedBefore,
        timedOutWorkflowTasks: (await timedOutWorkflowTasks(temporalMetrics)) - timedOutBefore,
        projectionsMissing: projections.missing,
      };
    }
    // By now the first cases wait for their officer: their histories hold all the intake's work.
    work = {
      bare: await temporalWork(client, 'bench-bare-1'),
      complaints: await temporalWork(client, submit.numbers.complaints[0]!),
      applications: await temporalWork(client, submit.numbers.applications[0]!.number),
    };
  } finally {
    watch.stop();
    bareWorker.shutdown();
    await bareRunning;
    await workerConnection.close();
    await connection.close();
  }

  const journal = await journalComparison(options.journal);

  const fig = (kind: Kind, c: number) => medianOf(runs.get(`${kind}@${c}`) ?? []);
  const peak = (kind: Kind) => Math.max(...options.concurrencies.map((c) => fig(kind, c).perSecond));
  const peakRatio = (kind: Kind) => ratio(peak(kind), peak('bare'));

  const targets: TargetCheck[] = (['complaints', 'applications'] as const).map((kind) => ({
    what: `${kind}: peak submissions/s ÷ bare Temporal peak starts/s`,
    target: '≥ 80%',
    measured: `${fmt(100 * peakRatio(kind), 0)}% (${fmt(peak(kind))} vs ${fmt(peak('bare'))} /s)`,
    pass: peakRatio(kind) >= 0.8,
  }));
  if (sustain) {
    targets.push({
      what: `sustained ${options.sustainRate}/s for ${options.sustainSeconds} s (complaints and applications alternating)`,
      target:
        '≥ 20 /s for 600 s, 0 failed submissions, each projected in time, 0 failed or timed-out workflow tasks',
      measured: `${fmt(sustain.perSecond)} /s for ${fmt(sustain.seconds, 0)} s, ${sustain.failed} failed, ${sustain.projectionsMissing} unprojected ${fmt(options.projectionWaitMs / 1000, 0)} s after, ${sustain.failedWorkflowTasks} failed and ${sustain.timedOutWorkflowTasks} timed-out workflow tasks`,
      pass:
        sustain.perSecond >= 20 &&
        sustain.seconds >= 600 &&
        sustain.failed === 0 &&
        sustain.projectionsMissing === 0 &&
        sustain.failedWorkflowTasks === 0 &&
        sustain.timedOutWorkflowTasks === 0,
    });
  }

  const rows = options.concurrencies.flatMap((c) =>
    KINDS.map((kind) => {
      const f = fig(kind, c);
      return [
        String(c),
        kind === 'bare' ? 'bare Temporal (no-op workflow start)' : kind,
        f.perSecond,
        kind === 'bare' ? '1' : fmt(ratio(f.perSecond, fig('bare', c).perSecond), 2),
        f.p50Ms,
        f.p99Ms,
        kind === 'bare' ? '—' : `${fmt(f.projectionLagP50Ms, 0)} / ${fmt(f.projectionLagP99Ms, 0)}`,
        String(f.failed + f.projectionsMissing),
      ];
    }),
  );

  const labels = options.concurrencies.map(String);
  const series = KINDS.map((kind) => ({
    name: kind === 'bare' ? 'bare Temporal starts' : `Jan Setu ${kind}`,
    values: options.concurrencies.map((c) => fig(kind, c).perSecond),
  }));

  return {
    applications: submit.numbers.applications,
    complaints: submit.numbers.complaints,
    report: {
      id: '1-intake',
      title: '1. Intake throughput',
      notes: [
        `Closed loop: at each concurrency, ${options.concurrencies.map((c) => `${options.perLevel(c)} at ${c}`).join(', ')} submissions of each kind, interleaved with the bare baseline; ${options.repeats} repeat(s), medians shown. A complaint is a web complaint (Phanda block, energy: routed to its L1 officer); an application an income certificate; each from a new mobile. "Answered" is the HTTP 201 (validated, stored, workflow started); the projection lag runs from that answer to the case's row first holding the workflow's state in PostgreSQL (polled every 25 ms).`,
        "The bare baseline starts a no-op workflow on its own task queue through the same dev server, with its worker in the benchmark process; Jan Setu's worker and server are the stack's own processes.",
        ...(errors.size > 0 ? [`Failures seen: ${[...errors].join('; ')}.`] : []),
      ],
      tables: [
        {
          caption: 'Submissions per second by concurrency (median of repeats)',
          header: [
            'Concurrency',
            'What',
            'Per second',
            'Ratio to bare',
            'p50 ms',
            'p99 ms',
            'Projection lag p50 / p99 ms',
            'Failed or unprojected',
          ],
          rows,
        },
        journal.table,
        ...(work
          ? [
              {
                caption:
                  'Temporal work per case, from its start until it waits for an officer (the first case of each kind)',
                header: ['What', 'History events', 'Workflow tasks', 'Activities'],
                rows: KINDS.map((kind) => [
                  kind === 'bare' ? 'bare Temporal (no-op workflow)' : kind,
                  work[kind].events,
                  work[kind].workflowTasks,
                  work[kind].activities,
                ]),
              },
            ]
          : []),
        ...(sustain
          ? [
              {
                caption: `Sustained rate: ${options.sustainRate}/s offered for ${options.sustainSeconds} s`,
                header: [
                  'Offered /s',
                  'Achieved /s',
                  'Sent',
                  'Failed',
                  'p50 ms',
                  'p99 ms',
                  'Failed workflow tasks (worker)',
                  'Timed-out workflow tasks (server)',
                  'Unprojected',
                ],
                rows: [
                  [
                    options.sustainRate,
                    sustain.perSecond,
                    String(sustain.sent),
                    String(sustain.failed),
                    sustain.p50Ms,
                    sustain.p99Ms,
                    String(sustain.failedWorkflowTasks),
                    String(sustain.timedOutWorkflowTasks),
                    String(sustain.projectionsMissing),
                  ],
                ],
              },
            ]
          : []),
      ],
      targets,
      charts: [
        {
          file: 'intake-throughput.svg',
          title: 'Intake: submissions per second by concurrency',
          legend: series.map((s) => s.name),
          chart: lineChart({ title: 'Submissions per second', xLabels: labels, series, unit: '/s' }),
        },
      ],
      data: {
        levels: Object.fromEntries(
          options.concurrencies.map((c) => [c, Object.fromEntries(KINDS.map((k) => [k, fig(k, c)]))]),
        ),
        peakRatio: { complaints: peakRatio('complaints'), applications: peakRatio('applications') },
        sustain: sustain ?? null,
        temporalWork: work ?? null,
        journal: journal.data,
        medianBareP50Ms: median(options.concurrencies.map((c) => fig('bare', c).p50Ms)),
      },
    },
  };
}
