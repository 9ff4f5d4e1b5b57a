// The benchmark in smoke mode (tiny sizes, one repeat, into a temporary folder), so its code cannot
// rot between full runs: every scenario measured must report numbers, every target a verdict, every
// chart a file. Whether targets pass is the full run's business, not this test's. Needs `npm run build`.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { distDir } from '../../lib/paths';
import type { BenchReport } from '../../bench/report';

const run = promisify(execFile);

describe('npm run bench:smoke', function () {
  this.timeout(900_000);
  let out: string;
  let report: Omit<BenchReport, 'scenarios'> & {
    scenarios: (Omit<BenchReport['scenarios'][number], 'charts'> & { charts: string[] })[];
  };
  let markdown: string;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-smoke-'));
    const entry = path.join(distDir, 'bench', 'run.js');
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    await run(process.execPath, [entry, '--smoke', '--out', out], { encoding: 'utf8', timeout: 880_000 });
    report = JSON.parse(fs.readFileSync(path.join(out, 'benchmarks.json'), 'utf8'));
    // Prettier (which formats the report) pads table cells to line the columns up.
    markdown = fs.readFileSync(path.join(out, 'benchmarks.md'), 'utf8').replace(/ {2,}/g, ' ');
  });

  after(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('describes the machine it ran on', () => {
    expect(report.mode).to.equal('smoke');
    expect(report.machine.cores).to.be.greaterThan(0);
    expect(report.machine.postgres).to.match(/^PostgreSQL \d+/);
    expect(report.machine.temporalCli).to.match(/\d+\.\d+/);
    expect(markdown).to.contain('Smoke run');
  });

  it('measures all six scenarios with numbers, and a verdict on every target the issue sets', () => {
    expect(report.scenarios.map((s) => s.id)).to.deep.equal([
      '1-intake',
      '2-reads',
      '3-certificates',
      '4-open-cases',
      '5-scale-out',
      '6-growth',
    ]);
    for (const s of report.scenarios) {
      // Scale-out has no target in the issue: its verdicts are the ratios in its tables.
      if (s.id !== '5-scale-out') expect(s.targets, s.id).to.not.be.empty;
      for (const t of s.targets) {
        expect(t.pass, `${s.id}: ${t.what}`).to.be.a('boolean');
        expect(t.measured, `${s.id}: ${t.what}`).to.match(/\d/);
        expect(markdown).to.contain(
          `| ${t.what} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'MISS'} |`,
        );
      }
      for (const table of s.tables) {
        expect(markdown).to.contain(`**${table.caption}**`);
        expect(table.rows, table.caption).to.not.be.empty;
        for (const row of table.rows) expect(row.join(' '), table.caption).to.match(/\d/);
        const numbers = table.rows.flat().filter((c) => typeof c === 'number');
        for (const n of numbers) expect(Number.isFinite(n), `${table.caption}: ${n}`).to.be.true;
      }
      expect(markdown).to.contain(`## ${s.title}`);
    }
  });

  it('measured real work: intake against the bare baseline, reads against bare Koa, certificates against Helvetica', () => {
    const [intake, reads, certificates] = report.scenarios as unknown as { data: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of ['1', '4']) {
      for (const kind of ['bare', 'complaints', 'applications']) {
        const f = intake!.data.levels[c][kind];
        expect(f.perSecond, `${kind}@${c}`).to.be.greaterThan(0);
        expect(f.failed, `${kind}@${c}`).to.equal(0);
      }
      expect(intake!.data.levels[c].complaints.projectionLagP50Ms).to.be.greaterThan(0);
    }
    expect(intake!.data.sustain.ok).to.be.greaterThan(0);
    expect(intake!.data.sustain.failedWorkflowTasks).to.be.a('number');
    expect(intake!.data.sustain.timedOutWorkflowTasks).to.be.a('number');
    for (const route of ['bare', 'status', 'inbox']) {
      expect(reads!.data[route].perSecond, route).to.be.greaterThan(0);
      expect(reads!.data[route].bad, route).to.equal(0);
    }
    expect(certificates!.data.janSetu.p50Ms).to.be.greaterThan(0);
    expect(certificates!.data.helvetica.p50Ms).to.be.greaterThan(0);
    // The baseline embeds no font: were the switch not to work, both would be the same size.
    expect(certificates!.data.janSetu.kib).to.be.greaterThan(certificates!.data.helvetica.kib);
    expect(certificates!.data.cold.firstMs).to.be.greaterThan(0);
    for (const kind of ['bare', 'complaints', 'applications'])
      expect(intake!.data.temporalWork[kind].events, kind).to.be.greaterThan(0);
    // A Jan Setu case does more than a no-op workflow; were the histories not read, they would tie.
    expect(intake!.data.temporalWork.complaints.activities).to.be.greaterThan(0);
    for (const journal of ['rollback', 'wal'])
      expect(intake!.data.journal[journal].perSecond, journal).to.be.greaterThan(0);
  });

  it('scaled out: every topology carried cases, on the processes it names, with both profiles read', () => {
    const scaleOut = report.scenarios.find((s) => s.id === '5-scale-out') as unknown as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const labels = ['1 worker × 1 HTTP', '1 worker × 2 HTTP', '2 workers × 2 HTTP', '2 workers × 1 HTTP'];
    expect(Object.keys(scaleOut.data.levels)).to.have.members(labels);
    for (const topology of labels) {
      const f = scaleOut.data.levels[topology]['4'];
      expect(f.answeredPerSecond, topology).to.be.greaterThan(0);
      expect(f.projectedPerSecond, topology).to.be.greaterThan(0);
      expect(f.projectionsMissing, topology).to.equal(0);
      expect(f.stackCpuMsPerCase, topology).to.be.greaterThan(0);
      expect(f.cpu['worker 1'], topology).to.be.greaterThan(0);
      expect(f.cpu['HTTP server 1'], topology).to.be.greaterThan(0);
      if (topology.startsWith('2 workers')) expect(f.cpu['worker 2'], topology).to.be.greaterThan(0);
      if (topology.endsWith('2 HTTP')) expect(f.cpu['HTTP server 2'], topology).to.be.greaterThan(0);
    }
    for (const process of ['server', 'worker']) {
      const profile = scaleOut.data.profiles[process];
      expect(profile.functions, process).to.not.be.empty;
      expect(profile.sampledMs, process).to.be.greaterThan(profile.idleMs);
    }
  });

  it('held every complaint open on its L1 timer and escalated them all', () => {
    const open = report.scenarios.find((s) => s.id === '4-open-cases') as unknown as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const d = open.data;
    expect(d.limitSeconds).to.be.greaterThan(0);
    expect(d.intake.failed).to.equal(0);
    expect(d.missing).to.equal(0);
    expect(d.escalated).to.equal(d.intake.registered);
    expect(d.failedWorkflowTasks).to.be.a('number');
    expect(d.timedOutWorkflowTasks).to.be.a('number');
    expect(Number.isFinite(d.lagMs.p50) && d.lagMs.p50 >= 0, 'lag p50').to.be.true;
    expect(d.lagMs.p99).to.be.at.least(d.lagMs.p50);
    expect(d.visibleLagMs.p50).to.be.at.least(d.lagMs.p50);
    for (const process of ['worker', 'server', 'temporal', 'postgres'])
      expect(d.peakRssMiB[process], process).to.be.greaterThan(0);
    expect(d.allOpen.rssMiB.worker).to.be.greaterThan(0);
    // Read from the worker's /metrics: its cache held the waiting workflows and served the escalations.
    expect(d.allOpen.stickyCacheSize, 'workflows in the cache at all open').to.be.greaterThan(0);
    expect(d.stickyCache.hits + d.stickyCache.misses, 'cache lookups by the escalations').to.be.greaterThan(
      0,
    );
  });

  it('grew the tables step by step, measured intake and reads at each, and read every plan', () => {
    const growth = report.scenarios.find((s) => s.id === '6-growth') as unknown as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const steps = growth.data.steps as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(steps).to.have.length(2);
    expect(steps[0].added).to.be.greaterThan(0);
    for (const step of steps) {
      for (const kind of ['complaints', 'applications']) {
        expect(step[kind].perSecond, kind).to.be.greaterThan(0);
        expect(step[kind].failed, kind).to.equal(0);
      }
      for (const read of ['status', 'inbox']) {
        expect(step[read].perSecond, read).to.be.greaterThan(0);
        expect(step[read].bad, read).to.equal(0);
      }
      expect(step.inboxRows).to.be.greaterThan(0);
      expect(step.plans).to.have.length(14);
      for (const plan of step.plans) expect(Number.isFinite(plan.ms) && plan.ms >= 0, plan.query).to.be.true;
    }
    // The worker's sweep for cases never started must use its index, not read the whole table.
    const sweeps = steps.at(-1).plans.filter((p: { query: string }) => p.query.startsWith('sweep:'));
    expect(sweeps).to.have.length(2);
    for (const sweep of sweeps) {
      expect(sweep.seqScans, sweep.query).to.be.empty;
      expect(sweep.scans.join(' '), sweep.query).to.contain('_not_started_idx');
    }
  });

  it('writes each chart as a standalone SVG beside the report', () => {
    const charts = report.scenarios.flatMap((s) => s.charts);
    expect(charts).to.include.members([
      'intake-throughput.svg',
      'reads.svg',
      'certificates.svg',
      'scale-out.svg',
      'scale-out-cpu.svg',
      'growth.svg',
    ]);
    for (const file of charts) {
      const svg = fs.readFileSync(path.join(out, 'benchmarks', file), 'utf8');
      expect(svg, file).to.match(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg, file).to.contain('</svg>');
      expect(markdown).to.contain(`(benchmarks/${file})`);
    }
  });
});
