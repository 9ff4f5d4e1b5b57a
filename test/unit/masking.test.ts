// Identity numbers masked wherever they are shown or logged (lib/masking.ts, lib/logger.ts).
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../lib/logger';
import {
  maskAadhaar,
  maskIdentity,
  maskIdentityNumbersInText,
  maskPersonalData,
  maskSamagra,
} from '../../lib/masking';

const AADHAAR = '234123412346'; // valid Verhoeff check digit, as the catalogue requires
const SAMAGRA = '123456789';

/** A logger whose lines are kept, parsed, for the test to read. */
function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('test', 'info', sink), lines: () => lines.join('') };
}

describe('masking of Aadhaar and Samagra numbers', () => {
  it('shows an Aadhaar number as XXXX XXXX and its last four digits, however it was written', () => {
    expect(maskAadhaar(AADHAAR)).to.equal('XXXX XXXX 2346');
    expect(maskAadhaar('2341 2341 2346')).to.equal('XXXX XXXX 2346');
    expect(maskAadhaar('2341-2341-2346')).to.equal('XXXX XXXX 2346');
    expect(maskIdentity('aadhaar', AADHAAR)).to.equal('XXXX XXXX 2346');
  });

  it('shows a Samagra id with only its last four digits', () => {
    expect(maskSamagra(SAMAGRA)).to.equal('XXXXX6789');
    expect(maskIdentity('samagra-id', SAMAGRA)).to.equal('XXXXX6789');
    expect(maskSamagra('12-34')).to.equal('12-34'); // nothing beyond the last four to hide
  });

  it('masks Aadhaar-like numbers inside text, but not longer digit runs or mobiles', () => {
    expect(maskIdentityNumbersInText(`मेरा आधार ${AADHAAR} है`)).to.equal('मेरा आधार XXXX XXXX 2346 है');
    expect(maskIdentityNumbersInText('aadhaar 2341 2341 2346.')).to.equal('aadhaar XXXX XXXX 2346.');
    expect(maskIdentityNumbersInText('at 1767225600000 ms')).to.equal('at 1767225600000 ms');
    expect(maskIdentityNumbersInText('call 9876543210')).to.equal('call 9876543210');
  });

  it('masks fields named aadhaar/samagraId at any depth and leaves the rest (and the input) untouched', () => {
    const fields = {
      applicantName: 'सुनीता शर्मा',
      samagraId: SAMAGRA,
      aadhaar: AADHAAR,
      nested: [{ samagra_id: 87654321 }, { note: `copy of ${AADHAAR}` }],
      when: new Date(0),
    };
    const masked = maskPersonalData(fields) as typeof fields;
    expect(masked).to.deep.equal({
      applicantName: 'सुनीता शर्मा',
      samagraId: 'XXXXX6789',
      aadhaar: 'XXXX XXXX 2346',
      nested: [{ samagra_id: 'XXXX4321' }, { note: 'copy of XXXX XXXX 2346' }],
      when: new Date(0),
    });
    expect(fields.aadhaar).to.equal(AADHAAR);
    const clean = { a: 1, b: ['x'] };
    expect(maskPersonalData(clean)).to.equal(clean);
  });

  it('copes with cycles and keeps errors as errors', () => {
    const cyclic: Record<string, unknown> = { aadhaar: AADHAAR };
    cyclic.self = cyclic;
    expect((maskPersonalData(cyclic) as Record<string, unknown>).aadhaar).to.equal('XXXX XXXX 2346');
    const error = new TypeError(`bad ${AADHAAR}`);
    const masked = maskPersonalData(error) as Error;
    expect(masked).to.be.instanceOf(TypeError);
    expect(masked.message).to.equal('bad XXXX XXXX 2346');
    expect(masked.stack).not.to.contain(AADHAAR);
    expect(error.message).to.contain(AADHAAR);
  });

  describe('in every log line', () => {
    it('masks the merged object, the message, format arguments and logged errors', () => {
      const { logger, lines } = capturingLogger();
      logger.info(
        { fields: { samagraId: SAMAGRA, aadhaar: AADHAAR } },
        `application with Aadhaar ${AADHAAR}`,
      );
      logger.warn('retrying for %s', AADHAAR);
      logger.error({ err: new Error(`lookup of ${AADHAAR} failed`) }, 'failed');
      const out = lines();
      expect(out).not.to.contain(AADHAAR).and.not.to.contain(SAMAGRA);
      const [first, second, third] = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(first.fields).to.deep.equal({ samagraId: 'XXXXX6789', aadhaar: 'XXXX XXXX 2346' });
      expect(first.msg).to.equal('application with Aadhaar XXXX XXXX 2346');
      expect(second.msg).to.equal('retrying for XXXX XXXX 2346');
      expect(third.err.type).to.equal('Error');
      expect(third.err.message).to.equal('lookup of XXXX XXXX 2346 failed');
      expect(third.err.stack).to.be.a('string');
    });

    it('still redacts passwords and database URLs', () => {
      const { logger, lines } = capturingLogger();
      logger.info({ password: 'hunter2', databaseUrl: 'postgres://u:p@h/db' }, 'config');
      const line = JSON.parse(lines());
      expect(line.password).to.equal('[redacted]');
      expect(line.databaseUrl).to.equal('[redacted]');
    });
  });
});
