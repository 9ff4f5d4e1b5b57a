// Staff sign in with their employee code and a password (bcrypt). Five wrong passwords in a row
// lock the account for 15 minutes; the answer never says whether the code or the password was wrong.
import bcrypt from 'bcryptjs';
import type { Knex } from 'knex';
import { AppError } from '../errors';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
const COST = 10;
/** Outside production every seeded officer can sign in with this (the start command prints it). */
export const DEMO_STAFF_PASSWORD = 'jansetu-demo';

export async function setStaffPassword(db: Knex, officerCode: string, password: string): Promise<void> {
  if (password.length < 10) throw new Error('a staff password has at least 10 characters');
  const passwordHash = await bcrypt.hash(password, COST);
  await db('staffCredentials')
    .insert({ officerCode, passwordHash, failedAttempts: 0, lockedUntil: null })
    .onConflict('officerCode')
    .merge({ passwordHash, failedAttempts: 0, lockedUntil: null, updatedAt: new Date() });
}

/** Demo and test stacks: every active officer without a password gets `password`. */
export async function ensureDemoPasswords(db: Knex, password: string): Promise<number> {
  const missing: string[] = await db('officers')
    .where({ active: true })
    .whereNotIn('code', db('staffCredentials').select('officerCode'))
    .pluck('code');
  if (missing.length === 0) return 0;
  const passwordHash = await bcrypt.hash(password, COST);
  await db('staffCredentials')
    .insert(missing.map((officerCode) => ({ officerCode, passwordHash })))
    .onConflict('officerCode')
    .ignore();
  return missing.length;
}

const refused = () =>
  new AppError(401, 'bad_credentials', {
    en: 'The employee code or password is not right.',
    hi: 'कर्मचारी कोड या पासवर्ड सही नहीं है।',
  });

/** The officer's code when the password is right; a 401/423 AppError otherwise. */
export async function checkStaffPassword(db: Knex, code: unknown, password: unknown): Promise<string> {
  if (typeof code !== 'string' || typeof password !== 'string') throw refused();
  const officerCode = code.trim().toUpperCase();
  const row = await db('staffCredentials').where({ officerCode }).first();
  if (!row) {
    await bcrypt.compare(password, '$2b$10$' + 'x'.repeat(53)); // same time as a real check
    throw refused();
  }
  if (row.lockedUntil && new Date(row.lockedUntil).getTime() > Date.now()) {
    throw new AppError(423, 'locked', {
      en: 'Too many wrong passwords: this account is locked for 15 minutes.',
      hi: 'बहुत बार गलत पासवर्ड: यह खाता 15 मिनट के लिए बंद है।',
    });
  }
  if (!(await bcrypt.compare(password, row.passwordHash))) {
    const failures = row.failedAttempts + 1;
    await db('staffCredentials')
      .where({ officerCode })
      .update({
        failedAttempts: failures >= MAX_FAILURES ? 0 : failures,
        lockedUntil: failures >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS) : null,
      });
    throw refused();
  }
  await db('staffCredentials').where({ officerCode }).update({ failedAttempts: 0, lockedUntil: null });
  return officerCode;
}
