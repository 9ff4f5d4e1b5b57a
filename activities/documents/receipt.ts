// पावती: the acknowledgement handed over the moment an application is accepted. Its point is the
// due date, by which the designated officer must deliver or give written reasons for refusing.
import type { ReceiptData } from '../../lib/documents';
import { drawFields, drawStatement } from './fields';
import { formatDate, formatInstantIst } from './format';
import { drawQr, planQr } from './qr';
import { COLOURS, Sheet, toBuffer } from './sheet';
import { drawText, lineHeight } from './text';
import { channelOf, designationOf, LABELS, RECEIPT_TITLE, workingDays } from './vocabulary';

const QR_LEAST = 96;

export function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const officer = data.designatedOfficer;
  const designation = designationOf(officer.designation);
  const received = formatInstantIst(data.receivedAt);
  const sheet = new Sheet(
    {
      title: `${RECEIPT_TITLE.hi} / ${RECEIPT_TITLE.en} — ${data.applicationNumber}`,
      subject: `${data.service.hi} / ${data.service.en}`,
      createdAt: new Date(data.receivedAt),
    },
    {
      office: { hi: officer.officeHi, en: officer.officeEn },
      title: data.service,
      subtitle: RECEIPT_TITLE,
      meta: {
        left: `${LABELS.applicationNumber.hi} / ${LABELS.applicationNumber.en}: ${data.applicationNumber}`,
        right: `${LABELS.receivedAt.hi} / ${LABELS.receivedAt.en}: ${received}`,
      },
    },
  );
  drawFields(sheet, [
    { label: LABELS.applicationNumber, value: data.applicationNumber, strong: true },
    { label: LABELS.service, value: data.service },
    { label: LABELS.applicantName, value: data.applicantName, strong: true },
    { label: LABELS.mobile, value: data.mobileMasked },
    {
      label: LABELS.tehsilDistrict,
      value: { hi: `${data.tehsil.hi}, ${data.district.hi}`, en: `${data.tehsil.en}, ${data.district.en}` },
    },
    { label: LABELS.channel, value: channelOf(data.channel) },
    { label: LABELS.receivedAt, value: received },
    { label: LABELS.timeLimit, value: workingDays(data.timeLimitWorkingDays) },
    { label: LABELS.dueDate, value: formatDate(data.dueDate), strong: true },
    {
      label: LABELS.designatedOfficer,
      value: {
        hi: `${officer.nameHi}, ${designation.hi}, ${officer.officeHi}`,
        en: `${officer.nameEn}, ${designation.en}, ${officer.officeEn}`,
      },
    },
  ]);
  const due = formatDate(data.dueDate);
  drawStatement(sheet, {
    hi: `आपका आवेदन प्राप्त हुआ। सेवा ${due} तक प्रदान की जाएगी। इस तिथि तक सेवा न मिलने पर प्रथम अपील अधिकारी स्वतः संज्ञान लेंगे।`,
    en: `Your application has been received. The service is due by ${due}. If it is not delivered by then, the first appeal officer takes the case up on their own motion.`,
  });

  // A QR of the status page: the citizen can follow the application from a phone.
  const caption = { size: 8, color: COLOURS.muted };
  const qr = planQr(data.statusUrl, QR_LEAST);
  sheet.ensure(qr.side + 10);
  const top = sheet.y;
  drawQr(sheet.doc, qr, sheet.left, top);
  const textX = sheet.left + qr.side + 12;
  drawText(sheet.doc, `${LABELS.statusUrl.hi} / ${LABELS.statusUrl.en}:`, textX, top + 20, {
    size: 9,
    weight: 'bold',
  });
  drawText(sheet.doc, data.statusUrl, textX, top + 20 + lineHeight({ size: 9 }), { size: 9 });
  drawText(sheet.doc, 'यह कंप्यूटर जनित पावती है, हस्ताक्षर की आवश्यकता नहीं।', textX, top + 56, caption);
  drawText(
    sheet.doc,
    'This is a computer-generated acknowledgement; it needs no signature.',
    textX,
    top + 56 + lineHeight(caption),
    caption,
  );
  sheet.y = top + qr.side + 10;

  return toBuffer(
    sheet.finish({
      reference: `${RECEIPT_TITLE.en} · ${data.applicationNumber}`,
      lines: [`${LABELS.statusUrl.hi} / ${LABELS.statusUrl.en}: ${data.statusUrl}`],
    }),
  );
}
