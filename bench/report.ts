// The benchmark report: one section per scenario (its figures as medians of the repeats, each
// target with PASS or MISS, the ratio to the baseline measured in the same run), written as
// Markdown with the charts as standalone SVG files beside it, and as JSON for machines (the smoke
// test reads it).
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { Html } from '../templates/html';
import type { Machine } from './machine';
import { fmt } from './stats';

export interface TargetCheck {
  what: string;
  target: string;
  /** The measured figure as shown, e.g. "31.2 /s". */
  measured: string;
  pass: boolean;
}

export interface Table {
  caption: string;
  header: string[];
  rows: (string | number)[][];
}

export interface Chart {
  /** File name (no folder), e.g. "intake-throughput.svg". */
  file: string;
  title: string;
  /** A chart of templates/charts.ts. */
  chart: Html;
  /** Series names, drawn as the key (the page version of the chart keeps its legend outside the SVG). */
  legend?: string[];
}

export interface ScenarioReport {
  /** "1-intake", "2-reads", …: also the JSON key. */
  id: string;
  title: string;
  notes: string[];
  tables: Table[];
  targets: TargetCheck[];
  charts: Chart[];
  /** The raw figures, for the JSON report. */
  data: unknown;
}

export interface BenchReport {
  mode: 'full' | 'smoke';
  command: string;
  repeats: number;
  machine: Machine;
  scenarios: ScenarioReport[];
  durationSeconds: number;
}

/**
 * The chart's own <svg> (templates/charts.ts draws it for an HTML page, inside a figure with a
 * legend and a data table) as a standalone SVG document with a title line and the legend drawn in.
 */
export function standaloneSvg(chart: Chart): string {
  const legend = chart.legend ?? [];
  const markup = chart.chart.toString();
  const start = markup.indexOf('<svg\n    class="chart-svg"');
  const from = start >= 0 ? start : markup.indexOf('<svg class="chart-svg"');
  if (from < 0) throw new Error(`chart ${chart.file} has no chart-svg element`);
  const end = markup.indexOf('</svg>', from) + '</svg>'.length;
  const inner = markup.slice(from, end);
  const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(inner);
  const width = Number(viewBox?.[1] ?? 640);
  const height = Number(viewBox?.[2] ?? 300);
  const head = 28 + (legend.length > 0 ? 20 : 0);
  const colours = ['#0b4f6c', '#b42318', '#1e7b34', '#b07400', '#6f42c1', '#6e7781'];
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const keys = legend
    .map((name, i) => {
      const x = 8 + i * 160;
      return `<rect x="${x}" y="34" width="12" height="12" fill="${colours[i % colours.length]}"/><text x="${x + 16}" y="44" font-size="12">${escape(name)}</text>`;
    })
    .join('');
  const placed = inner
    .replace('<svg', `<svg x="0" y="${head}" width="${width}" height="${height}"`)
    .replace(/ width="100%"/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + head}" viewBox="0 0 ${width} ${height + head}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
    keys,
    placed,
    '</svg>',
    '',
  ].join('\n');
}

function markdownTable(table: Table): string {
  const row = (cells: (string | number)[]) =>
    `| ${cells.map((c) => (typeof c === 'number' ? fmt(c) : c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `**${table.caption}**`,
    '',
    row(table.header),
    `| ${table.header.map(() => '---').join(' | ')} |`,
    ...table.rows.map(row),
  ].join('\n');
}

export function renderMarkdown(report: BenchReport, chartDir: string): string {
  const m = report.machine;
  const lines: string[] = [
    '# Benchmarks',
    '',
    report.mode === 'smoke'
      ? '> **Smoke run**: tiny sizes, one repeat, to keep the benchmark code working. These are not results.'
      : '> Figures are medians of the repeats; each ratio is to a baseline measured in the same run on the same machine. What bounds each figure, what was tuned and what would move a missed target: [performance.md](performance.md).',
    '',
    `Produced by \`${report.command}\` on ${m.date} in ${fmt(report.durationSeconds, 0)} s (${report.repeats} repeat${report.repeats === 1 ? '' : 's'} of each measurement).`,
    '',
    '| Machine | |',
    '| --- | --- |',
    `| CPU | ${m.cpuModel} × ${m.cores} |`,
    `| Memory | ${fmt(m.memoryGiB)} GiB |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| Temporal CLI | ${m.temporalCli.replace(/\n/g, ' ')} |`,
    `| PostgreSQL | ${m.postgres} |`,
    `| Load average at start (1 min) | ${fmt(m.loadAverage, 2)} |`,
    '',
    '## Targets',
    '',
    '| Scenario | What | Target | Measured | |',
    '| --- | --- | --- | --- | --- |',
    ...report.scenarios.flatMap((s) =>
      s.targets.length > 0
        ? s.targets.map(
            (t) => `| ${s.title} | ${t.what} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'MISS'} |`,
          )
        : [`| ${s.title} | — | no target set by the issue | see below | — |`],
    ),
    '',
  ];
  for (const s of report.scenarios) {
    lines.push(`## ${s.title}`, '');
    for (const note of s.notes) lines.push(note, '');
    for (const table of s.tables) lines.push(markdownTable(table), '');
    for (const chart of s.charts) lines.push(`![${chart.title}](${chartDir}/${chart.file})`, '');
  }
  return lines.join('\n');
}

/** As `prettier --check .` in the test command wants the files the lead commits under docs/. */
async function formatted(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** Writes `benchmarks.md`, `benchmarks.json` and the charts (in `benchmarks/`) into `outDir`. */
export async function writeReport(report: BenchReport, outDir: string): Promise<string> {
  const chartDir = 'benchmarks';
  fs.mkdirSync(path.join(outDir, chartDir), { recursive: true });
  for (const s of report.scenarios)
    for (const chart of s.charts)
      fs.writeFileSync(path.join(outDir, chartDir, chart.file), standaloneSvg(chart));
  const file = path.join(outDir, 'benchmarks.md');
  fs.writeFileSync(file, await formatted(file, renderMarkdown(report, chartDir)));
  const json = {
    ...report,
    scenarios: report.scenarios.map(({ charts, ...rest }) => ({
      ...rest,
      charts: charts.map((c) => c.file),
    })),
  };
  const jsonFile = path.join(outDir, 'benchmarks.json');
  fs.writeFileSync(jsonFile, await formatted(jsonFile, JSON.stringify(json)));
  return file;
}
