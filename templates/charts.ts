// Server-rendered SVG charts for the admin dashboards: horizontal bar charts (grouped or stacked)
// and line charts. Each chart is an inline, responsive SVG (role="img", labelled by its <title>
// and <desc>) followed by the same figures as a visually hidden table (inside a div.sr-only: a
// table itself cannot be shrunk to 1px), so screen readers get the data too. Markup is built only with the `html` template, so every label is escaped. Colours
// come from a CSS class per series, with a fill/stroke attribute as the fallback without CSS.
import { html, type Html } from './html';

export interface BarSeries {
  name: string;
  values: number[];
  className?: string;
}

export interface BarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Stack the series in one bar per category (the value label shows the total). */
  stacked?: boolean;
  /** Appended to every value label, e.g. "%". */
  unit?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText?: string;
  /** Read by screen readers after the title; say what the chart shows. */
  description?: string;
  /** Header of the category column in the data table, e.g. "District". */
  categoryLabel?: string;
  /** Header of the totals column of a stacked chart's data table. */
  totalLabel?: string;
  /** Element id prefix; by default derived from the chart's content. */
  id?: string;
}

export interface LineSeries {
  name: string;
  /** One value per x label; null leaves a gap. */
  values: (number | null)[];
  className?: string;
}

export interface LineChartOptions {
  title: string;
  xLabels: string[];
  series: LineSeries[];
  /** Top of the y axis (e.g. 100 for percentages); by default a round number above the data. */
  yMax?: number;
  unit?: string;
  emptyText?: string;
  description?: string;
  /** Header of the x column in the data table, e.g. "Month". */
  xLabel?: string;
  id?: string;
}

/** Colours of the series classes the dashboards use; any other class falls back to the palette. */
const CLASS_COLOURS: Record<string, string> = {
  'chart-ok': '#1e7b34',
  'chart-bad': '#b42318',
  'chart-risk': '#b07400',
  'chart-brand': '#0b4f6c',
  'chart-muted': '#6e7781',
};
const PALETTE = ['#0b4f6c', '#b42318', '#1e7b34', '#b07400', '#6f42c1', '#6e7781'];

const DEFAULT_EMPTY = 'No data / कोई आँकड़े नहीं';
const FONT = 13;
const LABEL_CHARS = 24;

function seriesClass(s: { className?: string }, i: number): string {
  return s.className ?? `chart-series-${i + 1}`;
}

function seriesColour(s: { className?: string }, i: number): string {
  return (s.className && CLASS_COLOURS[s.className]) ?? PALETTE[i % PALETTE.length]!;
}

/** A coordinate with at most two decimals, so the markup stays short and stable. */
function n(x: number): number {
  return Math.round(x * 100) / 100;
}

const numberFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });

function formatValue(value: number, unit: string | undefined): string {
  return numberFormat.format(value) + (unit ?? '');
}

/** A value a chart can draw: negative and non-finite values count as zero. */
function drawable(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The smallest "round" number (1, 2, 2.5 or 5 × 10ⁿ steps) at or above `max`, with its ticks. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough && (s >= 1 || max < 1)) ??
    10 * magnitude;
  const wholeStep = max >= ticks ? Math.max(1, step) : step;
  return { max: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

/** Cuts a long label to whole characters (grapheme clusters, so Devanagari stays intact). */
function shorten(label: string, max: number): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(label)];
  if (graphemes.length <= max) return label;
  return `${graphemes
    .slice(0, max - 1)
    .map((g) => g.segment)
    .join('')
    .trimEnd()}…`;
}

/** A short, stable id from the chart's content, so two different charts on a page do not clash. */
function chartId(kind: string, content: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(content)) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `chart-${kind}-${hash.toString(36)}`;
}

/** The key to the series' colours: inline, so it wraps and needs no list styling. */
function legend(series: { name: string; className?: string }[]): Html {
  return html`<p class="chart-legend" aria-hidden="true">
    ${series.map(
      (s, i) =>
        html`<span class="chart-key"
            ><svg width="12" height="12" viewBox="0 0 12 12" focusable="false">
              <rect class="${seriesClass(s, i)}" width="12" height="12" fill="${seriesColour(s, i)}" /></svg
            >&nbsp;${s.name}</span
          >&emsp;`,
    )}
  </p>`;
}

function emptyChart(kind: string, id: string, title: string, text: string | undefined): Html {
  return html`<div
    class="chart chart-${kind} chart-empty"
    id="${id}"
    role="figure"
    aria-labelledby="${id}-caption"
  >
    <p class="chart-caption" id="${id}-caption">${title}</p>
    <p class="chart-empty-text">${text ?? DEFAULT_EMPTY}</p>
  </div>`;
}

/** The responsive SVG: scales with the page's width, an image labelled by its title and description. */
function svg(
  id: string,
  size: { width: number; height: number },
  text: { title: string; description: string },
  body: Html,
): Html {
  return html`<svg
    class="chart-svg"
    viewBox="0 0 ${size.width} ${size.height}"
    width="100%"
    preserveAspectRatio="xMinYMin meet"
    role="img"
    aria-labelledby="${id}-title ${id}-desc"
    font-size="${FONT}"
    focusable="false"
  >
    <title id="${id}-title">${text.title}</title>
    <desc id="${id}-desc">${text.description}</desc>
    ${body}
  </svg>`;
}

// ---- Bar chart ------------------------------------------------------------------------------------

const BAR = { width: 640, labelWidth: 190, valueWidth: 70, top: 8, axis: 26, gap: 10 };

/** Horizontal bars, one row per category: grouped side by side, or stacked into one bar. */
export function barChart(opts: BarChartOptions): Html {
  const { categories, series, stacked = false, unit } = opts;
  const id = opts.id ?? chartId('bar', opts);
  if (categories.length === 0 || series.length === 0)
    return emptyChart('bar', id, opts.title, opts.emptyText);

  const value = (s: BarSeries, c: number) => drawable(s.values[c]);
  const totals = categories.map((_, c) => series.reduce((sum, s) => sum + value(s, c), 0));
  const largest = stacked
    ? Math.max(...totals)
    : Math.max(...series.flatMap((s) => categories.map((_, c) => value(s, c))));
  const scale = niceScale(largest);

  const lanes = stacked ? 1 : series.length;
  const laneHeight = lanes === 1 ? 18 : Math.max(8, Math.min(14, 36 / lanes));
  const rowHeight = lanes * laneHeight + BAR.gap;
  const plotX = BAR.labelWidth;
  const plotWidth = BAR.width - BAR.labelWidth - BAR.valueWidth;
  const plotHeight = categories.length * rowHeight;
  const height = BAR.top + plotHeight + BAR.axis;
  const x = (v: number) => n((v / scale.max) * plotWidth);

  const gridlines: Html[] = [];
  for (let t = 0; t <= scale.max + scale.step / 1e6; t += scale.step) {
    const gx = n(plotX + x(t));
    gridlines.push(
      html`<line
          class="chart-grid"
          x1="${gx}"
          x2="${gx}"
          y1="${BAR.top}"
          y2="${BAR.top + plotHeight}"
          stroke="#d0d7de"
        />
        <text class="chart-tick" x="${gx}" y="${BAR.top + plotHeight + 16}" text-anchor="middle" fill="#555"
          >${formatValue(n(t), unit)}</text
        >`,
    );
  }

  const rows = categories.map((category, c) => {
    const rowY = BAR.top + c * rowHeight + BAR.gap / 2;
    const label = shorten(category, LABEL_CHARS);
    const labelText = html`<text
      class="chart-category"
      x="${plotX - 8}"
      y="${n(rowY + (lanes * laneHeight) / 2)}"
      dy="0.35em"
      text-anchor="end"
      fill="#1b1b1b"
      >${label !== category ? html`<title>${category}</title>` : null}${label}</text
    >`;
    if (stacked) {
      let offset = 0;
      const segments = series.map((s, i) => {
        const v = value(s, c);
        const rect = html`<rect
          class="chart-bar ${seriesClass(s, i)}"
          data-series="${i}"
          data-value="${v}"
          x="${n(plotX + offset)}"
          y="${n(rowY)}"
          width="${x(v)}"
          height="${laneHeight}"
          fill="${seriesColour(s, i)}"
          ><title>${s.name}: ${formatValue(v, unit)}</title></rect
        >`;
        offset += x(v);
        return rect;
      });
      const total = totals[c]!;
      return html`<g class="chart-row">
        ${labelText}${segments}
        <text
          class="chart-value"
          data-total="${total}"
          x="${n(plotX + x(total) + 4)}"
          y="${n(rowY + laneHeight / 2)}"
          dy="0.35em"
          fill="#1b1b1b"
          >${formatValue(total, unit)}</text
        >
      </g>`;
    }
    const bars = series.map((s, i) => {
      const v = value(s, c);
      const laneY = n(rowY + i * laneHeight);
      return html`<rect
          class="chart-bar ${seriesClass(s, i)}"
          data-series="${i}"
          data-value="${v}"
          x="${plotX}"
          y="${laneY}"
          width="${x(v)}"
          height="${n(laneHeight - (lanes > 1 ? 1 : 0))}"
          fill="${seriesColour(s, i)}"
          ><title>${s.name}: ${formatValue(v, unit)}</title></rect
        >
        <text
          class="chart-value"
          x="${n(plotX + x(v) + 4)}"
          y="${n(laneY + laneHeight / 2)}"
          dy="0.35em"
          font-size="${lanes > 1 ? 11 : FONT}"
          fill="#1b1b1b"
          >${formatValue(v, unit)}</text
        >`;
    });
    return html`<g class="chart-row">${labelText}${bars}</g>`;
  });

  const table = html`<div class="sr-only">
    <table class="chart-data">
      <caption>
        ${opts.title}
      </caption>
      <thead>
        <tr>
          <th scope="col">${opts.categoryLabel ?? ''}</th>
          ${series.map((s) => html`<th scope="col">${s.name}</th>`)}
          ${stacked && series.length > 1 ? html`<th scope="col">${opts.totalLabel ?? 'Total / कुल'}</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${categories.map(
          (category, c) =>
            html`<tr>
              <th scope="row">${category}</th>
              ${series.map((s) => html`<td>${formatValue(value(s, c), unit)}</td>`)}
              ${stacked && series.length > 1 ? html`<td>${formatValue(totals[c]!, unit)}</td>` : null}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

  return html`<div
    class="chart chart-bar${stacked ? ' chart-stacked' : ''}"
    id="${id}"
    role="figure"
    aria-labelledby="${id}-caption"
  >
    <p class="chart-caption" id="${id}-caption">${opts.title}</p>
    ${series.length > 1 ? legend(series) : null}
    ${svg(
      id,
      { width: BAR.width, height },
      {
        title: opts.title,
        description: opts.description ?? 'Bar chart; the figures are in the table that follows.',
      },
      html`<g class="chart-axis">${gridlines}</g>${rows}`,
    )}
    ${table}
  </div>`;
}

// ---- Line chart -----------------------------------------------------------------------------------

const LINE = { width: 640, left: 52, right: 16, top: 18, plotHeight: 220, axis: 28 };

/** One line per series over the x labels (e.g. months); a null value breaks the line. */
export function lineChart(opts: LineChartOptions): Html {
  const { xLabels, series, unit } = opts;
  const id = opts.id ?? chartId('line', opts);
  const present = series.flatMap((s) =>
    s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  if (xLabels.length === 0 || present.length === 0) return emptyChart('line', id, opts.title, opts.emptyText);

  const scale =
    opts.yMax !== undefined && opts.yMax > 0
      ? { max: opts.yMax, step: niceScale(opts.yMax).step }
      : niceScale(Math.max(...present));
  const plotWidth = LINE.width - LINE.left - LINE.right;
  const height = LINE.top + LINE.plotHeight + LINE.axis;
  const band = plotWidth / xLabels.length;
  const px = (i: number) => n(LINE.left + (i + 0.5) * band);
  const py = (v: number) =>
    n(LINE.top + LINE.plotHeight * (1 - Math.min(Math.max(v, 0), scale.max) / scale.max));
  const valueAt = (s: LineSeries, i: number): number | null => {
    const v = s.values[i];
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  };
  const labelPoints = xLabels.length <= 12;

  const gridlines: Html[] = [];
  for (let t = 0; t <= scale.max + scale.step / 1e6; t += scale.step) {
    gridlines.push(
      html`<line
          class="chart-grid"
          x1="${LINE.left}"
          x2="${LINE.left + plotWidth}"
          y1="${py(t)}"
          y2="${py(t)}"
          stroke="#d0d7de"
        />
        <text class="chart-tick" x="${LINE.left - 6}" y="${py(t)}" dy="0.35em" text-anchor="end" fill="#555"
          >${formatValue(n(t), unit)}</text
        >`,
    );
  }
  const xTicks = xLabels.map(
    (label, i) =>
      html`<text
        class="chart-x"
        x="${px(i)}"
        y="${LINE.top + LINE.plotHeight + 18}"
        text-anchor="middle"
        fill="#555"
        >${label}</text
      >`,
  );

  const lines = series.map((s, si) => {
    let d = '';
    let penDown = false;
    xLabels.forEach((_, i) => {
      const v = valueAt(s, i);
      if (v === null) {
        penDown = false;
        return;
      }
      d += `${penDown ? 'L' : 'M'}${px(i)} ${py(v)} `;
      penDown = true;
    });
    const colour = seriesColour(s, si);
    const points = xLabels.map((label, i) => {
      const v = valueAt(s, i);
      if (v === null) return null;
      const labelY = si % 2 === 0 ? py(v) - 8 : py(v) + 16;
      return html`<circle
          class="chart-dot ${seriesClass(s, si)}"
          data-value="${v}"
          cx="${px(i)}"
          cy="${py(v)}"
          r="3.5"
          fill="${colour}"
          ><title>${s.name}, ${label}: ${formatValue(v, unit)}</title></circle
        >
        ${labelPoints ? html`<text class="chart-value" x="${px(i)}" y="${n(labelY)}" text-anchor="middle" font-size="11" fill="${colour}">${formatValue(v, unit)}</text>` : null}`;
    });
    return html`<g class="chart-series">
      <path
        class="chart-line ${seriesClass(s, si)}"
        d="${d.trim()}"
        fill="none"
        stroke="${colour}"
        stroke-width="2.5"
      />
      ${points}
    </g>`;
  });

  const table = html`<div class="sr-only">
    <table class="chart-data">
      <caption>
        ${opts.title}
      </caption>
      <thead>
        <tr>
          <th scope="col">${opts.xLabel ?? ''}</th>
          ${series.map((s) => html`<th scope="col">${s.name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${xLabels.map(
          (label, i) =>
            html`<tr>
              <th scope="row">${label}</th>
              ${series.map((s) => {
                const v = valueAt(s, i);
                return html`<td>${v === null ? '–' : formatValue(v, unit)}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

  return html`<div class="chart chart-line" id="${id}" role="figure" aria-labelledby="${id}-caption">
    <p class="chart-caption" id="${id}-caption">${opts.title}</p>
    ${legend(series)}
    ${svg(
      id,
      { width: LINE.width, height },
      {
        title: opts.title,
        description: opts.description ?? 'Line chart; the figures are in the table that follows.',
      },
      html`<g class="chart-axis">${gridlines}${xTicks}</g>${lines}`,
    )}
    ${table}
  </div>`;
}
