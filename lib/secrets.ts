// Secrets a single-machine start needs without anyone setting them: generated once into
// DATA_DIR/keys and reused. In production set STAFF_TOKEN_SECRET, PII_ENCRYPTION_KEYS (and
// SIGNING_KEY_FILE) instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/** Writes `content` to `file` unless it exists; two processes racing both read the winner's. */
function readOrCreate(file: string, create: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function staffTokenSecret(config: Pick<Config, 'staffTokenSecret' | 'dataDir'>): string {
  if (config.staffTokenSecret) return config.staffTokenSecret;
  return readOrCreate(path.join(config.dataDir, 'keys', 'staff-token-secret'), () =>
    crypto.randomBytes(32).toString('base64url'),
  );
}

/** One AES-256 key of the payload codec's key ring, named by the id stored with each payload. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Parses a key ring written as "id:base64key,id2:base64key" (commas or new lines between keys): the
 * first key encrypts, every key decrypts. Throws naming the problem; never echoes a key.
 */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  const entries = spec
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('must name at least one key as id:base64key');
  const keys: EncryptionKey[] = [];
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon);
    const material = colon === -1 ? '' : entry.slice(colon + 1);
    if (!KEY_ID.test(id))
      throw new Error(`key ${i + 1}: must be id:base64key with an id of letters, digits, ".", "_" or "-"`);
    if (keys.some((k) => k.id === id)) throw new Error(`key id "${id}" appears twice; ids must be unique`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material))
      throw new Error(`key "${id}": the key must be base64 (32 random bytes)`);
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error(`key "${id}": must be 32 bytes (AES-256), not ${key.length}`);
    keys.push({ id, key });
  });
  return keys;
}

/** A new key ring entry: a dated id (so an operator sees which key is older) and 32 random bytes. */
export function newEncryptionKey(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
  return `${id}:${crypto.randomBytes(32).toString('base64')}`;
}

/**
 * The key ring of the PII payload codec: PII_ENCRYPTION_KEYS, or the file DATA_DIR/keys/pii-encryption-keys
 * (same format, made with one key on first use). The start command makes it before the server and
 * worker start, so both share it.
 */
export function piiEncryptionKeys(config: Pick<Config, 'piiEncryptionKeys' | 'dataDir'>): EncryptionKey[] {
  if (config.piiEncryptionKeys) return parseEncryptionKeys(config.piiEncryptionKeys);
  const file = piiKeyFile(config);
  const spec = readOrCreate(file, () => `${newEncryptionKey()}\n`);
  try {
    return parseEncryptionKeys(spec);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

export const piiKeyFile = (config: Pick<Config, 'dataDir'>) =>
  path.join(config.dataDir, 'keys', 'pii-encryption-keys');
