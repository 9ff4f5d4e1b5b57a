// Scenario 3, certificates: the Hindi + English income certificate rendered over and over in a
// warm renderer (as a worker holds it), against the same document in pdfkit's built-in Helvetica
// (no font embedding or Devanagari shaping) in the same run; the cold first document in a fresh
// process reported apart. Needs no stack: it runs before one is started.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createDocumentRenderer } from '../activities/documents';
import { useStandardFontsForBenchmark } from '../activities/documents/fonts';
import { generateSigningKey } from '../lib/certificate-signing';
import { barChart } from '../templates/charts';
import { sampleIncomeCertificate } from '../test/fixtures/certificates';
import type { ScenarioReport } from './report';
import { fmt, median, medianOf, percentile, ratio } from './stats';

export interface CertificateOptions {
  warmup: number;
  documents: number;
  repeats: number;
}

interface RenderFigures extends Record<string, number> {
  p50Ms: number;
  p99Ms: number;
  /** Documents per second of wall time, one document at a time (one core). */
  perSecond: number;
  /** Documents per CPU-second of this process: the per-core rate, less what others take of the core. */
  perCpuSecond: number;
  kib: number;
}

async function measure(options: CertificateOptions, standardFont: boolean): Promise<RenderFigures> {
  useStandardFontsForBenchmark(standardFont);
  try {
    const renderer = createDocumentRenderer({ signingKey: generateSigningKey() });
    let n = 0;
    for (let i = 0; i < options.warmup; i += 1) await renderer.certificate(sampleIncomeCertificate((n += 1)));
    const times: number[] = [];
    let bytes = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < options.documents; i += 1) {
      const t = performance.now();
      const pdf = await renderer.certificate(sampleIncomeCertificate((n += 1)));
      times.push(performance.now() - t);
      bytes += pdf.length;
    }
    const wallSeconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      p50Ms: percentile(times, 0.5),
      p99Ms: percentile(times, 0.99),
      perSecond: options.documents / wallSeconds,
      perCpuSecond: options.documents / ((used.user + used.system) / 1e6),
      kib: bytes / options.documents / 1024,
    };
  } finally {
    useStandardFontsForBenchmark(false);
  }
}

const run = promisify(execFile);

/** One document in a fresh process: the cost a worker pays once after it starts. */
async function coldDocument(): Promise<{ firstMs: number; secondMs: number; loadMs: number }> {
  const ext = path.extname(__filename);
  const child = path.join(__dirname, `cold-certificate${ext}`);
  if (!fs.existsSync(child)) throw new Error(`${child} is missing`);
  // Under tsx (a .ts entry) the child needs tsx's loader too.
  const args = ext === '.ts' ? ['--import', 'tsx', child] : [child];
  const { stdout } = await run(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    firstMs: number;
    secondMs: number;
    loadMs: number;
  };
}

export async function certificateScenario(options: CertificateOptions): Promise<ScenarioReport> {
  const janSetu: RenderFigures[] = [];
  const helvetica: RenderFigures[] = [];
  const cold: { firstMs: number; secondMs: number; loadMs: number }[] = [];
  for (let r = 0; r < options.repeats; r += 1) {
    // Interleaved, so a change in the machine's load falls on both.
    janSetu.push(await measure(options, false));
    helvetica.push(await measure(options, true));
    cold.push(await coldDocument());
  }
  const j = medianOf(janSetu);
  const h = medianOf(helvetica);
  const coldFirst = median(cold.map((c) => c.firstMs));
  const coldSecond = median(cold.map((c) => c.secondMs));
  const coldLoad = median(cold.map((c) => c.loadMs));

  return {
    id: '3-certificates',
    title: '3. Certificates',
    notes: [
      `A Hindi + English income certificate (Noto Sans Devanagari, shaped, with /ActualText and a signed QR code), rendered one at a time in one warm renderer: ${options.warmup} to warm up, then ${options.documents} timed; ${options.repeats} repeat(s), medians shown. The baseline is the same document in pdfkit's built-in Helvetica (nothing embedded or shaped; its Devanagari does not render), in the same run. "Per CPU-second" divides by this process's CPU time, the per-core rate with other processes' share of the core taken out.`,
      `Cold: a fresh process renders its first certificate in ${fmt(coldFirst, 0)} ms (parsing both TTFs, building the shaping tables, the first words shaped), its second in ${fmt(coldSecond, 0)} ms; loading the modules took ${fmt(coldLoad, 0)} ms before that.`,
    ],
    tables: [
      {
        caption: 'Rendering one certificate (warm)',
        header: ['Font', 'p50 ms', 'p99 ms', 'Per second (1 core, wall)', 'Per CPU-second', 'Size KiB'],
        rows: [
          ['Noto Sans Devanagari (as issued)', j.p50Ms, j.p99Ms, j.perSecond, j.perCpuSecond, j.kib],
          ['Helvetica (baseline)', h.p50Ms, h.p99Ms, h.perSecond, h.perCpuSecond, h.kib],
          [
            'Ratio as issued ÷ baseline',
            fmt(ratio(j.p50Ms, h.p50Ms), 2),
            fmt(ratio(j.p99Ms, h.p99Ms), 2),
            fmt(ratio(j.perSecond, h.perSecond), 2),
            fmt(ratio(j.perCpuSecond, h.perCpuSecond), 2),
            fmt(ratio(j.kib, h.kib), 2),
          ],
        ],
      },
      {
        caption: 'Cold first document (fresh process)',
        header: ['First document ms', 'Second document ms', 'Module loading ms'],
        rows: [[coldFirst, coldSecond, coldLoad]],
      },
    ],
    targets: [
      {
        what: 'warm certificate p50',
        target: '≤ 30 ms',
        measured: `${fmt(j.p50Ms)} ms`,
        pass: j.p50Ms <= 30,
      },
      {
        what: 'certificates per second per core (per CPU-second)',
        target: '≥ 25',
        measured: `${fmt(j.perCpuSecond)} (wall: ${fmt(j.perSecond)})`,
        pass: j.perCpuSecond >= 25,
      },
    ],
    charts: [
      {
        file: 'certificates.svg',
        title: 'Certificate rendering, warm: milliseconds per document',
        legend: ['p50', 'p99'],
        chart: barChart({
          title: 'Milliseconds per certificate',
          categories: ['Noto Sans Devanagari', 'Helvetica baseline'],
          series: [
            { name: 'p50', values: [j.p50Ms, h.p50Ms] },
            { name: 'p99', values: [j.p99Ms, h.p99Ms] },
          ],
          unit: ' ms',
        }),
      },
    ],
    data: { janSetu: j, helvetica: h, cold: { firstMs: coldFirst, secondMs: coldSecond, loadMs: coldLoad } },
  };
}
