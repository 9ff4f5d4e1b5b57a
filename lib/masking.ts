// Masking of identity numbers wherever they would be shown or written down: Aadhaar (12 digits →
// XXXX XXXX 1234) and Samagra ids (9 digits → XXXXX6789). Pages show the masked form; every log
// line passes through maskPersonalData (lib/logger.ts). Pure: no I/O.

/** The field names that hold identity numbers (service catalogue: `aadhaar`, `samagraId`). */
const AADHAAR_KEYS = new Set(['aadhaar', 'aadhaarNumber', 'aadhaar_number']);
const SAMAGRA_KEYS = new Set(['samagraId', 'samagra_id', 'samagra', 'samagraIdMasked']);

/**
 * An Aadhaar-like number inside any text: 12 digits, the first 2–9, written together or as 4-4-4
 * with spaces or hyphens, not part of a longer run of digits (so a 13-digit timestamp stays).
 */
const AADHAAR_IN_TEXT = /(?<![\d])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\d])/g;

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** 123412341234 or "1234 1234 1234" → "XXXX XXXX 1234"; anything else keeps only its last 4 digits. */
export function maskAadhaar(value: string): string {
  const digits = digitsOf(value);
  if (digits.length === 12) return `XXXX XXXX ${digits.slice(-4)}`;
  return maskDigits(value);
}

/** 123456789 → "XXXXX6789". */
export function maskSamagra(value: string): string {
  const digits = digitsOf(value);
  if (digits.length === 8 || digits.length === 9)
    return `${'X'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return maskDigits(value);
}

/** Every digit but the last four replaced by X (the shape of an unknown identity number). */
function maskDigits(value: string): string {
  let keep = 4;
  return [...value]
    .reverse()
    .map((ch) => (/\d/.test(ch) ? (keep-- > 0 ? ch : 'X') : ch))
    .reverse()
    .join('');
}

/** The masked form of a catalogue field's value, by its type: `aadhaar` and `samagra-id`. */
export function maskIdentity(type: 'aadhaar' | 'samagra-id', value: string): string {
  return type === 'aadhaar' ? maskAadhaar(value) : maskSamagra(value);
}

/** Free text (a complaint description, a log message) with every Aadhaar-like number masked. */
export function maskIdentityNumbersInText(text: string): string {
  return text.replace(AADHAAR_IN_TEXT, (match) => maskAadhaar(match));
}

const MAX_DEPTH = 12;

/**
 * A copy of `value` with identity numbers masked: fields named like `aadhaar`/`samagraId` at any
 * depth, and Aadhaar-like numbers inside any string. Errors stay errors (their message and stack
 * masked) so loggers still serialize them; values that need no change are returned as they are.
 */
export function maskPersonalData(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, key: string | null, depth: number): unknown => {
    if (typeof v === 'string') {
      if (key !== null && AADHAAR_KEYS.has(key)) return maskAadhaar(v);
      if (key !== null && SAMAGRA_KEYS.has(key)) return maskSamagra(v);
      return maskIdentityNumbersInText(v);
    }
    if (typeof v === 'number' && key !== null && (AADHAAR_KEYS.has(key) || SAMAGRA_KEYS.has(key)))
      return walk(String(v), key, depth);
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || depth > MAX_DEPTH) return v;
    if (seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      const out = v.map((item) => walk(item, null, depth + 1));
      return out.every((item, i) => item === v[i]) ? v : out;
    }
    if (v instanceof Date) return v;
    const entries = Object.entries(v as Record<string, unknown>);
    const masked = entries.map(([k, item]) => [k, walk(item, k, depth + 1)] as const);
    const changed = masked.some(([, item], i) => item !== entries[i]![1]);
    if (v instanceof Error) {
      const message = maskIdentityNumbersInText(v.message);
      const stack = v.stack === undefined ? undefined : maskIdentityNumbersInText(v.stack);
      if (!changed && message === v.message && stack === v.stack) return v;
      const copy = Object.create(Object.getPrototypeOf(v) as object) as Error;
      Object.defineProperties(copy, Object.getOwnPropertyDescriptors(v));
      for (const [k, item] of masked) (copy as unknown as Record<string, unknown>)[k] = item;
      copy.message = message;
      if (stack !== undefined) copy.stack = stack;
      return copy;
    }
    if (!changed) return v;
    return Object.fromEntries(masked);
  };
  return walk(value, null, 0);
}
