// The service catalogue (policy kind "service-catalogue"): what each Lok Seva Guarantee service
// asks of the applicant, its time limit, steps and fees; and the one validator of an application's
// fields, used by the API (and the forms) so that a rule lives in exactly one place.
// Pure: workflow code may import the types.
import type { Bilingual } from './documents';
import type { Mark } from './policy';

export type FieldType =
  | 'text'
  | 'choice'
  | 'address'
  | 'income-sources'
  | 'samagra-id'
  | 'aadhaar'
  | 'mobile'
  | 'consent'
  | 'khasra-number'
  | 'khasra-numbers'
  | 'village'
  | 'year';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  labelEn: string;
  labelHi: string;
  maxLength?: number;
  options?: string[];
  sources?: string[];
  masked?: boolean;
}

export type ServiceStep = 'field-report-optional' | 'decision' | 'fetch-record' | 'fee-payment' | 'issue';

export interface ServiceDefinition {
  code: string; // INC, DOM, KHS, MAP
  slug: string;
  nameEn: string;
  nameHi: string;
  designatedOfficer: { role: string; scope: string; designations: string[]; mark: Mark };
  timeLimit: { workingDays: number; mark: Mark };
  timeLimitVia181: { workingDays: number; mark: Mark };
  steps: ServiceStep[];
  fee: { firstPageRupees: number; perFurtherPageRupees: number; payWithinDays: number; mark: Mark } | null;
  validity: { years: number; mark: Mark } | null;
  document: string;
  fields: FieldSpec[];
}

export interface AppealRules {
  firstAppeal: { fileWithinDays: number; decideWithinWorkingDays: number; officerRole: string; mark: Mark };
  secondAppeal: { fileWithinDays: number; decideWithinDays: number; officerRole: string; mark: Mark };
  suoMotu: { onBreach: boolean; onRejection: boolean; mark: Mark };
}

export interface PenaltyRules {
  perDayOfDelayRupees: number;
  maxForDelayRupees: number;
  lumpSumMinRupees: number;
  lumpSumMaxRupees: number;
  payableTo: string;
  mark: Mark;
}

export interface ServiceCatalogue {
  appeals: AppealRules;
  penalty: PenaltyRules;
  applicantResponseDays: { value: number; mark: Mark };
  reminderAtFraction: { value: number; mark: Mark };
  services: ServiceDefinition[];
}

export interface FieldError {
  field: string;
  message: Bilingual;
}

/** A place the applicant gives: district, tehsil and village (or ward) codes from the seed data. */
export interface AddressValue {
  line: string;
  village: string;
  tehsil: string;
  district: string;
}

/** What the validator needs to know about places (read from the database by the caller). */
export interface PlaceLookup {
  villageInTehsil(village: string, tehsil: string): boolean;
  tehsilInDistrict(tehsil: string, district: string): boolean;
  villageExists(village: string): boolean;
}

const msg = (en: string, hi: string): Bilingual => ({ en, hi });

function label(field: FieldSpec): Bilingual {
  return { en: field.labelEn, hi: field.labelHi };
}

/** Names as people type them: trimmed, inner spaces folded, Unicode NFC (one form for ि, ़ …). */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Verhoeff check digit, which every Aadhaar number ends with. */
function verhoeffValid(digits: string): boolean {
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  let c = 0;
  [...digits].reverse().forEach((ch, i) => {
    c = d[c]![p[i % 8]![Number(ch)]!]!;
  });
  return c === 0;
}

/** Shows only the last four digits: ********3210. */
export function maskNumber(value: string): string {
  return value.length <= 4 ? value : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

type Check = (
  value: unknown,
  field: FieldSpec,
  places: PlaceLookup,
) => { value?: unknown; error?: Bilingual };

const checks: Record<FieldType, Check> = {
  text: (value, field) => {
    if (typeof value !== 'string' || normaliseText(value) === '')
      return { error: msg('Write some text here.', 'यहाँ जानकारी लिखें।') };
    const text = normaliseText(value);
    if (field.maxLength && text.length > field.maxLength) {
      return {
        error: msg(`Use at most ${field.maxLength} characters.`, `अधिकतम ${field.maxLength} अक्षर लिखें।`),
      };
    }
    if (/[<>{}\\]/.test(text))
      return { error: msg('Remove the characters < > { } \\.', '< > { } \\ चिह्न हटाएँ।') };
    return { value: text };
  },
  choice: (value, field) =>
    typeof value === 'string' && field.options?.includes(value)
      ? { value }
      : {
          error: msg(
            `Choose one of: ${field.options?.join(', ')}.`,
            `इनमें से एक चुनें: ${field.options?.join(', ')}।`,
          ),
        },
  address: (value, _field, places) => {
    const a = value as Partial<AddressValue> | null;
    if (!a || typeof a !== 'object' || typeof a.line !== 'string' || !normaliseText(a.line)) {
      return {
        error: msg(
          'Give the address: house/street, village or ward, tehsil and district.',
          'पता दें: मकान/गली, ग्राम या वार्ड, तहसील और जिला।',
        ),
      };
    }
    if (
      typeof a.district !== 'string' ||
      typeof a.tehsil !== 'string' ||
      !places.tehsilInDistrict(a.tehsil, a.district)
    ) {
      return { error: msg('The tehsil is not in the district given.', 'दी गई तहसील उस जिले में नहीं है।') };
    }
    if (typeof a.village !== 'string' || !places.villageInTehsil(a.village, a.tehsil)) {
      return {
        error: msg(
          'The village or ward is not in the tehsil given.',
          'दिया गया ग्राम या वार्ड उस तहसील में नहीं है।',
        ),
      };
    }
    return {
      value: {
        line: normaliseText(a.line).slice(0, 200),
        village: a.village,
        tehsil: a.tehsil,
        district: a.district,
      },
    };
  },
  'income-sources': (value, field) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return {
        error: msg('Give the yearly income in rupees for each source.', 'प्रत्येक स्रोत की वार्षिक आय रुपये में दें।'),
      };
    }
    const result: Record<string, number> = {};
    for (const [source, amount] of Object.entries(value as Record<string, unknown>)) {
      if (!field.sources?.includes(source)) {
        return {
          error: msg(
            `Unknown income source "${source}"; use ${field.sources?.join(', ')}.`,
            `आय का स्रोत "${source}" मान्य नहीं; ${field.sources?.join(', ')} में से चुनें।`,
          ),
        };
      }
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > 100_000_000) {
        return {
          error: msg(
            `Income from ${source} must be whole rupees from 0 to 10 crore.`,
            `${source} से आय 0 से 10 करोड़ तक पूरे रुपयों में दें।`,
          ),
        };
      }
      result[source] = amount;
    }
    if (Object.keys(result).length === 0)
      return {
        error: msg('Give at least one source of income (0 if none).', 'कम से कम एक आय स्रोत दें (न हो तो 0)।'),
      };
    return { value: result };
  },
  'samagra-id': (value) =>
    typeof value === 'string' && /^\d{9}$/.test(value)
      ? { value }
      : { error: msg('The Samagra ID has 9 digits.', 'समग्र आईडी 9 अंकों की होती है।') },
  aadhaar: (value) =>
    typeof value === 'string' && /^[2-9]\d{11}$/.test(value) && verhoeffValid(value)
      ? { value }
      : { error: msg('This is not a valid 12-digit Aadhaar number.', 'यह मान्य 12 अंकों की आधार संख्या नहीं है।') },
  mobile: (value) =>
    typeof value === 'string' && /^[6-9]\d{9}$/.test(value)
      ? { value }
      : {
          error: msg(
            'Give a 10-digit mobile number starting with 6, 7, 8 or 9.',
            '6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर दें।',
          ),
        },
  consent: (value) =>
    value === true
      ? { value }
      : { error: msg('Tick the declaration to continue.', 'आगे बढ़ने के लिए घोषणा पर सहमति दें।') },
  'khasra-number': (value) =>
    typeof value === 'string' && /^\d{1,5}(\/\d{1,3})?$/.test(value.trim())
      ? { value: value.trim() }
      : { error: msg('A khasra number looks like 112 or 113/2.', 'खसरा नंबर 112 या 113/2 जैसा होता है।') },
  'khasra-numbers': (value) => {
    const list = typeof value === 'string' ? value.split(/[,\s]+/).filter(Boolean) : value;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.length > 20 ||
      !list.every((k) => typeof k === 'string' && /^\d{1,5}(\/\d{1,3})?$/.test(k))
    ) {
      return {
        error: msg('Give 1 to 20 khasra numbers like 112, 113/2.', '112, 113/2 जैसे 1 से 20 खसरा नंबर दें।'),
      };
    }
    return { value: [...new Set(list as string[])] };
  },
  village: (value, _field, places) =>
    typeof value === 'string' && places.villageExists(value)
      ? { value }
      : { error: msg('Choose the village from the list.', 'सूची से ग्राम चुनें।') },
  year: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1950 && value <= 2100
      ? { value }
      : { error: msg('Give the year as four digits, e.g. 2026.', 'वर्ष चार अंकों में दें, जैसे 2026।') },
};

/**
 * Validates an application's fields against the service's schema. Unknown fields are refused
 * (they would otherwise be stored unseen). Returns the normalised values, or every error at once.
 */
export function validateApplicationFields(
  service: ServiceDefinition,
  input: unknown,
  places: PlaceLookup,
): { ok: true; fields: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      errors: [
        {
          field: 'fields',
          message: msg('Send the form fields as an object.', 'फ़ॉर्म की जानकारी एक ऑब्जेक्ट के रूप में भेजें।'),
        },
      ],
    };
  }
  const given = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const fields: Record<string, unknown> = {};
  const known = new Set(service.fields.map((f) => f.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      errors.push({
        field: name,
        message: msg(
          `"${name}" is not a field of ${service.nameEn}.`,
          `"${name}" ${service.nameHi} का फ़ील्ड नहीं है।`,
        ),
      });
    }
  }
  for (const field of service.fields) {
    const value = given[field.name];
    if (value === undefined || value === null || value === '') {
      if (field.required) {
        const l = label(field);
        errors.push({ field: field.name, message: msg(`${l.en} is required.`, `${l.hi} आवश्यक है।`) });
      }
      continue;
    }
    const result = checks[field.type](value, field, places);
    if (result.error) {
      const l = label(field);
      errors.push({
        field: field.name,
        message: msg(`${l.en}: ${result.error.en}`, `${l.hi}: ${result.error.hi}`),
      });
    } else {
      fields[field.name] = result.value;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}

export function findService(catalogue: ServiceCatalogue, code: string): ServiceDefinition | undefined {
  return catalogue.services.find((s) => s.code === code || s.slug === code);
}
