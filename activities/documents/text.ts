// Drawing text so that it both looks right and copies right. fontkit shapes Devanagari into
// glyphs in visual order (ि before its consonant, reph after it, conjuncts as one glyph), and a
// PDF's ToUnicode map can only say what each glyph is, not the order the letters were typed in.
// So every run with Devanagari in it is wrapped in a marked-content span whose /ActualText is the
// logical-order string; pdftotext, Acrobat and screen readers read that instead of the glyphs.
import type { Weight } from './fonts';

export interface TextStyle {
  size: number;
  weight?: Weight;
  color?: string;
}

export type Align = 'left' | 'center' | 'right';

const DEVANAGARI = /\p{Script_Extensions=Devanagari}/u;
const LINE_HEIGHT = 1.45; // Devanagari needs room for matras above the headline and below the base

function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc
    .font(style.weight ?? 'regular')
    .fontSize(style.size)
    .fillColor(style.color ?? '#111111');
}

export function lineHeight(style: TextStyle): number {
  return style.size * LINE_HEIGHT;
}

export function textWidth(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  applyStyle(doc, style);
  return doc.widthOfString(text);
}

/**
 * One line of text whose box starts at (x, y); with `width`, aligned within it. Never wraps or
 * breaks pages: the caller has measured.
 */
export function drawText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  box?: { width: number; align: Align },
): void {
  applyStyle(doc, style);
  let left = x;
  if (box && box.align !== 'left') {
    const free = box.width - doc.widthOfString(text);
    left += box.align === 'center' ? free / 2 : free;
  }
  // Centre the glyphs' em box in the taller line box, so rows of mixed sizes share a middle.
  const top = y + (lineHeight(style) - style.size * 1.2) / 2;
  if (DEVANAGARI.test(text)) withActualText(doc, text, () => doc.text(text, left, top, { lineBreak: false }));
  else doc.text(text, left, top, { lineBreak: false });
}

/**
 * Runs `draw` with its text object (BT … ET) inside an /ActualText span. The span has to sit
 * inside pdfkit's own q … Q around the text, where the text's coordinate system and font are in
 * force: poppler places the replacement text using the graphics state at EMC, and outside the
 * Q (where doc.markContent would put it) that state is pdfkit's y-flipped page space with no
 * font, so the words came out mirrored, zero-sized and out of reading order in `pdftotext
 * -layout`/`-bbox`. pdfkit has no hook there, so its content writer is wrapped for this one call.
 */
function withActualText(doc: PDFKit.PDFDocument, actual: string, draw: () => void): void {
  const write = doc.addContent.bind(doc);
  const span = `/Span <</ActualText ${utf16Hex(actual)}>> BDC`;
  doc.addContent = (data: string) => {
    if (data === 'BT') write(span);
    write(data);
    if (data === 'ET') write('EMC');
    return doc;
  };
  try {
    draw();
  } finally {
    delete (doc as { addContent?: unknown }).addContent; // back to the prototype's
  }
}

/** A PDF text string as UTF-16BE with its byte-order mark, in hex: nothing in it needs escaping. */
function utf16Hex(text: string): string {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${bytes.toString('hex').toUpperCase()}>`;
}

/** Breaks text into lines no wider than `width`, at spaces; a word wider than a line is cut between graphemes. */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): string[] {
  applyStyle(doc, style);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const piece of splitWide(doc, word, width)) {
        if (line) lines.push(line);
        line = piece;
      }
    }
    lines.push(line);
  }
  return lines;
}

function splitWide(doc: PDFKit.PDFDocument, word: string, width: number): string[] {
  if (doc.widthOfString(word) <= width) return [word];
  const pieces: string[] = [];
  let piece = '';
  // Graphemes, not code points: a cut between a consonant and its matra or virama would be misdrawn.
  for (const { segment } of new Intl.Segmenter('hi', { granularity: 'grapheme' }).segment(word)) {
    if (piece && doc.widthOfString(piece + segment) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Draws wrapped text and returns its height. */
export function drawParagraph(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
  align: Align = 'left',
): number {
  const lines = wrapText(doc, text, width, style);
  lines.forEach((line, i) => drawText(doc, line, x, y + i * lineHeight(style), style, { width, align }));
  return lines.length * lineHeight(style);
}

export function paragraphHeight(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  style: TextStyle,
): number {
  return wrapText(doc, text, width, style).length * lineHeight(style);
}
