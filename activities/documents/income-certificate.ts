// आय प्रमाण पत्र: the applicant, and the family's annual income by source and in total.
import type { IncomeCertificateData } from '../../lib/documents';
import { drawFields, drawStatement } from './fields';
import { formatRupees } from './format';
import { placeOf, renderIssued } from './issued-document';
import { drawTable } from './table';
import { genderOf, incomeSourceOf, LABELS } from './vocabulary';

export function renderIncomeCertificate(data: IncomeCertificateData, qrPayload: string): Promise<Buffer> {
  return renderIssued(data, qrPayload, (sheet) => {
    sheet.heading({ hi: 'आवेदक का विवरण', en: "Applicant's details" });
    drawFields(sheet, [
      { label: LABELS.applicantName, value: data.applicantName, strong: true },
      { label: LABELS.guardianName, value: data.guardianName },
      { label: LABELS.gender, value: genderOf(data.gender) },
      { label: LABELS.address, value: data.address },
      { label: LABELS.tehsilDistrict, value: placeOf(data) },
      { label: LABELS.samagraId, value: data.samagraIdMasked },
      { label: LABELS.purpose, value: data.purpose },
    ]);
    sheet.heading({ hi: 'आय का विवरण', en: 'Income details' });
    const sources = Object.entries(data.incomeBySource).filter(([, amount]) => amount > 0);
    drawTable(
      sheet,
      [
        { head: { hi: 'आय का स्रोत', en: 'Source of income' }, weight: 3 },
        { head: { hi: 'वार्षिक आय', en: 'Annual income' }, weight: 2, align: 'right' },
      ],
      [
        ...sources.map(([key, amount]) => {
          const source = incomeSourceOf(key);
          return [[`${source.hi} / ${source.en}`], [formatRupees(amount)]];
        }),
        [[`${LABELS.annualIncome.hi} / ${LABELS.annualIncome.en}`], [formatRupees(data.annualIncome)]],
      ],
      { boldLast: true },
    );
    const amount = formatRupees(data.annualIncome);
    drawStatement(sheet, {
      hi: `प्रमाणित किया जाता है कि उपरोक्त आवेदक के परिवार (पति/पत्नी एवं अवयस्क संतान) की समस्त स्रोतों से वार्षिक आय ${amount} है।`,
      en: `Certified that the annual income of the above-named applicant's family (spouse and minor children) from all sources is ${amount}.`,
    });
  });
}
