// The arithmetic of drawing a village map sheet to scale: the bounds of the plots, a scale from
// the series surveyors use, where each plot's label goes. Pure, so it is tested apart from PDF.

export type Point = [number, number];

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const POINTS_PER_METRE_AT_1_TO_1 = 72 / 0.0254;

/** Scales of the kind printed on Indian revenue maps (1:3,960 is the old 16 inches to the mile). */
const SCALES = [
  500, 1000, 1500, 2000, 2500, 3000, 3960, 5000, 6000, 8000, 10_000, 15_840, 20_000, 25_000, 50_000, 100_000,
];

export function boundsOf(polygons: Point[][]): Bounds {
  const points = polygons.flat();
  if (points.length === 0) throw new Error('a map needs at least one plot with a polygon');
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** The largest standard scale (smallest 1:N) at which `bounds` fits a box of the given points. */
export function chooseScale(bounds: Bounds, widthPt: number, heightPt: number): number {
  const needed = Math.max(
    (bounds.maxX - bounds.minX) / (widthPt / POINTS_PER_METRE_AT_1_TO_1),
    (bounds.maxY - bounds.minY) / (heightPt / POINTS_PER_METRE_AT_1_TO_1),
  );
  return SCALES.find((n) => n >= needed) ?? Math.ceil(needed / 10_000) * 10_000;
}

/** Points on paper per metre on the ground at 1:`scale`. */
export function pointsPerMetre(scale: number): number {
  return POINTS_PER_METRE_AT_1_TO_1 / scale;
}

/** A round length in metres whose bar is about `targetPt` long. */
export function scaleBarMetres(scale: number, targetPt: number): number {
  const metres = targetPt / pointsPerMetre(scale);
  const magnitude = 10 ** Math.floor(Math.log10(metres));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).filter((m) => m <= metres);
  return step[step.length - 1] ?? magnitude;
}

/** Area-weighted centroid, where a plot's number is written; falls back to the vertex mean. */
export function centroidOf(polygon: Point[]): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length - 1; i++) {
    const [x0, y0] = polygon[i] as Point;
    const [x1, y1] = polygon[i + 1] as Point;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-9) {
    const n = polygon.length || 1;
    return [polygon.reduce((s, [x]) => s + x, 0) / n, polygon.reduce((s, [, y]) => s + y, 0) / n];
  }
  return [cx / (3 * area), cy / (3 * area)];
}
