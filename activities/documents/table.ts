// A ruled table with bilingual column heads, repeated at the top of every page it runs onto.
import type { Bilingual } from '../../lib/documents';
import { COLOURS, type Sheet } from './sheet';
import { drawParagraph, paragraphHeight, type TextStyle } from './text';

export interface Column {
  head: Bilingual;
  /** Share of the table width. */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

/** A cell holds lines; each may wrap. */
export type Row = string[][];

const HEAD_HI: TextStyle = { size: 8.5, weight: 'bold' };
const HEAD_EN: TextStyle = { size: 7, color: COLOURS.muted };
const CELL: TextStyle = { size: 9 };
const PAD = 4;

export function drawTable(
  sheet: Sheet,
  columns: Column[],
  rows: Row[],
  options: { boldLast?: boolean } = {},
): void {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * sheet.width);
  const xs = widths.map((_, i) => sheet.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const inner = (i: number): number => (widths[i] ?? 0) - 2 * PAD;
  const { doc } = sheet;

  const headHeight =
    Math.max(
      ...columns.map(
        (c, i) =>
          paragraphHeight(doc, c.head.hi, inner(i), HEAD_HI) +
          paragraphHeight(doc, c.head.en, inner(i), HEAD_EN),
      ),
    ) +
    2 * PAD;

  const rowHeight = (row: Row, style: TextStyle): number =>
    Math.max(
      ...row.map((cell, i) =>
        cell.reduce((sum, line) => sum + paragraphHeight(doc, line, inner(i), style), 0),
      ),
    ) +
    2 * PAD;

  const drawHead = (): void => {
    doc.rect(sheet.left, sheet.y, sheet.width, headHeight).fillColor(COLOURS.band).fill();
    columns.forEach((c, i) => {
      const x = (xs[i] ?? 0) + PAD;
      const align = c.align ?? 'left';
      const h = drawParagraph(doc, c.head.hi, x, sheet.y + PAD, inner(i), HEAD_HI, align);
      drawParagraph(doc, c.head.en, x, sheet.y + PAD + h, inner(i), HEAD_EN, align);
    });
    drawGrid(sheet.y, headHeight);
    sheet.y += headHeight;
  };

  const drawGrid = (top: number, height: number): void => {
    doc.lineWidth(0.5).strokeColor(COLOURS.rule);
    doc.rect(sheet.left, top, sheet.width, height).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, top)
        .lineTo(x, top + height)
        .stroke();
  };

  sheet.ensure(headHeight + (rows[0] ? rowHeight(rows[0], CELL) : 0));
  drawHead();
  rows.forEach((row, r) => {
    const style: TextStyle = options.boldLast && r === rows.length - 1 ? { ...CELL, weight: 'bold' } : CELL;
    const height = rowHeight(row, style);
    if (height > sheet.room) {
      sheet.newPage();
      drawHead();
    }
    row.forEach((cell, i) => {
      let y = sheet.y + PAD;
      for (const line of cell)
        y += drawParagraph(doc, line, (xs[i] ?? 0) + PAD, y, inner(i), style, columns[i]?.align ?? 'left');
    });
    drawGrid(sheet.y, height);
    sheet.y += height;
  });
  sheet.gap(10);
}
