// The SMS gateway's delivery reports (DLRs): what became of each SMS the outbox dispatcher sent.
//
//   POST /api/v1/sms/delivery-reports
//   Authorization: Bearer {SMS_GATEWAY_KEY}
//   {"reports":[{"id":"sms_…","status":"delivered","at":"2026-12-02T10:15:00Z"},
//               {"id":"sms_…","status":"undelivered","at":"…","error":"handset switched off"}]}
//   → 200 {"updated":1,"stale":0,"unknown":["sms_…"]}
//
// Gateway statuses (lib/messaging/sms-gateway.ts): sent (to the operator), delivered, and failed /
// undelivered / expired / rejected, which are all `failed` here. A report for a message we do not know is answered (so the
// gateway stops retrying) and named in `unknown`.
import Router from '@koa/router';
import { timingSafeEqual } from 'node:crypto';
import { recordDeliveryStatus, type DeliveryStatus } from '../../lib/messaging/delivery-status';
import { GATEWAY_STATUSES, gatewayStatus } from '../../lib/messaging/sms-gateway';
import type { AppDeps } from '../app';
import { AppError, BadRequest } from '../errors';

const MAX_REPORTS = 1000;

interface Report {
  id: string;
  status: DeliveryStatus;
  at: Date;
  error?: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const badReport = (field: string, en: string, hi: string) =>
  new BadRequest(
    { en: `The delivery report is not valid: ${en}`, hi: `डिलीवरी रिपोर्ट सही नहीं है: ${hi}` },
    [{ field, message: { en, hi } }],
    'bad_delivery_report',
  );

function parseReports(body: unknown): Report[] {
  const reports = (body as { reports?: unknown } | undefined)?.reports;
  if (!Array.isArray(reports) || reports.length === 0 || reports.length > MAX_REPORTS) {
    throw badReport(
      'reports',
      `"reports" must be a list of 1 to ${MAX_REPORTS} reports`,
      `"reports" में 1 से ${MAX_REPORTS} रिपोर्ट की सूची होनी चाहिए`,
    );
  }
  return reports.map((r: unknown, i) => {
    const { id, status, at, error } = (typeof r === 'object' && r !== null ? r : {}) as Record<
      string,
      unknown
    >;
    if (typeof id !== 'string' || id === '' || id.length > 200)
      throw badReport(`reports[${i}].id`, 'the message id is missing', 'संदेश आईडी नहीं दी गई');
    const mapped = gatewayStatus(status);
    if (!mapped)
      throw badReport(
        `reports[${i}].status`,
        `status must be one of ${Object.keys(GATEWAY_STATUSES).join(', ')}`,
        `status इनमें से एक होना चाहिए: ${Object.keys(GATEWAY_STATUSES).join(', ')}`,
      );
    const when = typeof at === 'string' ? new Date(at) : new Date(NaN);
    if (Number.isNaN(when.getTime()))
      throw badReport(
        `reports[${i}].at`,
        'the time must be an ISO 8601 timestamp',
        'समय ISO 8601 रूप में होना चाहिए',
      );
    // `expired`, `rejected`…: the gateway's own word is the reason when it gives no other.
    const reason: string | undefined =
      typeof error === 'string' && error !== ''
        ? error.slice(0, 500)
        : status !== mapped
          ? String(status)
          : undefined;
    return { id, status: mapped, at: when, ...(reason ? { error: reason } : {}) };
  });
}

export function smsRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.post('/sms/delivery-reports', async (ctx) => {
    const auth = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    if (!auth || !sameSecret(auth[1]!, deps.config.smsGatewayKey)) {
      throw new AppError(401, 'unauthorized', {
        en: 'Delivery reports need the SMS gateway key as "Authorization: Bearer …".',
        hi: 'डिलीवरी रिपोर्ट के लिए SMS गेटवे कुंजी "Authorization: Bearer …" के रूप में भेजें।',
      });
    }
    const reports = parseReports(ctx.request.body);
    const result = { updated: 0, stale: 0, unknown: [] as string[] };
    for (const report of reports) {
      const outcome = await recordDeliveryStatus(deps.db, report.id, report.status, report.at, report.error);
      if (outcome === 'unknown') result.unknown.push(report.id);
      else result[outcome] += 1;
    }
    ctx.body = result;
  });
  return router;
}
