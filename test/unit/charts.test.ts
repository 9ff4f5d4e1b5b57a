// The dashboard's SVG charts: bar lengths follow the values, stacks add up, labels are escaped,
// empty data says so, and every chart carries its figures in an accessible table. Also the
// dashboard fragment built from them, in both languages.
import { expect } from 'chai';
import type { Dashboard } from '../../server/admin/dashboard';
import { dashboardView } from '../../templates/admin/dashboard';
import { barChart, lineChart, niceScale } from '../../templates/charts';

/** The attributes of every `<tag …>` in the markup, in document order. */
function elements(markup: string, tag: string): Record<string, string>[] {
  return [...markup.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

interface Bar {
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
}

function bars(markup: string): Bar[] {
  return elements(markup, 'rect')
    .filter((a) => a.class?.startsWith('chart-bar '))
    .map((a) => ({
      series: Number(a['data-series']),
      value: Number(a['data-value']),
      x: Number(a.x),
      y: Number(a.y),
      width: Number(a.width),
    }));
}

/** The visually hidden table's body cells, row by row. */
function tableRows(markup: string): string[][] {
  const table =
    /<div class="sr-only">\s*<table class="chart-data">([\s\S]*?)<\/table>/.exec(markup)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.trim()),
  );
}

describe('charts: barChart', () => {
  it('draws bar lengths proportional to the values', () => {
    const markup = barChart({
      title: 'Pending',
      categories: ['Bhopal', 'Indore', 'Sehore'],
      series: [{ name: 'Pending', values: [40, 10, 25] }],
    }).toString();
    const drawn = bars(markup);
    expect(drawn.map((b) => b.value)).to.deep.equal([40, 10, 25]);
    const perUnit = drawn[0]!.width / 40;
    expect(perUnit).to.be.greaterThan(0);
    for (const b of drawn) expect(b.width).to.be.closeTo(b.value * perUnit, 0.02);
    // One row per category, top to bottom in the given order.
    expect(drawn[0]!.y).to.be.lessThan(drawn[1]!.y);
    expect(drawn[1]!.y).to.be.lessThan(drawn[2]!.y);
    // Value labels next to the bars.
    expect(markup).to.match(/class="chart-value"[^>]*>40<\/text\s*>/);
    expect(markup).to.match(/class="chart-value"[^>]*>25<\/text\s*>/);
  });

  it('stacks the series end to end, with the total as the label', () => {
    const markup = barChart({
      title: 'Pending',
      categories: ['Bhopal', 'Indore'],
      series: [
        { name: 'Within time', values: [6, 3], className: 'chart-ok' },
        { name: 'Breached', values: [2, 5], className: 'chart-bad' },
      ],
      stacked: true,
    }).toString();
    const drawn = bars(markup);
    expect(drawn).to.have.length(4);
    const [bhopalOk, bhopalBad, indoreOk, indoreBad] = drawn as [Bar, Bar, Bar, Bar];
    // The second segment starts where the first ends, on the same row.
    expect(bhopalBad.x).to.be.closeTo(bhopalOk.x + bhopalOk.width, 0.02);
    expect(bhopalBad.y).to.equal(bhopalOk.y);
    // Both totals are 8: their stacks are equally long, and labelled 8.
    expect(bhopalOk.width + bhopalBad.width).to.be.closeTo(indoreOk.width + indoreBad.width, 0.02);
    expect(
      [...markup.matchAll(/data-total="(\d+)"[^>]*>([^<]*)<\/text\s*>/g)].map((m) => [m[1], m[2]]),
    ).to.deep.equal([
      ['8', '8'],
      ['8', '8'],
    ]);
    // One colour per series, by class, and a legend naming them.
    expect(markup).to.contain('class="chart-bar chart-ok"').and.contain('class="chart-bar chart-bad"');
    expect(markup).to.match(/<p class="chart-legend"[\s\S]*Within time[\s\S]*Breached[\s\S]*<\/p>/);
    // The table gives each segment and the total.
    expect(tableRows(markup)).to.deep.equal([
      ['Bhopal', '6', '2', '8'],
      ['Indore', '3', '5', '8'],
    ]);
  });

  it('closes every element it opens', () => {
    const markup = barChart({
      title: 't',
      categories: ['a', 'b'],
      series: [
        { name: 's', values: [1, 2] },
        { name: 'u', values: [3, 4] },
      ],
    }).toString();
    for (const tag of ['svg', 'g', 'text', 'rect', 'title', 'div', 'table', 'tr', 'p', 'span']) {
      const opened = markup.match(new RegExp(`<${tag}\\b`, 'g'))?.length ?? 0;
      const selfClosed = markup.match(new RegExp(`<${tag}\\b[^>]*/>`, 'g'))?.length ?? 0;
      const closed = markup.match(new RegExp(`</${tag}\\s*>`, 'g'))?.length ?? 0;
      expect(opened - selfClosed, tag).to.equal(closed);
    }
  });

  it('escapes a category that looks like markup', () => {
    const markup = barChart({
      title: 'Title <i>x</i>',
      categories: ['<b>Bhopal</b>'],
      series: [{ name: 'A & B', values: [1] }],
    }).toString();
    expect(markup).not.to.contain('<b>');
    expect(markup).not.to.contain('<i>');
    expect(markup).to.contain('&#60;b&#62;Bhopal&#60;/b&#62;');
    expect(markup).to.contain('A &#38; B');
  });

  it('says there is no data instead of drawing an empty chart', () => {
    const markup = barChart({
      title: 'Pending',
      categories: [],
      series: [{ name: 'Pending', values: [] }],
      emptyText: 'कुछ भी लंबित नहीं है।',
    }).toString();
    expect(markup).to.contain('कुछ भी लंबित नहीं है।');
    expect(markup).not.to.contain('<svg');
    expect(barChart({ title: 'x', categories: ['a'], series: [] }).toString()).to.contain('No data');
  });

  it('is an image labelled by its title and description, with the data in a hidden table', () => {
    const markup = barChart({
      title: 'ज़िलेवार लंबित आवेदन',
      categories: ['भोपाल', 'इंदौर'],
      series: [{ name: 'लंबित', values: [3, 1] }],
      description: 'आँकड़े आगे की तालिका में हैं।',
      categoryLabel: 'ज़िला',
    }).toString();
    const labelledBy = /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/.exec(markup)?.[1];
    expect(labelledBy).to.be.a('string');
    const [titleId, descId] = labelledBy!.split(' ');
    expect(markup).to.contain(`<title id="${titleId}">ज़िलेवार लंबित आवेदन</title>`);
    expect(markup).to.contain(`<desc id="${descId}">आँकड़े आगे की तालिका में हैं।</desc>`);
    expect(markup).to.match(/<svg[^>]*viewBox="0 0 \d+ \d+"[^>]*width="100%"/);
    expect(markup).to.match(
      /<div class="sr-only">\s*<table class="chart-data">\s*<caption>\s*ज़िलेवार लंबित आवेदन\s*<\/caption>/,
    );
    expect(markup).to.contain('<th scope="col">ज़िला</th>');
    expect(tableRows(markup)).to.deep.equal([
      ['भोपाल', '3'],
      ['इंदौर', '1'],
    ]);
  });

  it('shortens a long label on the chart but keeps it whole in a tooltip and the table', () => {
    const long = 'पंचायत एवं ग्रामीण विकास विभाग, मध्यप्रदेश शासन';
    const markup = barChart({
      title: 't',
      categories: [long],
      series: [{ name: 's', values: [1] }],
    }).toString();
    expect(markup).to.contain(`<title>${long}</title>`);
    expect(markup).to.match(/…<\/text\s*>/);
    expect(tableRows(markup)[0]![0]).to.equal(long);
  });

  it('gives two charts with different data different element ids', () => {
    const a = barChart({ title: 't', categories: ['a'], series: [{ name: 's', values: [1] }] }).toString();
    const b = barChart({ title: 't', categories: ['a'], series: [{ name: 's', values: [2] }] }).toString();
    const id = (m: string) => /<div\s+class="chart [^"]*"\s+id="([^"]+)"/.exec(m)?.[1];
    expect(id(a)).to.be.a('string').and.not.equal(id(b));
  });
});

describe('charts: lineChart', () => {
  const months = ['Aug 2026', 'Sep 2026', 'Oct 2026'];

  it('plots values against the y scale and breaks the line at a gap', () => {
    const markup = lineChart({
      title: 'Compliance',
      xLabels: months,
      series: [
        { name: 'Applications', values: [100, null, 50], className: 'chart-brand' },
        { name: 'Complaints', values: [25, 75, 100] },
      ],
      yMax: 100,
      unit: '%',
    }).toString();
    const dots = elements(markup, 'circle')
      .filter((a) => a.class?.startsWith('chart-dot '))
      .map((a) => ({ value: Number(a['data-value']), cx: Number(a.cx), cy: Number(a.cy) }));
    expect(dots.map((d) => d.value)).to.deep.equal([100, 50, 25, 75, 100]);
    const top = dots[0]!.cy; // 100 %
    const middle = dots[1]!.cy; // 50 %
    const bottom = middle + (middle - top); // 0 %
    expect(dots[2]!.cy).to.be.closeTo(bottom - (bottom - top) * 0.25, 0.02);
    expect(dots[3]!.cy).to.be.closeTo(bottom - (bottom - top) * 0.75, 0.02);
    // The first series has no point in September: its path starts again after the gap.
    const paths = elements(markup, 'path')
      .filter((a) => a.class?.startsWith('chart-line '))
      .map((a) => a.d!);
    expect(paths[0]!.match(/M/g)).to.have.length(2);
    expect(paths[0]).not.to.contain('L');
    expect(paths[1]!.match(/M/g)).to.have.length(1);
    expect(tableRows(markup)).to.deep.equal([
      ['Aug 2026', '100%', '25%'],
      ['Sep 2026', '–', '75%'],
      ['Oct 2026', '50%', '100%'],
    ]);
    expect(markup).to.match(/<svg[^>]*role="img"[^>]*aria-labelledby=/);
  });

  it('says there is no data when every value is missing', () => {
    const markup = lineChart({
      title: 'Compliance',
      xLabels: months,
      series: [{ name: 'Applications', values: [null, null, null] }],
      emptyText: 'Nothing was decided.',
    }).toString();
    expect(markup).to.contain('Nothing was decided.');
    expect(markup).not.to.contain('<svg');
  });

  it('escapes series names and x labels', () => {
    const markup = lineChart({
      title: 't',
      xLabels: ['<script>'],
      series: [{ name: '"><b>', values: [1] }],
    }).toString();
    expect(markup).not.to.contain('<script>');
    expect(markup).not.to.contain('<b>');
  });
});

describe('charts: niceScale', () => {
  it('rounds the axis up to a round number', () => {
    expect(niceScale(0)).to.deep.equal({ max: 1, step: 1 });
    expect(niceScale(3)).to.deep.equal({ max: 3, step: 1 });
    expect(niceScale(7)).to.deep.equal({ max: 8, step: 2 });
    expect(niceScale(100)).to.deep.equal({ max: 100, step: 25 });
    expect(niceScale(1234).max).to.equal(1500);
  });
});

describe('the admin dashboard fragment', () => {
  const data: Dashboard = {
    generatedAt: '2026-10-15T06:30:00.000Z',
    applications: {
      total: { pending: 5, breached: 2 },
      byDistrict: [{ code: 'bhopal', nameEn: 'Bhopal', nameHi: 'भोपाल', pending: 5, breached: 2 }],
      byService: [
        { code: 'INC', nameEn: 'Income certificate', nameHi: 'आय प्रमाण पत्र', pending: 5, breached: 2 },
      ],
    },
    complaints: {
      total: { pending: 1, breached: 0 },
      byDistrict: [{ code: 'indore', nameEn: 'Indore', nameHi: 'इंदौर', pending: 1, breached: 0 }],
      byDepartment: [{ code: 'revenue', nameEn: 'Revenue', nameHi: 'राजस्व', pending: 1, breached: 0 }],
      byLevel: ['L1', 'L2', 'L3', 'L4'].map((l) => ({
        code: l,
        nameEn: l,
        nameHi: l,
        pending: l === 'L1' ? 1 : 0,
        breached: 0,
      })),
    },
    compliance: [
      {
        month: '2026-09',
        applications: { decided: 4, onTime: 3, share: 0.75 },
        complaints: { closed: 0, withoutBreach: 0, share: null },
      },
      {
        month: '2026-10',
        applications: { decided: 0, onTime: 0, share: null },
        complaints: { closed: 2, withoutBreach: 1, share: 0.5 },
      },
    ],
    grades: {
      month: '2026-09',
      districts: [{ code: 'bhopal', nameEn: 'Bhopal', nameHi: 'भोपाल', score: 81.5, grade: 'A' }],
    },
  };

  it('labels everything in the chosen language', () => {
    const hi = dashboardView(data, 'hi').toString();
    expect(hi).to.contain('ज़िलेवार लंबित आवेदन').and.contain('भोपाल').and.contain('आय प्रमाण पत्र');
    expect(hi).not.to.contain('Pending applications by district');
    const en = dashboardView(data, 'en').toString();
    expect(en).to.contain('Pending applications by district').and.contain('Income certificate');
    expect(en).not.to.contain('ज़िलेवार');
    expect(en).to.match(/Sept? 2026/);
  });

  it('charts pendency, compliance and grades, each with its table', () => {
    const en = dashboardView(data, 'en').toString();
    // 5 pendency charts + grades chart + compliance line chart.
    expect(en.match(/<svg\s+class="chart-svg"/g)).to.have.length(7);
    expect(en.match(/<div class="sr-only">\s*<table class="chart-data">/g)).to.have.length(7);
    expect(en).to.match(/<tr data-district="bhopal">[\s\S]*81\.50[\s\S]*A/);
    expect(en).to.contain('75%').and.contain('50%');
  });

  it('says so when nothing has been graded', () => {
    expect(dashboardView({ ...data, grades: null }, 'hi').toString()).to.contain(
      'अभी किसी माह की ग्रेडिंग नहीं हुई है।',
    );
  });
});
