// The foot of every issued document: who issued it, when, how long it is good for, how to check
// it, and the QR code carrying the signed facts.
import type { IssuedDocumentBase } from '../../lib/documents';
import { formatDate } from './format';
import { drawQr, planQr } from './qr';
import { COLOURS, type Sheet } from './sheet';
import { drawParagraph, paragraphHeight, type TextStyle } from './text';
import { designationOf, LABELS, validityOf, verifyNote } from './vocabulary';

const QR_LEAST = 110;

/** Height of the block, so a page can be planned to keep it with the body. */
export function issuanceHeight(sheet: Sheet, data: IssuedDocumentBase, qrPayload: string): number {
  const qr = planQr(qrPayload, QR_LEAST);
  const textWidth = sheet.width - qr.side - 16;
  const heightOf = (b: Block): number =>
    'gap' in b ? b.gap : paragraphHeight(sheet.doc, b.text, textWidth, b.style);
  const textHeight = issuanceLines(data).reduce((sum, b) => sum + heightOf(b), 0);
  return Math.max(textHeight, qr.side) + 16;
}

export function drawIssuance(sheet: Sheet, data: IssuedDocumentBase, qrPayload: string): void {
  const { doc } = sheet;
  const qr = planQr(qrPayload, QR_LEAST);
  const textWidth = sheet.width - qr.side - 16;
  const blocks = issuanceLines(data);
  const height = issuanceHeight(sheet, data, qrPayload) - 16;
  sheet.ensure(height + 16);

  sheet.rule(COLOURS.accent, 0.8);
  const top = sheet.y + 8;
  let y = top;
  for (const b of blocks)
    y += 'gap' in b ? b.gap : drawParagraph(doc, b.text, sheet.left, y, textWidth, b.style);

  // The note beside it says what the code is for; a caption under it would cost the page a line.
  drawQr(doc, qr, sheet.right - qr.side, top);
  sheet.y = top + height + 8;
}

type Block = { text: string; style: TextStyle } | { gap: number };

function issuanceLines(data: IssuedDocumentBase): Block[] {
  const officer = data.issuingOfficer;
  const designation = designationOf(officer.designation);
  const validity = validityOf(data.validUntil, data.validUntil && formatDate(data.validUntil));
  const note = verifyNote(data.verifyUrl);
  const label: TextStyle = { size: 8, color: COLOURS.muted };
  const strong: TextStyle = { size: 10, weight: 'bold' };
  const plain: TextStyle = { size: 9 };
  const small: TextStyle = { size: 8, color: '#333333' };
  return [
    { text: `${LABELS.issuedOn.hi} / ${LABELS.issuedOn.en}: ${formatDate(data.issuedOn)}`, style: plain },
    { text: `${validity.hi} / ${validity.en}`, style: strong },
    { gap: 6 },
    { text: `${LABELS.issuingOfficer.hi} / ${LABELS.issuingOfficer.en}`, style: label },
    { text: `${officer.nameHi} (${officer.nameEn})`, style: strong },
    { text: `${designation.hi}, ${officer.officeHi}`, style: plain },
    { text: `${designation.en}, ${officer.officeEn}`, style: small },
    { gap: 6 },
    { text: note.hi, style: small },
    { text: note.en, style: small },
  ];
}
