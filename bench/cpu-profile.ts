// Where the CPU goes, for the benchmarks: CPU time of processes (and their children) from
// /proc/<pid>/stat between two snapshots, the whole machine's from /proc/stat; and summaries of
// V8 CPU profiles (node --cpu-prof) as self time by function and by package. Linux only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/paths';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcTimes {
  ppid: number;
  /** utime + stime: this process's own threads. */
  own: number;
  /** cutime + cstime: its children that have exited and been waited for. */
  reaped: number;
}

function readProcTimes(): Map<number, ProcTimes> {
  const out = new Map<number, ProcTimes>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // The command name (2nd field) may hold spaces and parentheses: the fields start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    out.set(Number(entry), { ppid: n(1), own: n(11) + n(12), reaped: n(13) + n(14) });
  }
  return out;
}

/** Busy and total jiffies of all cores (the first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

export interface CpuGroup {
  name: string;
  /** Undefined: not running now (left out of the snapshot). */
  pid: number | undefined;
  /**
   * true: the process and all its descendants (PostgreSQL's backends, a wrapper's child), counting
   * children that exited in between through their parent's reaped time. false: the process alone.
   */
  tree: boolean;
}

export interface CpuSnapshot {
  /** performance.timeOrigin-relative ms, as performance.now(). */
  atMs: number;
  /** CPU-seconds so far, by group name, with the pid it was read from. */
  groups: Record<string, { pid: number; seconds: number }>;
  /** CPU-seconds of the descendants of this process that belong to no group. */
  otherChildren: number;
  machineBusy: number;
}

/** CPU time of each group's process (or tree) now, of this process's other children, and of the machine. */
export function cpuSnapshot(groups: CpuGroup[], atMs: number): CpuSnapshot {
  const procs = readProcTimes();
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const tick = clockTicks();
  const treeTicks = (root: number): number => {
    let sum = 0;
    for (const stack = [root]; stack.length > 0;) {
      const pid = stack.pop()!;
      const p = procs.get(pid);
      if (!p) continue;
      sum += p.own + p.reaped;
      stack.push(...(children.get(pid) ?? []));
    }
    return sum;
  };
  const out: CpuSnapshot = { atMs, groups: {}, otherChildren: 0, machineBusy: machineTicks().busy / tick };
  const roots = new Set<number>();
  for (const g of groups) {
    if (g.pid === undefined || !procs.has(g.pid)) continue;
    roots.add(g.pid);
    const ticks = g.tree ? treeTicks(g.pid) : procs.get(g.pid)!.own;
    out.groups[g.name] = { pid: g.pid, seconds: ticks / tick };
  }
  for (const child of children.get(process.pid) ?? [])
    if (!roots.has(child)) out.otherChildren += treeTicks(child) / tick;
  return out;
}

/**
 * CPU-seconds used by each group between two snapshots, plus `other children` and `machine`. A
 * group present in only one snapshot, or read from another pid in each (restarted in between), is
 * left out.
 */
export function cpuSeconds(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, b] of Object.entries(to.groups)) {
    const a = from.groups[name];
    if (a && a.pid === b.pid) out[name] = Math.max(0, b.seconds - a.seconds);
  }
  out['other children'] = Math.max(0, to.otherChildren - from.otherChildren);
  out.machine = to.machineBusy - from.machineBusy;
  return out;
}

/** CPU-seconds per second (cores busy: 2.0 = two whole cores) of each group between two snapshots. */
export function cpuRates(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const seconds = (to.atMs - from.atMs) / 1000;
  return Object.fromEntries(Object.entries(cpuSeconds(from, to)).map(([name, s]) => [name, s / seconds]));
}

/** The parts of a .cpuprofile (V8's Profiler.Profile) the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  /** Microseconds, on the same monotonic clock as process.hrtime() in any process of the machine. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileFunction {
  functionName: string;
  /** Project file (dist/…) or package (`knex lib/runner.js`), with the line; node: internals as they are. */
  location: string;
  area: string;
  selfMs: number;
  /** Of the busy (not idle) time sampled. */
  share: number;
}

export interface ProfileSummary {
  /** Time the samples in the window cover, added over the threads. */
  sampledMs: number;
  idleMs: number;
  /** Functions by self time, most first. */
  functions: ProfileFunction[];
  /** Self time by project / package / Node.js / V8, most first. */
  areas: { area: string; selfMs: number; share: number }[];
}

const V8_SPECIAL = new Set(['(program)', '(garbage collector)', '(idle)', '(root)']);

/** Where a script is, shortened: `dist/server/app.js`, `knex lib/runner.js`, `node:internal/…`. */
function place(url: string): { file: string; area: string } {
  if (url === '') return { file: '', area: 'V8 built-ins and native functions' };
  if (url.startsWith('node:')) return { file: url, area: 'Node.js' };
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const at = file.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const parts = file.slice(at + '/node_modules/'.length).split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    const rest = parts.slice(pkg.split('/').length).join('/');
    return { file: `${pkg} ${rest}`, area: pkg };
  }
  const relative = path.relative(projectRoot, file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return { file: relative, area: 'Jan Setu' };
  return { file, area: 'other' };
}

/**
 * Self time by function over the samples taken within [fromUs, toUs] (the profiles' clock: µs of
 * process.hrtime), each sample weighing the time until the next one (as Chrome DevTools counts);
 * several profiles (a process's threads) are added up.
 */
export function summariseCpuProfiles(
  profiles: CpuProfile[],
  window: { fromUs?: number; toUs?: number } = {},
): ProfileSummary {
  const fromUs = window.fromUs ?? -Infinity;
  const toUs = window.toUs ?? Infinity;
  const selfUs = new Map<CpuProfile['nodes'][number]['callFrame'], number>();
  for (const profile of profiles) {
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i += 1) {
      t += profile.timeDeltas[i] ?? 0;
      const weight = profile.timeDeltas[i + 1] ?? 0;
      if (t < fromUs || t > toUs) continue;
      const frame = frames.get(profile.samples[i]!)!;
      selfUs.set(frame, (selfUs.get(frame) ?? 0) + weight);
    }
  }
  const byFunction = new Map<string, Omit<ProfileFunction, 'share'>>();
  let sampledUs = 0;
  let idleUs = 0;
  for (const [frame, us] of selfUs) {
    sampledUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const special = V8_SPECIAL.has(frame.functionName);
    const where = place(frame.url);
    const location = where.file === '' ? '' : `${where.file}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}\u0000${location}`;
    const entry = byFunction.get(key) ?? {
      functionName: frame.functionName || '(anonymous)',
      location,
      area: special ? `V8 ${frame.functionName}` : where.area,
      selfMs: 0,
    };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  const busyMs = (sampledUs - idleUs) / 1000;
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : NaN);
  const functions = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .map((f) => ({ ...f, share: share(f.selfMs) }));
  const areaMs = new Map<string, number>();
  for (const f of functions) areaMs.set(f.area, (areaMs.get(f.area) ?? 0) + f.selfMs);
  const areas = [...areaMs]
    .sort((a, b) => b[1] - a[1])
    .map(([area, selfMs]) => ({ area, selfMs, share: share(selfMs) }));
  return { sampledMs: sampledUs / 1000, idleMs: idleUs / 1000, functions, areas };
}

/** The .cpuprofile files node --cpu-prof wrote into `dir` (one per thread: main and worker threads). */
export function readCpuProfiles(dir: string): { file: string; profile: CpuProfile }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((file) => ({
      file,
      profile: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile,
    }));
}
