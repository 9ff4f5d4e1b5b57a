// Builders for application workflow tests: a real catalogue (the seeded one), a calendar that
// holds whatever year the test runs in, and activities that record what the workflow asked for.
// The activities stand in for PostgreSQL/PDF/gateway here because these tests are about the
// workflow's rules; the end-to-end test runs the real ones.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceCatalogue } from '../../lib/catalogue';
import type { Plot } from '../../lib/documents';
import { projectRoot } from '../../lib/paths';
import { addWorkingDays, istDate, type WorkingDayCalendar } from '../../lib/working-days';
import type { Activities } from '../../activities';
import type { ApplicationInput, ApplicationState, TimelineEvent } from '../../workflows/application-messages';

export const catalogue = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', 'service-catalogue.json'), 'utf8'),
) as ServiceCatalogue;

/**
 * Weekends off and two holidays a year, over a century: the time-skipping server's clock only
 * moves forward, and by about ten years whenever it is left unlocked with nothing to do.
 */
export function testCalendar(): WorkingDayCalendar {
  const years = Array.from({ length: 100 }, (_, i) => 2020 + i);
  const holidays = years.flatMap((y) => [`${y}-01-26`, `${y}-10-02`]);
  return { district: 'bhopal', years, weeklyOff: [0, 6], holidays };
}

export const OFFICERS = {
  designatedOfficer: { code: 'DO-1', nameEn: 'Tehsildar', nameHi: 'तहसीलदार', designation: 'tehsildar' },
  fieldOfficer: { code: 'PATWARI-1', nameEn: 'Patwari', nameHi: 'पटवारी', designation: 'patwari' },
  firstAppealOfficer: { code: 'SDM-1', nameEn: 'SDM', nameHi: 'एसडीएम', designation: 'sdm' },
  secondAppellateAuthority: {
    code: 'COLLECTOR-1',
    nameEn: 'Collector',
    nameHi: 'कलेक्टर',
    designation: 'collector',
  },
};

let counter = 0;

export function applicationInput(
  serviceCode: string,
  nowMs: number,
  overrides: Partial<ApplicationInput> = {},
): ApplicationInput {
  const service = catalogue.services.find((s) => s.code === serviceCode)!;
  const calendar = testCalendar();
  const receivedOn = istDate(nowMs);
  counter += 1;
  const land = service.steps.includes('fetch-record');
  return {
    applicationNumber: `LSG/${serviceCode}/${receivedOn.slice(0, 4)}/${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(3, '0')}`,
    service,
    catalogueVersion: 1,
    appeals: catalogue.appeals,
    penalty: catalogue.penalty,
    applicantResponseDays: catalogue.applicantResponseDays.value,
    reminderAtFraction: catalogue.reminderAtFraction.value,
    calendar,
    calendarVersion: 1,
    channel: 'web',
    receivedAt: new Date(nowMs).toISOString(),
    receivedOn,
    dueDate: addWorkingDays(receivedOn, service.timeLimit.workingDays, calendar),
    place: { district: 'bhopal', tehsil: 'bhopal-huzur', village: 'bhopal-huzur-bilkhiriya-kalan' },
    applicant: { name: 'सुनीता शर्मा', mobile: '9876543210' },
    fields: land
      ? {
          khasraNumber: '112',
          village: 'bhopal-huzur-bilkhiriya-kalan',
          year: 2026,
          samagraId: '123456789',
          mobile: '9876543210',
        }
      : { applicantName: 'सुनीता शर्मा' },
    officers: OFFICERS,
    searchAttributes: false, // the time-skipping server cannot register custom search attributes
    ...overrides,
  };
}

export interface Recorded {
  projections: { state: ApplicationState; events: TimelineEvent[] }[];
  notifications: { template: string; mobile?: string; officerCode?: string; dedupeKey: string }[];
  certificates: { serial: string; issuedOn: string }[];
  penalties: Parameters<Activities['recordPenalty']>[0][];
  paymentOrders: Parameters<Activities['createPaymentOrder']>[0][];
  receipts: number;
}

export const PLOT: Plot = {
  khasraNumber: '112',
  village: { en: 'Bilkhiriya Kalan', hi: 'बिलखिरिया कलां' },
  areaHectare: 0.8,
  landUse: { en: 'Irrigated', hi: 'सिंचित' },
  revenueRupees: 12,
  owners: [{ nameEn: 'Ramesh', nameHi: 'रमेश', share: '1' }],
  polygon: [
    [0, 0],
    [100, 0],
    [100, 80],
    [0, 80],
    [0, 0],
  ],
};

export type ApplicationActivities = Pick<
  Activities,
  | 'projectApplication'
  | 'notify'
  | 'issueReceipt'
  | 'issueCertificate'
  | 'fetchLandRecords'
  | 'createPaymentOrder'
  | 'recordPenalty'
>;

export function recordingActivities(options: { missingPlots?: string[] } = {}): {
  activities: ApplicationActivities;
  recorded: Recorded;
} {
  const recorded: Recorded = {
    projections: [],
    notifications: [],
    certificates: [],
    penalties: [],
    paymentOrders: [],
    receipts: 0,
  };
  const activities: ApplicationActivities = {
    projectApplication: (p) => {
      recorded.projections.push({ state: p.state, events: p.events });
      return Promise.resolve();
    },
    notify: (m) => {
      recorded.notifications.push(m);
      return Promise.resolve();
    },
    issueReceipt: () => {
      recorded.receipts += 1;
      return Promise.resolve({ serial: 'R' });
    },
    issueCertificate: (p) => {
      const serial = `JS-TEST-${p.issueNumber}`;
      recorded.certificates.push({ serial, issuedOn: p.issuedOn });
      return Promise.resolve({ serial, verifyUrl: `http://test/verify/${serial}` });
    },
    fetchLandRecords: (q) => {
      const missing = q.khasraNumbers.filter((k) => options.missingPlots?.includes(k));
      return Promise.resolve({
        plots: missing.length ? [] : [PLOT],
        missing,
        requestedCount: missing.length ? 0 : 1,
      });
    },
    createPaymentOrder: (p) => {
      recorded.paymentOrders.push(p);
      return Promise.resolve({ orderId: `ORDER-${p.applicationNumber}`, paymentUrl: 'http://gateway/pay' });
    },
    recordPenalty: (entry) => {
      recorded.penalties.push(entry);
      return Promise.resolve();
    },
  };
  return { activities, recorded };
}

export function allEvents(recorded: Recorded): TimelineEvent[] {
  return recorded.projections.flatMap((p) => p.events);
}

/**
 * The fields of a valid income certificate application from Bilkhiriya Kalan (Bhopal Huzur), as the
 * end-to-end tests submit it over HTTP; `overrides` changes what a test is about (mobile, name…).
 */
export function incomeApplicationFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    applicantName: 'सुनीता शर्मा',
    guardianName: 'रामकृष्ण त्रिपाठी',
    gender: 'female',
    address: {
      line: 'म.नं. 12',
      village: 'bhopal-huzur-bilkhiriya-kalan',
      tehsil: 'bhopal-huzur',
      district: 'bhopal',
    },
    purpose: 'छात्रवृत्ति',
    incomeBySource: { agriculture: 60000, labour: 24000 },
    samagraId: '123456789',
    mobile: '9876543210',
    ...overrides,
  };
}
