// The bilingual words the documents print: headers, labels and the names of coded values.
import type { Bilingual, CertificateData, DomicileCertificateData } from '../../lib/documents';

export const GOVERNMENT: Bilingual = { hi: 'मध्यप्रदेश शासन', en: 'Government of Madhya Pradesh' };

export const ACT: Bilingual = {
  hi: 'मध्यप्रदेश लोक सेवाओं के प्रदान की गारंटी अधिनियम, 2010 के अंतर्गत अधिसूचित सेवा',
  en: 'A service notified under the Madhya Pradesh Lok Sewaon Ke Pradan Ki Guarantee Adhiniyam, 2010',
};

export const TITLES: Record<CertificateData['kind'], Bilingual> = {
  'income-certificate': { hi: 'आय प्रमाण पत्र', en: 'Income Certificate' },
  'domicile-certificate': {
    hi: 'स्थानीय निवासी (मूल निवासी) प्रमाण पत्र',
    en: 'Local Resident (Domicile) Certificate',
  },
  'khasra-khatauni-copy': {
    hi: 'खसरा / बी-1 खतौनी की प्रमाणित प्रतिलिपि',
    en: 'Certified Copy of Khasra / B-1 Khatauni',
  },
  'current-map-copy': { hi: 'चालू नक्शे की प्रमाणित प्रतिलिपि', en: 'Certified Copy of the Current Map' },
};

export const RECEIPT_TITLE: Bilingual = { hi: 'पावती', en: 'Acknowledgement Receipt' };

export const LABELS = {
  serial: { hi: 'क्रमांक', en: 'Serial No.' },
  applicationNumber: { hi: 'आवेदन क्रमांक', en: 'Application No.' },
  issuedOn: { hi: 'जारी दिनांक', en: 'Issued on' },
  page: { hi: 'पृष्ठ', en: 'Page' },
  applicantName: { hi: 'आवेदक का नाम', en: "Applicant's name" },
  guardianName: { hi: 'पिता / पति का नाम', en: "Father's / husband's name" },
  gender: { hi: 'लिंग', en: 'Gender' },
  address: { hi: 'पता', en: 'Address' },
  tehsilDistrict: { hi: 'तहसील / जिला', en: 'Tehsil / District' },
  purpose: { hi: 'प्रयोजन', en: 'Purpose' },
  samagraId: { hi: 'समग्र आईडी', en: 'Samagra ID' },
  incomeBySource: { hi: 'स्रोतवार वार्षिक आय', en: 'Annual income by source' },
  annualIncome: { hi: 'कुल वार्षिक पारिवारिक आय', en: 'Total annual family income' },
  residenceBasis: { hi: 'निवास का आधार', en: 'Basis of residence' },
  year: { hi: 'वर्ष', en: 'Year' },
  village: { hi: 'ग्राम', en: 'Village' },
  villageTehsilDistrict: { hi: 'ग्राम, तहसील, जिला', en: 'Village, tehsil, district' },
  khasraNumber: { hi: 'खसरा नं.', en: 'Khasra No.' },
  owners: { hi: 'भूमिस्वामी (अंश)', en: 'Owners (share)' },
  area: { hi: 'रकबा (हे.)', en: 'Area (ha)' },
  landUse: { hi: 'भूमि उपयोग', en: 'Land use' },
  revenue: { hi: 'लगान', en: 'Revenue' },
  total: { hi: 'योग', en: 'Total' },
  copyFee: { hi: 'प्रतिलिपि शुल्क', en: 'Copy fee' },
  requestedPlots: { hi: 'आवेदित खसरा', en: 'Plots applied for' },
  neighbouringPlots: { hi: 'आसपास के खसरा', en: 'Neighbouring plots' },
  scale: { hi: 'पैमाना', en: 'Scale' },
  metres: { hi: 'मीटर', en: 'metres' },
  north: { hi: 'उ', en: 'N' },
  issuingOfficer: { hi: 'जारीकर्ता अधिकारी', en: 'Issuing officer' },
  verify: { hi: 'डिजिटल हस्ताक्षर का सत्यापन', en: 'Verify the digital signature' },
  service: { hi: 'सेवा', en: 'Service' },
  receivedAt: { hi: 'प्राप्ति दिनांक व समय', en: 'Received at' },
  dueDate: { hi: 'सेवा प्रदाय की नियत तिथि', en: 'Due date of delivery' },
  timeLimit: { hi: 'समय-सीमा', en: 'Time limit' },
  designatedOfficer: { hi: 'पदाभिहित अधिकारी', en: 'Designated officer' },
  mobile: { hi: 'मोबाइल', en: 'Mobile' },
  channel: { hi: 'आवेदन का माध्यम', en: 'Applied through' },
  statusUrl: { hi: 'स्थिति देखें', en: 'Track status' },
} satisfies Record<string, Bilingual>;

export function validityOf(validUntil: string | null, formatted: string | null): Bilingual {
  return validUntil === null || formatted === null
    ? { hi: 'वैध: कोई समाप्ति तिथि नहीं', en: 'Valid: no expiry' }
    : { hi: `वैध: ${formatted} तक`, en: `Valid until ${formatted}` };
}

export function verifyNote(verifyUrl: string): Bilingual {
  return {
    hi: 'यह दस्तावेज़ डिजिटल रूप से हस्ताक्षरित है; इसका सत्यापन QR कोड या नीचे दिए पते पर करें।',
    en: `Digitally signed; verify at ${verifyUrl}`,
  };
}

export function workingDays(days: number): Bilingual {
  return { hi: `${days} कार्य दिवस`, en: `${days} working day${days === 1 ? '' : 's'}` };
}

const DESIGNATIONS: Record<string, Bilingual> = {
  tehsildar: { hi: 'तहसीलदार', en: 'Tehsildar' },
  'naib-tehsildar': { hi: 'नायब तहसीलदार', en: 'Naib Tehsildar' },
  sdm: { hi: 'अनुविभागीय अधिकारी (राजस्व)', en: 'Sub-Divisional Officer (Revenue)' },
  collector: { hi: 'कलेक्टर', en: 'Collector' },
  patwari: { hi: 'पटवारी', en: 'Patwari' },
};

export function designationOf(code: string): Bilingual {
  const title = code.replace(/-/g, ' ');
  return DESIGNATIONS[code] ?? { hi: title, en: title };
}

const GENDERS: Record<DomicileCertificateData['gender'], Bilingual> = {
  female: { hi: 'महिला', en: 'Female' },
  male: { hi: 'पुरुष', en: 'Male' },
  other: { hi: 'अन्य', en: 'Other' },
};

export function genderOf(gender: DomicileCertificateData['gender']): Bilingual {
  return GENDERS[gender];
}

const INCOME_SOURCES: Record<string, Bilingual> = {
  salary: { hi: 'वेतन', en: 'Salary' },
  agriculture: { hi: 'कृषि', en: 'Agriculture' },
  business: { hi: 'व्यवसाय', en: 'Business' },
  labour: { hi: 'मजदूरी', en: 'Labour' },
  other: { hi: 'अन्य', en: 'Other' },
};

export function incomeSourceOf(key: string): Bilingual {
  return INCOME_SOURCES[key] ?? { hi: key, en: key };
}

const RESIDENCE_BASES: Record<DomicileCertificateData['basis'], Bilingual> = {
  'born-in-mp': { hi: 'मध्यप्रदेश में जन्म', en: 'Born in Madhya Pradesh' },
  'resident-10-years': {
    hi: 'मध्यप्रदेश में 10 वर्ष से निरंतर निवास',
    en: 'Resident of Madhya Pradesh for 10 years',
  },
  'married-to-resident': {
    hi: 'मध्यप्रदेश के स्थानीय निवासी से विवाह',
    en: 'Married to a local resident of Madhya Pradesh',
  },
};

export function residenceBasisOf(basis: DomicileCertificateData['basis']): Bilingual {
  return RESIDENCE_BASES[basis];
}

const CHANNELS: Record<string, Bilingual> = {
  web: { hi: 'वेब पोर्टल', en: 'Web portal' },
  'agent-181': { hi: 'सीएम हेल्पलाइन 181', en: 'CM Helpline 181' },
  whatsapp: { hi: 'व्हाट्सएप', en: 'WhatsApp' },
  'lok-seva-kendra': { hi: 'लोक सेवा केंद्र', en: 'Lok Seva Kendra' },
};

export function channelOf(channel: string): Bilingual {
  return CHANNELS[channel] ?? { hi: channel, en: channel };
}
