// Properties of the small parsers every request goes through: case numbers in URLs, idempotency
// keys, mobile numbers and the catalogue's validation of a service's fields. Whatever the input,
// they answer with a value or a clear client error (AppError 4xx), never a crash.
import { expect } from 'chai';
import fc from 'fast-check';
import { findService, validateApplicationFields, type PlaceLookup } from '../../lib/catalogue';
import { AppError } from '../../server/errors';
import { applicationNumberFrom, checkIdempotencyKey, urlNumber } from '../../server/routes/applications';
import { complaintNumberFrom } from '../../server/routes/complaints';
import { catalogue } from '../helpers/applications';

const places: PlaceLookup = {
  villageExists: (v) => v === 'bhopal-huzur-bilkhiriya-kalan',
  villageInTehsil: (v, t) => v === 'bhopal-huzur-bilkhiriya-kalan' && t === 'bhopal-huzur',
  tehsilInDistrict: (t, d) => t === 'bhopal-huzur' && d === 'bhopal',
};

/** Runs fn; passes when it returns or throws a client error (4xx AppError), fails on anything else. */
function clientErrorOrValue<T>(fn: () => T): { value?: T; error?: AppError } {
  try {
    return { value: fn() };
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(AppError);
    expect((err as AppError).status).to.be.within(400, 499);
    return { error: err as AppError };
  }
}

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const serviceCode = fc.constantFrom('INC', 'DOM', 'KHS', 'MAP');
/** A case serial: six digits, or seven once a year has passed 999,999 cases (CM Helpline 181 does). */
const serial = fc.oneof(digits(6), digits(7));
/** What may arrive as a path parameter: text, URL escapes (complete or broken), odd Unicode. */
const param = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.constantFrom('%', '%2', '%2F', '%E0%A4', '%ZZ', 'LSG', '-', '/', 'INC', '2026', '000001'))
    .map((p) => p.join('')),
);

describe('request parsers (properties)', () => {
  it('reads every application number written with slashes, dashes or %2F, in any case, and nothing else', () => {
    fc.assert(
      fc.property(
        serviceCode,
        digits(4),
        serial,
        fc.constantFrom('-', '/', '%2F'),
        fc.boolean(),
        (s, y, n, sep, lower) => {
          const written = `LSG${sep}${s}${sep}${y}${sep}${n}`;
          expect(applicationNumberFrom(lower ? written.toLowerCase() : written)).to.equal(
            `LSG/${s}/${y}/${n}`,
          );
          expect(applicationNumberFrom(urlNumber(`LSG/${s}/${y}/${n}`))).to.equal(`LSG/${s}/${y}/${n}`);
        },
      ),
    );
    fc.assert(
      fc.property(param, (p) => {
        const { value, error } = clientErrorOrValue(() => applicationNumberFrom(p));
        if (value !== undefined) expect(value).to.match(/^LSG\/[A-Z]{3}\/\d{4}\/\d{6,}$/);
        else expect(error!.status).to.equal(404);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads complaint numbers the same way, and answers anything else with 404', () => {
    fc.assert(
      fc.property(digits(4), serial, fc.constantFrom('-', '/'), (y, n, sep) => {
        expect(complaintNumberFrom(`cmh${sep}${y}${sep}${n}`)).to.equal(`CMH/${y}/${n}`);
      }),
    );
    fc.assert(
      fc.property(param, (p) => {
        const { value, error } = clientErrorOrValue(() => complaintNumberFrom(p));
        if (value !== undefined) expect(value).to.match(/^CMH\/\d{4}\/\d{6,}$/);
        else expect(error!.status).to.equal(404);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes an idempotency key of 8 to 100 word characters, . : -, and refuses any other with 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[\w.:-]{8,100}$/)), (key) => {
        const { value, error } = clientErrorOrValue(() => checkIdempotencyKey(key));
        const sane = /^[\w.:-]{8,100}$/.test(key);
        expect(value === key).to.equal(sane);
        if (!sane) expect(error!.status).to.equal(400);
      }),
      { numRuns: 2000 },
    );
    expect(checkIdempotencyKey(null)).to.equal(null);
  });

  it('accepts exactly the 10-digit mobile numbers starting with 6–9 in a service form', () => {
    const income = findService(catalogue, 'INC')!;
    const mobileField = income.fields.find((f) => f.name === 'mobile')!;
    expect(mobileField).to.exist;
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 12 }), digits(10), digits(9), digits(11), fc.integer()),
        (mobile) => {
          const result = validateApplicationFields(income, { mobile }, places);
          expect(result.ok).to.equal(false); // the other required fields are missing
          const mobileErrors = result.ok ? [] : result.errors.filter((e) => e.field === 'mobile');
          const valid = typeof mobile === 'string' && /^[6-9]\d{9}$/.test(mobile);
          expect(mobileErrors.length, `mobile ${JSON.stringify(mobile)}`).to.equal(valid ? 0 : 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('validates any fields object of every service without crashing, naming only fields that exist or were sent', () => {
    fc.assert(
      fc.property(
        serviceCode,
        fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
        (code, input) => {
          const service = findService(catalogue, code)!;
          const result = validateApplicationFields(service, input, places);
          if (result.ok) return;
          const known = new Set([...service.fields.map((f) => f.name), 'fields']);
          const sent = input && typeof input === 'object' ? Object.keys(input) : [];
          for (const e of result.errors) {
            expect(known.has(e.field) || sent.includes(e.field), e.field).to.equal(true);
            expect(e.message.en).to.be.a('string').and.not.equal('');
            expect(e.message.hi).to.be.a('string').and.not.equal('');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses every unknown field of a service form by name', () => {
    const income = findService(catalogue, 'INC')!;
    const names = new Set(income.fields.map((f) => f.name));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !names.has(k) && k !== '__proto__'),
        fc.jsonValue(),
        (key, value) => {
          const result = validateApplicationFields(income, { [key]: value }, places);
          expect(result.ok).to.equal(false);
          if (!result.ok) expect(result.errors.map((e) => e.field)).to.include(key);
        },
      ),
    );
  });
});
