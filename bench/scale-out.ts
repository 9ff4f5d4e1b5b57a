// Scenario 5, scale-out: scenario 1's intake (complaints and applications over HTTP, each until its
// first projection) with 1 and 2 worker processes × 1 and 2 HTTP server processes, the CPU time of
// every process over each run (what bounds it: the cores, Temporal's dev server, PostgreSQL), and
// a CPU profile of an extra HTTP server and an extra worker under the 2 × 2 load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { superviseChild, waitUntil } from '../lib/child-process';
import { configToEnv, databaseUrl } from '../lib/config';
import { freePort } from '../lib/free-port';
import { createLogger } from '../lib/logger';
import { distDir } from '../lib/paths';
import { barChart } from '../templates/charts';
import {
  cpuRates,
  cpuSeconds,
  cpuSnapshot,
  readCpuProfiles,
  summariseCpuProfiles,
  type CpuGroup,
  type ProfileSummary,
} from './cpu-profile';
import { ProjectionWatch, submitters } from './intake';
import type { CallResult, LoadResult } from './load';
import type { ScenarioReport, Table } from './report';
import type { BenchStack } from './stack';
import { fmt, median, medianOf, percentile, ratio } from './stats';
import { failedWorkflowTasks } from './temporal-metrics';

export interface ScaleOutOptions {
  concurrencies: number[];
  /** Length of each run's closed loop (complaints and applications alternating). */
  secondsPerRun: number;
  /** Seconds of load, unmeasured, after extra processes start (JIT, pools, bundles loaded). */
  warmupSeconds: number;
  repeats: number;
  /** How long to wait, after a run, for the projections still missing. */
  projectionWaitMs: number;
  /** One more 2 × 2 run at the top concurrency with the extra server and worker under --cpu-prof. */
  profile: boolean;
  /** Keep the raw .cpuprofile files in this folder (default: deleted after the summary). */
  keepProfilesIn?: string;
  /** Progress lines (the runner's log). */
  log?: (message: string) => void;
}

interface Topology {
  workers: 1 | 2;
  servers: 1 | 2;
}

const label = (t: Topology) => `${t.workers} worker${t.workers > 1 ? 's' : ''} × ${t.servers} HTTP`;
const TOPOLOGIES: Topology[] = [
  { workers: 1, servers: 1 },
  { workers: 1, servers: 2 },
  { workers: 2, servers: 2 },
  { workers: 2, servers: 1 },
];

const GROUP = {
  bench: 'benchmark (load generator, this process)',
  server1: 'HTTP server 1',
  server2: 'HTTP server 2',
  worker1: 'worker 1',
  worker2: 'worker 2',
  temporal: 'Temporal dev server',
  postgres: 'PostgreSQL (all its processes)',
};

/** Cores above the stack's own at-rest use below which it counts as quiet again between runs. */
const QUIET_ABOVE_REST = 0.1;
const SETTLE_MAX_MS = 10_000;

interface RunFigures extends Record<string, number> {
  /** HTTP 201 answers per second of the closed loop. */
  answeredPerSecond: number;
  /** Cases projected per second, from the first request to the last projection seen. */
  projectedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** From the 201 answer to the case's first projection seen in PostgreSQL. */
  projectionLagP50Ms: number;
  projectionLagP99Ms: number;
  failed: number;
  projectionsMissing: number;
  /**
   * CPU-milliseconds the stack's processes (servers, workers, Temporal, PostgreSQL) spent per
   * case answered, from the run's start until they fell quiet again: the work after the first
   * projection (notifications, receipts) included.
   */
  stackCpuMsPerCase: number;
  failedWorkflowTasks: number;
  cases: number;
}

/** A second HTTP server or worker, the stack's own entry point with the stack's environment. */
interface Extra {
  pid(): number | undefined;
  /** The server's base URL, or the worker's /metrics. */
  url: string;
  stop(): Promise<void>;
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function startExtra(bench: BenchStack, kind: 'server' | 'worker', profileDir?: string): Promise<Extra> {
  const { config } = bench;
  const entry = path.join(distDir, 'bin', `${kind}.js`);
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const port = await freePort();
  const child = superviseChild({
    name: `${kind} 2`,
    command: process.execPath,
    args: [
      '--enable-source-maps',
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      entry,
    ],
    // As the start command's children get it (bin/start.ts childEnv), on a port of its own.
    env: {
      ...process.env,
      ...configToEnv(config),
      TEMPORAL_ADDRESS: bench.stack.urls.temporal,
      DATABASE_URL: databaseUrl(config),
      [kind === 'server' ? 'PORT' : 'WORKER_METRICS_PORT']: String(port),
    },
    logger: createLogger('bench', 'warn'),
  });
  const base = `http://${config.host}:${port}`;
  // The worker's /healthz answers 200 once it runs, i.e. polls the task queue.
  const grace = kind === 'worker' ? config.shutdownGraceMs + 5_000 : 15_000;
  try {
    await waitUntil(
      `extra ${kind}`,
      () => httpOk(`${base}/${kind === 'server' ? 'readyz' : 'healthz'}`),
      60_000,
      child.exited,
    );
  } catch (err) {
    await child.stop(grace);
    throw err;
  }
  return {
    url: kind === 'server' ? base : `${base}/metrics`,
    pid: () =>
      child.child.exitCode === null && child.child.signalCode === null ? child.child.pid : undefined,
    async stop() {
      await child.stop(grace);
      const code = await child.exited;
      // A profile is written only on a normal exit.
      if (profileDir && code !== 0) throw new Error(`extra ${kind} exited with ${code}: no CPU profile`);
    },
  };
}

/** Failed workflow tasks so far; undefined while a worker has run no workflow task (no metric yet). */
async function failedTasks(metricsUrl: string): Promise<number | undefined> {
  try {
    return await failedWorkflowTasks(metricsUrl);
  } catch {
    return undefined;
  }
}

/** `concurrency` callers, each sending its next call when the last is answered, for `seconds`. */
async function closedLoopFor(
  concurrency: number,
  seconds: number,
  call: (i: number) => Promise<CallResult>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let sent = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const caller = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      let result: CallResult;
      try {
        result = await call(sent++);
      } catch (err) {
        result = { ok: false, error: (err as Error).message };
      }
      if (result.ok) latencies.push(performance.now() - t);
      else failures.push(result.error ?? 'failed');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const took = (performance.now() - start) / 1000;
  return {
    sent,
    ok: latencies.length,
    failed: failures.length,
    seconds: took,
    perSecond: latencies.length / took,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors: [...new Set(failures)].slice(0, 5),
  };
}

/** A microsecond reading of the monotonic clock V8's profiles use in every process. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export async function scaleOutScenario(bench: BenchStack, options: ScaleOutOptions): Promise<ScenarioReport> {
  const { stack } = bench;
  const cores = os.cpus().length;
  const extras: { server?: Extra; worker?: Extra } = {};
  const groups = (): CpuGroup[] => [
    { name: GROUP.bench, pid: process.pid, tree: false },
    { name: GROUP.server1, pid: stack.faults.pid('server'), tree: true },
    { name: GROUP.server2, pid: extras.server?.pid(), tree: true },
    { name: GROUP.worker1, pid: stack.faults.pid('worker'), tree: true },
    { name: GROUP.worker2, pid: extras.worker?.pid(), tree: true },
    { name: GROUP.temporal, pid: stack.faults.pid('temporal'), tree: true },
    { name: GROUP.postgres, pid: stack.faults.pid('postgres'), tree: true },
  ];
  const stackNames = [
    GROUP.server1,
    GROUP.server2,
    GROUP.worker1,
    GROUP.worker2,
    GROUP.temporal,
    GROUP.postgres,
  ];

  const stackSum = (rates: Record<string, number>) => stackNames.reduce((sum, n) => sum + (rates[n] ?? 0), 0);
  const stackRate = async (ms: number) => {
    const a = cpuSnapshot(groups(), performance.now());
    await new Promise((r) => setTimeout(r, ms));
    return stackSum(cpuRates(a, cpuSnapshot(groups(), performance.now())));
  };
  /** The stack's processes at rest (pollers, timers, the dev server's housekeeping), in cores. */
  let atRest = 0.1; // until measured, after the first warm-up
  const settleMs: number[] = [];
  /** Waits until the stack's processes are near rest again (the last run's cases done with their first steps). */
  const settle = async (): Promise<void> => {
    const start = performance.now();
    while (performance.now() - start < SETTLE_MAX_MS) {
      if ((await stackRate(500)) < atRest + QUIET_ABOVE_REST) break;
    }
    settleMs.push(performance.now() - start);
  };

  const watch = new ProjectionWatch(bench);
  watch.start();
  const run = async (t: Topology, concurrency: number, seconds: number) => {
    const servers = [bench.config.publicUrl, ...(t.servers === 2 ? [extras.server!.url] : [])];
    let next = 0;
    const submit = submitters(bench, watch, (p) => `${servers[next++ % servers.length]}/api/v1${p}`);
    const metrics = [stack.urls.workerMetrics, ...(t.workers === 2 ? [extras.worker!.url] : [])];
    const tasksBefore = await Promise.all(metrics.map(failedTasks));
    const fromUs = monotonicUs();
    const before = cpuSnapshot(groups(), performance.now());
    const load = await closedLoopFor(concurrency, seconds, (i) =>
      i % 2 === 0 ? submit.complaint() : submit.application(),
    );
    const projections = await watch.drain(options.projectionWaitMs);
    const after = cpuSnapshot(groups(), performance.now());
    const toUs = monotonicUs();
    const tasksAfter = await Promise.all(metrics.map(failedTasks));
    if (tasksAfter.every((n) => n === undefined))
      throw new Error(`no Temporal SDK workflow task metrics at ${metrics.join(', ')}`);
    await settle();
    const settled = cpuSnapshot(groups(), performance.now());
    // Less what the stack would have spent at rest over the same time.
    const used = stackSum(cpuSeconds(before, settled)) - (atRest * (settled.atMs - before.atMs)) / 1000;
    const figures: RunFigures = {
      answeredPerSecond: load.perSecond,
      projectedPerSecond: (load.ok - projections.missing) / ((after.atMs - before.atMs) / 1000),
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      projectionLagP50Ms: percentile(projections.lags, 0.5),
      projectionLagP99Ms: percentile(projections.lags, 0.99),
      failed: load.failed,
      projectionsMissing: projections.missing,
      failedWorkflowTasks: tasksAfter.reduce<number>(
        (sum, n, i) => sum + (n ?? 0) - (tasksBefore[i] ?? 0),
        0,
      ),
      stackCpuMsPerCase: (1000 * used) / load.ok,
      cases: load.ok,
    };
    load.errors.forEach((e) => errors.add(e));
    return { figures, cpu: cpuRates(before, after), window: { fromUs, toUs } };
  };

  const key = (t: Topology, c: number) => `${t.workers}x${t.servers}@${c}`;
  const runs = new Map<string, { figures: RunFigures[]; cpu: Record<string, number>[] }>();
  const errors = new Set<string>();
  const log = options.log ?? (() => {});
  const measure = async (t: Topology) => {
    for (const c of options.concurrencies) {
      log(`scale-out: ${label(t)} at concurrency ${c}`);
      const r = await run(t, c, options.secondsPerRun);
      const entry = runs.get(key(t, c)) ?? { figures: [], cpu: [] };
      entry.figures.push(r.figures);
      entry.cpu.push(r.cpu);
      runs.set(key(t, c), entry);
    }
  };
  const warmUp = (t: Topology) => run(t, Math.min(...options.concurrencies), options.warmupSeconds);

  let profiles: { server: ProfileSummary; worker: ProfileSummary; files: number; mib: number } | undefined;
  const profileRoot = options.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-prof-')) : '';
  try {
    // The second server runs throughout (idle when the topology has one); the second worker only
    // while it takes part, since a running worker polls and takes its share of the tasks.
    log('scale-out: starting a second HTTP server');
    extras.server = await startExtra(bench, 'server');
    await warmUp({ workers: 1, servers: 2 });
    atRest = await stackRate(2000);
    for (let r = 0; r < options.repeats; r += 1) {
      await measure(TOPOLOGIES[0]!);
      await measure(TOPOLOGIES[1]!);
      log('scale-out: starting a second worker');
      extras.worker = await startExtra(bench, 'worker');
      await warmUp(TOPOLOGIES[2]!);
      await measure(TOPOLOGIES[2]!);
      await measure(TOPOLOGIES[3]!);
      log('scale-out: stopping the second worker');
      await extras.worker.stop();
      extras.worker = undefined;
      await settle();
    }

    if (options.profile) {
      // Fresh extras under the profiler (its cost stays out of the measured runs); only the samples
      // of the profiled run itself are summarised, not start-up or warm-up.
      log('scale-out: profiling a second HTTP server and worker');
      await extras.server.stop();
      extras.server = undefined;
      const dirs = { server: path.join(profileRoot, 'server'), worker: path.join(profileRoot, 'worker') };
      extras.server = await startExtra(bench, 'server', dirs.server);
      extras.worker = await startExtra(bench, 'worker', dirs.worker);
      const top = Math.max(...options.concurrencies);
      await warmUp(TOPOLOGIES[2]!);
      const { window } = await run(TOPOLOGIES[2]!, top, options.secondsPerRun);
      await extras.server.stop();
      await extras.worker.stop();
      extras.server = undefined;
      extras.worker = undefined;
      const summarise = (dir: string) => {
        const found = readCpuProfiles(dir);
        if (found.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
        return summariseCpuProfiles(
          found.map((f) => f.profile),
          window,
        );
      };
      const files = [dirs.server, dirs.worker].flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)));
      profiles = {
        server: summarise(dirs.server),
        worker: summarise(dirs.worker),
        files: files.length,
        mib: files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 2 ** 20,
      };
      if (options.keepProfilesIn) {
        fs.mkdirSync(options.keepProfilesIn, { recursive: true });
        for (const f of files)
          fs.copyFileSync(
            f,
            path.join(options.keepProfilesIn, `${path.basename(path.dirname(f))}-${path.basename(f)}`),
          );
      }
    }
  } finally {
    watch.stop();
    await Promise.allSettled([extras.server?.stop(), extras.worker?.stop()]);
    if (profileRoot) fs.rmSync(profileRoot, { recursive: true, force: true });
  }

  // Medians over the repeats.
  const fig = (t: Topology, c: number) => medianOf(runs.get(key(t, c))!.figures);
  const cpuOf = (t: Topology, c: number) => medianOf(runs.get(key(t, c))!.cpu);
  const best = (t: Topology) =>
    options.concurrencies.reduce(
      (b, c) => (fig(t, c).projectedPerSecond > fig(t, b).projectedPerSecond ? c : b),
      options.concurrencies[0]!,
    );
  const [one, , both] = TOPOLOGIES as [Topology, Topology, Topology, Topology];
  const top = Math.max(...options.concurrencies);
  const peak = TOPOLOGIES.reduce((b, t) =>
    fig(t, best(t)).projectedPerSecond > fig(b, best(b)).projectedPerSecond ? t : b,
  );
  const scaling = (from: Topology, to: Topology) => ({
    from: label(from),
    to: label(to),
    projected: ratio(fig(to, best(to)).projectedPerSecond, fig(from, best(from)).projectedPerSecond),
    answered: ratio(fig(to, best(to)).answeredPerSecond, fig(from, best(from)).answeredPerSecond),
  });
  const t = (workers: 1 | 2, servers: 1 | 2) =>
    TOPOLOGIES.find((x) => x.workers === workers && x.servers === servers)!;
  const ratios = [
    { change: 'second worker (1 HTTP)', ...scaling(t(1, 1), t(2, 1)) },
    { change: 'second worker (2 HTTP)', ...scaling(t(1, 2), t(2, 2)) },
    { change: 'second HTTP server (1 worker)', ...scaling(t(1, 1), t(1, 2)) },
    { change: 'second HTTP server (2 workers)', ...scaling(t(2, 1), t(2, 2)) },
    { change: 'both', ...scaling(one, both) },
  ];

  const throughputRows = TOPOLOGIES.flatMap((topo) =>
    options.concurrencies.map((c) => {
      const f = fig(topo, c);
      return [
        label(topo),
        String(c),
        f.answeredPerSecond,
        f.projectedPerSecond,
        fmt(ratio(f.projectedPerSecond, fig(one, c).projectedPerSecond), 2),
        f.p50Ms,
        f.p99Ms,
        `${fmt(f.projectionLagP50Ms, 0)} / ${fmt(f.projectionLagP99Ms, 0)}`,
        f.stackCpuMsPerCase,
        `${f.failed} / ${f.projectionsMissing} / ${f.failedWorkflowTasks}`,
      ];
    }),
  );

  // CPU by process at the top concurrency, one column per topology.
  const cpuTop = TOPOLOGIES.map((topo) => cpuOf(topo, top));
  const processNames = Object.values(GROUP);
  const ours = (cpu: Record<string, number>) =>
    [...processNames, 'other children'].reduce((sum, n) => sum + (cpu[n] ?? 0), 0);
  const cores2 = (v: number | undefined) => (v === undefined ? '—' : fmt(v, 2));
  const cpuTable: Table = {
    caption: `CPU-seconds per second of each process at concurrency ${top} (cores busy; this machine has ${cores}), median of repeats`,
    header: ['Process', ...TOPOLOGIES.map(label)],
    rows: [
      ...processNames.map((n) => [n, ...cpuTop.map((cpu) => cores2(cpu[n]))]),
      ['other children (payment gateway, stand-ins)', ...cpuTop.map((cpu) => cores2(cpu['other children']))],
      ['all of the above', ...cpuTop.map((cpu) => cores2(ours(cpu)))],
      ['whole machine (/proc/stat)', ...cpuTop.map((cpu) => cores2(cpu.machine))],
      ['rest of the machine (not this benchmark)', ...cpuTop.map((cpu) => cores2(cpu.machine! - ours(cpu)))],
    ],
  };

  const peakCpu = cpuOf(peak, best(peak));
  const oneCpu = cpuOf(one, top);
  const hotter = (oneCpu[GROUP.server1] ?? 0) >= (oneCpu[GROUP.worker1] ?? 0) ? 'HTTP server' : 'worker';

  const profileTable = (who: string, s: ProfileSummary): Table => ({
    caption: `Profile of the extra ${who} (2 × 2 at concurrency ${top}): top 10 functions by self time, of ${fmt(s.sampledMs - s.idleMs, 0)} ms busy in ${fmt(s.sampledMs, 0)} ms sampled`,
    header: ['Function', 'Where (dist/ line or package file)', 'Self ms', '% of busy'],
    rows: s.functions
      .slice(0, 10)
      .map((f) => [f.functionName, f.location || '—', f.selfMs, fmt(100 * f.share)]),
  });
  const areaTable = (server: ProfileSummary, worker: ProfileSummary): Table => {
    const areas = [...new Set([...server.areas, ...worker.areas].map((a) => a.area))];
    const share = (s: ProfileSummary, area: string) => s.areas.find((a) => a.area === area)?.share ?? 0;
    return {
      caption:
        "Profiled self time by package (% of each process's busy JavaScript threads; V8 (program) is a thread in native code the profiler cannot attribute; Temporal Core's own Rust threads are not sampled)",
      header: ['Package or part', 'HTTP server %', 'worker %'],
      rows: areas
        .sort((a, b) => share(server, b) + share(worker, b) - share(server, a) - share(worker, a))
        .slice(0, 10)
        .map((a) => [a, fmt(100 * share(server, a)), fmt(100 * share(worker, a))]),
    };
  };

  const notes = [
    `Scenario 1's submissions (a web complaint and an income certificate application alternating, each from a new mobile) in a closed loop of ${options.secondsPerRun} s at concurrency ${options.concurrencies.join(' and ')}, in each of four topologies (after ${options.warmupSeconds} s of unmeasured load whenever a process was started); ${options.repeats} repeat(s), medians shown. The stack's worker and HTTP server are process 1 of each; the second ones are the same entry points (dist/bin/worker.js, dist/bin/server.js) started by the benchmark with the stack's environment. With 2 HTTP servers the benchmark sends requests to them in turn (no load balancer in between). "Answered" counts HTTP 201s per second of the loop; "projected" counts cases per second from the first request to the last case's first projection in PostgreSQL (polled every 25 ms), so it includes the workers' part. At rest (measured for 2 s after the warm-up) the stack's processes used ${fmt(atRest, 2)} cores; between runs the benchmark waits until they are within ${QUIET_ABOVE_REST} cores of that again (at most ${SETTLE_MAX_MS / 1000} s; median wait ${fmt(median(settleMs) / 1000)} s).`,
    `CPU is read from /proc/<pid>/stat (utime + stime) of each process and its children (PostgreSQL's backends included) at the start and end of each run, and from /proc/stat for the whole machine, as CPU-seconds per second: 1.0 is one core kept busy.`,
    `What bounds it: ${verdict(peakCpu, cores, `${label(peak)} at concurrency ${best(peak)}`)} ${ceiling(fig(peak, best(peak)), cores)}`,
    `Scaling, best concurrency of each topology: ${ratios.map((r) => `${r.change} ×${fmt(r.projected, 2)}`).join('; ')} (projected cases per second). The issue sets no number for this scenario, so it has no PASS/MISS row.`,
    ...(profiles
      ? [
          `Profiles: the ${hotter} is the hotter of the two in the 1 × 1 topology (${fmt(oneCpu[GROUP.server1] ?? NaN, 2)} cores for the HTTP server, ${fmt(oneCpu[GROUP.worker1] ?? NaN, 2)} for the worker, at concurrency ${top}); both extras were profiled (node --cpu-prof, every thread) through one more 2 × 2 run at concurrency ${top}, counting only that run's samples. Lines are of the compiled dist/ files. The raw profiles (${profiles.files} files, ${fmt(profiles.mib)} MiB) are ${options.keepProfilesIn ? `in ${options.keepProfilesIn}` : 'not kept'}.`,
        ]
      : []),
    ...(errors.size > 0 ? [`Failures seen: ${[...errors].join('; ')}.`] : []),
  ];

  const chartSeries = options.concurrencies.map((c) => ({
    name: `concurrency ${c}`,
    values: TOPOLOGIES.map((topo) => fig(topo, c).projectedPerSecond),
  }));
  const sum = (cpu: Record<string, number>, names: string[]) => names.reduce((s, n) => s + (cpu[n] ?? 0), 0);
  const cpuSeries = [
    { name: 'HTTP servers', names: [GROUP.server1, GROUP.server2] },
    { name: 'workers', names: [GROUP.worker1, GROUP.worker2] },
    { name: 'Temporal', names: [GROUP.temporal] },
    { name: 'PostgreSQL', names: [GROUP.postgres] },
    { name: 'benchmark', names: [GROUP.bench, 'other children'] },
  ].map((s) => ({ name: s.name, values: cpuTop.map((cpu) => sum(cpu, s.names)) }));
  cpuSeries.push({
    name: 'rest of machine',
    values: cpuTop.map((cpu) => Math.max(0, cpu.machine! - ours(cpu))),
  });

  return {
    id: '5-scale-out',
    title: '5. Scale-out curve',
    notes,
    tables: [
      {
        caption: 'Intake by topology and concurrency (median of repeats)',
        header: [
          'Processes',
          'Concurrency',
          'Answered /s',
          'Projected /s',
          'Projected, ratio to 1 × 1',
          'p50 ms',
          'p99 ms',
          'Projection lag p50 / p99 ms',
          'Stack CPU ms per case',
          'Failed / unprojected / failed workflow tasks',
        ],
        rows: throughputRows,
      },
      {
        caption: 'Scaling ratios (each topology at its best concurrency)',
        header: ['Added', 'From', 'To', 'Projected /s ratio', 'Answered /s ratio'],
        rows: ratios.map((r) => [r.change, r.from, r.to, fmt(r.projected, 2), fmt(r.answered, 2)]),
      },
      cpuTable,
      ...(profiles
        ? [
            profileTable('HTTP server', profiles.server),
            profileTable('worker', profiles.worker),
            areaTable(profiles.server, profiles.worker),
          ]
        : []),
    ],
    targets: [],
    charts: [
      {
        file: 'scale-out.svg',
        title: 'Scale-out: cases projected per second by topology',
        legend: chartSeries.map((s) => s.name),
        chart: barChart({
          title: 'Cases per second',
          categories: TOPOLOGIES.map(label),
          series: chartSeries,
          unit: '/s',
        }),
      },
      {
        file: 'scale-out-cpu.svg',
        title: `Scale-out: cores busy by process at concurrency ${top}`,
        legend: cpuSeries.map((s) => s.name),
        chart: barChart({
          title: 'Cores busy',
          categories: TOPOLOGIES.map(label),
          series: cpuSeries,
          stacked: true,
        }),
      },
    ],
    data: {
      levels: Object.fromEntries(
        TOPOLOGIES.map((topo) => [
          label(topo),
          Object.fromEntries(options.concurrencies.map((c) => [c, { ...fig(topo, c), cpu: cpuOf(topo, c) }])),
        ]),
      ),
      ratios,
      peak: { topology: label(peak), concurrency: best(peak), cpu: peakCpu },
      cores,
      profiles: profiles
        ? {
            server: { ...profiles.server, functions: profiles.server.functions.slice(0, 25) },
            worker: { ...profiles.worker, functions: profiles.worker.functions.slice(0, 25) },
          }
        : null,
    },
  };
}

/** The most cases a second the machine's cores could carry at the stack's measured CPU cost per case. */
function ceiling(f: RunFigures, cores: number): string {
  const most = (cores * 1000) / f.stackCpuMsPerCase;
  return `The stack spent ${fmt(f.stackCpuMsPerCase, 0)} CPU-ms per case in that run (all of its processes, from the first request until they fell quiet, so the work after the first projection too): ${cores} cores given to the stack alone could carry at most about ${fmt(most, 0)} cases/s at that cost; it carried ${fmt(f.projectedPerSecond)} (${fmt(100 * ratio(f.projectedPerSecond, most), 0)}% of that ceiling).`;
}

/**
 * What bounds intake, read off the CPU of the best run: the machine's cores when nearly all are
 * busy; one Node.js process's event loop when it nears a whole core with cores to spare; otherwise
 * waiting (round trips), with the busiest of Temporal and PostgreSQL named as the likely holder.
 */
function verdict(cpu: Record<string, number>, cores: number, where: string): string {
  const machine = cpu.machine ?? NaN;
  const named = Object.values(GROUP);
  const ours = [...named, 'other children'].reduce((s, n) => s + (cpu[n] ?? 0), 0);
  const hottest = named.reduce((a, b) => ((cpu[b] ?? 0) > (cpu[a] ?? 0) ? b : a));
  const at = `In the best run (${where}), ${fmt(machine, 2)} of ${cores} cores were busy: ${fmt(ours, 2)} by the benchmark and its stack, ${fmt(machine - ours, 2)} by other work on the machine; the busiest process was ${hottest} (${fmt(cpu[hottest] ?? NaN, 2)} cores).`;
  const busyElsewhere =
    machine - ours > 0.2 * cores
      ? ' Other work took a large share of the machine: these figures are not a clean measurement.'
      : '';
  if (machine >= 0.85 * cores)
    return `${at} So the machine's cores: more processes only share the same CPU; less CPU per submission (see the profiles) or more cores would raise it.${busyElsewhere}`;
  const loop = [GROUP.bench, GROUP.server1, GROUP.server2].find((n) => (cpu[n] ?? 0) >= 0.9);
  if (loop)
    return `${at} ${loop} is near the one core a Node.js event loop can use while cores are idle: its JavaScript thread bounds it, and another process of its kind shares the load.${busyElsewhere}`;
  const store =
    (cpu[GROUP.temporal] ?? 0) >= (cpu[GROUP.postgres] ?? 0)
      ? 'the Temporal dev server (every workflow start and task completion is a transaction on its SQLite file, one writer at a time)'
      : 'PostgreSQL';
  return `${at} Neither the cores nor any event loop is full, so the runs wait on round trips rather than CPU; of the two stores, ${store} is the busier and the likelier bound. Higher concurrency, not more processes, is what raises throughput until a CPU fills.${busyElsewhere}`;
}
