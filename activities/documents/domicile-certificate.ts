// स्थानीय निवासी (मूल निवासी) प्रमाण पत्र: the applicant and the ground of residence in MP.
import type { DomicileCertificateData } from '../../lib/documents';
import { drawFields, drawStatement } from './fields';
import { placeOf, renderIssued } from './issued-document';
import { genderOf, LABELS, residenceBasisOf } from './vocabulary';

export function renderDomicileCertificate(data: DomicileCertificateData, qrPayload: string): Promise<Buffer> {
  return renderIssued(data, qrPayload, (sheet) => {
    sheet.heading({ hi: 'आवेदक का विवरण', en: "Applicant's details" });
    drawFields(sheet, [
      { label: LABELS.applicantName, value: data.applicantName, strong: true },
      { label: LABELS.guardianName, value: data.guardianName },
      { label: LABELS.gender, value: genderOf(data.gender) },
      { label: LABELS.address, value: data.address },
      { label: LABELS.tehsilDistrict, value: placeOf(data) },
      { label: LABELS.samagraId, value: data.samagraIdMasked },
      { label: LABELS.residenceBasis, value: residenceBasisOf(data.basis), strong: true },
      { label: LABELS.purpose, value: data.purpose },
    ]);
    // Hindi agrees with the applicant: निवासी है stays, but का / की follows gender.
    const of = { female: 'की', male: 'का', other: 'का/की' }[data.gender];
    drawStatement(sheet, {
      hi: `प्रमाणित किया जाता है कि उपरोक्त आवेदक मध्यप्रदेश राज्य ${of} स्थानीय (मूल) निवासी है।`,
      en: 'Certified that the above-named applicant is a local resident (domicile) of the State of Madhya Pradesh.',
    });
  });
}
