// The public view of complaints as Open311 service requests, read from the complaints read model.
// Public means: no Mahila Helpline case (hidden) and no corruption complaint ever appears, nor
// information calls; the citizen's name and mobile are never returned, and the description has
// phone numbers, e-mail addresses, Aadhaar-like numbers and the citizen's own name taken out.
import type { Knex } from 'knex';
import type { Bilingual, Lang } from '../i18n';
import { w3cIst, type Value } from './format';

/** Where an Open311 client's address_string is appended to the description officers read. */
export const LOCATION_MARKER = ' — स्थान / Location: ';

export const MAX_REQUESTS = 1000;

/** CMH/2026/000123, or CMH-2026-000123 as URLs and Open311 ids spell it; null if neither. */
export function complaintNumberOf(id: string): string | null {
  const value = id.trim().toUpperCase();
  return /^CMH[-/]\d{4}[-/]\d{6,}$/.test(value) ? value.replace(/-/g, '/') : null;
}

/** The Open311 service_request_id of a complaint number: its URL-safe spelling. */
export const serviceRequestId = (complaintNumber: string) => complaintNumber.replace(/\//g, '-');

interface Row {
  number: string;
  status: string;
  level: string;
  closure: string | null;
  breached: boolean;
  description: string;
  citizenName: string;
  subjectCode: string;
  subjectEn: string;
  subjectHi: string;
  departmentEn: string | null;
  departmentHi: string | null;
  officeEn: string | null;
  officeHi: string | null;
  queue: string | null;
  levelDueAt: Date | null;
  receivedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  districtEn: string | null;
  districtHi: string | null;
  tehsilEn: string | null;
  tehsilHi: string | null;
  blockEn: string | null;
  blockHi: string | null;
  villageEn: string | null;
  villageHi: string | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  apiKeyId: number | null;
}

/** Complaints anyone may see through Open311, with what their public view needs. */
export function publicRequests(db: Knex): Knex.QueryBuilder {
  return db('complaints as c')
    .join('complaintSubjects as s', 's.code', 'c.subjectCode')
    .leftJoin('departments as d', 'd.code', 'c.departmentCode')
    .leftJoin('officers as o', 'o.code', 'c.assignedOfficerCode')
    .leftJoin('offices as f', 'f.id', 'o.officeId')
    .leftJoin('districts as di', 'di.code', 'c.districtCode')
    .leftJoin('tehsils as t', 't.code', 'c.tehsilCode')
    .leftJoin('blocks as b', 'b.code', 'c.blockCode')
    .leftJoin('villages as v', 'v.code', 'c.villageCode')
    .leftJoin('open311Requests as r', 'r.complaintNumber', 'c.number')
    .where('c.hidden', false)
    .whereNot('c.callType', 'information')
    .where((q) => void q.whereNull('c.subType').orWhereNot('c.subType', 'corruption'))
    .select(
      'c.number',
      'c.status',
      'c.level',
      'c.closure',
      'c.breached',
      'c.description',
      'c.citizenName',
      'c.subjectCode',
      's.nameEn as subjectEn',
      's.nameHi as subjectHi',
      'd.nameEn as departmentEn',
      'd.nameHi as departmentHi',
      'f.nameEn as officeEn',
      'f.nameHi as officeHi',
      'c.queue',
      'c.levelDueAt',
      'c.receivedAt',
      'c.updatedAt',
      'c.closedAt',
      'di.nameEn as districtEn',
      'di.nameHi as districtHi',
      't.nameEn as tehsilEn',
      't.nameHi as tehsilHi',
      'b.nameEn as blockEn',
      'b.nameHi as blockHi',
      'v.nameEn as villageEn',
      'v.nameHi as villageHi',
      'r.lat',
      'r.long',
      'r.addressString',
      'r.apiKeyId',
    );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The description as the public may read it (see the module header). */
export function publicDescription(text: string, citizenName: string, fromOpen311: boolean): string {
  let t = text;
  const marker = fromOpen311 ? t.lastIndexOf(LOCATION_MARKER) : -1;
  if (marker >= 0) t = t.slice(0, marker); // the address is returned in `address`
  t = t
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[…]')
    .replace(/(?<!\d)(?:\+?91[\s-]?|0)?[6-9](?:[\s-]?\d){9}(?!\d)/g, '[…]')
    .replace(/(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[…]');
  const parts = [citizenName, ...citizenName.split(/\s+/)].filter((p) => p.length >= 3);
  for (const part of parts) {
    t = t.replace(
      new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{M}\\p{N}])`, 'giu'),
      '[…]',
    );
  }
  return t.trim();
}

const LEVEL_NEXT: Record<string, string | undefined> = { L1: 'L2', L2: 'L3' };

function statusNotes(r: Row): Bilingual {
  switch (r.status) {
    case 'registered':
      return { en: 'Registered; being routed to the officer.', hi: 'दर्ज; अधिकारी को भेजी जा रही है।' };
    case 'awaiting-citizen':
      return {
        en: `With the ${r.level} officer, who has asked the citizen for more information (the clock is paused).`,
        hi: `${r.level} अधिकारी के पास, जिन्होंने नागरिक से अधिक जानकारी माँगी है (समय-सीमा रुकी है)।`,
      };
    case 'transfer-requested':
      return {
        en: 'A transfer to another department is awaiting the district officer’s approval.',
        hi: 'दूसरे विभाग को अंतरण जिला अधिकारी के अनुमोदन की प्रतीक्षा में है।',
      };
    case 'resolved':
      return {
        en: 'Resolved by the officer; awaiting the citizen’s feedback.',
        hi: 'अधिकारी द्वारा निराकृत; नागरिक की प्रतिक्रिया की प्रतीक्षा है।',
      };
    case 'closed':
      return (
        (
          {
            satisfied: { en: 'Closed: the citizen was satisfied.', hi: 'बंद: नागरिक संतुष्ट रहे।' },
            'not-attended': {
              en: 'Closed: resolved, and the citizen did not answer the feedback call in time.',
              hi: 'बंद: निराकृत, और नागरिक ने समय पर प्रतिक्रिया नहीं दी।',
            },
            special: { en: 'Closed by a special closure order.', hi: 'विशेष समापन आदेश से बंद।' },
            force: {
              en: 'Closed by a senior officer (forced closure).',
              hi: 'वरिष्ठ अधिकारी द्वारा बलपूर्वक बंद।',
            },
          } as Record<string, Bilingual>
        )[r.closure ?? ''] ?? { en: 'Closed.', hi: 'बंद।' }
      );
    default:
      if (r.queue) {
        return {
          en: `Open at ${r.level}; waiting in the district queue for an officer to be assigned.`,
          hi: `${r.level} पर खुली; अधिकारी नियुक्त होने हेतु जिला कतार में।`,
        };
      }
      return r.breached
        ? {
            en: `Open with the ${r.level} officer; past its due date.`,
            hi: `${r.level} अधिकारी के पास खुली; नियत तिथि बीत चुकी है।`,
          }
        : { en: `Open with the ${r.level} officer.`, hi: `${r.level} अधिकारी के पास खुली।` };
  }
}

function serviceNotice(r: Row, expected: string | null): Bilingual | null {
  const next = LEVEL_NEXT[r.level];
  if (r.status !== 'open' || !expected || !next) return null;
  const day = expected.slice(0, 10);
  return {
    en: `If the ${r.level} officer has not acted by ${day}, it moves to ${next} by itself.`,
    hi: `यदि ${r.level} अधिकारी ${day} तक कार्यवाही नहीं करते, तो यह स्वतः ${next} पर चली जाएगी।`,
  };
}

function agency(r: Row, lang: Lang): string | null {
  const department = lang === 'hi' ? r.departmentHi : r.departmentEn;
  if (!department) return null;
  const office = lang === 'hi' ? r.officeHi : r.officeEn;
  const district = lang === 'hi' ? r.districtHi : r.districtEn;
  if (office) return `${department} — ${office} (${r.level})`;
  if (r.queue)
    return `${department} — ${lang === 'hi' ? `${district} जिला कतार` : `${district} district queue`} (${r.level})`;
  return department;
}

function address(r: Row, lang: Lang): string {
  const hi = lang === 'hi';
  return [
    r.addressString,
    hi ? r.villageHi : r.villageEn,
    r.tehsilEn && (hi ? `तहसील ${r.tehsilHi}` : `${r.tehsilEn} tehsil`),
    r.blockEn && (hi ? `विकासखंड ${r.blockHi}` : `${r.blockEn} block`),
    r.districtEn && (hi ? `जिला ${r.districtHi}` : `${r.districtEn} district`),
    hi ? 'मध्य प्रदेश' : 'Madhya Pradesh',
  ]
    .filter(Boolean)
    .join(', ');
}

/** One service request as the spec names its fields. */
export function toServiceRequest(r: Row, lang: Lang): Value {
  const closed = r.status === 'closed';
  const expected = closed ? null : w3cIst(r.levelDueAt);
  const notice = serviceNotice(r, expected);
  return {
    service_request_id: serviceRequestId(r.number),
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(r)[lang],
    service_name: lang === 'hi' ? r.subjectHi : r.subjectEn,
    service_code: r.subjectCode,
    description: publicDescription(r.description, r.citizenName, r.apiKeyId !== null),
    agency_responsible: agency(r, lang),
    service_notice: notice ? notice[lang] : null,
    requested_datetime: w3cIst(r.receivedAt),
    updated_datetime: w3cIst(closed ? (r.closedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: expected,
    address: address(r, lang),
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: null,
  };
}

export async function serviceRequests(query: Knex.QueryBuilder, lang: Lang): Promise<Value[]> {
  const rows = (await query) as Row[];
  return rows.map((r) => toServiceRequest(r, lang));
}
