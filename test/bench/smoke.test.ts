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
  this.timeout(300_000);
  let out: string;
  let report: Omit<BenchReport, 'scenarios'> & {
    scenarios: (Omit<BenchReport['scenarios'][number], 'charts'> & { charts: string[] })[];
  };
  let markdown: string;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-smoke-'));
    const entry = path.join(distDir, 'bench', 'run.js');
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    await run(process.execPath, [entry, '--smoke', '--out', out], { encoding: 'utf8', timeout: 280_000 });
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

  it('measures scenarios 1 to 3 with numbers, a verdict on every target, and keeps places for 4 to 6', () => {
    expect(report.scenarios.map((s) => s.id)).to.deep.equal([
      '1-intake',
      '2-reads',
      '3-certificates',
      '4-open-cases',
      '5-scale-out',
      '6-growth',
    ]);
    for (const s of report.scenarios.slice(0, 3)) {
      expect(s.measured, s.id).to.be.true;
      expect(s.targets, s.id).to.not.be.empty;
      for (const t of s.targets) {
        expect(t.pass, `${s.id}: ${t.what}`).to.be.a('boolean');
        expect(t.measured, `${s.id}: ${t.what}`).to.match(/\d/);
        expect(markdown).to.contain(
          `| ${t.what} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'MISS'} |`,
        );
      }
      for (const table of s.tables) {
        expect(markdown).to.contain(`**${table.caption}**`);
        const numbers = table.rows.flat().filter((c) => typeof c === 'number');
        expect(numbers, table.caption).to.not.be.empty;
        for (const n of numbers) expect(Number.isFinite(n), `${table.caption}: ${n}`).to.be.true;
      }
      expect(markdown).to.contain(`## ${s.title}`);
    }
    for (const s of report.scenarios.slice(3)) expect(s.measured, s.id).to.be.false;
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
    for (const route of ['bare', 'status', 'inbox']) {
      expect(reads!.data[route].perSecond, route).to.be.greaterThan(0);
      expect(reads!.data[route].bad, route).to.equal(0);
    }
    expect(certificates!.data.janSetu.p50Ms).to.be.greaterThan(0);
    expect(certificates!.data.helvetica.p50Ms).to.be.greaterThan(0);
    // The baseline embeds no font: were the switch not to work, both would be the same size.
    expect(certificates!.data.janSetu.kib).to.be.greaterThan(certificates!.data.helvetica.kib);
    expect(certificates!.data.cold.firstMs).to.be.greaterThan(0);
  });

  it('writes each chart as a standalone SVG beside the report', () => {
    const charts = report.scenarios.flatMap((s) => s.charts);
    expect(charts).to.include.members(['intake-throughput.svg', 'reads.svg', 'certificates.svg']);
    for (const file of charts) {
      const svg = fs.readFileSync(path.join(out, 'benchmarks', file), 'utf8');
      expect(svg, file).to.match(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg, file).to.contain('</svg>');
      expect(markdown).to.contain(`(benchmarks/${file})`);
    }
  });
});
