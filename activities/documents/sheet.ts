// The page every document is printed on: A4 in a double frame, the bilingual government header
// on every page, a footer with serial and page number, and a cursor that starts a new page
// (header included) when the next block would not fit.
import PDFDocument from 'pdfkit';
import type { Bilingual } from '../../lib/documents';
import { registerFonts } from './fonts';
import { drawParagraph, drawText, lineHeight, paragraphHeight, type TextStyle } from './text';
import { ACT, GOVERNMENT, LABELS } from './vocabulary';

const PAGE = { width: 595.28, height: 841.89 };
const FRAME_INSET = 20;
const MARGIN_X = 44;
const TOP = 32;
const FOOTER_TOP = PAGE.height - 56;
const CONTENT_BOTTOM = FOOTER_TOP - 6;

export const COLOURS = {
  ink: '#111111',
  muted: '#555555',
  rule: '#9a9a9a',
  accent: '#7a2e0e', // the maroon of MP revenue stationery
  band: '#f3ece4',
};

export interface DocumentMeta {
  title: string;
  subject: string;
  /** When the document was made, from its data: the renderer reads no clock. */
  createdAt: Date;
}

export interface PageHeader {
  office: Bilingual;
  title: Bilingual;
  subtitle?: Bilingual;
  /** The line under the title: e.g. serial on the left, date on the right. */
  meta: { left: string; right: string };
}

export interface PageFooter {
  /** Identifies the document on every page, so a loose page can be matched to the rest. */
  reference: string;
  lines: string[];
}

export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  readonly left = MARGIN_X;
  readonly width = PAGE.width - 2 * MARGIN_X;
  y = 0;

  constructor(
    meta: DocumentMeta,
    private readonly header: PageHeader,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0, // all layout is explicit; pdfkit must never break a page on its own
      autoFirstPage: false,
      bufferPages: true, // footers need the page count, known only at the end
      // No default font: pdfkit would parse Helvetica's metrics (~40 ms) for every document;
      // registerFonts() sets the document's own before anything is drawn.
      font: null as unknown as string,
      lang: 'hi-IN',
      displayTitle: true,
      info: {
        Title: meta.title,
        Subject: meta.subject,
        Author: `${GOVERNMENT.en} — Jan Setu`,
        Creator: 'Jan Setu',
        CreationDate: meta.createdAt,
        ModDate: meta.createdAt,
      },
    });
    registerFonts(this.doc);
    this.newPage();
  }

  get right(): number {
    return this.left + this.width;
  }

  /** Room left on this page. */
  get room(): number {
    return CONTENT_BOTTOM - this.y;
  }

  ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  gap(height: number): void {
    this.y += height;
  }

  newPage(): void {
    this.doc.addPage();
    this.drawFrame();
    this.y = this.drawHeader();
  }

  paragraph(text: string, style: TextStyle, align: 'left' | 'center' | 'right' = 'left'): void {
    this.ensure(paragraphHeight(this.doc, text, this.width, style));
    this.y += drawParagraph(this.doc, text, this.left, this.y, this.width, style, align);
  }

  rule(colour = COLOURS.rule, weight = 0.6): void {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.right, this.y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke();
  }

  /** A section heading on a tinted band: Hindi, then English. */
  heading(title: Bilingual): void {
    const style: TextStyle = { size: 10.5, weight: 'bold', color: COLOURS.accent };
    const height = lineHeight(style) + 4;
    this.ensure(height + 40); // never leave a heading alone at the foot of a page
    this.doc.rect(this.left, this.y, this.width, height).fillColor(COLOURS.band).fill();
    drawText(this.doc, `${title.hi} / ${title.en}`, this.left + 6, this.y + 2, style);
    this.y += height + 6;
  }

  /** Writes the footer on every page; call once, after the last page. */
  finish(footer: PageFooter): PDFKit.PDFDocument {
    const { start, count } = this.doc.bufferedPageRange();
    const small: TextStyle = { size: 7.5, color: COLOURS.muted };
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      let y = FOOTER_TOP;
      this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(0.4).strokeColor(COLOURS.rule).stroke();
      y += 4;
      const page = `${LABELS.page.hi} / ${LABELS.page.en} ${i - start + 1} / ${count}`;
      drawText(this.doc, footer.reference, this.left, y, small);
      drawText(this.doc, page, this.left, y, small, { width: this.width, align: 'right' });
      for (const text of footer.lines) {
        y += lineHeight(small);
        drawText(this.doc, text, this.left, y, small);
      }
    }
    return this.doc;
  }

  private drawFrame(): void {
    const { doc } = this;
    const w = PAGE.width - 2 * FRAME_INSET;
    const h = PAGE.height - 2 * FRAME_INSET;
    doc.rect(FRAME_INSET, FRAME_INSET, w, h).lineWidth(1.6).strokeColor(COLOURS.accent).stroke();
    doc
      .rect(FRAME_INSET + 3.5, FRAME_INSET + 3.5, w - 7, h - 7)
      .lineWidth(0.5)
      .strokeColor(COLOURS.accent)
      .stroke();
  }

  private drawHeader(): number {
    const { header } = this;
    let y = TOP;
    const centred = (text: string, style: TextStyle): void => {
      drawText(this.doc, text, this.left, y, style, { width: this.width, align: 'center' });
      y += lineHeight(style);
    };
    centred(GOVERNMENT.hi, { size: 15, weight: 'bold', color: COLOURS.accent });
    centred(GOVERNMENT.en, { size: 10, weight: 'bold', color: COLOURS.accent });
    centred(header.office.hi, { size: 10 });
    centred(header.office.en, { size: 8.5, color: COLOURS.muted });
    y += drawParagraph(
      this.doc,
      ACT.hi,
      this.left,
      y,
      this.width,
      { size: 7.5, color: COLOURS.muted },
      'center',
    );
    y += drawParagraph(
      this.doc,
      ACT.en,
      this.left,
      y,
      this.width,
      { size: 7, color: COLOURS.muted },
      'center',
    );
    y += 3;
    this.y = y;
    this.rule(COLOURS.accent, 1);
    y += 5;
    centred(header.title.hi, { size: 16, weight: 'bold' });
    centred(header.title.en, { size: 11.5, weight: 'bold' });
    if (header.subtitle)
      centred(`${header.subtitle.hi} / ${header.subtitle.en}`, { size: 11, weight: 'bold' });
    y += 3;
    const meta: TextStyle = { size: 9 };
    drawText(this.doc, header.meta.left, this.left, y, meta);
    drawText(this.doc, header.meta.right, this.left, y, meta, { width: this.width, align: 'right' });
    y += lineHeight(meta) + 2;
    this.y = y;
    this.rule();
    return y + 10;
  }
}

/** Ends the document and collects its bytes. */
export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
