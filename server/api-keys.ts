// API keys of machine clients: issued once (only a sha256 is stored), verified in constant time
// against that hash, revoked by client name; what a key's scopes allow is in lib/authorization.ts.
// Outside production the start command ensures keys derived from the local secret (the Open311
// demo key it prints, and the CPGRAMS exchange's key the worker derives the same way).
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { CPGRAMS_API_CLIENT, localCpgramsApiKey } from '../lib/cpgrams/intake-client';

/** Every scope a key may grant. A typo in `bin/jansetu api-key` is refused rather than stored. */
export const API_KEY_SCOPES = ['open311:post', 'cpgrams:register'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const DEMO_API_CLIENT = 'open311-demo';

export interface ApiClient {
  id: number;
  clientName: string;
  scopes: string[];
}

const KEY_SHAPE = /^jsk_[A-Za-z0-9_-]{20,100}$/;

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a bearer credential is shaped like an API key (staff tokens never are). */
export function looksLikeApiKey(presented: string): boolean {
  return presented.startsWith('jsk_');
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

function checkScopes(scopes: string[]): ApiKeyScope[] {
  if (scopes.length === 0) throw new Error(`give at least one scope: ${API_KEY_SCOPES.join(', ')}`);
  const unknown = scopes.filter((s) => !isApiKeyScope(s));
  if (unknown.length > 0) {
    throw new Error(`unknown scope ${unknown.join(', ')}; known: ${API_KEY_SCOPES.join(', ')}`);
  }
  return scopes as ApiKeyScope[];
}

function checkClientName(name: string): string {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N} ._-]{2,100}$/u.test(trimmed)) {
    throw new Error('the client name is 2 to 100 letters, digits, spaces, dots, dashes or underscores');
  }
  return trimmed;
}

/** A new key for a client. The key is returned once and never stored. */
export async function issueApiKey(
  db: Knex,
  clientName: string,
  scopes: string[],
): Promise<{ id: number; key: string }> {
  const name = checkClientName(clientName);
  const granted = checkScopes(scopes);
  const key = `jsk_${crypto.randomBytes(32).toString('base64url')}`;
  const [row] = await db('apiKeys')
    .insert({ clientName: name, keyHash: hashApiKey(key), scopes: granted })
    .returning('id');
  return { id: (row as { id: number }).id, key };
}

/** Revokes every active key of a client; returns how many. */
export async function revokeApiKeys(db: Knex, clientName: string): Promise<number> {
  return db('apiKeys')
    .where({ clientName: clientName.trim() })
    .whereNull('revokedAt')
    .update({ revokedAt: db.fn.now() });
}

/**
 * The active client a presented key belongs to, or null. The lookup is by hash (an attacker cannot
 * aim at a stored hash), and the stored hash is compared again with timingSafeEqual so no
 * comparison of secret material depends on where bytes differ.
 */
export async function findApiClient(db: Knex, presented: unknown): Promise<ApiClient | null> {
  if (typeof presented !== 'string' || !KEY_SHAPE.test(presented)) return null;
  const hash = hashApiKey(presented);
  const row = await db('apiKeys')
    .where({ keyHash: hash })
    .first('id', 'clientName', 'keyHash', 'scopes', 'revokedAt');
  if (!row) return null;
  const same = crypto.timingSafeEqual(Buffer.from(row.keyHash as string, 'hex'), Buffer.from(hash, 'hex'));
  if (!same || row.revokedAt) return null;
  await db('apiKeys').where({ id: row.id }).update({ lastUsedAt: db.fn.now() });
  return { id: row.id, clientName: row.clientName, scopes: row.scopes };
}

/** The client a presented key belongs to, if the key is active and grants `scope`; otherwise null. */
export async function verifyApiKey(
  db: Knex,
  presented: unknown,
  scope: ApiKeyScope,
): Promise<ApiClient | null> {
  const client = await findApiClient(db, presented);
  return client?.scopes.includes(scope) ? client : null;
}

/** The demo key of this installation: derived from its local secret, so the same on every start. */
export function demoApiKey(secret: string): string {
  return `jsk_demo_${crypto.createHmac('sha256', secret).update(DEMO_API_CLIENT).digest('base64url')}`;
}

/**
 * Outside production, with CPGRAMS_INTAKE_API_KEY unset: makes sure the CPGRAMS exchange's local
 * key (lib/cpgrams/intake-client.ts) exists with scope cpgrams:register.
 */
export async function ensureLocalCpgramsApiKey(db: Knex, secret: string): Promise<void> {
  await db('apiKeys')
    .insert({
      clientName: CPGRAMS_API_CLIENT,
      keyHash: hashApiKey(localCpgramsApiKey(secret)),
      scopes: ['cpgrams:register'],
    })
    .onConflict('keyHash')
    .ignore();
}

/**
 * Outside production: makes sure the demo Open311 key exists (scope open311:post) and returns it
 * for printing; null if an operator has revoked it (it is then not brought back).
 */
export async function ensureDemoApiKey(db: Knex, secret: string): Promise<string | null> {
  const key = demoApiKey(secret);
  const keyHash = hashApiKey(key);
  await db('apiKeys')
    .insert({ clientName: DEMO_API_CLIENT, keyHash, scopes: ['open311:post'] })
    .onConflict('keyHash')
    .ignore();
  const row = await db('apiKeys').where({ keyHash }).first('revokedAt');
  return row?.revokedAt ? null : key;
}
