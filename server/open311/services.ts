// Open311 services are the CM Helpline complaint subjects (table complaint_subjects), grouped by
// department. A jurisdiction is a district (jurisdiction_id = its code, e.g. bhopal); the service
// definition offers the district's tehsils, blocks and villages as singlevaluelist attributes, and
// marks as required the one the subject's L1 officer is found by.
import type { Knex } from 'knex';
import type { Bilingual, Lang } from '../i18n';
import { badRequest, notFound, type Value } from './format';

/** The attributes a service request may carry (attribute[code]=key). */
export const PLACE_ATTRIBUTES = ['tehsil', 'block', 'village'] as const;
export type PlaceAttribute = (typeof PLACE_ATTRIBUTES)[number];

export interface Subject {
  code: string;
  nameEn: string;
  nameHi: string;
  l1Scope: 'tehsil' | 'block';
  departmentCode: string;
  departmentEn: string;
  departmentHi: string;
}

const pick = (b: Bilingual, lang: Lang) => b[lang];

function subjects(db: Knex) {
  return db('complaintSubjects as s')
    .join('departments as d', 'd.code', 's.departmentCode')
    .orderBy(['s.departmentCode', 's.code'])
    .select(
      's.code',
      's.nameEn',
      's.nameHi',
      's.l1Scope',
      's.departmentCode',
      'd.nameEn as departmentEn',
      'd.nameHi as departmentHi',
    );
}

export async function subjectFor(db: Knex, serviceCode: string | undefined): Promise<Subject> {
  if (!serviceCode) {
    throw badRequest({
      en: 'service_code was not provided: choose one from services.json.',
      hi: 'service_code नहीं दिया गया: services.json में से एक चुनें।',
    });
  }
  const row: Subject | undefined = await subjects(db).where('s.code', serviceCode).first();
  if (!row) {
    throw notFound({
      en: `service_code "${serviceCode}" was not found: see services.json for the list.`,
      hi: `service_code "${serviceCode}" नहीं मिला: सूची के लिए services.json देखें।`,
    });
  }
  return row;
}

export interface District {
  id: number;
  code: string;
  nameEn: string;
  nameHi: string;
}

/** The district a jurisdiction_id names; 400 if it is required and missing, 404 if unknown. */
export async function jurisdiction(
  db: Knex,
  jurisdictionId: string | undefined,
  required: boolean,
): Promise<District | null> {
  if (!jurisdictionId) {
    if (!required) return null;
    throw badRequest({
      en: 'jurisdiction_id was not provided: give the district code, e.g. bhopal.',
      hi: 'jurisdiction_id नहीं दिया गया: जिले का कोड दें, जैसे bhopal।',
    });
  }
  const row: District | undefined = await db('districts')
    .where({ code: jurisdictionId })
    .first('id', 'code', 'nameEn', 'nameHi');
  if (!row) {
    throw notFound({
      en: `jurisdiction_id "${jurisdictionId}" was not found: it is a district code of Madhya Pradesh, e.g. bhopal.`,
      hi: `jurisdiction_id "${jurisdictionId}" नहीं मिला: यह मध्य प्रदेश के जिले का कोड है, जैसे bhopal।`,
    });
  }
  return row;
}

const SCOPE: Record<Subject['l1Scope'], Bilingual> = {
  tehsil: { en: 'tehsil', hi: 'तहसील' },
  block: { en: 'block', hi: 'विकासखंड' },
};

function serviceDescription(s: Subject): Bilingual {
  return {
    en: `${s.nameEn}: a CM Helpline 181 complaint to the ${s.departmentEn} department, first handled by the ${SCOPE[s.l1Scope].en}-level officer; it moves up L1 → L2 → L3 by itself when an officer's time runs out.`,
    hi: `${s.nameHi}: ${s.departmentHi} विभाग को सीएम हेल्पलाइन 181 शिकायत, पहले ${SCOPE[s.l1Scope].hi} स्तर के अधिकारी के पास; अधिकारी की समय-सीमा बीतने पर स्वतः L1 → L2 → L3 पर जाती है।`,
  };
}

/** GET services: one entry per complaint subject. */
export async function serviceList(db: Knex, lang: Lang): Promise<Value[]> {
  const rows: Subject[] = await subjects(db);
  const other: Lang = lang === 'en' ? 'hi' : 'en';
  return rows.map((s) => ({
    service_code: s.code,
    service_name: pick({ en: s.nameEn, hi: s.nameHi }, lang),
    description: pick(serviceDescription(s), lang),
    metadata: true,
    type: 'realtime',
    keywords: [pick({ en: s.nameEn, hi: s.nameHi }, other), s.departmentEn, s.departmentHi].join(', '),
    group: pick({ en: s.departmentEn, hi: s.departmentHi }, lang),
  }));
}

interface Place {
  code: string;
  nameEn: string;
  nameHi: string;
  tehsilEn?: string;
  tehsilHi?: string;
}

const ATTRIBUTE_TEXT: Record<PlaceAttribute, Bilingual> = {
  tehsil: { en: 'The tehsil where the problem is.', hi: 'तहसील जहाँ समस्या है।' },
  block: {
    en: 'The development block (vikas khand) where the problem is.',
    hi: 'विकासखंड जहाँ समस्या है।',
  },
  village: {
    en: 'The village or urban ward, if known (its tehsil and block are then filled in).',
    hi: 'ग्राम या नगरीय वार्ड, यदि ज्ञात हो (तब उसकी तहसील और विकासखंड स्वतः भरे जाते हैं)।',
  },
};

/** GET services/{code}: the place attributes, with the jurisdiction's tehsils, blocks and villages. */
export async function serviceDefinition(
  db: Knex,
  subject: Subject,
  district: District,
  lang: Lang,
): Promise<Value> {
  const tehsils: Place[] = await db('tehsils')
    .where({ districtId: district.id })
    .orderBy('code')
    .select('code', 'nameEn', 'nameHi');
  const blocks: Place[] = await db('blocks')
    .where({ districtId: district.id })
    .orderBy('code')
    .select('code', 'nameEn', 'nameHi');
  const villages: Place[] = await db('villages as v')
    .join('tehsils as t', 't.id', 'v.tehsilId')
    .where('t.districtId', district.id)
    .orderBy('v.code')
    .select('v.code', 'v.nameEn', 'v.nameHi', 't.nameEn as tehsilEn', 't.nameHi as tehsilHi');
  const values = (places: Place[]) =>
    places.map((p) => ({
      key: p.code,
      name:
        lang === 'hi'
          ? `${p.nameHi}${p.tehsilHi ? ` (${p.tehsilHi})` : ''}`
          : `${p.nameEn}${p.tehsilEn ? ` (${p.tehsilEn})` : ''}`,
    }));
  const lists: Record<PlaceAttribute, Place[]> = { tehsil: tehsils, block: blocks, village: villages };
  return {
    service_code: subject.code,
    attributes: PLACE_ATTRIBUTES.map((code, i) => ({
      variable: true,
      code,
      datatype: 'singlevaluelist',
      required: code === subject.l1Scope,
      datatype_description: null,
      order: i + 1,
      description: pick(ATTRIBUTE_TEXT[code], lang),
      values: values(lists[code]),
    })),
  };
}
