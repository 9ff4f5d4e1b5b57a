// Scenario 4, open cases and timers: N web complaints registered under a test ladder whose L1 limit
// is short, all waiting on their escalation timers at once, then all escalating L1 → L2 by
// themselves. Measures the memory of the worker, the HTTP server, the Temporal dev server and
// PostgreSQL (sampled every second), and the escalation lag: when each escalation happened minus
// when it was due, both as the workflow recorded them.
import fs from 'node:fs';
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { currentPolicy, publishPolicy } from '../db/policies';
import type { EscalationLadder } from '../lib/ladder';
import { policyProblems } from '../lib/policy-check';
import { lineChart } from '../templates/charts';
import { until } from '../test/helpers/stack';
import { ProjectionWatch, submitters } from './intake';
import { closedLoop, openLoop } from './load';
import type { ScenarioReport, TargetCheck } from './report';
import type { BenchStack } from './stack';
import { fmt, percentile } from './stats';
import { failedWorkflowTasks, stickyCache, timedOutWorkflowTasks } from './temporal-metrics';

export interface OpenCaseOptions {
  /** Complaints registered under the short ladder, all to escalate (full: 10,000). */
  complaints: number;
  /** Callers of the closed loop of the probe, which measures how fast the worker starts the timers. */
  concurrency: number;
  /**
   * The N are registered in an open loop at this fraction of the probe's rate of timers started
   * (below 1, the worker keeps up: each timer starts as its complaint comes, and the scenario
   * measures timers, not a backlog of first steps; 0.8 in the full run).
   */
  pace: number;
  /** Complaints registered first under the ladder in force, to measure the intake rate (they stay open at L1). */
  probe: number;
  /**
   * L1 limit = limitFactor × the predicted time until all N wait on their L1 timers (from the
   * probe) + limitMarginSeconds: long enough that none fires before the last is started.
   */
  limitFactor: number;
  limitMarginSeconds: number;
  /** How long past the last due time to wait for escalations still missing before giving up. */
  escalationTimeoutSeconds: number;
  /** How long to wait, after the probe, for its L1 timers not yet started. */
  projectionWaitMs: number;
  /** The time the scenario may take: a prediction past it (from the probe) is logged and noted. */
  budgetSeconds?: number;
}

const PROCESSES = ['worker', 'server', 'temporal', 'postgres'] as const;
type Process = (typeof PROCESSES)[number];
const LABEL: Record<Process, string> = {
  worker: 'worker',
  server: 'HTTP server',
  temporal: 'Temporal dev server',
  postgres: 'PostgreSQL',
};
/** KiB in a MiB (/proc reports kB). */
const MiB = 1024;
const WORKER_RSS_TARGET_MIB = 1.5 * 1024;
const LAG_P99_TARGET_MS = 5_000;

// ---- Memory -----------------------------------------------------------------------------------------

/** VmRSS and its shared-memory part (kB) of one process; undefined if it has just exited. */
function rssKiB(pid: number): { rss: number; shmem: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kib('VmRSS'), shmem: kib('RssShmem') };
  } catch {
    return undefined;
  }
}

/** Every running process's children, from /proc/<pid>/stat. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited since the listing
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  return children;
}

/**
 * RSS of a process and its descendants in MiB (PostgreSQL is a tree of backends under the node
 * process that runs it): private parts summed, the shared part (PostgreSQL's shared buffers, seen
 * in every backend that touched them) counted once, as its largest share in any one process.
 */
function treeRssMiB(root: number, children: Map<number, number[]>): number {
  let own = 0;
  let shared = 0;
  let seen = 0;
  for (const queue = [root]; queue.length > 0;) {
    const pid = queue.pop()!;
    const kib = rssKiB(pid);
    if (kib) {
      own += kib.rss - kib.shmem;
      shared = Math.max(shared, kib.shmem);
      seen += 1;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return seen === 0 ? NaN : (own + shared) / MiB;
}

interface MemorySample {
  /** Epoch ms. */
  at: number;
  mib: Record<Process, number>;
}

/** Samples the stack's processes every second (pids looked up each time: a restarted process is followed). */
class MemorySampler {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly bench: BenchStack) {}

  sample(): MemorySample {
    const children = childrenByParent();
    const mib = {} as Record<Process, number>;
    for (const name of PROCESSES) {
      const pid = this.bench.stack.faults.pid(name);
      mib[name] = pid === undefined ? NaN : treeRssMiB(pid, children);
    }
    const s = { at: Date.now(), mib };
    this.samples.push(s);
    return s;
  }

  start(everyMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  peak(name: Process): number {
    return Math.max(...this.samples.map((s) => s.mib[name]).filter(Number.isFinite));
  }
}

// ---- Escalations, as the workflows recorded them ----------------------------------------------------

interface Escalation {
  number: string;
  /** When the workflow assigned L1 and the due time it computed (its L1 `assigned` event). */
  assignedAt: number;
  dueAt: number;
  /** Its `escalated` event: the workflow's clock when the L1 timer fired (null: not escalated). */
  escalatedAt: number | null;
  /** When the projection holding L2 was written (the row's updated_at once at L2). */
  projectedAt: number | null;
}

/** Every complaint of ladder `version` with its L1 due time and, once escalated, when that happened. */
async function escalations(bench: BenchStack, version: number): Promise<Escalation[]> {
  const { rows } = await bench.db.raw<{
    rows: {
      number: string;
      level: string;
      updated_at: Date;
      assigned_at: Date;
      due_at: string;
      escalated_at: Date | null;
    }[];
  }>(
    `select c.number, c.level, c.updated_at, a.at as assigned_at, a.details->>'dueAt' as due_at,
            e.at as escalated_at
       from complaints c
       join complaint_events a
         on a.complaint_number = c.number and a.type = 'assigned' and a.details->>'level' = 'L1'
       left join complaint_events e
         on e.complaint_number = c.number and e.type = 'escalated' and e.details->>'from' = 'L1'
      where c.ladder_version = ?`,
    [version],
  );
  return rows.map((r) => ({
    number: r.number,
    assignedAt: r.assigned_at.getTime(),
    dueAt: Date.parse(r.due_at),
    escalatedAt: r.escalated_at?.getTime() ?? null,
    projectedAt: r.level === 'L2' ? r.updated_at.getTime() : null,
  }));
}

type Cases = (q: Knex.QueryBuilder) => Knex.QueryBuilder;

/** How many of `cases` are at `level`, with their level's timer started (a due time set). */
async function countTimed(bench: BenchStack, cases: Cases, level?: 'L1' | 'L2'): Promise<number> {
  const q = cases(bench.db('complaints')).whereNotNull('levelDueAt');
  const row = await (level ? q.where({ level }) : q).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * Waits (at most until `deadline`, epoch ms) until `expected` of `cases` have their L1 timer
 * started: the worker runs a complaint's first steps (projection, notice, assignment) after the
 * HTTP answer, and may lag intake. Returns how many had, and when.
 */
async function waitForTimers(
  bench: BenchStack,
  cases: Cases,
  expected: number,
  deadline: number,
): Promise<{ timed: number; at: number }> {
  for (;;) {
    const timed = await countTimed(bench, cases);
    if (timed >= expected || Date.now() >= deadline) return { timed, at: Date.now() };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Checks that a complaint registered now runs on ladder `version` with its L1 timer at `limitMs`
 * (the server pins the current version into the workflow's input at registration); its due time.
 */
async function checkPinned(
  bench: BenchStack,
  number: string,
  version: number,
  limitMs: number,
): Promise<number> {
  const assigned = await until(`the L1 assignment of ${number}`, () =>
    bench
      .db('complaintEvents')
      .where({ complaintNumber: number, type: 'assigned' })
      .first<{ at: Date; details: { level: string; dueAt: string | null } } | undefined>('at', 'details'),
  );
  const row = await bench
    .db('complaints')
    .where({ number })
    .first<{ ladderVersion: number } | undefined>('ladderVersion');
  const timerMs = Date.parse(assigned.details.dueAt ?? '') - assigned.at.getTime();
  if (
    row?.ladderVersion !== version ||
    assigned.details.level !== 'L1' ||
    !(Math.abs(timerMs - limitMs) <= 1)
  )
    throw new Error(
      `${number} did not start on the short ladder: version ${row?.ladderVersion} (want ${version}), ` +
        `${assigned.details.level} due in ${timerMs} ms (want ${limitMs} ms)`,
    );
  return Date.parse(assigned.details.dueAt!);
}

// ---- The scenario -----------------------------------------------------------------------------------

export async function openCaseScenario(bench: BenchStack, options: OpenCaseOptions): Promise<ScenarioReport> {
  const { stack } = bench;
  const n = options.complaints;
  if (n < 2) throw new Error('scenario 4 needs at least 2 complaints');
  const log = (message: string) => process.stderr.write(`[open cases] ${message}\n`);
  const memory = new MemorySampler(bench);
  // Not started: whether a complaint is waiting on its timer is polled here instead.
  const submit = submitters(bench, new ProjectionWatch(bench));
  const original = await currentPolicy('escalation-ladder', bench.db);
  if (!original) throw new Error('no escalation ladder is published');
  const started = Date.now();
  memory.start();

  let published = false;
  try {
    // 1. The intake rate, from a short run under the ladder in force (its complaints stay open at L1):
    //    registered and each waiting on its L1 timer, which is what the limit must outlast.
    const probeStart = Date.now();
    const probe = await closedLoop(options.concurrency, options.probe, () => submit.complaint());
    if (probe.ok === 0) throw new Error(`no probe complaint was registered: ${probe.errors.join('; ')}`);
    const probeNumbers = [...submit.numbers.complaints];
    const probeTimed = await waitForTimers(
      bench,
      (q) => q.whereIn('number', probeNumbers),
      probe.ok,
      Date.now() + options.projectionWaitMs,
    );
    // Timers started per second over the probe (first to last), and how long the first took: a
    // small probe's rate over its whole time would count that latency once per complaint.
    const span = await bench
      .db('complaintEvents')
      .whereIn('complaintNumber', probeNumbers)
      .where({ type: 'assigned' })
      .first<{ first: Date | null; last: Date | null }>(
        bench.db.raw('min(at) as first'),
        bench.db.raw('max(at) as last'),
      );
    const spanSeconds = ((span.last?.getTime() ?? 0) - (span.first?.getTime() ?? 0)) / 1000;
    const probeRate =
      probeTimed.timed > 1 && spanSeconds > 0
        ? (probeTimed.timed - 1) / spanSeconds
        : probeTimed.timed / ((probeTimed.at - probeStart) / 1000);
    const firstTimerSeconds = ((span.first?.getTime() ?? probeTimed.at) - probeStart) / 1000;
    // Read after the probe: the SDK's task metrics exist only once a workflow task has run.
    const failedBefore = await failedWorkflowTasks(stack.urls.workerMetrics);
    const temporalMetrics = stack.urls.temporalMetrics;
    if (!temporalMetrics) throw new Error('the bench stack runs its own Temporal dev server: no metrics URL');
    const timedOutBefore = await timedOutWorkflowTasks(temporalMetrics);
    const registerRate = options.pace * probeRate;
    const predictedIntakeSeconds = firstTimerSeconds + n / registerRate;
    const limitSeconds = Math.ceil(options.limitFactor * predictedIntakeSeconds + options.limitMarginSeconds);
    // The last complaint is due a limit after it is registered, at the end of intake.
    const predictedSeconds = (Date.now() - started) / 1000 + predictedIntakeSeconds + limitSeconds;
    const overBudget = options.budgetSeconds !== undefined && predictedSeconds > options.budgetSeconds;
    log(
      `probe: ${fmt(probe.perSecond)} complaints/s answered, ${fmt(probeRate)} /s with their timers started, so ${fmt(registerRate)} /s registered and an L1 limit of ${limitSeconds} s; the last due ` +
        `${fmt(predictedSeconds, 0)} s after the start${overBudget ? `, PAST THE BUDGET of ${options.budgetSeconds} s` : ''}`,
    );

    // 2. The test ladder: L1 short, everything else as in force (L2 stays days, so escalated cases sleep).
    const ladder = structuredClone(original.body) as EscalationLadder;
    const l1 = ladder.levels.find((l) => l.level === 'L1');
    if (!l1 || l1.onExpiry !== 'escalate') throw new Error('the ladder in force does not escalate from L1');
    l1.limitHours = limitSeconds / 3600;
    const problems = policyProblems('escalation-ladder', ladder);
    if (problems.length > 0) throw new Error(`the short ladder is refused: ${problems.join('; ')}`);
    const { version } = await publishPolicy(
      bench.db,
      'escalation-ladder',
      ladder,
      'bench',
      `benchmark scenario 4: L1 limit of ${limitSeconds} s`,
    );
    published = true;

    // 3. Intake of N: the first alone, to check it starts its L1 timer on the short ladder.
    const intakeStart = performance.now();
    const intakeStartedAt = Date.now();
    const first = await submit.complaint();
    if (!first.ok) throw new Error(`the first complaint was refused: ${first.error}`);
    const firstDue = await checkPinned(
      bench,
      submit.numbers.complaints.at(-1)!,
      version,
      limitSeconds * 1000,
    );
    const intake = await openLoop(registerRate, (n - 1) / registerRate, () => submit.complaint());
    const intakeSeconds = (performance.now() - intakeStart) / 1000;

    // 4. All open: every complaint waiting on its L1 timer (the worker may still be starting them;
    //    past the first due time escalations begin, and "all open" is gone).
    const registered = 1 + intake.ok;
    const mine: Cases = (q) => q.where({ ladderVersion: version });
    const timers = await waitForTimers(bench, mine, registered, firstDue);
    const openAtL1 = await countTimed(bench, mine, 'L1');
    const escalatedEarly = await countTimed(bench, mine, 'L2');
    const openInStack = Number(
      (await bench.db('complaints').whereNot({ status: 'closed' }).count({ n: '*' }).first())?.n ?? 0,
    );
    const allOpen = memory.sample();
    const cacheAllOpen = await stickyCache(stack.urls.workerMetrics);
    log(
      `${registered} registered in ${fmt(intakeSeconds, 0)} s; ${openAtL1} open at L1, ${escalatedEarly} escalated`,
    );

    // 5. All escalating: wait (polling PostgreSQL) until every one is at L2, or give up past the last due time.
    //    The last due time moves on while timers are still being started: looked up again as it goes.
    const lastDue = async () => {
      const row = await bench
        .db('complaintEvents as e')
        .join('complaints as c', 'c.number', 'e.complaintNumber')
        .where({ 'c.ladderVersion': version, 'e.type': 'assigned' })
        .whereRaw(`e.details->>'level' = 'L1'`)
        .first<{ due: string | null }>(bench.db.raw(`max(e.details->>'dueAt') as due`));
      return Date.parse(row.due ?? '') || Date.now();
    };
    let giveUpAt = (await lastDue()) + options.escalationTimeoutSeconds * 1000;
    let escalated = escalatedEarly;
    for (let i = 1; escalated < registered && Date.now() < giveUpAt; i += 1) {
      await new Promise((r) => setTimeout(r, 1000));
      escalated = await countTimed(bench, mine, 'L2');
      if (i % 10 === 0) giveUpAt = (await lastDue()) + options.escalationTimeoutSeconds * 1000;
    }
    const missing = registered - escalated;
    if (missing > 0)
      log(
        `${missing} of ${registered} not escalated by ${options.escalationTimeoutSeconds} s past the last due time`,
      );
    const cacheAfter = await stickyCache(stack.urls.workerMetrics);
    const failedTasks = (await failedWorkflowTasks(stack.urls.workerMetrics)) - failedBefore;
    const timedOutTasks = (await timedOutWorkflowTasks(temporalMetrics)) - timedOutBefore;
    memory.stop();
    const all = await escalations(bench, version);

    return report({
      options,
      limitSeconds,
      intakeStartedAt,
      predicted: { seconds: predictedSeconds, overBudget },
      reminderAtFraction: ladder.reminderAtFraction.value,
      probe: {
        answeredPerSecond: probe.perSecond,
        perSecond: probeRate,
        registerPerSecond: registerRate,
        firstTimerSeconds,
        registered: probe.ok,
      },
      intake: {
        registered,
        failed: intake.failed,
        errors: intake.errors,
        seconds: intakeSeconds,
        perSecond: registered / intakeSeconds,
        p50Ms: intake.p50Ms,
        p99Ms: intake.p99Ms,
        timersStarted: timers.timed,
        timersSeconds: (timers.at - intakeStartedAt) / 1000,
      },
      allOpen: { ...allOpen, openAtL1, escalatedEarly, openInStack, cache: cacheAllOpen },
      cache: { hits: cacheAfter.hits - cacheAllOpen.hits, misses: cacheAfter.misses - cacheAllOpen.misses },
      failedTasks,
      timedOutTasks,
      missing,
      rows: all,
      memory: memory.samples,
      peaks: Object.fromEntries(PROCESSES.map((p) => [p, memory.peak(p)])) as Record<Process, number>,
      started,
    });
  } finally {
    memory.stop();
    // Later scenarios (and anyone reading the policy page) get the ladder as it was, as a new version.
    if (published)
      await publishPolicy(
        bench.db,
        'escalation-ladder',
        original.body as EscalationLadder,
        'bench',
        `benchmark scenario 4 done: the ladder of version ${original.version} again`,
      );
  }
}

interface Measured {
  options: OpenCaseOptions;
  limitSeconds: number;
  /** Epoch ms of the first complaint under the short ladder. */
  intakeStartedAt: number;
  /** The scenario's time as predicted after the probe, and whether it was past the budget. */
  predicted: { seconds: number; overBudget: boolean };
  reminderAtFraction: number;
  /** Answered per second, and per second with their L1 timers started (what the limit is computed from). */
  probe: {
    answeredPerSecond: number;
    perSecond: number;
    registerPerSecond: number;
    firstTimerSeconds: number;
    registered: number;
  };
  intake: {
    registered: number;
    failed: number;
    errors: string[];
    seconds: number;
    perSecond: number;
    p50Ms: number;
    p99Ms: number;
    /** Of those registered, how many had their L1 timer started at all open, and when (from intake start). */
    timersStarted: number;
    timersSeconds: number;
  };
  allOpen: MemorySample & {
    openAtL1: number;
    escalatedEarly: number;
    openInStack: number;
    cache: { size: number };
  };
  cache: { hits: number; misses: number };
  failedTasks: number;
  /** Workflow tasks the server timed out (bench/temporal-metrics.ts timedOutWorkflowTasks). */
  timedOutTasks: number;
  missing: number;
  rows: Escalation[];
  memory: MemorySample[];
  peaks: Record<Process, number>;
  started: number;
}

/** At most `max` points of a series over time: each the largest value of its stretch. */
function downsample<T>(items: T[], max: number, value: (items: T[]) => number): number[] {
  const size = Math.max(1, Math.ceil(items.length / max));
  const out: number[] = [];
  for (let i = 0; i < items.length; i += size) out.push(value(items.slice(i, i + size)));
  return out;
}

/** x labels for a chart over time: every few shown, the rest blank so they do not overlap. */
function timeLabels(seconds: number[]): string[] {
  const every = Math.max(1, Math.ceil(seconds.length / 8));
  return seconds.map((s, i) => (i % every === 0 ? `${fmt(s, 0)} s` : ''));
}

function report(m: Measured): ScenarioReport {
  const { options, intake, allOpen, rows } = m;
  const done = rows.filter((r) => r.escalatedAt !== null);
  const lags = done.map((r) => r.escalatedAt! - r.dueAt);
  const visible = done.filter((r) => r.projectedAt !== null).map((r) => r.projectedAt! - r.dueAt);
  const firstDue = Math.min(...rows.map((r) => r.dueAt));
  const lastDue = Math.max(...rows.map((r) => r.dueAt));
  const firstEscalation = Math.min(...done.map((r) => r.escalatedAt!));
  const lastEscalation = Math.max(...done.map((r) => r.escalatedAt!));
  const windowSeconds = (lastEscalation - firstEscalation) / 1000;
  const lagP50 = percentile(lags, 0.5);
  const lagP99 = percentile(lags, 0.99);
  const lagMax = Math.max(...lags);
  const workerPeak = m.peaks.worker;
  const start = m.memory[0]!;
  // What each complaint of the scenario (and of its probe) added, from the start to all open.
  const perComplaintKiB = (p: Process) =>
    ((allOpen.mib[p] - start.mib[p]) * MiB) / (intake.registered + m.probe.registered);
  const allRegisteredFirst = allOpen.escalatedEarly === 0;

  const targets: TargetCheck[] = [
    {
      what: `worker RSS, peak with ${fmt(intake.registered, 0)} complaints open then escalating`,
      target: '≤ 1.5 GiB',
      measured: `${fmt(workerPeak, 0)} MiB (at all open: ${fmt(allOpen.mib.worker, 0)} MiB)`,
      pass: workerPeak <= WORKER_RSS_TARGET_MIB,
    },
    {
      what: 'escalation lag p99 (escalated minus due, workflow clock), every complaint escalated',
      target: '≤ 5 s',
      measured: `${fmt(lagP99 / 1000, 2)} s (p50 ${fmt(lagP50 / 1000, 2)} s), ${m.missing} not escalated`,
      pass: lagP99 <= LAG_P99_TARGET_MS && m.missing === 0,
    },
  ];

  // Lag over the escalation window: complaints grouped by due time, p50 and p99 of each group.
  const byDue = [...done].sort((a, b) => a.dueAt - b.dueAt);
  const groups = Math.min(30, byDue.length);
  const lagGroups: { dueSecond: number; p50: number; p99: number }[] = [];
  for (let g = 0; g < groups; g += 1) {
    const part = byDue.slice(
      Math.floor((g * byDue.length) / groups),
      Math.floor(((g + 1) * byDue.length) / groups),
    );
    const partLags = part.map((r) => (r.escalatedAt! - r.dueAt) / 1000);
    lagGroups.push({
      dueSecond: (part[0]!.dueAt - firstDue) / 1000,
      p50: percentile(partLags, 0.5),
      p99: percentile(partLags, 0.99),
    });
  }
  const memoryPoints = 60;
  const memorySeconds = downsample(m.memory, memoryPoints, (s) => (s[0]!.at - m.started) / 1000);
  const memorySeries = PROCESSES.map((p) => ({
    name: LABEL[p],
    values: downsample(m.memory, memoryPoints, (s) => Math.max(...s.map((x) => x.mib[p]))),
  }));
  const at = (epochMs: number) => `${fmt((epochMs - m.started) / 1000, 0)} s`;

  return {
    id: '4-open-cases',
    title: '4. Open cases and timers',
    notes: [
      `${fmt(intake.registered, 0)} web complaints (Phanda block, energy: routed to its L1 officer), each from a new mobile, registered at ${fmt(m.probe.registerPerSecond)} /s (an open loop at ${options.pace} × the rate at which the probe's timers started, so that the worker keeps up and each timer starts as its complaint comes) under a test escalation ladder published for the run as a new policy version: L1's limit ${m.limitSeconds} s (\`limitHours\`), every other rule as in force (L2 stays 7 working days, so escalated cases sleep; the officer's reminder fires too). The server pins the current version into each workflow's input at registration; the first complaint was checked to run on it, with its L1 timer at the limit, before the rest were sent. The ladder in force was published back as a new version afterwards.`,
      `The L1 limit is ${options.limitFactor} × the predicted time to register all ${fmt(intake.registered, 0)} and start their L1 timers, + ${options.limitMarginSeconds} s, so that every timer is started before the first fires. The prediction comes from a probe of ${m.probe.registered} complaints first, by a closed loop of ${options.concurrency} callers (answered at ${fmt(m.probe.answeredPerSecond)} /s, timers started at ${fmt(m.probe.perSecond)} /s from the first, which took ${fmt(m.probe.firstTimerSeconds)} s: the worker runs a complaint's first steps after the HTTP answer; they were registered under the ladder in force, so they stay open at L1 and count among the open cases). ${allRegisteredFirst ? 'Every timer was started before the first escalation.' : `Not so: ${allOpen.escalatedEarly} had escalated before the last timer was started, so "at all open" is not quite that.`} So the escalations come about as fast as the timers were started, the officers' reminders (at ${fmt(100 * m.reminderAtFraction, 0)}% of each limit) among them.`,
      `Escalation lag = the \`at\` of the complaint's \`escalated\` event minus the \`dueAt\` of its L1 \`assigned\` event, both written by the workflow (workflows/complaint.ts \`assign()\`) on its own clock: the due time is when L1 was assigned plus the limit; the escalation time is the start of the workflow task that acted on the expiry. The lag so holds the timer's firing in the Temporal server, that task's wait for a worker (and any retry of a task that timed out), and any work of the workflow still running at the due time (the reminder's notice and projection); not the worker's processing of the escalation itself. "Visible lag" runs on to when the read model held L2 (the row's \`updated_at\`, set by the projection written after the citizen's escalation notice was queued).`,
      `Memory: VmRSS from /proc every second, of each process with its children (PostgreSQL: the node process running it and every backend, shared memory counted once). "At all open" is when intake had ended and every complaint was waiting on its L1 timer (its due time projected); ${fmt(allOpen.openInStack, 0)} complaints were open in the stack then (this scenario's, the probe's and earlier scenarios'), ${fmt(allOpen.cache.size, 0)} workflows in the worker's sticky cache. Over the escalations the cache had ${fmt(m.cache.hits, 0)} hits and ${fmt(m.cache.misses, 0)} misses (a miss replays the workflow's history).`,
      ...(intake.failed > 0 || intake.timersStarted < intake.registered
        ? [
            `Intake failures: ${intake.failed} refused (${intake.errors.join('; ') || '—'}); ${intake.registered - intake.timersStarted} registered but without their L1 timer started by the first due time.`,
          ]
        : []),
      ...(m.predicted.overBudget
        ? [
            `**Over the time budget**: after the probe the scenario was predicted to take ${fmt(m.predicted.seconds, 0)} s (budget ${options.budgetSeconds} s): fewer complaints, or a faster intake, would fit.`,
          ]
        : []),
      ...(m.missing > 0
        ? [
            `**${m.missing} of ${intake.registered} complaints had not escalated** ${options.escalationTimeoutSeconds} s after the last due time; the lag figures cover the ${done.length} that had.`,
          ]
        : []),
    ],
    tables: [
      {
        caption: `Intake under the short ladder (from ${at(m.intakeStartedAt)})`,
        header: [
          'Complaints',
          'Refused',
          'Seconds',
          'Per second',
          'Answer p50 ms',
          'Answer p99 ms',
          'All timers started s',
          'L1 limit s',
        ],
        rows: [
          [
            intake.registered,
            intake.failed,
            intake.seconds,
            intake.perSecond,
            intake.p50Ms,
            intake.p99Ms,
            intake.timersStarted === intake.registered ? intake.timersSeconds : NaN,
            m.limitSeconds,
          ],
        ],
      },
      {
        caption: `Escalations L1 → L2 (due from ${at(firstDue)}, escalated from ${at(firstEscalation)})`,
        header: [
          'Escalated',
          'Not escalated',
          'Due window s',
          'Escalation window s',
          'Escalations per second',
          'Failed workflow tasks (worker)',
          'Timed-out workflow tasks (server)',
        ],
        rows: [
          [
            done.length,
            m.missing,
            (lastDue - firstDue) / 1000,
            windowSeconds,
            windowSeconds > 0 ? done.length / windowSeconds : NaN,
            m.failedTasks,
            m.timedOutTasks,
          ],
        ],
      },
      {
        caption: 'Escalation lag (ms after the due time)',
        header: ['Until', 'p50', 'p99', 'Max'],
        rows: [
          ['the escalation (workflow clock)', lagP50, lagP99, lagMax],
          ['the read model at L2', percentile(visible, 0.5), percentile(visible, 0.99), Math.max(...visible)],
        ],
      },
      {
        caption: 'Memory (RSS, MiB)',
        header: [
          'Process',
          'At the start',
          `At all open (${at(allOpen.at)})`,
          'Peak',
          'KiB per complaint to all open',
        ],
        rows: PROCESSES.map((p) => [
          LABEL[p],
          start.mib[p],
          allOpen.mib[p],
          m.peaks[p],
          fmt(perComplaintKiB(p), 0),
        ]),
      },
    ],
    targets,
    charts: [
      {
        file: 'open-cases-lag.svg',
        title: `Escalation lag over the escalation window (${fmt(done.length, 0)} complaints by due time)`,
        legend: ['p50', 'p99'],
        chart: lineChart({
          title: 'Escalation lag, seconds',
          xLabels: timeLabels(lagGroups.map((g) => g.dueSecond)),
          xLabel: 'due, seconds after the first due time',
          series: [
            { name: 'p50', values: lagGroups.map((g) => g.p50) },
            { name: 'p99', values: lagGroups.map((g) => g.p99) },
          ],
          unit: ' s',
        }),
      },
      {
        file: 'open-cases-memory.svg',
        title: 'Memory over the scenario (RSS, MiB; intake, all open, escalations)',
        legend: memorySeries.map((s) => s.name),
        chart: lineChart({
          title: 'RSS, MiB',
          xLabels: timeLabels(memorySeconds),
          xLabel: 'seconds from the start of the scenario',
          series: memorySeries,
          unit: ' MiB',
        }),
      },
    ],
    data: {
      limitSeconds: m.limitSeconds,
      probe: m.probe,
      intake,
      allOpen: {
        rssMiB: allOpen.mib,
        openAtL1: allOpen.openAtL1,
        escalatedEarly: allOpen.escalatedEarly,
        openInStack: allOpen.openInStack,
        stickyCacheSize: allOpen.cache.size,
      },
      startRssMiB: start.mib,
      peakRssMiB: m.peaks,
      escalated: done.length,
      missing: m.missing,
      lagMs: { p50: lagP50, p99: lagP99, max: lagMax },
      visibleLagMs: { p50: percentile(visible, 0.5), p99: percentile(visible, 0.99) },
      dueWindowSeconds: (lastDue - firstDue) / 1000,
      escalationWindowSeconds: windowSeconds,
      // When things happened, in seconds from the start of the scenario.
      timeline: {
        intake: (m.intakeStartedAt - m.started) / 1000,
        allOpen: (allOpen.at - m.started) / 1000,
        firstDue: (firstDue - m.started) / 1000,
        lastDue: (lastDue - m.started) / 1000,
        firstEscalation: (firstEscalation - m.started) / 1000,
        lastEscalation: (lastEscalation - m.started) / 1000,
      },
      stickyCache: m.cache,
      failedWorkflowTasks: m.failedTasks,
      timedOutWorkflowTasks: m.timedOutTasks,
      memory: {
        seconds: memorySeconds,
        ...Object.fromEntries(PROCESSES.map((p, i) => [p, memorySeries[i]!.values])),
      },
    },
  };
}
