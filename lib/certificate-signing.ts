// The signed QR code of an issued document: which facts it carries, how they are signed (Ed25519
// over canonical JSON) and how anyone holding the public key checks them, offline.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from './canonical-json';
import type { CertificateData, Plot, SignedFacts } from './documents';

/** Marks the payload format, so a later format can be told apart by its first field. */
export const PAYLOAD_PREFIX = 'JSV1';

export interface SigningKey {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  keyId: string;
}

export type VerifyFailureReason = 'malformed' | 'unknown-key-id' | 'bad-signature';

export type VerifyResult =
  | { valid: true; facts: SignedFacts; keyId: string }
  | { valid: false; reason: VerifyFailureReason; detail: string };

export function signedFactsOf(data: CertificateData): SignedFacts {
  return {
    serial: data.serial,
    kind: data.kind,
    applicationNumber: data.applicationNumber,
    holder: holderOf(data),
    issuedOn: data.issuedOn,
    validUntil: data.validUntil,
    issuer: data.issuingOfficer.code,
    district: data.districtCode,
    dataDigest: crypto.createHash('sha256').update(canonicalJson(data), 'utf8').digest('base64url'),
  };
}

function holderOf(data: CertificateData): string {
  switch (data.kind) {
    case 'income-certificate':
    case 'domicile-certificate':
      return data.applicantName;
    case 'khasra-khatauni-copy':
      return ownersOf(data.plots);
    case 'current-map-copy': {
      // The sheet shows neighbours too; the copy is held by the owners of the plots applied for.
      const requested = new Set(data.requested);
      return ownersOf(data.plots.filter((plot) => requested.has(plot.khasraNumber)));
    }
  }
}

// The record of rights is kept in Hindi; an owner of several plots is named once.
function ownersOf(plots: Plot[]): string {
  return [...new Set(plots.flatMap((plot) => plot.owners.map((owner) => owner.nameHi)))].join(', ');
}

export function signFacts(facts: SignedFacts, privateKey: crypto.KeyObject, keyId: string): string {
  if (!KEY_ID.test(keyId)) throw new Error(`a key id is 16 lowercase hex digits, not "${keyId}"`);
  const message = Buffer.from(canonicalJson(facts), 'utf8');
  const signature = crypto.sign(null, message, privateKey);
  return [PAYLOAD_PREFIX, keyId, message.toString('base64url'), signature.toString('base64url')].join('.');
}

/** Checks a QR payload against the keys the verifier trusts, by key id (old keys stay listed after rotation). */
export function verifyPayload(payload: string, publicKeys: Record<string, crypto.KeyObject>): VerifyResult {
  const parts = payload.trim().split('.');
  if (parts.length !== 4) return malformed(`expected 4 dot-separated fields, found ${parts.length}`);
  const [prefix, keyId, factsPart, signaturePart] = parts as [string, string, string, string];
  if (prefix !== PAYLOAD_PREFIX) return malformed(`unknown format "${prefix}"`);
  if (!KEY_ID.test(keyId)) return malformed('the key id is not 16 hex digits');
  const message = strictBase64url(factsPart);
  const signature = strictBase64url(signaturePart);
  if (!message || !signature) return malformed('a field is not base64url');
  if (signature.length !== 64) return malformed('an Ed25519 signature is 64 bytes');

  const publicKey = Object.hasOwn(publicKeys, keyId) ? publicKeys[keyId] : undefined;
  if (!publicKey) return { valid: false, reason: 'unknown-key-id', detail: `no trusted public key ${keyId}` };
  if (!crypto.verify(null, message, publicKey, signature))
    return { valid: false, reason: 'bad-signature', detail: 'the signature does not match the facts' };

  // Only signed bytes are parsed, so a forger cannot reach the JSON parser with crafted input.
  let facts: unknown;
  try {
    facts = JSON.parse(message.toString('utf8'));
  } catch {
    return malformed('the signed facts are not JSON');
  }
  if (!isSignedFacts(facts)) return malformed('the signed facts lack a field');
  return { valid: true, facts, keyId };
}

const KEY_ID = /^[0-9a-f]{16}$/;

function malformed(detail: string): VerifyResult {
  return { valid: false, reason: 'malformed', detail };
}

// Node's decoder skips characters it does not know; re-encoding rejects those and any
// non-canonical trailing bits, so one set of facts has exactly one payload.
function strictBase64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function isSignedFacts(value: unknown): value is SignedFacts {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const strings = [
    'serial',
    'kind',
    'applicationNumber',
    'holder',
    'issuedOn',
    'issuer',
    'district',
    'dataDigest',
  ];
  return (
    strings.every((k) => typeof v[k] === 'string') &&
    (v.validUntil === null || typeof v.validUntil === 'string')
  );
}

export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

function rawPublicKey(publicKey: crypto.KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('certificate keys are Ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (!x) throw new Error('the Ed25519 public key has no x coordinate');
  return Buffer.from(x, 'base64url');
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function privateKeyToPem(privateKey: crypto.KeyObject): string {
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function publicKeyToPem(publicKey: crypto.KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** Reads a public key; a private key PEM is accepted too (its public half is taken). */
export function publicKeyFromPem(pem: string): crypto.KeyObject {
  const publicKey = crypto.createPublicKey(pem);
  rawPublicKey(publicKey);
  return publicKey;
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('certificate keys are Ed25519');
  const publicKey = crypto.createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** The worker's signing key: read from `file`, or made and saved there (readable by its owner only) on first use. */
export function loadOrCreateSigningKey(file: string): SigningKey {
  try {
    return signingKeyFromPem(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = generateSigningKey();
  // Written aside, then linked into place: link is atomic and refuses an existing file, so two
  // workers starting together end up signing with one key, and neither reads a half-written file.
  const pending = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(pending, privateKeyToPem(key.privateKey), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(pending, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return signingKeyFromPem(fs.readFileSync(file, 'utf8'));
    throw err;
  } finally {
    fs.rmSync(pending, { force: true });
  }
  return key;
}
