import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateSigningKey,
  keyIdOf,
  loadOrCreateSigningKey,
  publicKeyFromPem,
  publicKeyToPem,
  signedFactsOf,
  signFacts,
  verifyPayload,
} from '../../lib/certificate-signing';
import { canonicalJson } from '../../lib/canonical-json';
import type {
  DomicileCertificateData,
  LandRecordCopyData,
  MapCopyData,
  SignedFacts,
} from '../../lib/documents';

const domicile: DomicileCertificateData = {
  kind: 'domicile-certificate',
  serial: 'JS-DOM-2026-000045-1',
  applicationNumber: 'LSG/DOM/2026/000045',
  issuedOn: '2026-03-16',
  validUntil: null,
  issuingOfficer: {
    code: 'MP-REV-0031',
    nameEn: 'Prakash Chandra Shrivastava',
    nameHi: 'प्रकाश चंद्र श्रीवास्तव',
    designation: 'tehsildar',
    officeEn: 'Tehsil Office Huzur, Bhopal',
    officeHi: 'तहसील कार्यालय हुज़ूर, भोपाल',
  },
  districtCode: 'bhopal',
  district: { en: 'Bhopal', hi: 'भोपाल' },
  tehsil: { en: 'Huzur', hi: 'हुज़ूर' },
  verifyUrl: 'https://jansetu.mp.example/verify/JS-DOM-2026-000045-1',
  applicantName: 'सुनीता शर्मा',
  guardianName: 'लक्ष्मीकांत शर्मा',
  gender: 'female',
  address: 'ई-7/124, अरेरा कॉलोनी, भोपाल',
  purpose: 'शासकीय नौकरी हेतु आवेदन',
  basis: 'born-in-mp',
  samagraIdMasked: '*****4321',
};

const plotOf = (khasraNumber: string, owners: [string, string][]) => ({
  khasraNumber,
  village: { en: 'Bilkhiriya Kalan', hi: 'बिलखिरिया कलां' },
  areaHectare: 0.5,
  landUse: { en: 'Irrigated agriculture', hi: 'सिंचित कृषि' },
  revenueRupees: 7,
  owners: owners.map(([nameEn, nameHi]) => ({ nameEn, nameHi, share: '1/2' })),
  polygon: [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 0],
  ] as [number, number][],
});

/** Swaps one base64url character of a payload field for another valid one. */
function flipCharacter(field: string, at: number): string {
  const c = field[at] ?? 'A';
  return field.slice(0, at) + (c === 'A' ? 'B' : 'A') + field.slice(at + 1);
}

describe('signed QR payloads of issued documents', () => {
  const key = generateSigningKey();
  const trusted = { [key.keyId]: key.publicKey };

  it('a signed payload verifies and gives back exactly the facts that were signed', () => {
    const facts = signedFactsOf(domicile);
    const payload = signFacts(facts, key.privateKey, key.keyId);
    expect(payload).to.match(/^JSV1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(payload.split('.')[1]).to.equal(key.keyId);
    expect(Buffer.from(payload.split('.')[2] ?? '', 'base64url').toString('utf8')).to.equal(
      canonicalJson(facts),
    );
    const result = verifyPayload(payload, trusted);
    expect(result).to.deep.equal({ valid: true, facts, keyId: key.keyId });
  });

  it('the facts name the holder and digest every field of the document, so no field can change unnoticed', () => {
    const facts = signedFactsOf(domicile);
    expect(facts).to.include({
      serial: 'JS-DOM-2026-000045-1',
      kind: 'domicile-certificate',
      applicationNumber: 'LSG/DOM/2026/000045',
      holder: 'सुनीता शर्मा',
      issuedOn: '2026-03-16',
      validUntil: null,
      issuer: 'MP-REV-0031',
      district: 'bhopal',
    });
    expect(facts.dataDigest).to.equal(
      crypto.createHash('sha256').update(canonicalJson(domicile)).digest('base64url'),
    );
    expect(signedFactsOf({ ...domicile, address: 'ई-8/124, अरेरा कॉलोनी, भोपाल' }).dataDigest).to.not.equal(
      facts.dataDigest,
    );
    // key order does not matter: the digest is over canonical JSON
    const reordered = Object.fromEntries(
      Object.entries(domicile).reverse(),
    ) as unknown as DomicileCertificateData;
    expect(signedFactsOf(reordered).dataDigest).to.equal(facts.dataDigest);
  });

  it('a land record is held by the owners of its plots, each named once; a map copy by those of the plots applied for', () => {
    const plots = [
      plotOf('113/1', [
        ['Kshama Trivedi', 'क्षमा त्रिवेदी'],
        ['Lakshmi Narayan Trivedi', 'लक्ष्मीनारायण त्रिवेदी'],
      ]),
      plotOf('116', [['Kshama Trivedi', 'क्षमा त्रिवेदी']]),
      plotOf('117', [['Bhagwat Prasad Kushwaha', 'भागवत प्रसाद कुशवाहा']]),
    ];
    const { kind: _k, basis: _b, applicantName: _a, ...base } = domicile;
    const landRecord = { ...base, kind: 'khasra-khatauni-copy', year: 2026, plots, feeRupees: 45 };
    expect(signedFactsOf(landRecord as unknown as LandRecordCopyData).holder).to.equal(
      'क्षमा त्रिवेदी, लक्ष्मीनारायण त्रिवेदी, भागवत प्रसाद कुशवाहा',
    );
    const map = {
      ...base,
      kind: 'current-map-copy',
      village: plots[0]?.village,
      requested: ['116'],
      plots,
      feeRupees: 30,
    };
    expect(signedFactsOf(map as unknown as MapCopyData).holder).to.equal('क्षमा त्रिवेदी');
  });

  it('a changed fact is INVALID: the signature no longer matches', () => {
    const payload = signFacts(signedFactsOf(domicile), key.privateKey, key.keyId);
    const [prefix, keyId, , signature] = payload.split('.');
    const forged: SignedFacts = { ...signedFactsOf(domicile), validUntil: '2099-12-31' };
    const tampered = [
      prefix,
      keyId,
      Buffer.from(canonicalJson(forged)).toString('base64url'),
      signature,
    ].join('.');
    expect(verifyPayload(tampered, trusted)).to.include({ valid: false, reason: 'bad-signature' });
  });

  it('a changed byte of the signature is INVALID', () => {
    const payload = signFacts(signedFactsOf(domicile), key.privateKey, key.keyId);
    const parts = payload.split('.');
    for (const at of [0, 20, 41, 84]) {
      const tampered = [...parts.slice(0, 3), flipCharacter(parts[3] ?? '', at)].join('.');
      expect(verifyPayload(tampered, trusted), `character ${at}`).to.include({ valid: false });
    }
    const signature = Buffer.from(parts[3] ?? '', 'base64url');
    signature[10] = (signature[10] ?? 0) ^ 0x01;
    const oneBit = [...parts.slice(0, 3), signature.toString('base64url')].join('.');
    expect(verifyPayload(oneBit, trusted)).to.include({ valid: false, reason: 'bad-signature' });
  });

  it('a payload signed by a key the verifier does not know is INVALID: unknown key id', () => {
    const stranger = generateSigningKey();
    const payload = signFacts(signedFactsOf(domicile), stranger.privateKey, stranger.keyId);
    expect(verifyPayload(payload, trusted)).to.include({ valid: false, reason: 'unknown-key-id' });
    // claiming a trusted key id does not help a stranger's signature either
    const claimed = payload.replace(stranger.keyId, key.keyId);
    expect(verifyPayload(claimed, trusted)).to.include({ valid: false, reason: 'bad-signature' });
  });

  it('anything that is not a JSV1 payload is INVALID: malformed', () => {
    const payload = signFacts(signedFactsOf(domicile), key.privateKey, key.keyId);
    const [, keyId, facts, signature] = payload.split('.');
    for (const bad of [
      '',
      'https://jansetu.mp.example/verify/JS-DOM-2026-000045-1',
      payload.replace(/^JSV1/, 'JSV2'),
      `${payload}.extra`,
      ['JSV1', 'not-a-key-id', facts, signature].join('.'),
      ['JSV1', keyId, `${facts}!`, signature].join('.'),
      ['JSV1', keyId, facts, signature?.slice(0, 40)].join('.'),
    ]) {
      expect(verifyPayload(bad, trusted), bad).to.include({ valid: false, reason: 'malformed' });
    }
  });

  it('after a key rotation, documents signed with the old key still verify by their key id', () => {
    const old = generateSigningKey();
    const current = generateSigningKey();
    const keys = { [old.keyId]: old.publicKey, [current.keyId]: current.publicKey };
    const before = signFacts(signedFactsOf(domicile), old.privateKey, old.keyId);
    const after = signFacts(
      signedFactsOf({ ...domicile, serial: 'JS-DOM-2026-000045-2' }),
      current.privateKey,
      current.keyId,
    );
    expect(verifyPayload(before, keys)).to.include({ valid: true, keyId: old.keyId });
    expect(verifyPayload(after, keys)).to.include({ valid: true, keyId: current.keyId });
    // a verifier that dropped the old key can tell why the old document fails
    expect(verifyPayload(before, { [current.keyId]: current.publicKey })).to.include({
      reason: 'unknown-key-id',
    });
  });

  it('the key id is the first 16 hex digits of the SHA-256 of the raw 32-byte public key', () => {
    const raw = key.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(key.keyId).to.equal(crypto.createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(keyIdOf(key.publicKey)).to.equal(key.keyId);
  });

  describe('the signing key file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-key-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is created on first use, readable by its owner only, and loading it again gives the same key id', () => {
      const file = path.join(dir, 'keys', 'certificate-signing.pem');
      const created = loadOrCreateSigningKey(file);
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
      expect(fs.readFileSync(file, 'utf8')).to.match(/^-----BEGIN PRIVATE KEY-----/);
      const loaded = loadOrCreateSigningKey(file);
      expect(loaded.keyId).to.equal(created.keyId);
      const payload = signFacts(signedFactsOf(domicile), loaded.privateKey, loaded.keyId);
      expect(verifyPayload(payload, { [created.keyId]: created.publicKey }).valid).to.be.true;
      expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['certificate-signing.pem']);
    });

    it('publishes a public key PEM that verifiers load to the same key id', () => {
      const created = loadOrCreateSigningKey(path.join(dir, 'signing.pem'));
      const pem = publicKeyToPem(created.publicKey);
      expect(pem).to.match(/^-----BEGIN PUBLIC KEY-----/);
      expect(keyIdOf(publicKeyFromPem(pem))).to.equal(created.keyId);
    });

    it('refuses a key file that is not an Ed25519 key rather than signing with something else', () => {
      const file = path.join(dir, 'rsa.pem');
      const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
      expect(() => loadOrCreateSigningKey(file)).to.throw(/Ed25519/);
    });
  });
});
