// The real dependencies of the CPGRAMS exchange's activities: the portal's client (CPGRAMS_URL, the
// stand-in when unset) and Jan Setu's own complaint API, called as a machine client with an API key.
import type { Config } from '../lib/config';
import { createCpgramsClient } from '../lib/cpgrams/client';
import { createComplaintIntakeClient, IntakeError, localCpgramsApiKey } from '../lib/cpgrams/intake-client';
import { staffTokenSecret } from '../lib/secrets';
import type { CpgramsActivityDeps } from './cpgrams';

/** The key the exchange presents: CPGRAMS_INTAKE_API_KEY, or outside production the local one. */
export function cpgramsIntakeApiKey(config: Config): string | null {
  if (config.cpgramsIntakeApiKey) return config.cpgramsIntakeApiKey;
  return config.nodeEnv === 'production' ? null : localCpgramsApiKey(staffTokenSecret(config));
}

export function createCpgramsDependencies(
  config: Config,
  _db?: unknown, // once the source of an admin's staff token; the API key needs no database
): Pick<CpgramsActivityDeps, 'cpgrams' | 'complaintIntake'> {
  return {
    cpgrams: createCpgramsClient({ baseUrl: config.cpgramsUrl, apiKey: config.cpgramsApiKey }),
    complaintIntake: createComplaintIntakeClient({
      baseUrl: `${config.publicUrl}/api/v1`,
      // A machine client with its own API key of scope cpgrams:register (lib/authorization.ts).
      authorization: () => {
        const key = cpgramsIntakeApiKey(config);
        if (!key)
          throw new IntakeError(
            'CPGRAMS_INTAKE_API_KEY is not set: issue one with "bin/jansetu api-key cpgrams-exchange cpgrams:register"',
            undefined,
            false,
          );
        return `Bearer ${key}`;
      },
    }),
  };
}
