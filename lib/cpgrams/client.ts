// The central CPGRAMS portal as Jan Setu sees it: page through the grievances forwarded to the state,
// send a status update or an Action Taken Report. Every call carries the API key; every push an
// Idempotency-Key, so a push repeated after a lost answer is applied once.
import {
  API_KEY_HEADER,
  type ActionTakenReport,
  type CpgramsReceipt,
  type CpgramsStatusUpdate,
  type GrievancePage,
} from './format';

export interface CpgramsClientConfig {
  baseUrl: string;
  apiKey: string;
  /** How long one request may take before it is abandoned; 10 s by default. */
  timeoutMs?: number;
}

export interface CpgramsClient {
  /** Grievances forwarded after `cursor` (from the first when null), at most `limit`. */
  grievances(cursor: string | null, limit: number): Promise<GrievancePage>;
  sendStatusUpdate(update: CpgramsStatusUpdate, idempotencyKey: string): Promise<CpgramsReceipt>;
  sendActionTakenReport(report: ActionTakenReport, idempotencyKey: string): Promise<CpgramsReceipt>;
}

/** Thrown for every failed call; `retryable` says whether trying again could help. */
export class CpgramsError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CpgramsError';
  }
}

function parseReceipt(body: unknown, what: string): CpgramsReceipt {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.receiptId !== 'string' || typeof b.registrationNumber !== 'string')
    throw new CpgramsError(`CPGRAMS sent an unexpected answer to ${what}`, 200, true);
  return { receiptId: b.receiptId, registrationNumber: b.registrationNumber, replayed: b.replayed === true };
}

function parsePage(body: unknown): GrievancePage {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (
    !Array.isArray(b.grievances) ||
    !(b.nextCursor === null || typeof b.nextCursor === 'string') ||
    typeof b.hasMore !== 'boolean'
  ) {
    throw new CpgramsError('CPGRAMS sent an unexpected page of grievances', 200, true);
  }
  // Each grievance is checked field by field where it is stored (one bad record must not stop a page).
  return {
    grievances: b.grievances as GrievancePage['grievances'],
    nextCursor: b.nextCursor,
    hasMore: b.hasMore,
  };
}

export function createCpgramsClient(config: CpgramsClientConfig): CpgramsClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 10_000;

  async function call(
    method: 'GET' | 'POST',
    path: string,
    what: string,
    body?: object,
    idempotencyKey?: string,
  ): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          [API_KEY_HEADER]: config.apiKey,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : (err as Error).message;
      throw new CpgramsError(`CPGRAMS ${baseUrl} unreachable for ${what}: ${reason}`, undefined, true);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const detail = (parsed as { error?: { message?: unknown } } | undefined)?.error?.message;
      const message = typeof detail === 'string' ? detail : text.slice(0, 200) || res.statusText;
      // 4xx: this request will never succeed as sent (wrong key, unknown grievance, already closed).
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new CpgramsError(`CPGRAMS answered ${res.status} to ${what}: ${message}`, res.status, retryable);
    }
    return parsed;
  }

  return {
    async grievances(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return parsePage(await call('GET', `/v1/grievances?${query.toString()}`, 'the grievances page'));
    },

    async sendStatusUpdate(update, idempotencyKey) {
      const what = `status update of ${update.registrationNumber}`;
      return parseReceipt(await call('POST', '/v1/status-updates', what, update, idempotencyKey), what);
    },

    async sendActionTakenReport(report, idempotencyKey) {
      const what = `Action Taken Report of ${report.registrationNumber}`;
      return parseReceipt(await call('POST', '/v1/action-taken-reports', what, report, idempotencyKey), what);
    },
  };
}
