// The documents Jan Setu issues, as data: what an activity hands the PDF renderer, and what a
// certificate's QR code signs. Pure types, shared by workflows, activities and the server.
import type { IsoDate } from './working-days';

export interface Bilingual {
  en: string;
  hi: string;
}

export interface IssuingOfficer {
  code: string;
  nameEn: string;
  nameHi: string;
  designation: string; // tehsildar, sdm, …
  officeEn: string;
  officeHi: string;
}

/** Acknowledgement receipt (पावती) given the moment an application is accepted. */
export interface ReceiptData {
  applicationNumber: string; // LSG/INC/2026/000123
  service: Bilingual;
  applicantName: string; // as typed, Hindi or English
  mobileMasked: string; // ******3210
  channel: string; // web | agent-181 | …
  receivedAt: string; // ISO instant
  dueDate: IsoDate;
  timeLimitWorkingDays: number;
  designatedOfficer: IssuingOfficer;
  district: Bilingual;
  tehsil: Bilingual;
  statusUrl: string;
}

/** Fields common to every issued document that carries a serial and a signed QR code. */
export interface IssuedDocumentBase {
  serial: string; // e.g. JS-INC-2026-000123-1 (unique; a re-issue gets a new serial)
  applicationNumber: string;
  issuedOn: IsoDate;
  validUntil: IsoDate | null; // null = no expiry
  issuingOfficer: IssuingOfficer;
  districtCode: string;
  district: Bilingual;
  tehsil: Bilingual;
  verifyUrl: string; // public verification page for this serial
}

export interface IncomeCertificateData extends IssuedDocumentBase {
  kind: 'income-certificate';
  applicantName: string;
  guardianName: string;
  gender: 'female' | 'male' | 'other';
  address: string;
  purpose: string;
  incomeBySource: Record<string, number>; // rupees per year, by source key
  annualIncome: number; // rupees, the sum
  samagraIdMasked: string;
}

export interface DomicileCertificateData extends IssuedDocumentBase {
  kind: 'domicile-certificate';
  applicantName: string;
  guardianName: string;
  gender: 'female' | 'male' | 'other';
  address: string;
  purpose: string;
  basis: 'born-in-mp' | 'resident-10-years' | 'married-to-resident';
  samagraIdMasked: string;
}

export interface LandOwner {
  nameEn: string;
  nameHi: string;
  share: string; // e.g. "1/2"
}

export interface Plot {
  khasraNumber: string;
  village: Bilingual;
  areaHectare: number;
  landUse: Bilingual; // e.g. irrigated / unirrigated agriculture
  revenueRupees: number; // land revenue (लगान) per year
  owners: LandOwner[];
  /** Polygon of the plot in a local metric grid (metres), closed (first point = last). */
  polygon: [number, number][];
}

export interface LandRecordCopyData extends IssuedDocumentBase {
  kind: 'khasra-khatauni-copy';
  year: number;
  plots: Plot[];
  feeRupees: number;
}

export interface MapCopyData extends IssuedDocumentBase {
  kind: 'current-map-copy';
  village: Bilingual;
  /** The plots asked for (highlighted) and their neighbours on the sheet, drawn to scale. */
  requested: string[];
  plots: Plot[];
  feeRupees: number;
}

export type CertificateData =
  IncomeCertificateData | DomicileCertificateData | LandRecordCopyData | MapCopyData;

/** What the QR code of an issued document carries, signed with Ed25519 over its canonical JSON. */
export interface SignedFacts {
  serial: string;
  kind: CertificateData['kind'];
  applicationNumber: string;
  holder: string; // the applicant's name, or the owners for land records
  issuedOn: IsoDate;
  validUntil: IsoDate | null;
  issuer: string; // issuing officer's code
  district: string; // district code
  /** A digest of the full document data (SHA-256, base64url), so every fact is covered. */
  dataDigest: string;
}
