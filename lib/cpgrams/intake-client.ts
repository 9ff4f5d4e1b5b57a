// Jan Setu's own complaint API (POST /api/v1/complaints) as the CPGRAMS exchange calls it: a machine
// client, so a forwarded grievance goes through the one intake every channel uses (validation,
// routing, numbering, idempotency keys) and the worker never imports the server's code. It presents
// an API key of scope cpgrams:register.
import crypto from 'node:crypto';

/** The API client name of the exchange's key (bin/jansetu api-key cpgrams-exchange cpgrams:register). */
export const CPGRAMS_API_CLIENT = 'cpgrams-exchange';

/**
 * The exchange's key outside production when CPGRAMS_INTAKE_API_KEY is unset: derived from the local
 * staff token secret, so the start command (which stores its hash) and the worker (which sends it) agree.
 */
export function localCpgramsApiKey(secret: string): string {
  return `jsk_local_${crypto.createHmac('sha256', secret).update(CPGRAMS_API_CLIENT).digest('base64url')}`;
}

/** The registration as the API takes it for the `cpgrams` channel. */
export interface CpgramsComplaintRequest {
  channel: 'cpgrams';
  callType: 'complaint';
  citizen: { name: string; mobile: string };
  place: { district: string; tehsil: string | null; block: string | null };
  subject: string;
  description: string;
  cpgramsRegistrationNumber: string;
}

export interface RegisteredComplaint {
  complaintNumber: string;
  /** True when this idempotency key had registered it before (a repeated pull). */
  repeated: boolean;
  /** Set when the intake linked it to another open complaint instead of registering it. */
  duplicateOf: string | null;
}

export interface ComplaintIntakeClient {
  register(request: CpgramsComplaintRequest, idempotencyKey: string): Promise<RegisteredComplaint>;
}

/** Thrown when the API refuses or cannot be reached; `refused` = a 4xx that retrying will not change. */
export class IntakeError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly refused: boolean,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}

export function createComplaintIntakeClient(config: {
  /** e.g. http://127.0.0.1:3000/api/v1 */
  baseUrl: string;
  /** The Authorization header value, asked for before each call (tokens expire). */
  authorization: () => Promise<string> | string;
  timeoutMs?: number;
}): ComplaintIntakeClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 15_000;
  return {
    async register(request, idempotencyKey) {
      const what = `registering CPGRAMS grievance ${request.cpgramsRegistrationNumber}`;
      const authorization = await config.authorization();
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/complaints`, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            accept: 'application/json',
            'accept-language': 'en',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        const reason = timedOut ? `no answer within ${timeoutMs} ms` : (err as Error).message;
        throw new IntakeError(`Jan Setu API ${baseUrl} unreachable ${what}: ${reason}`, undefined, false);
      }
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) {
        const error = (body.error ?? {}) as { message?: unknown; details?: unknown };
        const details = Array.isArray(error.details)
          ? (error.details as { field?: string; message?: { en?: string } | string }[])
              .map((d) => `${d.field}: ${typeof d.message === 'string' ? d.message : d.message?.en}`)
              .join('; ')
          : '';
        const message = `${typeof error.message === 'string' ? error.message : res.statusText}${details ? ` (${details})` : ''}`;
        const refused = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        throw new IntakeError(`Jan Setu API answered ${res.status} ${what}: ${message}`, res.status, refused);
      }
      if (typeof body.complaintNumber !== 'string')
        throw new IntakeError(`Jan Setu API sent an unexpected answer ${what}`, res.status, false);
      return {
        complaintNumber: body.complaintNumber,
        repeated: body.repeated === true,
        duplicateOf: typeof body.duplicateOf === 'string' ? body.duplicateOf : null,
      };
    },
  };
}
