// The typefaces of every Jan Setu document: Noto Sans Devanagari, whose Latin glyphs also serve
// the English text, so one family keeps both scripts at the same weight and height.
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

export type Weight = 'regular' | 'bold';

const FILES: Record<Weight, string> = {
  regular: '400Regular/NotoSansDevanagari_400Regular.ttf',
  bold: '700Bold/NotoSansDevanagari_700Bold.ttf',
};

// Parsed once per process, not per document: pdfkit would otherwise run fontkit over the TTF
// (and rebuild its GSUB/GPOS tables for Devanagari shaping) for every PDF, which costs ~50 ms.
// A parsed font is only read from while rendering; each document makes its own subset.
const parsed = new Map<Weight, fontkit.Font>();

function fontDir(): string {
  // The package has no "exports" map, so its index.js locates the folder of the TTF files.
  return path.dirname(require.resolve('@expo-google-fonts/noto-sans-devanagari'));
}

export function font(weight: Weight): fontkit.Font {
  let loaded = parsed.get(weight);
  if (!loaded) {
    const created = fontkit.create(fs.readFileSync(path.join(fontDir(), FILES[weight])));
    if (!('layout' in created)) throw new Error(`${FILES[weight]} is a font collection, not a font`);
    loaded = created;
    parsed.set(weight, loaded);
  }
  return loaded;
}

/** Characters of `text` the document font cannot draw (they would print as empty boxes). */
export function missingGlyphs(text: string): string[] {
  const f = font('regular');
  return [...new Set(text)].filter((ch) => !/\s/.test(ch) && !f.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
}

// Shaped words, shared by every document. Shaping Devanagari (GSUB chains for conjuncts, matra
// reordering, GPOS marks) is most of the cost of a page, and pdfkit keeps its cache of shaped
// words per document; the same labels and names recur in every certificate. Safe to share: a
// cached run is only read after it is made, and all documents use the same parsed font.
const shapedWords = new Map<Weight, Record<string, unknown>>();
const SHAPED_WORDS_KEPT = 20_000; // a few MB; then start afresh rather than grow with every name

function sharedShapedWords(weight: Weight): Record<string, unknown> {
  let words = shapedWords.get(weight);
  if (!words || Object.keys(words).length > SHAPED_WORDS_KEPT) {
    words = Object.create(null) as Record<string, unknown>;
    shapedWords.set(weight, words);
  }
  return words;
}

// Benchmarks only (bench/certificates.ts): draw with pdfkit's built-in Helvetica, to measure what
// embedding and shaping Noto Sans Devanagari cost over a bare PDF. Devanagari does not render in
// it (no glyphs, zero widths); no real document is ever made with this on.
let standardFontsForBenchmark = false;

export function useStandardFontsForBenchmark(on: boolean): void {
  standardFontsForBenchmark = on;
}

const STANDARD: Record<Weight, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

/** pdfkit 0.20's document internals the standard-font baseline reuses a parsed font through. */
interface FontInternals {
  _font: object;
  _fontFamilies: Record<string, object>;
  _fontCount: number;
}

// pdfkit rebuilds a standard font's metrics (thousands of kerning pairs, ~40 ms) in every document,
// as it re-parses a TTF; the baseline gets the same caching the real fonts have, or it would
// measure that instead of what a PDF without embedded fonts costs.
const standardFonts = new Map<Weight, object>();

function registerStandardFonts(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as FontInternals;
  for (const weight of Object.keys(STANDARD) as Weight[]) {
    doc.registerFont(weight, STANDARD[weight]);
    const parsed = standardFonts.get(weight);
    if (!parsed) {
      doc.font(weight);
      standardFonts.set(weight, internals._font);
      continue;
    }
    // A StandardFont of this document (its own id and dictionary) over the parsed metrics.
    const font = Object.assign(Object.create(Object.getPrototypeOf(parsed) as object) as object, parsed, {
      document: doc,
      id: `F${++internals._fontCount}`,
      dictionary: null,
      embedded: false,
    });
    internals._fontFamilies[weight] = font;
    internals._fontFamilies[STANDARD[weight]] = font;
  }
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  if (standardFontsForBenchmark) {
    registerStandardFonts(doc);
    return;
  }
  for (const weight of Object.keys(FILES) as Weight[]) {
    // pdfkit takes an already parsed fontkit font (it checks for `layout`); its typings do not say so.
    doc.registerFont(weight, font(weight) as unknown as Buffer);
    doc.font(weight);
    // pdfkit 0.20's EmbeddedFont#layoutCache; were it renamed, documents would still render, only slower.
    const embedded = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
    if (embedded?.layoutCache) embedded.layoutCache = sharedShapedWords(weight);
  }
}
