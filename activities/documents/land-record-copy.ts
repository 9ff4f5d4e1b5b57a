// खसरा / बी-1 खतौनी की प्रमाणित प्रतिलिपि: the record of rights for the plots applied for.
import type { LandRecordCopyData, Plot } from '../../lib/documents';
import { drawFields, drawStatement } from './fields';
import { formatHectare, formatRupees } from './format';
import { placeOf, renderIssued } from './issued-document';
import { drawTable, type Column, type Row } from './table';
import { LABELS } from './vocabulary';

const PLOT_COLUMNS: Column[] = [
  { head: LABELS.khasraNumber, weight: 1.1 },
  { head: LABELS.village, weight: 1.6 },
  { head: LABELS.owners, weight: 3.2 },
  { head: LABELS.area, weight: 1.1, align: 'right' },
  { head: LABELS.landUse, weight: 1.7 },
  { head: { hi: `${LABELS.revenue.hi} (₹)`, en: `${LABELS.revenue.en} (₹)` }, weight: 1.1, align: 'right' },
];

function plotRow(plot: Plot): Row {
  return [
    [plot.khasraNumber],
    [plot.village.hi, plot.village.en],
    // Hindi first as the record keeps it; the English transliteration helps banks and courts elsewhere.
    plot.owners.map((o) => `${o.nameHi} (${o.share}) / ${o.nameEn}`),
    [formatHectare(plot.areaHectare)],
    [plot.landUse.hi, plot.landUse.en],
    [String(plot.revenueRupees)],
  ];
}

export function renderLandRecordCopy(data: LandRecordCopyData, qrPayload: string): Promise<Buffer> {
  return renderIssued(data, qrPayload, (sheet) => {
    drawFields(sheet, [
      { label: LABELS.year, value: String(data.year), strong: true },
      { label: LABELS.tehsilDistrict, value: placeOf(data) },
      { label: LABELS.copyFee, value: formatRupees(data.feeRupees) },
    ]);
    sheet.heading({ hi: 'भू-अभिलेख', en: 'Land record' });
    const area = data.plots.reduce((sum, p) => sum + p.areaHectare, 0);
    const revenue = data.plots.reduce((sum, p) => sum + p.revenueRupees, 0);
    drawTable(
      sheet,
      PLOT_COLUMNS,
      [
        ...data.plots.map(plotRow),
        [[`${LABELS.total.hi} / ${LABELS.total.en}`], [], [], [formatHectare(area)], [], [String(revenue)]],
      ],
      { boldLast: true },
    );
    drawStatement(sheet, {
      hi: `प्रमाणित किया जाता है कि यह प्रतिलिपि वर्ष ${data.year} के भू-अभिलेख (खसरा / बी-1 खतौनी) से मिलान कर सही पाई गई है।`,
      en: `Certified to be a true copy of the land record (khasra / B-1 khatauni) for the year ${data.year}.`,
    });
  });
}
