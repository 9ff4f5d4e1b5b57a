// Scenario 2, reads: an application's status (the citizen's view) and an officer's inbox (their
// open complaints, GET /api/v1/complaints?mine=1) under load from autocannon in a separate
// process on loopback, against a bare Koa route answering the same JSON (another child process)
// in the same run.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { barChart } from '../templates/charts';
import type { ScenarioReport } from './report';
import type { BenchStack } from './stack';
import { fmt, medianOf, ratio } from './stats';

export interface ReadOptions {
  connections: number;
  seconds: number;
  repeats: number;
}

export interface ReadFigures extends Record<string, number> {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, and errors/timeouts: any of them makes the run suspect. */
  bad: number;
}

const run = promisify(execFile);

/** autocannon's command line, in its own process, with its JSON summary parsed. */
export async function autocannon(
  url: string,
  options: Pick<ReadOptions, 'connections' | 'seconds'>,
  headers: string[] = [],
): Promise<ReadFigures> {
  const bin = require.resolve('autocannon/autocannon.js');
  const args = [bin, '-c', String(options.connections), '-d', String(options.seconds), '-j', '-n'];
  for (const h of headers) args.push('-H', h);
  args.push(url);
  const { stdout } = await run(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

/** The bare Koa child, answering `body`; stopped by the returned function. */
async function startBareKoa(body: unknown): Promise<{ url: string; stop(): void }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-koa-')), 'body.json');
  fs.writeFileSync(file, JSON.stringify(body));
  const ext = path.extname(__filename);
  const args =
    ext === '.ts'
      ? ['--import', 'tsx', path.join(__dirname, 'bare-koa.ts')]
      : [path.join(__dirname, 'bare-koa.js')];
  const child = spawn(process.execPath, [...args, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare Koa server exited (${code})`)));
    child.stdout.once('data', (data: Buffer) =>
      resolve((JSON.parse(data.toString()) as { port: number }).port),
    );
  });
  return {
    url: `http://127.0.0.1:${port}/status`,
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

export async function readScenario(
  bench: BenchStack,
  cases: { applications: { number: string; mobile: string }[] },
  options: ReadOptions,
): Promise<ScenarioReport> {
  const application = cases.applications[0];
  if (!application) throw new Error('the reads scenario needs an application from the intake scenario');
  const statusUrl = bench.api(
    `/applications/${application.number.replace(/\//g, '-')}?mobile=${application.mobile}`,
  );
  const status = await fetch(statusUrl);
  if (!status.ok) throw new Error(`status of ${application.number}: HTTP ${status.status}`);
  const statusBody: unknown = await status.json();

  // The officer with the most open complaints from the intake scenario: their inbox is the read.
  const officer: { assignedOfficerCode: string; open: number } | undefined = await bench
    .db('complaints')
    .whereNotNull('assignedOfficerCode')
    .whereNot({ status: 'closed' })
    .groupBy('assignedOfficerCode')
    .orderByRaw('count(*) desc')
    .first('assignedOfficerCode', bench.db.raw('count(*)::int as open'));
  if (!officer) throw new Error('no complaint is assigned to an officer: the intake scenario made none');
  const inboxUrl = bench.api('/complaints?mine=1');
  const inboxHeaders = [`authorization=${bench.bearer(officer.assignedOfficerCode).authorization}`];
  const inbox = await fetch(inboxUrl, {
    headers: { authorization: bench.bearer(officer.assignedOfficerCode).authorization },
  });
  if (!inbox.ok) throw new Error(`inbox of ${officer.assignedOfficerCode}: HTTP ${inbox.status}`);

  const bare = await startBareKoa(statusBody);
  const runs = { bare: [] as ReadFigures[], status: [] as ReadFigures[], inbox: [] as ReadFigures[] };
  try {
    const warm = { ...options, seconds: 1 };
    await autocannon(bare.url, warm);
    await autocannon(statusUrl, warm);
    await autocannon(inboxUrl, warm, inboxHeaders);
    for (let r = 0; r < options.repeats; r += 1) {
      runs.bare.push(await autocannon(bare.url, options));
      runs.status.push(await autocannon(statusUrl, options));
      runs.inbox.push(await autocannon(inboxUrl, options, inboxHeaders));
    }
  } finally {
    bare.stop();
  }
  const b = medianOf(runs.bare);
  const s = medianOf(runs.status);
  const i = medianOf(runs.inbox);
  const row = (name: string, f: ReadFigures): (string | number)[] => [
    name,
    f.perSecond,
    fmt(ratio(f.perSecond, b.perSecond), 2),
    f.p50Ms,
    f.p99Ms,
    String(f.bad),
  ];
  const check = (name: string, f: ReadFigures) => [
    {
      what: `${name}: requests/s (ratio to bare Koa)`,
      target: '≥ 2,000 /s',
      measured: `${fmt(f.perSecond, 0)} /s (${fmt(ratio(f.perSecond, b.perSecond), 2)})`,
      pass: f.perSecond >= 2000 && f.bad === 0,
    },
    {
      what: `${name}: p99`,
      target: '< 50 ms',
      measured: `${fmt(f.p99Ms)} ms`,
      pass: f.p99Ms < 50 && f.bad === 0,
    },
  ];
  return {
    id: '2-reads',
    title: '2. Reads',
    notes: [
      `autocannon ${options.connections} connections for ${options.seconds} s per run, in its own process on loopback; ${options.repeats} repeat(s), medians shown, after a 1-second warm-up of each. Status: GET /api/v1/applications/:number?mobile=… of one intake application (its row, timeline and documents from PostgreSQL, authorization by the applicant's mobile). Inbox: GET /api/v1/complaints?mine=1 with a staff bearer token, the L1 officer with ${officer.open} open complaints from the intake scenario. Baseline: a bare Koa server (one route, no middleware) in another process answering the status JSON.`,
    ],
    tables: [
      {
        caption: 'Reads under load (median of repeats)',
        header: ['Route', 'Requests/s', 'Ratio to bare Koa', 'p50 ms', 'p99 ms', 'Non-2xx or errors'],
        rows: [row('bare Koa route (baseline)', b), row('application status', s), row('officer inbox', i)],
      },
    ],
    targets: [...check('application status', s), ...check('officer inbox', i)],
    charts: [
      {
        file: 'reads.svg',
        title: 'Reads: requests per second under load',
        chart: barChart({
          title: 'Requests per second',
          categories: ['bare Koa route', 'application status', 'officer inbox'],
          series: [{ name: 'requests/s', values: [b.perSecond, s.perSecond, i.perSecond] }],
          unit: '/s',
        }),
      },
    ],
    data: { bare: b, status: s, inbox: i, inboxOpenComplaints: officer.open },
  };
}
