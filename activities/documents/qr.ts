// QR codes drawn as vector squares, not a raster image: they stay sharp at any print size and
// add a few hundred bytes instead of an embedded PNG.
import QRCode from 'qrcode';

const QUIET_ZONE = 4; // modules of white the standard asks for around the symbol
// 0.46 mm per module: a phone camera or a 150 dpi scan still resolves it (2.7 pixels a module).
const MODULE_PT = 1.3;

export interface QrPlan {
  modules: QRCode.BitMatrix;
  /** Side in points, quiet zone included. */
  side: number;
}

let lastPlanned: { text: string; modules: QRCode.BitMatrix } | undefined;

/** Lays the symbol out; its side grows with the payload so that a module never gets too small to scan. */
export function planQr(text: string, least = 0): QrPlan {
  // A page is planned before it is drawn, so the same payload is asked for twice in a row.
  if (lastPlanned?.text !== text) {
    // One byte-mode segment: payloads and URLs are mostly lowercase and punctuation, which the
    // denser modes cannot hold, and this skips qrcode's search for a cheaper mix of modes.
    const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
    });
    lastPlanned = { text, modules };
  }
  const { modules } = lastPlanned;
  return { modules, side: Math.max(least, (modules.size + 2 * QUIET_ZONE) * MODULE_PT) };
}

/** Draws the planned symbol with its top-left corner at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, { modules, side }: QrPlan, x: number, y: number): void {
  const count = modules.size;
  const unit = side / (count + 2 * QUIET_ZONE);
  doc.rect(x, y, side, side).fillColor('#ffffff').fill();
  // One rectangle per horizontal run of dark modules, all filled at once: a few hundred path
  // operators rather than thousands, and no hairline gaps between neighbouring modules.
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      doc.rect(x + (QUIET_ZONE + start) * unit, y + (QUIET_ZONE + row) * unit, (col - start) * unit, unit);
    }
  }
  doc.fillColor('#000000').fill();
}
