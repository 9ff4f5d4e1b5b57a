// Entry point: print a staff API token for an officer code (bin/jansetu token MP-REV-0001).
import { loadConfigOrExit } from '../lib/config';
import { createKnex } from '../db/knex';
import { staffMember } from '../db/officers';
import { databaseUrl } from '../lib/config';
import { staffTokenSecret } from '../lib/secrets';
import { issueStaffToken } from '../lib/staff-token';

async function main(): Promise<void> {
  const code = process.argv[2];
  if (!code) throw new Error('usage: bin/jansetu token OFFICER_CODE');
  const config = loadConfigOrExit();
  const db = createKnex(databaseUrl(config), 1);
  try {
    const member = await staffMember(db, code);
    if (!member) throw new Error(`no active officer ${code}`);
    process.stderr.write(`${member.nameEn} (${member.designation}): ${member.roles.join(', ')}\n`);
    process.stdout.write(`${issueStaffToken(code, staffTokenSecret(config))}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
