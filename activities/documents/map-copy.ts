// चालू नक्शे की प्रमाणित प्रतिलिपि: the village map sheet around the plots applied for, to scale.
import type { MapCopyData } from '../../lib/documents';
import { drawFields, drawStatement, statementHeight } from './fields';
import { formatHectare, formatRupees } from './format';
import { issuanceHeight } from './issuance';
import { placeOf, renderIssued } from './issued-document';
import { drawMap } from './map';
import { LABELS } from './vocabulary';

const MAP_HEIGHT = { least: 220, most: 380 };

export function renderMapCopy(data: MapCopyData, qrPayload: string): Promise<Buffer> {
  return renderIssued(data, qrPayload, (sheet) => {
    const wanted = new Set(data.requested);
    const areas = data.plots
      .filter((p) => wanted.has(p.khasraNumber))
      .map((p) => `${p.khasraNumber} (${formatHectare(p.areaHectare)})`);
    drawFields(sheet, [
      {
        label: LABELS.villageTehsilDistrict,
        value: {
          hi: `${data.village.hi}, ${placeOf(data).hi}`,
          en: `${data.village.en}, ${placeOf(data).en}`,
        },
        strong: true,
      },
      {
        label: {
          hi: `${LABELS.requestedPlots.hi} (${LABELS.area.hi})`,
          en: `${LABELS.requestedPlots.en} (ha)`,
        },
        value: areas.join(', '),
        strong: true,
      },
      { label: LABELS.copyFee, value: formatRupees(data.feeRupees) },
    ]);
    const statement = {
      hi: `प्रमाणित किया जाता है कि यह ग्राम ${data.village.hi} के चालू नक्शे की सही प्रतिलिपि है।`,
      en: `Certified to be a true copy of the current map of village ${data.village.en}.`,
    };
    // The map takes what the page has left after the statement and the signed foot, so the
    // copy stays on one sheet whenever a legible map fits.
    const spare =
      sheet.room - statementHeight(sheet, statement) - issuanceHeight(sheet, data, qrPayload) - 14;
    const height = Math.min(MAP_HEIGHT.most, Math.max(MAP_HEIGHT.least, spare));
    sheet.ensure(height);
    drawMap(sheet, data.plots, data.requested, height);
    drawStatement(sheet, statement);
  });
}
