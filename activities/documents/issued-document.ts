// What all issued documents share: the page with the document's title, its serial and
// application number in the header, the body its kind draws, and the signed foot.
import type { Bilingual, CertificateData } from '../../lib/documents';
import { drawIssuance } from './issuance';
import { Sheet, toBuffer } from './sheet';
import { LABELS, TITLES } from './vocabulary';

export async function renderIssued(
  data: CertificateData,
  qrPayload: string,
  body: (sheet: Sheet) => void,
): Promise<Buffer> {
  const title = TITLES[data.kind];
  const sheet = new Sheet(
    {
      title: `${title.hi} / ${title.en} — ${data.serial}`,
      subject: `${LABELS.applicationNumber.en} ${data.applicationNumber}`,
      createdAt: new Date(`${data.issuedOn}T00:00:00+05:30`),
    },
    {
      office: { hi: data.issuingOfficer.officeHi, en: data.issuingOfficer.officeEn },
      title,
      meta: {
        left: `${LABELS.serial.hi} / ${LABELS.serial.en}: ${data.serial}`,
        right: `${LABELS.applicationNumber.hi} / ${LABELS.applicationNumber.en}: ${data.applicationNumber}`,
      },
    },
  );
  body(sheet);
  drawIssuance(sheet, data, qrPayload);
  return toBuffer(
    sheet.finish({
      reference: `${title.en} · ${LABELS.serial.en} ${data.serial}`,
      lines: [`${LABELS.verify.hi} / ${LABELS.verify.en}: ${data.verifyUrl}`],
    }),
  );
}

export function placeOf(data: { tehsil: Bilingual; district: Bilingual }): Bilingual {
  return { hi: `${data.tehsil.hi}, ${data.district.hi}`, en: `${data.tehsil.en}, ${data.district.en}` };
}
