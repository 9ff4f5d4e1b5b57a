// Properties of text normalisation (lib/text.ts): names are NFC, so the two ways of typing क़ or é
// are one name; invisible and control characters never survive in a name (refused) nor in other
// text (removed), and normalising twice changes nothing.
import { expect } from 'chai';
import fc from 'fast-check';
import { NAME_KEYS, nameProblem, normalizeBody, normalizeName, normalizeText } from '../../lib/text';

const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const CONTROL = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
const FORBIDDEN_IN_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Text as people type it: Devanagari (with nukta and matras), Latin with combining accents, spaces. */
const typed = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x0900, max: 0x097f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('a', 'e', 'Z', ' ', '\u0301', '\u0308', '\u093C', 'क', 'ख़', 'ड़'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('text normalisation (properties)', () => {
  it('makes decomposed and precomposed forms one name: क + nukta is क़ (U+0958), e + U+0301 is é', () => {
    expect(normalizeName('\u0915\u093C')).to.equal(normalizeName('\u0958'));
    expect(normalizeName('Rame\u0301sh')).to.equal('Ramésh');
    expect(normalizeName('Rame\u0301sh')).to.equal(normalizeName('Ram\u00E9sh'));
    fc.assert(
      fc.property(typed, (s) => {
        expect(normalizeName(s.normalize('NFD'))).to.equal(normalizeName(s.normalize('NFC')));
      }),
    );
  });

  it('is idempotent: normalising a name or a text twice changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(typed, fc.string({ unit: 'binary' })), (s) => {
        expect(normalizeName(normalizeName(s))).to.equal(normalizeName(s));
        expect(normalizeText(normalizeText(s))).to.equal(normalizeText(s));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every name hiding an invisible, bidirectional or control character, wherever it is', () => {
    fc.assert(
      fc.property(typed, typed, fc.oneof(fc.constantFrom(...INVISIBLE), CONTROL), (before, after, hidden) => {
        expect(nameProblem(normalizeName(`${before}${hidden}${after}`))).to.not.equal(null);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts ordinary names: Devanagari and Latin letters, marks and spaces', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('सुनीता', 'शर्मा', 'क़ादिर', 'Ramésh', 'O’Brien', 'ज्ञान', ' '), {
          minLength: 1,
        }),
        (words) => {
          expect(nameProblem(normalizeName(words.join('')))).to.equal(null);
        },
      ),
    );
  });

  it('removes from other text what nobody types on purpose, and keeps tabs, line breaks and ZWJ/ZWNJ', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(FORBIDDEN_IN_TEXT.test(normalizeText(s))).to.equal(false);
      }),
      { numRuns: 2000 },
    );
    expect(normalizeText('line one\nline two\ttab\r\n')).to.equal('line one\nline two\ttab\r\n');
    expect(normalizeText('क्\u200Dष')).to.equal('क्\u200Dष');
    expect(normalizeText('a\u202Eb\u0000c')).to.equal('abc');
  });

  it('walks any JSON body: every name is checked by its path, every string normalised, nothing else touched', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const { value } = normalizeBody(body);
        const walk = (a: unknown, b: unknown, key: string | null): void => {
          if (typeof a === 'string') {
            const name = key !== null && NAME_KEYS.has(key.slice(key.lastIndexOf('.') + 1));
            expect(b).to.equal(name ? normalizeName(a) : normalizeText(a));
          } else if (Array.isArray(a)) a.forEach((x, i) => walk(x, (b as unknown[])[i], key));
          else if (a && typeof a === 'object') {
            expect(Object.keys(b as object)).to.deep.equal(Object.keys(a));
            for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown>)[k], k);
          } else expect(b).to.equal(a);
        };
        walk(body, value, null);
      }),
      { numRuns: 500 },
    );
    const { value, refused } = normalizeBody({
      citizen: { name: 'राम\u200Bलाल', mobile: '9876501234' },
      fields: { applicantName: 'Rame\u0301sh' },
      description: 'बिजली\u202E नहीं',
      password: 'pa\u0301ss',
      'citizen.name': 'श्याम\u202E',
    });
    expect(refused).to.deep.equal([
      { field: 'citizen.name', problem: 'invisible' },
      { field: 'citizen.name', problem: 'invisible' },
    ]);
    expect(value).to.deep.equal({
      citizen: { name: 'राम\u200Bलाल', mobile: '9876501234' },
      fields: { applicantName: 'Ramésh' },
      description: 'बिजली नहीं',
      password: 'pa\u0301ss',
      'citizen.name': 'श्याम\u202E',
    });
  });

  it('keeps a member named __proto__ a member, never the prototype', () => {
    const { value } = normalizeBody(JSON.parse('{"__proto__":{"admin":true},"a":"b"}'));
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect((value as { admin?: boolean }).admin).to.equal(undefined);
    expect(Object.keys(value as object)).to.deep.equal(['__proto__', 'a']);
  });
});
