// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2, with its service
// discovery document at /open311/discovery.{xml,json}. Field names, formats and error lists follow
// the spec; English by default, Hindi with ?lang=hi or Accept-Language: hi (same fields).
// Reading is open to anyone; creating a request needs an API key with the scope open311:post.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from '../app';
import { createComplaintIntake } from '../complaints/intake';
import { negotiateLang } from '../i18n';
import { badRequest, notFound, open311Errors, parseW3c, respond } from '../open311/format';
import { createServiceRequestIntake } from '../open311/post-request';
import {
  complaintNumberOf,
  MAX_REQUESTS,
  publicRequests,
  serviceRequests,
} from '../open311/service-requests';
import { jurisdiction, serviceDefinition, serviceList, subjectFor } from '../open311/services';
import { openApiDocument } from '../openapi/document';
import { validateRequests } from '../openapi/validate';

const NINETY_DAYS_MS = 90 * 86_400_000;
const CHANGESET = '2026-12-02 00:00';

/** A query argument as a list: repeated and comma-separated values alike; empty means absent. */
function list(ctx: Context, name: string): string[] {
  const raw = ctx.query[name];
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values;
}

function single(ctx: Context, name: string): string | undefined {
  const values = list(ctx, name);
  if (values.length > 1) {
    throw badRequest({ en: `${name} takes one value.`, hi: `${name} में एक ही मान दें।` });
  }
  return values[0];
}

function checkFormat(ctx: Context): void {
  const format = ctx.params.format;
  if (format !== 'json' && format !== 'xml') {
    throw notFound({
      en: `There is no .${format} format: use .xml or .json.`,
      hi: `.${format} प्रारूप नहीं है: .xml या .json का प्रयोग करें।`,
    });
  }
}

function dateArgument(ctx: Context, name: 'start_date' | 'end_date'): Date | null {
  const value = single(ctx, name);
  if (value === undefined) return null;
  const date = parseW3c(value);
  if (!date) {
    throw badRequest({
      en: `${name} must be a W3C datetime with its offset, e.g. 2026-12-01T00:00:00+05:30.`,
      hi: `${name} ऑफ़सेट सहित W3C दिनांक-समय हो, जैसे 2026-12-01T00:00:00+05:30।`,
    });
  }
  return date;
}

export function open311Routes(deps: AppDeps): Router {
  const { db } = deps;
  const router = new Router({ prefix: '/open311' });
  const createServiceRequest = createServiceRequestIntake({
    db,
    register: createComplaintIntake({ db, temporal: deps.temporal }),
  });

  router.use(open311Errors);
  router.use(async (ctx, next) => {
    // Public, cookie-free reads may be used from any web page.
    if (ctx.method === 'GET') ctx.set('Access-Control-Allow-Origin', '*');
    await next();
  });

  router.get('/discovery.:format', (ctx) => {
    checkFormat(ctx);
    const hi = negotiateLang(ctx) === 'hi';
    respond(ctx, 'discovery', {
      changeset: CHANGESET,
      contact: hi
        ? 'जन सेतु — सीएम हेल्पलाइन 181, लोक सेवा प्रबंधन विभाग, मध्य प्रदेश। नागरिक 181 पर कॉल करें।'
        : 'Jan Setu — CM Helpline 181, Department of Public Service Management, Madhya Pradesh. Citizens may call 181.',
      key_service: hi
        ? 'API key प्रशासक `bin/jansetu api-key NAME open311:post` से जारी करते हैं; अनुरोध बनाने के लिए ही आवश्यक।'
        : 'API keys are issued by the administrators (`bin/jansetu api-key NAME open311:post`); only creating requests needs one.',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${deps.config.publicUrl}/open311/v2`,
          changeset: CHANGESET,
          type: deps.config.nodeEnv === 'production' ? 'production' : 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  router.get('/v2/services.:format', async (ctx) => {
    checkFormat(ctx);
    await jurisdiction(db, single(ctx, 'jurisdiction_id'), false);
    respond(ctx, 'services', await serviceList(db, negotiateLang(ctx)));
  });

  router.get('/v2/services/:code.:format', async (ctx) => {
    checkFormat(ctx);
    // The tehsils, blocks and villages offered depend on the district.
    const district = (await jurisdiction(db, single(ctx, 'jurisdiction_id'), true))!;
    const subject = await subjectFor(db, ctx.params.code);
    respond(ctx, 'service_definition', await serviceDefinition(db, subject, district, negotiateLang(ctx)));
  });

  router.post(
    '/v2/requests.:format',
    bodyParser({ enableTypes: ['form', 'json'], formLimit: '64kb', jsonLimit: '64kb' }),
    validateRequests(openApiDocument, { forms: true }),
    async (ctx) => {
      checkFormat(ctx);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const created = await createServiceRequest(
        { ...body, api_key: body.api_key ?? ctx.query.api_key },
        negotiateLang(ctx),
        ctx.state,
      );
      respond(ctx, 'service_requests', [created.item], created.status);
    },
  );

  router.get('/v2/requests.:format', async (ctx) => {
    checkFormat(ctx);
    const lang = negotiateLang(ctx);
    const district = await jurisdiction(db, single(ctx, 'jurisdiction_id'), false);
    const query = publicRequests(db).orderBy('c.receivedAt', 'desc').limit(MAX_REQUESTS);
    if (district) void query.where('c.districtCode', district.code);

    const ids = list(ctx, 'service_request_id');
    if (ids.length > 0) {
      // The spec: service_request_id overrides every other argument.
      const numbers = ids.map(complaintNumberOf);
      const bad = ids.filter((_, i) => numbers[i] === null);
      if (bad.length > 0 || ids.length > MAX_REQUESTS) {
        throw badRequest({
          en: `service_request_id takes up to ${MAX_REQUESTS} ids like CMH-2026-000123; not one: ${bad.join(', ')}.`,
          hi: `service_request_id में CMH-2026-000123 जैसी अधिकतम ${MAX_REQUESTS} आईडी दें; यह नहीं: ${bad.join(', ')}।`,
        });
      }
      respond(
        ctx,
        'service_requests',
        await serviceRequests(query.whereIn('c.number', numbers as string[]), lang),
      );
      return;
    }

    const codes = list(ctx, 'service_code');
    if (codes.length > 0) {
      const known = (await db('complaintSubjects').whereIn('code', codes).pluck('code')) as string[];
      const unknown = codes.filter((c) => !known.includes(c));
      if (unknown.length > 0) {
        throw badRequest({
          en: `service_code not known: ${unknown.join(', ')} (see services.json).`,
          hi: `अज्ञात service_code: ${unknown.join(', ')} (services.json देखें)।`,
        });
      }
      void query.whereIn('c.subjectCode', codes);
    }

    const statuses = list(ctx, 'status');
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) {
      throw badRequest({ en: 'status is open, closed or both.', hi: 'status open, closed या दोनों हो।' });
    }
    if (statuses.includes('open') && !statuses.includes('closed')) void query.whereNot('c.status', 'closed');
    if (statuses.includes('closed') && !statuses.includes('open')) void query.where('c.status', 'closed');

    // The spec's window: at most 90 days, the most recent 90 when no date is given.
    let start = dateArgument(ctx, 'start_date');
    let end = dateArgument(ctx, 'end_date');
    if (!start && !end) end = new Date();
    if (!start) start = new Date(end!.getTime() - NINETY_DAYS_MS);
    if (!end) end = new Date(start.getTime() + NINETY_DAYS_MS);
    if (end < start || end.getTime() - start.getTime() > NINETY_DAYS_MS) {
      throw badRequest({
        en: 'start_date must come before end_date, at most 90 days apart.',
        hi: 'start_date, end_date से पहले हो, अधिकतम 90 दिन के अंतर पर।',
      });
    }
    void query.whereBetween('c.receivedAt', [start, end]);
    respond(ctx, 'service_requests', await serviceRequests(query, lang));
  });

  router.get('/v2/requests/:id.:format', async (ctx) => {
    checkFormat(ctx);
    const district = await jurisdiction(db, single(ctx, 'jurisdiction_id'), false);
    const number = complaintNumberOf(ctx.params.id ?? '');
    const missing = notFound({
      en: `service_request_id "${ctx.params.id}" was not found.`,
      hi: `service_request_id "${ctx.params.id}" नहीं मिला।`,
    });
    if (!number) throw missing;
    const query = publicRequests(db).where('c.number', number);
    if (district) void query.where('c.districtCode', district.code);
    const found = await serviceRequests(query, negotiateLang(ctx));
    if (found.length === 0) throw missing;
    respond(ctx, 'service_requests', found);
  });

  router.all('/{*rest}', () => {
    throw notFound({
      en: 'There is no such Open311 resource: see /open311/discovery.xml.',
      hi: 'ऐसा कोई Open311 संसाधन नहीं है: /open311/discovery.xml देखें।',
    });
  });

  return router;
}
