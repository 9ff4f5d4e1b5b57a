// A stand-in for the central CPGRAMS portal's exchange with the state (lib/cpgrams/format.ts): the
// grievances forwarded to Madhya Pradesh, paged by cursor; status updates and Action Taken Reports
// per registration number, idempotent by key; the API key checked. `_control` routes let tests and
// demos forward a grievance, read what was received and make the next calls fail.
import { createHash, randomUUID } from 'node:crypto';
import {
  API_KEY_HEADER,
  REGISTRATION_NUMBER,
  type ActionTakenReport,
  type ClosureCategory,
  type CpgramsGrievance,
  type CpgramsReceipt,
  type CpgramsStatusUpdate,
} from '../cpgrams/format';
import type { StandInPart, StandInRequest, StandInResponse } from './server';

type Kind = 'grievances' | 'status' | 'atr';

export interface ReceivedRequest {
  kind: Kind;
  registrationNumber: string | null;
  idempotencyKey: string | null;
  /** The status the stand-in answered. */
  status: number;
  at: string;
}

export interface CpgramsStandInState {
  statusUpdates: {
    receiptId: string;
    idempotencyKey: string;
    receivedAt: string;
    update: CpgramsStatusUpdate;
  }[];
  actionTakenReports: {
    receiptId: string;
    idempotencyKey: string;
    receivedAt: string;
    report: ActionTakenReport;
  }[];
  /** Every exchange call, including refused, failed and replayed ones. */
  requests: ReceivedRequest[];
}

export interface CpgramsStandIn extends StandInPart {
  /** Forwards a grievance to the state (again, if its registration number was forwarded before). */
  forward(grievance: Partial<CpgramsGrievance>): CpgramsGrievance;
  received(): CpgramsStandInState;
}

const CLOSURE_CATEGORIES: ClosureCategory[] = [
  'redressed',
  'redressed-no-feedback',
  'special-closure',
  'closed-without-redress',
  'counselled',
  'information-given',
];

const error = (status: number, message: string): StandInResponse => ({
  status,
  body: { error: { message } },
});

function json(body: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const bilingual = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { en?: unknown }).en === 'string' &&
  typeof (v as { hi?: unknown }).hi === 'string';

/** Two grievances for the demo: an electricity one in Phanda block and a land mutation in Huzur tehsil. */
export const DEMO_GRIEVANCES: Partial<CpgramsGrievance>[] = [
  {
    registrationNumber: 'DARPG/E/2026/0012345',
    organisation: { code: 'DARPG', name: 'Department of Administrative Reforms and Public Grievances' },
    category: 'Electricity >> Power supply',
    grievanceText:
      'हमारे गाँव में ट्रांसफार्मर जलने के बाद पाँच दिन से बिजली नहीं है। विद्युत वितरण केंद्र में कई बार शिकायत की, पर ट्रांसफार्मर नहीं बदला गया। (No electricity for five days since the transformer burnt.)',
    citizen: {
      name: 'रमेश कुमार अहिरवार',
      mobile: '+91 98765 12001',
      email: null,
      address: 'Ward 4, Gram Kolua, Block Phanda, Tehsil Huzur, Bhopal',
      state: 'Madhya Pradesh',
      district: 'Bhopal',
      pincode: '462030',
    },
  },
  {
    registrationNumber: 'DOLR/E/2026/0003456',
    organisation: { code: 'DOLR', name: 'Department of Land Resources' },
    category: 'Land >> Mutation',
    grievanceText:
      'मेरे पिता की मृत्यु के बाद भूमि का नामांतरण छह माह से लंबित है। तहसील कार्यालय में आवेदन दिया था, कोई सुनवाई नहीं हुई। (Mutation after my father’s death pending for six months.)',
    citizen: {
      name: 'सुनीता बाई',
      mobile: '9876512002',
      email: 'sunita.bai@example.in',
      address: 'Village Bilkhiriya Kalan, Tehsil Huzur',
      state: 'Madhya Pradesh',
      district: 'Bhopal',
      pincode: '462043',
    },
  },
];

export function createCpgramsStandIn(options: { apiKey: string; demo?: boolean }): CpgramsStandIn {
  let seq = 0;
  let feed: { seq: number; grievance: CpgramsGrievance }[] = [];
  let grievances = new Map<string, CpgramsGrievance>();
  let state: CpgramsStandInState = { statusUpdates: [], actionTakenReports: [], requests: [] };
  let byKey = new Map<string, { hash: string; receipt: CpgramsReceipt }>();
  let failures: { kind: Kind | 'any'; status: number; remaining: number }[] = [];

  function forward(partial: Partial<CpgramsGrievance>): CpgramsGrievance {
    seq += 1;
    const year = new Date().getUTCFullYear();
    const registrationNumber = partial.registrationNumber ?? `DARPG/E/${year}/${String(9_000_000 + seq)}`;
    const earlier = grievances.get(registrationNumber);
    const grievance: CpgramsGrievance = {
      registrationNumber,
      receivedDate: new Date().toISOString().slice(0, 10),
      forwardedAt: new Date().toISOString(),
      organisation: { code: 'DARPG', name: 'Department of Administrative Reforms and Public Grievances' },
      category: 'Others',
      grievanceText: 'Grievance text',
      status: 'Under process',
      ...earlier,
      ...partial,
      citizen: {
        name: 'Citizen',
        mobile: '9876500000',
        email: null,
        address: '',
        state: 'Madhya Pradesh',
        district: 'Bhopal',
        pincode: null,
        ...earlier?.citizen,
        ...partial.citizen,
      },
    };
    grievances.set(registrationNumber, grievance);
    feed.push({ seq, grievance });
    return grievance;
  }

  function reset(): void {
    seq = 0;
    feed = [];
    grievances = new Map();
    state = { statusUpdates: [], actionTakenReports: [], requests: [] };
    byKey = new Map();
    failures = [];
  }

  function page(req: StandInRequest): StandInResponse {
    const cursor = Number(req.query.get('cursor') ?? '0');
    const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? '50') || 50));
    if (!Number.isInteger(cursor) || cursor < 0) return error(400, 'cursor must be one this API returned');
    const after = feed.filter((f) => f.seq > cursor);
    const slice = after.slice(0, limit);
    return {
      status: 200,
      body: {
        grievances: slice.map((f) => f.grievance),
        nextCursor: slice.length > 0 ? String(slice.at(-1)!.seq) : cursor > 0 ? String(cursor) : null,
        hasMore: after.length > limit,
      },
    };
  }

  /** Stores a push once per idempotency key; the same key again answers the first receipt. */
  function push(
    kind: 'status' | 'atr',
    req: StandInRequest,
    validate: (b: Record<string, unknown>, g: CpgramsGrievance) => string | null,
    store: (b: Record<string, unknown>, receipt: CpgramsReceipt, key: string) => void,
  ): { response: StandInResponse; registrationNumber: string | null; key: string | null } {
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const body = json(req.body);
    const registrationNumber = typeof body?.registrationNumber === 'string' ? body.registrationNumber : null;
    const answer = (response: StandInResponse) => ({ response, registrationNumber, key });
    if (!key) return answer(error(400, 'Idempotency-Key header is required'));
    if (!body || !registrationNumber || !REGISTRATION_NUMBER.test(registrationNumber))
      return answer(error(400, 'a JSON body with a valid registrationNumber is required'));
    const hash = createHash('sha256').update(req.body).digest('hex');
    const seen = byKey.get(`${kind}:${key}`);
    if (seen) {
      if (seen.hash !== hash)
        return answer(error(422, 'this Idempotency-Key was used with a different body'));
      return answer({ status: 200, body: { ...seen.receipt, replayed: true } });
    }
    const grievance = grievances.get(registrationNumber);
    if (!grievance)
      return answer(error(404, `no grievance ${registrationNumber} was forwarded to this state`));
    if (grievance.status === 'Case closed')
      return answer(error(409, `grievance ${registrationNumber} is closed: its Action Taken Report is in`));
    const problem = validate(body, grievance);
    if (problem) return answer(error(422, problem));
    const receipt: CpgramsReceipt = { receiptId: randomUUID(), registrationNumber, replayed: false };
    byKey.set(`${kind}:${key}`, { hash, receipt });
    store(body, receipt, key);
    return answer({ status: 201, body: receipt });
  }

  function exchange(req: StandInRequest): { kind: Kind; run: () => ReturnType<typeof push> } | null {
    if (req.method === 'GET' && req.path === '/v1/grievances')
      return {
        kind: 'grievances',
        run: () => ({ response: page(req), registrationNumber: null, key: null }),
      };
    if (req.method === 'POST' && req.path === '/v1/status-updates')
      return {
        kind: 'status',
        run: () =>
          push(
            'status',
            req,
            (b) =>
              b.status === 'Under process' && typeof b.stateReference === 'string' && bilingual(b.remarks)
                ? null
                : 'a status update needs status "Under process", stateReference and remarks in en and hi',
            (b, receipt, key) => {
              state.statusUpdates.push({
                receiptId: receipt.receiptId,
                idempotencyKey: key,
                receivedAt: new Date().toISOString(),
                update: b as unknown as CpgramsStatusUpdate,
              });
            },
          ),
      };
    if (req.method === 'POST' && req.path === '/v1/action-taken-reports')
      return {
        kind: 'atr',
        run: () =>
          push(
            'atr',
            req,
            (b) =>
              typeof b.actionTaken === 'string' &&
              b.actionTaken.trim().length > 0 &&
              typeof b.closureDate === 'string' &&
              /^\d{4}-\d{2}-\d{2}$/.test(b.closureDate) &&
              CLOSURE_CATEGORIES.includes(b.closureCategory as ClosureCategory) &&
              bilingual(b.closureReason) &&
              typeof b.stateReference === 'string'
                ? null
                : 'an Action Taken Report needs actionTaken, closureDate (YYYY-MM-DD), a known closureCategory, closureReason in en and hi and stateReference',
            (b, receipt, key) => {
              state.actionTakenReports.push({
                receiptId: receipt.receiptId,
                idempotencyKey: key,
                receivedAt: new Date().toISOString(),
                report: b as unknown as ActionTakenReport,
              });
              grievances.get(b.registrationNumber as string)!.status = 'Case closed';
            },
          ),
      };
    return null;
  }

  function control(req: StandInRequest): StandInResponse | undefined {
    if (req.method === 'POST' && req.path === '/_control/grievances') {
      const body = json(req.body) ?? {};
      const given = body.registrationNumber;
      if (given !== undefined && (typeof given !== 'string' || !REGISTRATION_NUMBER.test(given)))
        return error(400, 'registrationNumber must look like DARPG/E/2026/0012345');
      return { status: 201, body: forward(body) };
    }
    if (req.method === 'GET' && req.path === '/_control/reports') return { status: 200, body: state };
    if (req.method === 'POST' && req.path === '/_control/fail') {
      const body = json(req.body) ?? {};
      const kind = (['grievances', 'status', 'atr'] as const).find((k) => k === body.kind) ?? 'any';
      const times = Number.isInteger(body.times) ? (body.times as number) : 1;
      const status = Number.isInteger(body.status) ? (body.status as number) : 503;
      failures.push({ kind, status, remaining: times });
      return { status: 200, body: { kind, times, status } };
    }
    if (req.method === 'POST' && req.path === '/_control/reset') {
      reset();
      return { status: 200, body: {} };
    }
    return undefined;
  }

  if (options.demo) for (const g of DEMO_GRIEVANCES) forward(g);

  return {
    prefix: '/cpgrams',
    forward,
    received: () => state,
    handle(req) {
      if (req.path.startsWith('/_control/')) return control(req);
      const call = exchange(req);
      if (!call) return undefined;
      const record = (status: number, registrationNumber: string | null, idempotencyKey: string | null) =>
        state.requests.push({
          kind: call.kind,
          registrationNumber,
          idempotencyKey,
          status,
          at: new Date().toISOString(),
        });
      const idempotencyKey =
        typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const failure = failures.find((f) => f.remaining > 0 && (f.kind === 'any' || f.kind === call.kind));
      if (failure) {
        failure.remaining -= 1;
        const registrationNumber = json(req.body)?.registrationNumber;
        record(
          failure.status,
          typeof registrationNumber === 'string' ? registrationNumber : null,
          idempotencyKey,
        );
        return error(failure.status, 'CPGRAMS is temporarily unavailable; try again later');
      }
      if (req.headers[API_KEY_HEADER] !== options.apiKey) {
        record(401, null, idempotencyKey);
        return error(401, `a valid API key is required in the ${API_KEY_HEADER} header`);
      }
      const { response, registrationNumber } = call.run();
      record(response.status, registrationNumber, idempotencyKey);
      return response;
    },
  };
}
