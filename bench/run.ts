// Entry point of `npm run bench` (full: docs/benchmarks.md) and `npm run bench:smoke` (tiny sizes,
// one repeat, into a temporary folder: keeps the benchmark code from rotting; not results). Starts
// its own stack on free ports, runs the scenarios, writes the report and its charts. Runs dist/:
// the npm scripts build first.
//
//   node dist/bench/run.js [--smoke] [--out DIR] [--repeats N] [--sustain-seconds S]
//                          [--sustain-rate R] [--scenarios 1,2,3,4,5,6]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../lib/paths';
import { certificateScenario, type CertificateOptions } from './certificates';
import { intakeScenario, type IntakeOptions } from './intake';
import { describeMachine } from './machine';
import { growthScenario, type GrowthOptions } from './growth';
import { openCaseScenario, type OpenCaseOptions } from './open-cases';
import { readScenario, type ReadOptions } from './reads';
import { scaleOutScenario, type ScaleOutOptions } from './scale-out';
import { writeReport, type BenchReport, type ScenarioReport } from './report';
import { startBenchStack } from './stack';

interface Plan {
  intake: IntakeOptions;
  reads: ReadOptions;
  certificates: CertificateOptions;
  scaleOut: Omit<ScaleOutOptions, 'log'>;
  openCases: OpenCaseOptions;
  growth: GrowthOptions;
}

function plan(smoke: boolean, repeats: number, sustainSeconds: number, sustainRate: number): Plan {
  if (smoke) {
    return {
      intake: {
        concurrencies: [1, 4],
        perLevel: () => 6,
        repeats,
        sustainSeconds,
        sustainRate,
        projectionWaitMs: 20_000,
        journal: { concurrency: 4, starts: 10, repeats },
      },
      reads: { connections: 4, seconds: 2, repeats },
      certificates: { warmup: 2, documents: 10, repeats },
      scaleOut: {
        concurrencies: [4],
        secondsPerRun: 2,
        warmupSeconds: 1,
        repeats,
        projectionWaitMs: 20_000,
        profile: true,
      },
      openCases: {
        complaints: 40,
        concurrency: 8,
        pace: 0.8,
        probe: 10,
        limitFactor: 1.3,
        limitMarginSeconds: 10,
        escalationTimeoutSeconds: 60,
        projectionWaitMs: 20_000,
      },
      growth: {
        steps: [1_000, 5_000],
        submissions: 6,
        concurrency: 4,
        readConnections: 4,
        readSeconds: 2,
        repeats,
        batch: 2_000,
        extraOfficers: 1_000,
        projectionWaitMs: 20_000,
      },
    };
  }
  return {
    intake: {
      concurrencies: [1, 4, 16, 32],
      perLevel: (c) => Math.max(100, 10 * c),
      repeats,
      sustainSeconds,
      sustainRate,
      projectionWaitMs: 60_000,
      journal: { concurrency: 16, starts: 400, repeats },
    },
    reads: { connections: 32, seconds: 15, repeats },
    certificates: { warmup: 20, documents: 200, repeats },
    scaleOut: {
      concurrencies: [32],
      secondsPerRun: 5,
      warmupSeconds: 3,
      repeats,
      projectionWaitMs: 60_000,
      profile: true,
    },
    openCases: {
      complaints: 10_000,
      concurrency: 8,
      // Below the worker's pace: registering faster than it starts the timers measures a backlog.
      pace: 0.8,
      probe: 200,
      limitFactor: 1.3,
      limitMarginSeconds: 30,
      escalationTimeoutSeconds: 180,
      projectionWaitMs: 60_000,
      budgetSeconds: 1_500,
    },
    growth: {
      steps: [10_000, 100_000, 1_000_000],
      submissions: 50,
      concurrency: 4,
      readConnections: 32,
      readSeconds: 5,
      repeats,
      batch: 50_000,
      extraOfficers: 1_000,
      projectionWaitMs: 60_000,
    },
  };
}

/** How this run was started, for the report: the npm script when it was one. */
function commandLine(args: string[]): string {
  const script = process.env.npm_lifecycle_event;
  if (script === 'bench' || script === 'bench:smoke') {
    const extra = script === 'bench:smoke' ? args.filter((a) => a !== '--smoke') : args;
    return `npm run ${script}${extra.length > 0 ? ` -- ${extra.join(' ')}` : ''}`;
  }
  const entry = path.relative(projectRoot, process.argv[1] ?? 'dist/bench/run.js');
  return `${entry.endsWith('.ts') ? 'npx tsx' : 'node'} ${entry} ${args.join(' ')}`.trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      repeats: { type: 'string' },
      'sustain-seconds': { type: 'string' },
      'sustain-rate': { type: 'string' },
      scenarios: { type: 'string', default: '1,2,3,4,5,6' },
    },
  });
  const smoke = values.smoke;
  const repeats = Number(values.repeats ?? (smoke ? 1 : 3));
  const sustainSeconds = Number(values['sustain-seconds'] ?? (smoke ? 10 : 600));
  // Smoke offers a gentle rate: it runs inside the test command, beside other work.
  const sustainRate = Number(values['sustain-rate'] ?? (smoke ? 5 : 20));
  const chosen = new Set(values.scenarios.split(',').map((s) => s.trim()));
  for (const [name, n] of Object.entries({ repeats, sustainSeconds, sustainRate }))
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
  if (chosen.has('2') && !chosen.has('1')) throw new Error('scenario 2 reads the cases scenario 1 makes');
  const outDir =
    values.out ??
    (smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-bench-')) : path.join(projectRoot, 'docs'));
  const p = plan(smoke, repeats, sustainSeconds, sustainRate);
  const command = commandLine(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0] ?? NaN;
  const started = Date.now();
  const log = (message: string) =>
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${message}\n`);

  const scenarios: ScenarioReport[] = [];
  // Certificates first: they need no stack, and measure best on a machine without one.
  if (chosen.has('3')) {
    log('scenario 3: certificates');
    scenarios.push(await certificateScenario(p.certificates));
  }
  log('starting the stack');
  const bench = await startBenchStack();
  let machine;
  try {
    machine = { ...(await describeMachine(bench.db)), loadAverage: loadAtStart };
    if (chosen.has('1')) {
      log('scenario 1: intake');
      const intake = await intakeScenario(bench, p.intake);
      scenarios.push(intake.report);
      if (chosen.has('2')) {
        log('scenario 2: reads');
        scenarios.push(await readScenario(bench, intake, p.reads));
      }
    }
    // Scale-out before the open cases and growth: both leave the stack with far more cases.
    if (chosen.has('5')) {
      log('scenario 5: scale-out');
      scenarios.push(await scaleOutScenario(bench, { ...p.scaleOut, log }));
    }
    if (chosen.has('4')) {
      log('scenario 4: open cases and timers');
      scenarios.push(await openCaseScenario(bench, p.openCases));
    }
    // Growth last: it fills PostgreSQL with up to a million cases of each kind.
    if (chosen.has('6')) {
      log('scenario 6: growth');
      scenarios.push(await growthScenario(bench, p.growth));
    }
  } finally {
    log('stopping the stack');
    await bench.stop();
  }
  const report: BenchReport = {
    mode: smoke ? 'smoke' : 'full',
    command,
    repeats,
    machine,
    scenarios: scenarios.sort((a, b) => a.id.localeCompare(b.id)),
    durationSeconds: (Date.now() - started) / 1000,
  };
  const file = await writeReport(report, outDir);
  log(`report: ${file}`);
  process.stdout.write(`${file}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String((err as Error).stack ?? err)}\n`);
    process.exit(1);
  },
);
