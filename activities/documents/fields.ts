// Label–value rows, the body of certificates and the receipt: the Hindi label over its English
// one on the left, the value on the right. A value is printed as typed (a name in Hindi stays in
// Hindi) or, for coded values, in both languages.
import type { Bilingual } from '../../lib/documents';
import { COLOURS, type Sheet } from './sheet';
import { drawParagraph, lineHeight, paragraphHeight, textWidth, type TextStyle } from './text';

export interface Field {
  label: Bilingual;
  value: string | Bilingual;
  /** Stands out: the applicant's name, the amount certified, the due date. */
  strong?: boolean;
}

const LABEL_WIDTH = 175;
const HI_LABEL: TextStyle = { size: 9.5, weight: 'bold', color: COLOURS.ink };
const EN_LABEL: TextStyle = { size: 7.5, color: COLOURS.muted };
const ROW_PADDING = 3.5;

export function drawFields(sheet: Sheet, fields: Field[]): void {
  const { doc } = sheet;
  const valueX = sheet.left + LABEL_WIDTH + 10;
  const valueWidth = sheet.right - valueX;
  for (const field of fields) {
    const valueStyle: TextStyle = {
      size: field.strong ? 11.5 : 10,
      weight: field.strong ? 'bold' : 'regular',
    };
    const values = valueLines(sheet, field.value, valueWidth, valueStyle);
    const labelHeight =
      paragraphHeight(doc, field.label.hi, LABEL_WIDTH, HI_LABEL) +
      paragraphHeight(doc, field.label.en, LABEL_WIDTH, EN_LABEL);
    const valueHeight = values.reduce((sum, v) => sum + paragraphHeight(doc, v, valueWidth, valueStyle), 0);
    const height = Math.max(labelHeight, valueHeight) + 2 * ROW_PADDING;
    sheet.ensure(height);

    const top = sheet.y + ROW_PADDING;
    const hiHeight = drawParagraph(doc, field.label.hi, sheet.left, top, LABEL_WIDTH, HI_LABEL);
    drawParagraph(doc, field.label.en, sheet.left, top + hiHeight, LABEL_WIDTH, EN_LABEL);
    let y = top;
    for (const value of values) y += drawParagraph(doc, value, valueX, y, valueWidth, valueStyle);
    sheet.y += height;
    sheet.rule('#dddddd', 0.4);
  }
  sheet.gap(8);
}

// A coded value reads "पुरुष / Male" on one line when it fits, Hindi over English when it does not.
function valueLines(sheet: Sheet, value: string | Bilingual, width: number, style: TextStyle): string[] {
  if (typeof value === 'string') return [value];
  const joined = `${value.hi} / ${value.en}`;
  return textWidth(sheet.doc, joined, style) <= width ? [joined] : [value.hi, value.en];
}

const STATEMENT_HI: TextStyle = { size: 10.5 };
const STATEMENT_EN: TextStyle = { size: 9.5, color: '#333333' };
const STATEMENT_GAP = 2;
const STATEMENT_AFTER = 4 + lineHeight(STATEMENT_EN) / 2;

export function statementHeight(sheet: Sheet, statement: Bilingual): number {
  return (
    paragraphHeight(sheet.doc, statement.hi, sheet.width, STATEMENT_HI) +
    STATEMENT_GAP +
    paragraphHeight(sheet.doc, statement.en, sheet.width, STATEMENT_EN) +
    STATEMENT_AFTER
  );
}

/** The operative sentence of a certificate, Hindi first, as the State's official language. */
export function drawStatement(sheet: Sheet, statement: Bilingual): void {
  sheet.ensure(statementHeight(sheet, statement));
  sheet.paragraph(statement.hi, STATEMENT_HI);
  sheet.gap(STATEMENT_GAP);
  sheet.paragraph(statement.en, STATEMENT_EN);
  sheet.gap(STATEMENT_AFTER);
}
