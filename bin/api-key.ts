// Entry point: issue an API key for a machine client and print it once
// (bin/jansetu api-key "Bhopal Smart City app" open311:post), or revoke a client's keys
// (bin/jansetu api-key --revoke "Bhopal Smart City app").
import { databaseUrl, loadConfigOrExit } from '../lib/config';
import { createKnex } from '../db/knex';
import { API_KEY_SCOPES, issueApiKey, revokeApiKeys } from '../server/api-keys';

const USAGE = `usage: bin/jansetu api-key NAME SCOPE…   (scopes: ${API_KEY_SCOPES.join(', ')})
       bin/jansetu api-key --revoke NAME`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const revoke = args[0] === '--revoke';
  const [name, ...scopes] = revoke ? args.slice(1) : args;
  if (!name || (revoke ? scopes.length > 0 : scopes.length === 0)) throw new Error(USAGE);
  const config = loadConfigOrExit();
  const db = createKnex(databaseUrl(config), 1);
  try {
    if (revoke) {
      const n = await revokeApiKeys(db, name);
      process.stderr.write(`${n} active key(s) of "${name}" revoked\n`);
      return;
    }
    const { id, key } = await issueApiKey(db, name, scopes);
    process.stderr.write(
      `API key ${id} for "${name}" (${scopes.join(', ')}). It is shown only now: keep it safe.\n`,
    );
    process.stdout.write(`${key}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
