// Secrets a single-machine start needs without anyone setting them: generated once into
// DATA_DIR/keys and reused. In production set STAFF_TOKEN_SECRET (and SIGNING_KEY_FILE) instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export function staffTokenSecret(config: Pick<Config, 'staffTokenSecret' | 'dataDir'>): string {
  if (config.staffTokenSecret) return config.staffTokenSecret;
  const file = path.join(config.dataDir, 'keys', 'staff-token-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
