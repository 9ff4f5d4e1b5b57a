// The document the certificate benchmark renders: a Hindi + English income certificate with the
// names, address and income table a real one has.
import type { IncomeCertificateData } from '../lib/documents';

export function sampleIncomeCertificate(n: number): IncomeCertificateData {
  const serial = `JS-INC-2026-${String(n).padStart(6, '0')}-1`;
  return {
    kind: 'income-certificate',
    serial,
    applicationNumber: `LSG/INC/2026/${String(n).padStart(6, '0')}`,
    issuedOn: '2026-03-16',
    validUntil: '2027-03-15',
    issuingOfficer: {
      code: 'MP-REV-0031',
      nameEn: 'Prakash Chandra Shrivastava',
      nameHi: 'प्रकाश चंद्र श्रीवास्तव',
      designation: 'tehsildar',
      officeEn: 'Tehsil Office Huzur, Bhopal',
      officeHi: 'तहसील कार्यालय हुज़ूर, भोपाल',
    },
    districtCode: 'bhopal',
    district: { en: 'Bhopal', hi: 'भोपाल' },
    tehsil: { en: 'Huzur', hi: 'हुज़ूर' },
    verifyUrl: `https://jansetu.mp.example/verify/${serial}`,
    applicantName: 'रामकृष्ण त्रिपाठी',
    guardianName: 'श्रीनिवास त्रिपाठी',
    gender: 'male',
    address: 'मकान नं. 42, वार्ड 7, ग्राम बिलखिरिया कलां, तहसील हुज़ूर, जिला भोपाल',
    purpose: 'छात्रवृत्ति हेतु',
    incomeBySource: { agriculture: 84_000, labour: 36_000, salary: 0 },
    annualIncome: 120_000,
    samagraIdMasked: '*****6789',
  };
}
