// Text from citizens and staff, made safe and comparable before any handler sees it: NFC
// normalisation (so "क़" typed as क + nukta and as U+0958 is one name), and refusal or removal of
// characters nobody types on purpose (invisible, bidirectional overrides, control codes), which
// would let two different-looking names compare equal or one name hide another in a list.

/** Invisible and bidirectional formatting characters: zero-width space, marks and joiners, bidi embeddings, overrides and isolates. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
/** C0 and C1 control characters, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
/** The same, except tab and line breaks (allowed in long texts). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LONG_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * ZWNJ (U+200C) and ZWJ (U+200D) choose between conjunct forms in Devanagari (क्‍ष vs क्ष), so
 * longer texts keep them; in names they only hide differences, and are refused with the rest.
 */
const INVISIBLE_EXCEPT_JOINERS = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const CONTROL_IN_LONG_TEXT_GLOBAL = new RegExp(CONTROL_IN_LONG_TEXT.source, 'gu');

export type TextProblem = 'invisible' | 'control';

/** Why a name is refused, or null when it is acceptable. Checked on the NFC form. */
export function nameProblem(value: string): TextProblem | null {
  if (INVISIBLE.test(value)) return 'invisible';
  if (CONTROL.test(value)) return 'control';
  return null;
}

/** A name as stored: NFC. Call nameProblem first; this does not remove anything. */
export function normalizeName(value: string): string {
  return value.normalize('NFC');
}

/**
 * Any other text (descriptions, reasons, addresses): NFC, with invisible and bidirectional
 * formatting characters and control codes removed; tab, line feed and carriage return kept, and
 * ZWNJ/ZWJ kept (they are meaningful in Devanagari).
 */
export function normalizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE_EXCEPT_JOINERS, '')
    .replace(CONTROL_IN_LONG_TEXT_GLOBAL, '')
    .normalize('NFC');
}

/**
 * Member names that hold a person's name, wherever they appear in a body: the applicant's and
 * guardian's names of the service forms, the caller's name in a complaint (`citizen.name`), and
 * Open311's first and last names.
 */
export const NAME_KEYS: ReadonlySet<string> = new Set([
  'applicantName',
  'guardianName',
  'name',
  'first_name',
  'last_name',
  'firstName',
  'lastName',
  'ownerName',
]);

/** Secrets are compared byte for byte with what was set: never rewritten. */
const VERBATIM_KEYS: ReadonlySet<string> = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  '_csrf',
  'csrf',
  'api_key',
]);

export interface NameRefusal {
  field: string;
  problem: TextProblem;
}

/** Deepest nesting walked; JSON deeper than this is refused by the caller's schema anyway. */
const MAX_DEPTH = 32;

/**
 * Normalises every string in a parsed body (JSON or form), in place of a copy: names by
 * normalizeName (problems collected, with their dotted path), everything else by normalizeText.
 * Object keys are left as they are (the schema refuses unknown ones).
 */
export function normalizeBody(body: unknown): { value: unknown; refused: NameRefusal[] } {
  const refused: NameRefusal[] = [];
  const walk = (value: unknown, path: string, key: string | null, depth: number): unknown => {
    if (typeof value === 'string') {
      if (key !== null && VERBATIM_KEYS.has(key)) return value;
      // Forms name nested members with dots (`citizen.name`): the last part says what it is.
      if (key !== null && NAME_KEYS.has(key.slice(key.lastIndexOf('.') + 1))) {
        const nfc = normalizeName(value);
        const problem = nameProblem(nfc);
        if (problem) refused.push({ field: path, problem });
        return nfc;
      }
      return normalizeText(value);
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`, key, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // defineProperty: a member named "__proto__" stays a member, never the object's prototype.
      Object.defineProperty(out, k, {
        value: walk(v, path ? `${path}.${k}` : k, k, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return { value: walk(body, '', null, 0), refused };
}
