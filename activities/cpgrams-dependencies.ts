// The real dependencies of the CPGRAMS exchange's activities: the portal's client (CPGRAMS_URL, the
// stand-in when unset) and Jan Setu's own complaint API, called as a machine client.
import type { Knex } from 'knex';
import type { Config } from '../lib/config';
import { createCpgramsClient } from '../lib/cpgrams/client';
import { createComplaintIntakeClient, IntakeError } from '../lib/cpgrams/intake-client';
import { staffTokenSecret } from '../lib/secrets';
import { issueStaffToken } from '../lib/staff-token';
import type { CpgramsActivityDeps } from './cpgrams';

export function createCpgramsDependencies(
  config: Config,
  db: Knex,
): Pick<CpgramsActivityDeps, 'cpgrams' | 'complaintIntake'> {
  return {
    cpgrams: createCpgramsClient({ baseUrl: config.cpgramsUrl, apiKey: config.cpgramsApiKey }),
    complaintIntake: createComplaintIntakeClient({
      baseUrl: `${config.publicUrl}/api/v1`,
      // The cpgrams channel is open to admins. Until machine clients have API keys of their own, the
      // exchange presents a five-minute staff token of the system administrator account.
      authorization: async () => {
        const admin = await db('officerRoles')
          .join('officers', 'officers.id', 'officerRoles.officerId')
          .where({ 'officerRoles.role': 'admin', 'officers.active': true })
          .orderBy('officers.code')
          .first('officers.code');
        if (!admin)
          throw new IntakeError(
            'no active admin account to register CPGRAMS grievances with',
            undefined,
            false,
          );
        return `Bearer ${issueStaffToken(admin.code as string, staffTokenSecret(config), 300)}`;
      },
    }),
  };
}
