// Where land records (भू-अभिलेख) come from. Activities depend on `LandRecordSource` only, so the
// state's Bhu-Abhilekh system can replace the seeded register without touching a workflow.
import fs from 'node:fs';
import path from 'node:path';
import type { Bilingual, LandOwner, Plot } from '../lib/documents';
import { projectRoot } from '../lib/paths';

export interface LandRecordSource {
  /** The plots with these khasra numbers in a village for a year; unknown numbers listed in `missing`. */
  findPlots(q: {
    village: string;
    khasraNumbers: string[];
    year: number;
  }): Promise<{ plots: Plot[]; missing: string[] }>;
  /** Every plot on the village map sheet (for drawing neighbours around requested plots). */
  sheetPlots(q: { village: string; year: number }): Promise<Plot[]>;
}

/** One plot as stored in db/seeds/data/land-records.json: a khasra entry for one year. */
interface SeedPlot {
  khasraNumber: string;
  year: number;
  areaHectare: number;
  landUse: Bilingual;
  revenueRupees: number;
  owners: LandOwner[];
  polygon: [number, number][];
}

interface SeedSheet {
  village: string;
  sheet: string;
  plots: SeedPlot[];
}

interface SeedVillage {
  code: string;
  nameEn: string;
  nameHi: string;
}

const seedDir = path.join(projectRoot, 'db', 'seeds', 'data');

/** A register in memory: village code → its name and its khasra entries. */
interface Register {
  villages: Map<string, { name: Bilingual; plots: SeedPlot[] }>;
}

function loadRegister(): Register {
  const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8')) as T;
  const names = new Map(read<SeedVillage[]>('villages.json').map((v) => [v.code, v]));
  const villages: Register['villages'] = new Map();
  for (const sheet of read<{ villages: SeedSheet[] }>('land-records.json').villages) {
    const village = names.get(sheet.village);
    // A register naming a village the place seed lacks is a data error: fail loudly, not silently.
    if (!village) throw new Error(`land-records.json: village ${sheet.village} is not in villages.json`);
    villages.set(sheet.village, { name: { en: village.nameEn, hi: village.nameHi }, plots: sheet.plots });
  }
  return { villages };
}

function toPlot(entry: SeedPlot, village: Bilingual): Plot {
  // Fresh copies, so a caller that edits a result cannot change the cached register.
  return {
    khasraNumber: entry.khasraNumber,
    village: { ...village },
    areaHectare: entry.areaHectare,
    landUse: { ...entry.landUse },
    revenueRupees: entry.revenueRupees,
    owners: entry.owners.map((o) => ({ ...o })),
    polygon: entry.polygon.map(([x, y]) => [x, y]),
  };
}

/** The seeded register (fictional villages and plots), read once and kept in memory. */
export function createSeededLandRecords(): LandRecordSource {
  let register: Register | undefined;
  const get = (): Register => (register ??= loadRegister());

  const plotsOf = (village: string, year: number) => {
    const entry = get().villages.get(village);
    if (!entry) return undefined;
    return { name: entry.name, plots: entry.plots.filter((p) => p.year === year) };
  };

  // The register is in memory, but callers get promises as from a remote system; a load error
  // (bad seed file) then arrives as a rejection, the way a real outage would.
  const answer = <T>(compute: () => T): Promise<T> => new Promise((resolve) => resolve(compute()));

  return {
    findPlots: ({ village, khasraNumbers, year }) =>
      answer(() => {
        // Citizens type "113/1 " or repeat a number; answer each distinct number once, in their order.
        const wanted = [...new Set(khasraNumbers.map((k) => k.trim()))];
        const found = plotsOf(village, year);
        if (!found) return { plots: [], missing: wanted };
        const byNumber = new Map(found.plots.map((p) => [p.khasraNumber, p]));
        const plots: Plot[] = [];
        const missing: string[] = [];
        for (const number of wanted) {
          const entry = byNumber.get(number);
          if (entry) plots.push(toPlot(entry, found.name));
          else missing.push(number);
        }
        return { plots, missing };
      }),

    sheetPlots: ({ village, year }) =>
      answer(() => {
        const found = plotsOf(village, year);
        return found ? found.plots.map((p) => toPlot(p, found.name)) : [];
      }),
  };
}
