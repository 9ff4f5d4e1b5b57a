import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { createSeededLandRecords } from '../../activities/land-records';
import { copyFeeRupees, pagesForPlots } from '../../lib/land-fee';
import { projectRoot } from '../../lib/paths';

interface SeedFile {
  villages: {
    village: string;
    sheet: string;
    plots: { khasraNumber: string; year: number; areaHectare: number; polygon: [number, number][] }[];
  }[];
}

const seedData = (file: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', file), 'utf8'));
const seed = seedData('land-records.json') as SeedFile;
const villageCodes = new Map(
  (seedData('villages.json') as { code: string; tehsil: string }[]).map((v) => [v.code, v]),
);

/** Shoelace formula: area of a closed polygon in square metres. */
function shoelaceM2(polygon: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i + 1 < polygon.length; i += 1) {
    const [x1, y1] = polygon[i]!;
    const [x2, y2] = polygon[i + 1]!;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

describe('land records (भू-अभिलेख), the seeded register', () => {
  const records = createSeededLandRecords();
  const village = 'bhopal-huzur-bilkhiriya-kalan';

  it('finds a plot by khasra number with its owners, area, land use and revenue', async () => {
    const { plots, missing } = await records.findPlots({ village, khasraNumbers: ['112'], year: 2026 });
    expect(missing).to.deep.equal([]);
    expect(plots).to.have.length(1);
    const plot = plots[0]!;
    expect(plot.khasraNumber).to.equal('112');
    expect(plot.village).to.deep.equal({ en: 'Bilkhiriya Kalan', hi: 'बिलखिरिया कलां' });
    expect(plot.areaHectare).to.be.within(0.5, 2);
    expect(plot.landUse).to.deep.equal({ en: 'Irrigated agriculture', hi: 'सिंचित कृषि' });
    expect(plot.revenueRupees).to.be.a('number').and.be.greaterThan(0);
    expect(plot.owners).to.deep.equal([
      { nameEn: 'Ramesh Prasad Patel', nameHi: 'रमेश प्रसाद पटेल', share: '1' },
    ]);
  });

  it('answers sub-divided numbers (113/1, 113/2) and lists an unknown khasra number as missing', async () => {
    const { plots, missing } = await records.findPlots({
      village,
      khasraNumbers: ['113/2', ' 113/1 ', '999', '113/2'],
      year: 2026,
    });
    expect(plots.map((p) => p.khasraNumber)).to.deep.equal(['113/2', '113/1']);
    expect(missing).to.deep.equal(['999']);
  });

  it('lists every requested number as missing for a village not in the register', async () => {
    const { plots, missing } = await records.findPlots({
      village: 'nowhere-nagar',
      khasraNumbers: ['1', '2'],
      year: 2026,
    });
    expect(plots).to.deep.equal([]);
    expect(missing).to.deep.equal(['1', '2']);
    expect(await records.sheetPlots({ village: 'nowhere-nagar', year: 2026 })).to.deep.equal([]);
  });

  it('shows a mutation (नामांतरण): 113/1 passed from Ramcharan to his two sons between 2025 and 2026', async () => {
    const before = await records.findPlots({ village, khasraNumbers: ['113/1'], year: 2025 });
    const after = await records.findPlots({ village, khasraNumbers: ['113/1'], year: 2026 });
    expect(before.plots[0]!.owners.map((o) => o.nameEn)).to.deep.equal(['Ramcharan Patel']);
    expect(after.plots[0]!.owners.map((o) => [o.nameEn, o.share])).to.deep.equal([
      ['Suresh Kumar Patel', '1/2'],
      ['Mahesh Kumar Patel', '1/2'],
    ]);
    // The land itself did not change hands in shape or size.
    expect(after.plots[0]!.areaHectare).to.equal(before.plots[0]!.areaHectare);
  });

  it('draws a whole map sheet: every 2026 plot of the village, each khasra number once', async () => {
    const sheet = await records.sheetPlots({ village, year: 2026 });
    const numbers = sheet.map((p) => p.khasraNumber);
    expect(numbers).to.include.members(['112', '113/1', '113/2']);
    expect(new Set(numbers).size).to.equal(numbers.length);
    expect(sheet.length).to.be.within(6, 12);
  });

  it('returns copies, so editing a result does not change the register', async () => {
    const first = await records.findPlots({ village, khasraNumbers: ['112'], year: 2026 });
    first.plots[0]!.owners[0]!.nameEn = 'Someone Else';
    first.plots[0]!.polygon[0]![0] = -1;
    const again = await records.findPlots({ village, khasraNumbers: ['112'], year: 2026 });
    expect(again.plots[0]!.owners[0]!.nameEn).to.equal('Ramesh Prasad Patel');
    expect(again.plots[0]!.polygon[0]![0]).to.not.equal(-1);
  });

  describe('the seed file', () => {
    it('covers seeded villages: two or more in Bhopal, one in Vidisha, one in Indore', () => {
      const codes = seed.villages.map((v) => v.village);
      for (const code of codes) expect(villageCodes.has(code), code).to.be.true;
      const inDistrict = (d: string) => codes.filter((c) => c.startsWith(`${d}-`)).length;
      expect(inDistrict('bhopal')).to.be.at.least(2);
      expect(inDistrict('vidisha')).to.be.at.least(1);
      expect(inDistrict('indore')).to.be.at.least(1);
    });

    it('has one record per plot per year, 6–12 plots a sheet', () => {
      for (const v of seed.villages) {
        const keys = v.plots.map((p) => `${p.khasraNumber}@${p.year}`);
        expect(new Set(keys).size, v.village).to.equal(keys.length);
        const in2026 = v.plots.filter((p) => p.year === 2026).length;
        expect(in2026, v.village).to.be.within(6, 12);
      }
    });

    it('closes every polygon and states each area within 2% of the polygon’s own (shoelace)', () => {
      for (const v of seed.villages) {
        for (const p of v.plots) {
          const label = `${v.village} ${p.khasraNumber} (${p.year})`;
          expect(p.polygon.length, label).to.be.at.least(4);
          expect(p.polygon[0], label).to.deep.equal(p.polygon[p.polygon.length - 1]);
          const hectares = shoelaceM2(p.polygon) / 10_000;
          expect(Math.abs(hectares - p.areaHectare) / hectares, label).to.be.below(0.02);
        }
      }
    });

    it('draws plots as neighbours on a sheet: each shares an edge with another, none overlap', () => {
      // Neighbouring outlines run along the same edge in opposite directions (both counter-clockwise).
      // The same edge twice in one direction would mean two plots lying on the same side of it.
      for (const v of seed.villages) {
        const plots = v.plots.filter((p) => p.year === 2026);
        const edgesOf = (polygon: [number, number][]) =>
          polygon.slice(1).map((to, i) => [polygon[i]!.join(','), to.join(',')] as const);
        const owner = new Map<string, string>();
        for (const p of plots)
          for (const [from, to] of edgesOf(p.polygon)) {
            const key = `${from}>${to}`;
            expect(owner.has(key), `${v.village}: ${p.khasraNumber} and ${owner.get(key)} overlap`).to.be
              .false;
            owner.set(key, p.khasraNumber);
          }
        for (const p of plots) {
          const neighbours = edgesOf(p.polygon)
            .map(([from, to]) => owner.get(`${to}>${from}`))
            .filter((n) => n !== undefined);
          expect(neighbours, `${v.village} ${p.khasraNumber} has no neighbour`).to.not.be.empty;
        }
      }
    });
  });
});

describe('copy fee (प्रतिलिपि शुल्क)', () => {
  const fee = { firstPageRupees: 30, perFurtherPageRupees: 15 };

  it('charges ₹30 for one page, ₹45 for two and ₹180 for eleven', () => {
    expect(copyFeeRupees(1, fee)).to.equal(30);
    expect(copyFeeRupees(2, fee)).to.equal(45);
    expect(copyFeeRupees(11, fee)).to.equal(180);
  });

  it('refuses a copy of no pages', () => {
    expect(() => copyFeeRupees(0, fee)).to.throw(RangeError);
  });

  it('prints ten plots a page and never fewer than one page', () => {
    expect(pagesForPlots(0)).to.equal(1);
    expect(pagesForPlots(1)).to.equal(1);
    expect(pagesForPlots(10)).to.equal(1);
    expect(pagesForPlots(11)).to.equal(2);
    expect(pagesForPlots(5, 2)).to.equal(3);
  });
});
