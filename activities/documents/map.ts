// The current-map copy's sheet: plot boundaries as vector paths to a stated scale, the plots
// applied for shaded and numbered, with a scale bar and a north arrow.
import type { Plot } from '../../lib/documents';
import {
  boundsOf,
  centroidOf,
  chooseScale,
  pointsPerMetre,
  scaleBarMetres,
  type Point,
} from './map-geometry';
import { COLOURS, type Sheet } from './sheet';
import { drawText, lineHeight, textWidth, type TextStyle } from './text';
import { LABELS } from './vocabulary';

const HIGHLIGHT = { fill: '#f9d77e', stroke: '#9a3412' };
const NEIGHBOUR = { fill: '#f4f1ea', stroke: '#57534e' };
const FRAME_PADDING = 12;
const FOOT_STRIP = 26; // scale bar and legend

export function drawMap(sheet: Sheet, plots: Plot[], requested: string[], height: number): void {
  const { doc } = sheet;
  const wanted = new Set(requested);
  const box = { x: sheet.left, y: sheet.y, w: sheet.width, h: height };
  // Room below the drawing for the scale bar, so it never sits on a plot.
  const drawable = { w: box.w - 2 * FRAME_PADDING, h: box.h - 2 * FRAME_PADDING - FOOT_STRIP };
  const bounds = boundsOf(plots.map((p) => p.polygon));
  const scale = chooseScale(bounds, drawable.w, drawable.h);
  const k = pointsPerMetre(scale);
  const midX = (bounds.minX + bounds.maxX) / 2;
  const midY = (bounds.minY + bounds.maxY) / 2;
  const centre = { x: box.x + box.w / 2, y: box.y + FRAME_PADDING + drawable.h / 2 };
  // The grid is metres east (x) and north (y); the page's y runs down, hence the flip.
  const toPage = ([x, y]: Point): Point => [centre.x + (x - midX) * k, centre.y - (y - midY) * k];

  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.8).strokeColor(COLOURS.ink).stroke();
  doc.save();
  doc.rect(box.x, box.y, box.w, box.h).clip();
  // Neighbours first, so the shaded plots' thicker edges are drawn over shared boundaries.
  const ordered = [...plots].sort(
    (a, b) => Number(wanted.has(a.khasraNumber)) - Number(wanted.has(b.khasraNumber)),
  );
  for (const plot of ordered) {
    const colours = wanted.has(plot.khasraNumber) ? HIGHLIGHT : NEIGHBOUR;
    tracePolygon(doc, plot.polygon.map(toPage));
    doc
      .lineWidth(wanted.has(plot.khasraNumber) ? 1.6 : 0.7)
      .lineJoin('round')
      .fillColor(colours.fill)
      .strokeColor(colours.stroke)
      .fillAndStroke();
  }
  for (const plot of ordered) {
    const strong = wanted.has(plot.khasraNumber);
    const base: TextStyle = strong ? { size: 9.5, weight: 'bold', color: HIGHLIGHT.stroke } : { size: 7.5 };
    // A number wider than its plot would spill onto the neighbour's and be read as theirs.
    const plotWidth = (boundsOf([plot.polygon]).maxX - boundsOf([plot.polygon]).minX) * k * 0.85;
    const fit = (base.size * plotWidth) / textWidth(doc, plot.khasraNumber, base);
    const style: TextStyle = { ...base, size: Math.max(5, Math.min(base.size, fit)) };
    const [x, y] = toPage(centroidOf(plot.polygon));
    const w = textWidth(doc, plot.khasraNumber, style);
    drawText(doc, plot.khasraNumber, x - w / 2, y - lineHeight(style) / 2, style);
  }
  doc.restore();

  drawNorthArrow(doc, box.x + box.w - 30, box.y + 14);
  drawScaleBar(doc, scale, box.x + 10, box.y + box.h - 32);
  drawLegend(doc, box.x + box.w - 10, box.y + box.h - 24);
  sheet.y += height + 10;
}

function tracePolygon(doc: PDFKit.PDFDocument, points: Point[]): void {
  const [first, ...rest] = points;
  if (!first) return;
  doc.moveTo(...first);
  for (const point of rest) doc.lineTo(...point);
  doc.closePath();
}

function drawNorthArrow(doc: PDFKit.PDFDocument, x: number, y: number): void {
  const style: TextStyle = { size: 8, weight: 'bold' };
  const label = `${LABELS.north.hi} / ${LABELS.north.en}`;
  drawText(doc, label, x - 20, y, style, { width: 40, align: 'center' });
  const top = y + lineHeight(style);
  // Half filled, as on survey sheets, so it reads as an arrow even when photocopied.
  doc
    .polygon([x, top], [x + 7, top + 26], [x, top + 20])
    .fillColor(COLOURS.ink)
    .fill();
  doc
    .polygon([x, top], [x - 7, top + 26], [x, top + 20])
    .lineWidth(0.7)
    .fillColor('#ffffff')
    .strokeColor(COLOURS.ink)
    .fillAndStroke();
}

function drawScaleBar(doc: PDFKit.PDFDocument, scale: number, x: number, y: number): void {
  const metres = scaleBarMetres(scale, 120);
  const length = metres * pointsPerMetre(scale);
  const parts = 4;
  const barY = y + 13;
  for (let i = 0; i < parts; i++) {
    doc
      .rect(x + (i * length) / parts, barY, length / parts, 4)
      .lineWidth(0.6)
      .fillColor(i % 2 === 0 ? COLOURS.ink : '#ffffff')
      .strokeColor(COLOURS.ink)
      .fillAndStroke();
  }
  const tick: TextStyle = { size: 6.5 };
  for (const i of [0, parts / 2, parts]) {
    const value = String((metres * i) / parts);
    const w = textWidth(doc, value, tick);
    drawText(doc, value, x + (i * length) / parts - w / 2, barY + 4, tick);
  }
  drawText(doc, `${LABELS.metres.hi} / ${LABELS.metres.en}`, x + length + 10, barY - 3, tick);
  const caption = `${LABELS.scale.hi} / ${LABELS.scale.en} 1:${scale.toLocaleString('en-IN')}`;
  drawText(doc, caption, x, y, { size: 7.5, weight: 'bold' });
}

/** Swatches for the two kinds of plot, right-aligned so that they end at `right`. */
function drawLegend(doc: PDFKit.PDFDocument, right: number, y: number): void {
  const style: TextStyle = { size: 7.5 };
  const entries = [
    [HIGHLIGHT, LABELS.requestedPlots],
    [NEIGHBOUR, LABELS.neighbouringPlots],
  ] as const;
  const texts = entries.map(([, label]) => `${label.hi} / ${label.en}`);
  const widthOf = (text: string): number => 19 + textWidth(doc, text, style);
  let x = right - texts.reduce((sum, t) => sum + widthOf(t), 0) - 16 * (texts.length - 1);
  entries.forEach(([colours], i) => {
    const text = texts[i] ?? '';
    doc
      .rect(x, y + 3, 14, 9)
      .lineWidth(0.7)
      .fillColor(colours.fill)
      .strokeColor(colours.stroke)
      .fillAndStroke();
    drawText(doc, text, x + 19, y, style);
    x += widthOf(text) + 16;
  });
}
