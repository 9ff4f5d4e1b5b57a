// The API contract, on the real stack: the served OpenAPI document is valid OpenAPI 3.1; every
// route of the Koa app is documented and every documented operation is a route; and real answers —
// a success and an error of every operation — match the schema documented for their status (an
// undocumented status, content type or response field fails). Needs `npm run build`.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { loadOrCreateSigningKey } from '../../lib/certificate-signing';
import { createLogger } from '../../lib/logger';
import { signCallback, type PaymentCallback } from '../../lib/payment-gateway/signature';
import { staffTokenSecret } from '../../lib/secrets';
import { connectTemporal } from '../../lib/temporal/connection';
import { issueApiKey } from '../../server/api-keys';
import { createApp, type AppDeps } from '../../server/app';
import { openApiDocument, type OpenApiDocument } from '../../server/openapi/document';
import { DOCS_ASSET_PATHS } from '../../server/openapi/routes';
import { SERVICES } from '../../server/openapi/schemas';
import { pageRoutes } from '../../server/pages';
import { createContract, schemaValidator } from '../helpers/contract';
import { incomeApplicationFields } from '../helpers/applications';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

/** `METHOD /path/{param}` for every route a router holds (nested routers are flattened into it). */
function routesOf(router: Router): string[] {
  const routes: string[] = [];
  for (const layer of router.stack) {
    const path = String(layer.path);
    // A catch-all (`/open311/{*rest}`) answers "no such resource" in its channel's format: not an operation.
    if (path.includes('{*')) continue;
    for (const method of layer.methods) {
      if (method === 'HEAD') continue; // Koa answers HEAD for every GET
      expect(path, 'a route path OpenAPI can template').to.not.match(/[*(]/);
      routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

/** Every router mounted on the app (the root one, and any mounted on the app directly). */
function routersOf(app: Koa): Router[] {
  return app.middleware.flatMap((m) => {
    const router = (m as { router?: Router }).router;
    return router ? [router] : [];
  });
}

function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

const dashed = (number: string) => number.replace(/\//g, '-');

describe('API contract: the OpenAPI document and the real answers agree', function () {
  this.timeout(240_000);
  let t: TestStack;
  let served: OpenApiDocument;
  let contract: ReturnType<typeof createContract>;
  const url = (p: string) => `${t.config.publicUrl}${p}`;
  const check: ReturnType<typeof createContract>['expectContract'] = (...args) =>
    contract.expectContract(...args);
  const get = (p: string, headers: Record<string, string> = {}) => fetch(url(p), { headers });
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url(p), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function staffWith(role: string, tehsil?: string): Promise<string> {
    const q = t
      .db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .where('officerRoles.role', role)
      .orderBy('officers.code')
      .first('officers.code');
    if (tehsil) void q.join('tehsils', 'tehsils.id', 'officerRoles.tehsilId').where('tehsils.code', tehsil);
    return ((await q) as { code: string }).code;
  }

  before(async () => {
    t = await startTestStack('contract');
    served = (await json(await fetch(url('/api/openapi.json')))) as OpenApiDocument;
    contract = createContract(served);
  });

  after(async () => {
    await t?.stop();
  });

  it('serves a valid OpenAPI 3.1 document whose every schema compiles as JSON Schema 2020-12', async () => {
    const res = await fetch(url('/api/openapi.json'));
    await check(res, 'get', '/api/openapi.json');
    // What the server serves is what the code says (the stack runs the build).
    expect(served).to.deep.equal(JSON.parse(JSON.stringify(openApiDocument)));

    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(served as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(validator.version).to.equal('3.1');
    expect(() => validator.resolveRefs()).to.not.throw();

    // Each schema, request body, parameter and response schema compiles under Ajv's strict mode.
    const { compile } = schemaValidator(served, { strictResponses: false });
    for (const [name, schema] of Object.entries(served.components.schemas)) {
      expect(() => compile(schema), `components.schemas.${name}`).to.not.throw();
    }
    for (const [path, item] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.summary, `${where} has a summary`).to.be.a('string').and.not.be.empty;
        for (const media of Object.values(op.requestBody?.content ?? {})) {
          expect(() => compile(media.schema ?? {}), `${where} request`).to.not.throw();
        }
        for (const [status, response] of Object.entries(op.responses)) {
          if ('$ref' in response) continue;
          for (const media of Object.values(response.content ?? {})) {
            expect(() => compile(media.schema ?? {}), `${where} ${status}`).to.not.throw();
          }
        }
        for (const p of op.parameters ?? []) {
          if (!('$ref' in p)) expect(() => compile(p.schema), `${where} ${p.name}`).to.not.throw();
        }
        // Path parameters are exactly those of the template.
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? [])
          .map((p) => ('$ref' in p ? served.components.parameters[p.$ref.split('/').pop()!]! : p))
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        expect(declared, `${where} path parameters`).to.have.members(names);
      }
    }
  });

  it('documents every route of the app, and every documented operation is a route', async () => {
    const signingKey = loadOrCreateSigningKey(t.config.signingKeyFile);
    const deps: AppDeps = {
      config: t.config,
      db: t.db,
      temporal: connectTemporal(t.config),
      logger: createLogger('contract', 'silent'),
      staffTokenSecret: staffTokenSecret(t.config),
      publicKeys: [{ keyId: signingKey.keyId, publicKey: signingKey.publicKey }],
    };
    const pages = new Set(routesOf(pageRoutes(deps)));
    const docsAssets = new Set(DOCS_ASSET_PATHS.map((p) => `GET ${p}`));
    const routes = routersOf(createApp(deps))
      .flatMap(routesOf)
      .filter((r) => !pages.has(r) && !docsAssets.has(r))
      // The Temporal Web UI's codec endpoint speaks Temporal's codec-server protocol, not this API's.
      .filter((r) => !/^\w+ \/codec\//.test(r));
    const documented = documentedOperations(served);
    expect(
      routes.filter((r) => !documented.includes(r)),
      'routes the document does not describe',
    ).to.deep.equal([]);
    expect(
      documented.filter((d) => !routes.includes(d)),
      'documented operations that are not routes',
    ).to.deep.equal([]);
    await deps.temporal.connection.close();
  });

  it('enumerates what the code accepts: services and their fields as in the catalogue in force', async () => {
    const policy = await t
      .db('policyVersions')
      .where({ kind: 'service-catalogue' })
      .orderBy('version', 'desc')
      .first();
    const catalogue = policy.body as {
      services: {
        code: string;
        slug: string;
        fields: { name: string; required: boolean; options?: string[] }[];
      }[];
    };
    const schemaOf: Record<string, string> = {
      INC: 'IncomeCertificateFields',
      DOM: 'DomicileCertificateFields',
      KHS: 'KhasraCopyFields',
      MAP: 'MapCopyFields',
    };
    expect(catalogue.services.map((s) => s.code)).to.have.members(Object.keys(SERVICES));
    for (const service of catalogue.services) {
      expect(SERVICES[service.code as keyof typeof SERVICES]).to.equal(service.slug);
      const schema = served.components.schemas[schemaOf[service.code]!] as {
        properties: Record<string, { enum?: string[] }>;
        required: string[];
      };
      expect(Object.keys(schema.properties), `${service.code} fields`).to.have.members(
        service.fields.map((f) => f.name),
      );
      expect(schema.required, `${service.code} required fields`).to.have.members(
        service.fields.filter((f) => f.required).map((f) => f.name),
      );
      for (const field of service.fields.filter((f) => f.options)) {
        expect(schema.properties[field.name]!.enum, `${service.code}.${field.name}`).to.have.members(
          field.options!,
        );
      }
    }
  });

  it('serves the interactive docs page and Swagger UI from a fixed list of files', async () => {
    const page = (await check(await get('/api/docs'), 'get', '/api/docs')) as string;
    expect(page).to.contain('/api/docs/assets/swagger-ui-bundle.js');
    for (const asset of DOCS_ASSET_PATHS) expect((await get(asset)).status, asset).to.equal(200);
    expect(await (await get('/api/docs/assets/init.js')).text()).to.contain("url: '/api/openapi.json'");
    for (const path of [
      '/api/docs/assets/swagger-ui.js',
      '/api/docs/assets/..%2f..%2fpackage.json',
      '/api/docs/assets/../../../package.json',
    ]) {
      expect((await get(path)).status, path).to.equal(404);
    }
  });

  it('health, metrics and places', async () => {
    await check(await get('/healthz'), 'get', '/healthz');
    expect((await check(await get('/readyz'), 'get', '/readyz')).status).to.equal('ready');
    expect(await check(await get('/metrics'), 'get', '/metrics')).to.contain('# HELP');
    await check(await get('/api/v1/divisions'), 'get', '/api/v1/divisions');
    await check(await get('/api/v1/districts'), 'get', '/api/v1/districts');
    const bhopal = await check(await get('/api/v1/districts/bhopal'), 'get', '/api/v1/districts/{code}');
    expect(bhopal.tehsils.map((p: { code: string }) => p.code)).to.include('bhopal-huzur');
    await check(await get('/api/v1/districts/nowhere'), 'get', '/api/v1/districts/{code}');
    const due = await check(
      await get('/api/v1/districts/bhopal/due-date?from=2026-01-13&days=3'),
      'get',
      '/api/v1/districts/{code}/due-date',
    );
    expect(due.dueDate).to.equal('2026-01-19');
    const bad = await check(
      await get('/api/v1/districts/bhopal/due-date?from=13-01-2026&days=x', { 'accept-language': 'hi' }),
      'get',
      '/api/v1/districts/{code}/due-date',
    );
    expect(bad.error.message).to.equal('इस अनुरोध से नियत तिथि नहीं निकाली जा सकती।');
    expect(bad.error.details.map((d: { field: string }) => d.field)).to.have.members(['from', 'days']);
    await check(
      await get('/api/v1/districts/nowhere/due-date?from=2026-01-13&days=3'),
      'get',
      '/api/v1/districts/{code}/due-date',
    );
  });

  const incomeFields = (mobile: string) => incomeApplicationFields({ mobile });

  /** Submits an income certificate and waits for the designated officer's turn. */
  async function pendingIncomeApplication(mobile: string): Promise<string> {
    const submission = { service: 'INC', fields: incomeFields(mobile) };
    const accepted = await check(
      await post('/api/v1/applications', submission),
      'post',
      '/api/v1/applications',
      {
        request: submission,
      },
    );
    const number = accepted.applicationNumber as string;
    await until('pending decision', async () => {
      const s = await json(await get(`/api/v1/applications/${dashed(number)}?mobile=${mobile}`));
      return s.status === 'pending-decision' ? true : undefined;
    });
    return number;
  }

  it('applications: submit, read, receipt, decide, certificate, verify, revoke and re-issue', async () => {
    const mobile = '9876543210';
    const designated = await staffWith('designated_officer', 'bhopal-huzur');
    const otherTehsildar = await staffWith('designated_officer', 'bhopal-kolar');
    const admin = await staffWith('admin');

    const invalid = await check(
      await post(
        '/api/v1/applications',
        { service: 'INC', fields: { ...incomeFields('123'), extra: 1 } },
        { 'accept-language': 'hi' },
      ),
      'post',
      '/api/v1/applications',
    );
    expect(invalid.error.code).to.equal('invalid_fields');
    expect(invalid.error.details.map((d: { field: string }) => d.field)).to.have.members(['mobile', 'extra']);
    const agentSubmission = { service: 'INC', channel: 'agent-181', fields: incomeFields(mobile) };
    await check(await post('/api/v1/applications', agentSubmission), 'post', '/api/v1/applications');
    await check(
      await post('/api/v1/applications', agentSubmission, t.bearer(designated)),
      'post',
      '/api/v1/applications',
    );

    const submission = { service: 'INC', fields: incomeFields(mobile) };
    const key = { 'idempotency-key': 'contract-income-0001' };
    const accepted = await check(
      await post('/api/v1/applications', submission, key),
      'post',
      '/api/v1/applications',
      {
        request: submission,
      },
    );
    const again = await post('/api/v1/applications', submission, key);
    expect(again.status).to.equal(200);
    expect((await check(again, 'post', '/api/v1/applications')).applicationNumber).to.equal(
      accepted.applicationNumber,
    );
    const number = accepted.applicationNumber as string;
    const n = dashed(number);

    await until('pending decision', async () => {
      const s = await json(await get(`/api/v1/applications/${n}?mobile=${mobile}`));
      return s.status === 'pending-decision' ? true : undefined;
    });
    await check(
      await get(`/api/v1/applications/${n}?mobile=${mobile}`),
      'get',
      '/api/v1/applications/{number}',
    );
    await check(
      await get(`/api/v1/applications/${n}?mobile=9999999999`),
      'get',
      '/api/v1/applications/{number}',
    );
    await check(await get(`/api/v1/applications/${n}`), 'get', '/api/v1/applications/{number}');

    const receipt = await until('receipt', async () => {
      const res = await get(`/api/v1/applications/${n}/receipt.pdf?mobile=${mobile}`);
      if (res.status === 200) return res;
      await res.body?.cancel();
      return undefined;
    });
    const receiptPdf = (await check(receipt, 'get', '/api/v1/applications/{number}/receipt.pdf')) as Buffer;
    expect(receiptPdf.subarray(0, 5).toString()).to.equal('%PDF-');
    await check(
      await get(`/api/v1/applications/${n}/receipt.pdf`),
      'get',
      '/api/v1/applications/{number}/receipt.pdf',
    );
    await check(
      await get('/api/v1/applications/LSG-INC-2026-999999/receipt.pdf?mobile=9876543210'),
      'get',
      '/api/v1/applications/{number}/receipt.pdf',
    );

    const action = '/api/v1/applications/{number}/actions/{action}';
    await check(await post(`/api/v1/applications/${n}/actions/approve`, {}), 'post', action);
    await check(
      await post(`/api/v1/applications/${n}/actions/close`, {}, t.bearer(designated)),
      'post',
      action,
    );
    await check(
      await post(`/api/v1/applications/${n}/actions/approve`, [], t.bearer(designated)),
      'post',
      action,
    );
    const refused = await check(
      await post(
        `/api/v1/applications/${n}/actions/approve`,
        {},
        { ...t.bearer(otherTehsildar), 'accept-language': 'hi' },
      ),
      'post',
      action,
    );
    // Another tehsil's tehsildar does not learn the application exists (lib/authorization.ts).
    expect(refused.error.code).to.equal('unknown_application');
    const approved = await check(
      await post(`/api/v1/applications/${n}/actions/approve`, {}, t.bearer(designated)),
      'post',
      action,
      { request: {} },
    );
    expect(approved.status).to.equal('delivered');

    const status = await check(
      await get(`/api/v1/applications/${n}?mobile=${mobile}`),
      'get',
      '/api/v1/applications/{number}',
    );
    const certificate = status.documents.find((d: { kind: string }) => d.kind === 'income-certificate');
    const pdf = (await check(
      await get(`/api/v1/documents/${certificate.serial}.pdf?mobile=${mobile}`),
      'get',
      '/api/v1/documents/{file}',
    )) as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    await check(await get(`/api/v1/documents/${certificate.serial}.pdf`), 'get', '/api/v1/documents/{file}');
    await check(
      await get(`/api/v1/documents/JS-NOPE-1.pdf?mobile=${mobile}`),
      'get',
      '/api/v1/documents/{file}',
    );

    const keys = await check(await get('/api/v1/verify/public-keys'), 'get', '/api/v1/verify/public-keys');
    expect(keys.keys).to.have.length.greaterThan(0);
    const valid = await check(
      await get(`/api/v1/verify/${certificate.serial}`),
      'get',
      '/api/v1/verify/{serial}',
    );
    expect(valid.status).to.equal('valid');
    expect(
      (await check(await get('/api/v1/verify/JS-NOPE-1'), 'get', '/api/v1/verify/{serial}')).status,
    ).to.equal('unknown');

    const revoke = '/api/v1/documents/{serial}/revoke';
    const reissue = '/api/v1/documents/{serial}/reissue';
    const adminAuth = t.bearer(admin);
    const why = { reason: 'नाम की वर्तनी गलत है' };
    await check(
      await post(`/api/v1/documents/${certificate.serial}/reissue`, why, adminAuth),
      'post',
      reissue,
    );
    await check(await post(`/api/v1/documents/${certificate.serial}/reissue`, why), 'post', reissue);
    await check(
      await post(`/api/v1/documents/${certificate.serial}/revoke`, { reason: 'x' }, adminAuth),
      'post',
      revoke,
    );
    await check(await post(`/api/v1/documents/${certificate.serial}/revoke`, why), 'post', revoke);
    await check(
      await post(`/api/v1/documents/${certificate.serial}/revoke`, why, t.bearer(designated)),
      'post',
      revoke,
    );
    await check(await post('/api/v1/documents/JS-NOPE-1/revoke', why, adminAuth), 'post', revoke);
    await check(
      await post(`/api/v1/documents/${certificate.serial}/revoke`, why, adminAuth),
      'post',
      revoke,
      {
        request: why,
      },
    );
    await check(await post(`/api/v1/documents/${certificate.serial}/revoke`, why, adminAuth), 'post', revoke);
    expect(
      (await check(await get(`/api/v1/verify/${certificate.serial}`), 'get', '/api/v1/verify/{serial}'))
        .status,
    ).to.equal('revoked');
    const reissued = await check(
      await post(`/api/v1/documents/${certificate.serial}/reissue`, { reason: 'Name corrected' }, adminAuth),
      'post',
      reissue,
      { request: { reason: 'Name corrected' } },
    );
    expect(reissued.replaces).to.equal(certificate.serial);
    await check(
      await post('/api/v1/documents/JS-NOPE-1/reissue', why, t.bearer(designated)),
      'post',
      reissue,
    );
    await check(await post('/api/v1/documents/JS-NOPE-1/reissue', why, adminAuth), 'post', reissue);
  });

  it('applications: information request and reply, rejection, the applicant’s appeal and the appeal order', async () => {
    const mobile = '9876500011';
    const number = await pendingIncomeApplication(mobile);
    const n = dashed(number);
    const designated = await staffWith('designated_officer', 'bhopal-huzur');
    const action = '/api/v1/applications/{number}/actions/{action}';
    const reply = '/api/v1/applications/{number}/reply';
    const appeal = '/api/v1/applications/{number}/appeal';
    const decision = '/api/v1/applications/{number}/appeals/{level}/decision';

    const question = { question: 'कृपया पिछले वर्ष का वेतन प्रमाण पत्र दें।' };
    await check(
      await post(`/api/v1/applications/${n}/actions/request-information`, question, t.bearer(designated)),
      'post',
      action,
      {
        request: question,
      },
    );
    await check(await post(`/api/v1/applications/${n}/reply`, { reply: 'ठीक है' }), 'post', reply);
    await check(
      await post(`/api/v1/applications/${n}/reply`, { mobile: '9000000001', reply: 'ठीक है' }),
      'post',
      reply,
    );
    await check(await post(`/api/v1/applications/${n}/reply`, { mobile, reply: 'ok' }), 'post', reply);
    await check(await post(`/api/v1/applications/${n}/reply?mobile=${mobile}`, []), 'post', reply);
    const answer = { mobile, reply: 'वेतन पर्ची संलग्न कर दी है।' };
    expect(
      (await check(await post(`/api/v1/applications/${n}/reply`, answer), 'post', reply, { request: answer }))
        .status,
    ).to.equal('pending-decision');

    await check(
      await post(`/api/v1/applications/${n}/appeal`, { mobile, grounds: 'मेरे पास आय का पूरा प्रमाण है।' }),
      'post',
      appeal,
    );
    const rejection = { reason: 'आय का कोई प्रमाण संलग्न नहीं है।' };
    expect(
      (
        await check(
          await post(`/api/v1/applications/${n}/actions/reject`, rejection, t.bearer(designated)),
          'post',
          action,
          {
            request: rejection,
          },
        )
      ).status,
    ).to.equal('rejected');
    await until('suo motu first appeal', async () => {
      const s = await json(await get(`/api/v1/applications/${n}?mobile=${mobile}`));
      return s.appeals.some(
        (a: { level: string; status: string }) => a.level === 'first' && a.status === 'open',
      )
        ? true
        : undefined;
    });
    await check(
      await post(`/api/v1/applications/${n}/appeal`, { mobile, grounds: 'मेरे पास आय का पूरा प्रमाण है।' }),
      'post',
      appeal,
      {
        request: { mobile, grounds: 'मेरे पास आय का पूरा प्रमाण है।' },
      },
    );
    await check(
      await post(`/api/v1/applications/${n}/appeal`, { mobile, grounds: 'फिर से अपील।' }),
      'post',
      appeal,
    );
    await check(await post(`/api/v1/applications/${n}/appeal`, { grounds: 'फिर से अपील।' }), 'post', appeal);
    await check(
      await post(`/api/v1/applications/${n}/appeal`, { mobile: '9000000001', grounds: 'x' }),
      'post',
      appeal,
    );
    await check(await post(`/api/v1/applications/${n}/appeal?mobile=${mobile}`, '[1]'), 'post', appeal);

    const row = await t.db('applications').where({ number }).first('workflowInput');
    const sdm = (row.workflowInput as { officers: { firstAppealOfficer: { code: string } } }).officers
      .firstAppealOfficer.code;
    const order = { outcome: 'uphold-rejection', remarks: 'अस्वीकृति उचित है।' };
    await check(
      await post(`/api/v1/applications/${n}/appeals/third/decision`, order, t.bearer(sdm)),
      'post',
      decision,
    );
    await check(await post(`/api/v1/applications/${n}/appeals/first/decision`, order), 'post', decision);
    await check(
      await post(`/api/v1/applications/${n}/appeals/first/decision`, order, t.bearer(designated)),
      'post',
      decision,
    );
    await check(
      await post(`/api/v1/applications/${n}/appeals/first/decision`, 'null', t.bearer(sdm)),
      'post',
      decision,
    );
    const decided = await check(
      await post(`/api/v1/applications/${n}/appeals/first/decision`, order, t.bearer(sdm)),
      'post',
      decision,
      { request: order },
    );
    expect(decided.decision.outcome).to.equal('uphold-rejection');
  });

  it('payments: the gateway’s signed callback records a fee once; forged, unknown and double payments are refused', async () => {
    const mobile = '9812345678';
    const submission = {
      service: 'KHS',
      fields: {
        khasraNumber: '112',
        village: 'bhopal-huzur-bilkhiriya-kalan',
        year: 2026,
        samagraId: '123456789',
        mobile,
      },
    };
    const accepted = await check(
      await post('/api/v1/applications', submission),
      'post',
      '/api/v1/applications',
      {
        request: submission,
      },
    );
    const number = accepted.applicationNumber as string;
    const awaiting = await until('awaiting payment', async () => {
      const s = await json(await get(`/api/v1/applications/${dashed(number)}?mobile=${mobile}`));
      return s.status === 'awaiting-payment' ? s : undefined;
    });
    const payment = await t.db('payments').where({ applicationNumber: number }).first('orderId');
    const callback: PaymentCallback = {
      orderId: payment.orderId as string,
      paymentId: 'PAY-CONTRACT-1',
      amountPaise: awaiting.payment.amountPaise as number,
      status: 'paid',
      timestamp: Date.now(),
    };
    const path = '/api/v1/payments/callback';
    const signed = (c: PaymentCallback, secret = t.config.paymentGatewaySecret) => ({
      'x-gateway-signature': signCallback(c, secret),
    });
    await check(
      await post('/api/v1/payments/callback', callback, signed(callback, 'not-the-secret')),
      'post',
      path,
    );
    await check(await post('/api/v1/payments/callback', callback), 'post', path);
    await check(await post('/api/v1/payments/callback', '{"orderId":', signed(callback)), 'post', path);
    const unknown = { ...callback, orderId: 'JS-KHS-2026-999999' };
    await check(await post('/api/v1/payments/callback', unknown, signed(unknown)), 'post', path);
    const recorded = await check(
      await post('/api/v1/payments/callback', callback, signed(callback)),
      'post',
      path,
      {
        request: callback,
      },
    );
    expect(recorded.status).to.equal('recorded');
    const replay = { ...callback, timestamp: Date.now() };
    expect((await check(await post(path, replay, signed(replay)), 'post', path)).status).to.equal(
      'already-recorded',
    );
    const other = { ...callback, paymentId: 'PAY-CONTRACT-2', timestamp: Date.now() };
    expect((await check(await post(path, other, signed(other)), 'post', path)).error.code).to.equal(
      'already_paid',
    );
  });

  it('complaints: subjects, schemes, registration, lists, actions, the citizen’s reply and feedback, attachments', async () => {
    const agent = t.bearer(await staffWith('agent_181'));
    const designated = await staffWith('designated_officer', 'bhopal-huzur');
    const subjects = await check(
      await get('/api/v1/complaint-subjects?department=energy'),
      'get',
      '/api/v1/complaint-subjects',
    );
    expect(subjects.subjects.length).to.be.greaterThan(0);
    const schemes = await check(
      await get(`/api/v1/schemes?q=${encodeURIComponent('लाड़ली')}`),
      'get',
      '/api/v1/schemes',
    );
    expect(schemes.schemes.length).to.be.greaterThan(0);

    const mobile = '9876501234';
    const call = {
      channel: 'agent-181',
      callType: 'complaint',
      citizen: { name: 'रामलाल अहिरवार', mobile },
      place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
      subject: subjects.subjects[0].code as string,
      description: 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया',
    };
    const register = '/api/v1/complaints';
    await check(await post(register, call), 'post', register);
    await check(await post(register, call, t.bearer(designated)), 'post', register);
    const incomplete = await check(
      await post(register, { ...call, channel: 'web', description: 'छोटा' }),
      'post',
      register,
    );
    expect(incomplete.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['description']);
    const registered = await check(await post(register, call, agent), 'post', register, { request: call });
    const number = registered.complaintNumber as string;
    const n = dashed(number);
    const repeat = await check(await post(register, call, agent), 'post', register, { request: call });
    expect(repeat.duplicateOf).to.equal(number);
    const information = {
      callType: 'information',
      schemeCode: schemes.schemes[0].code as string,
      citizen: { name: 'सीता बाई', mobile: '9822200000' },
      place: { district: 'vidisha' },
    };
    expect(
      (await check(await post(register, information), 'post', register, { request: information })).answer.hi,
    ).to.be.a('string');

    const view = await until('assigned', async () => {
      const s = await json(await get(`/api/v1/complaints/${n}?mobile=${mobile}`));
      return s.assignedTo ? s : undefined;
    });
    const l1 = view.assignedTo as string;
    await check(await get(`/api/v1/complaints/${n}?mobile=${mobile}`), 'get', '/api/v1/complaints/{number}');
    await check(await get(`/api/v1/complaints/${n}?mobile=9000000001`), 'get', '/api/v1/complaints/{number}');
    await check(await get(`/api/v1/complaints/${n}`), 'get', '/api/v1/complaints/{number}');
    await check(
      await get(`/api/v1/complaints/${n}`, { authorization: 'Bearer not-a-token' }),
      'get',
      '/api/v1/complaints/{number}',
    );

    const mine = await check(
      await get('/api/v1/complaints?mine=1', t.bearer(l1)),
      'get',
      '/api/v1/complaints',
    );
    expect(mine.complaints.map((c: { number: string }) => c.number)).to.include(number);
    await check(
      await get('/api/v1/complaints?district=bhopal&breached=false', agent),
      'get',
      '/api/v1/complaints',
    );
    await check(await get('/api/v1/complaints'), 'get', '/api/v1/complaints');

    // Attachments: the officer's resolution report.
    const upload = '/api/v1/attachments';
    const bytes = (type: string, b: Buffer, headers: Record<string, string> = {}, query = '') =>
      fetch(url(`/api/v1/attachments${query}`), {
        method: 'POST',
        headers: { 'content-type': type, ...headers },
        body: b,
      });
    const report = Buffer.from('%PDF-1.4\n% resolution report\n');
    await check(await bytes('application/pdf', report), 'post', upload);
    await check(
      await bytes('text/plain', Buffer.from('not a file type we take'), {}, `?mobile=${mobile}`),
      'post',
      upload,
    );
    await check(
      await bytes('application/pdf', Buffer.alloc(2 * 1024 * 1024 + 1, 0x25), {}, `?mobile=${mobile}`),
      'post',
      upload,
    );
    const uploaded = await check(
      await bytes('application/pdf', report, t.bearer(l1), '?name=report.pdf'),
      'post',
      upload,
    );
    const file = (await check(
      await get(`/api/v1/attachments/${uploaded.attachmentId}`, t.bearer(l1)),
      'get',
      '/api/v1/attachments/{id}',
    )) as Buffer;
    expect(file.equals(report)).to.equal(true);
    await check(
      await get(`/api/v1/attachments/${uploaded.attachmentId}?mobile=${mobile}`),
      'get',
      '/api/v1/attachments/{id}',
    );

    // The officer asks, the citizen answers, the officer resolves.
    const act = '/api/v1/complaints/{number}/actions/{action}';
    const reply = '/api/v1/complaints/{number}/reply';
    await check(await post(`/api/v1/complaints/${n}/actions/close`, {}, t.bearer(l1)), 'post', act);
    await check(await post(`/api/v1/complaints/${n}/actions/accept`, {}), 'post', act);
    await check(await post(`/api/v1/complaints/${n}/actions/accept`, {}, t.bearer(designated)), 'post', act);
    await check(await post(`/api/v1/complaints/${n}/actions/accept`, {}, t.bearer(l1)), 'post', act, {
      request: {},
    });
    const ask = { text: 'ट्रांसफार्मर किस जगह पर है?' };
    await check(await post(`/api/v1/complaints/${n}/actions/ask-citizen`, ask, t.bearer(l1)), 'post', act, {
      request: ask,
    });
    await check(await post(`/api/v1/complaints/${n}/reply`, { text: 'स्कूल के पास' }), 'post', reply);
    await check(
      await post(`/api/v1/complaints/${n}/reply`, { mobile: '9000000001', text: 'स्कूल के पास' }),
      'post',
      reply,
    );
    await check(await post(`/api/v1/complaints/${n}/reply`, { mobile, text: 'हाँ' }), 'post', reply);
    const answer = { mobile, text: 'ट्रांसफार्मर स्कूल के पास वाला है।' };
    expect(
      (await check(await post(`/api/v1/complaints/${n}/reply`, answer), 'post', reply, { request: answer }))
        .status,
    ).to.equal('open');
    await check(
      await post(
        `/api/v1/complaints/${n}/actions/resolve`,
        { text: 'Transformer replaced', attachmentId: 'nope' },
        t.bearer(l1),
      ),
      'post',
      act,
    );
    const resolution = {
      text: 'ट्रांसफार्मर बदल दिया गया; बिजली आपूर्ति बहाल।',
      attachmentId: uploaded.attachmentId as string,
    };
    const resolved = await check(
      await post(`/api/v1/complaints/${n}/actions/resolve`, resolution, t.bearer(l1)),
      'post',
      act,
      {
        request: resolution,
      },
    );
    expect(resolved.status).to.equal('resolved');

    const feedback = '/api/v1/complaints/{number}/feedback';
    await check(await post(`/api/v1/complaints/${n}/feedback`, { mobile }), 'post', feedback);
    await check(
      await post(`/api/v1/complaints/${n}/feedback`, { satisfied: true }, t.bearer(l1)),
      'post',
      feedback,
    );
    await check(await post(`/api/v1/complaints/${n}/feedback`, { satisfied: true }), 'post', feedback);
    await check(
      await post(`/api/v1/complaints/${n}/feedback`, { mobile: '9000000001', satisfied: true }),
      'post',
      feedback,
    );
    const satisfied = { mobile, satisfied: true, remarks: 'धन्यवाद, बिजली आ गई।' };
    await check(await post(`/api/v1/complaints/${n}/feedback`, satisfied), 'post', feedback, {
      request: satisfied,
    });
    await check(await post(`/api/v1/complaints/${n}/feedback`, satisfied), 'post', feedback);
  });

  it('grades: the monthly table, and a clear 400 for a bad month', async () => {
    await t.db('complaintGrades').insert({
      month: '2025-01',
      scope: 'district',
      code: 'bhopal',
      score: 87.5,
      grade: 'A',
      components: { satisfaction: 57.5, oldDisposal: 20, lowQuality: 5, nonAttended: 5 },
      counts: {
        closed: 20,
        closedSatisfied: 19,
        lowQuality: 10,
        notAttended: 10,
        oldDisposed: 3,
        oldPending: 0,
      },
      ladderVersion: 1,
    });
    const table = await check(await get('/api/v1/grades?month=2025-01'), 'get', '/api/v1/grades');
    expect(table.grades).to.have.length(1);
    expect(table.grades[0].score).to.equal(87.5);
    await check(
      await get('/api/v1/grades?month=2025-13', { 'accept-language': 'hi' }),
      'get',
      '/api/v1/grades',
    );
    await check(await get('/api/v1/grades?month=2025-01&scope=block'), 'get', '/api/v1/grades');
  });

  it('Open311: discovery, services and their definitions, creating and reading service requests', async () => {
    const services = (await check(
      await get('/open311/v2/services.json?lang=hi'),
      'get',
      '/open311/v2/services.{format}',
    )) as { service_code: string }[];
    expect(services.map((s) => s.service_code)).to.include('eng-no-supply');
    await check(await get('/open311/v2/services.xml'), 'get', '/open311/v2/services.{format}');
    await check(
      await get('/open311/v2/services.json?jurisdiction_id=bhopal,sehore'),
      'get',
      '/open311/v2/services.{format}',
    );
    await check(await get('/open311/discovery.json'), 'get', '/open311/discovery.{format}');
    await check(await get('/open311/discovery.xml'), 'get', '/open311/discovery.{format}');
    await check(await get('/open311/discovery.csv'), 'get', '/open311/discovery.{format}');
    const definition = '/open311/v2/services/{code}.{format}';
    await check(
      await get('/open311/v2/services/eng-no-supply.json?jurisdiction_id=bhopal'),
      'get',
      definition,
    );
    await check(await get('/open311/v2/services/eng-no-supply.json'), 'get', definition);
    await check(await get('/open311/v2/services/nope.json?jurisdiction_id=bhopal'), 'get', definition);

    const { key } = await issueApiKey(t.db, 'contract-test', ['open311:post']);
    const requests = '/open311/v2/requests.{format}';
    const request = {
      api_key: key,
      jurisdiction_id: 'bhopal',
      service_code: 'eng-no-supply',
      attribute: { tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
      first_name: 'रामलाल',
      phone: '+91 98765 09999',
      description: 'स्कूल के पास तीन दिन से बिजली नहीं है',
      lat: 23.2599,
      long: 77.4126,
    };
    await check(
      await post('/open311/v2/requests.json', { ...request, api_key: undefined }),
      'post',
      requests,
    );
    await check(
      await post('/open311/v2/requests.json', { ...request, description: 'छोटा' }),
      'post',
      requests,
    );
    await check(
      await post('/open311/v2/requests.json', { ...request, jurisdiction_id: 'nowhere' }),
      'post',
      requests,
    );
    const [created] = (await check(await post('/open311/v2/requests.json', request), 'post', requests, {
      request,
    })) as { service_request_id: string }[];
    const id = created!.service_request_id;

    const listed = (await check(await get('/open311/v2/requests.json'), 'get', requests)) as {
      service_request_id: string;
      lat: number | null;
    }[];
    expect(listed.find((r) => r.service_request_id === id)?.lat).to.equal(23.2599);
    await check(await get('/open311/v2/requests.json?status=pending'), 'get', requests);
    await check(
      await get(`/open311/v2/requests/${id}.json?lang=hi`),
      'get',
      '/open311/v2/requests/{id}.{format}',
    );
    await check(await get(`/open311/v2/requests/${id}.xml`), 'get', '/open311/v2/requests/{id}.{format}');
    await check(
      await get('/open311/v2/requests/CMH-2026-999999.json'),
      'get',
      '/open311/v2/requests/{id}.{format}',
    );
  });

  it('WhatsApp webhook: the verification handshake and signed deliveries', async () => {
    const hook = '/webhooks/whatsapp';
    const verify = (token: string) =>
      get(
        `${hook}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`,
      );
    expect(await check(await verify(t.config.whatsappVerifyToken), 'get', hook)).to.equal('1158201444');
    await check(await verify('not-the-token'), 'get', hook);

    const signed = (raw: string, secret = t.config.whatsappAppSecret) =>
      fetch(url(hook), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
        },
        body: raw,
      });
    const delivery = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000000',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '911234567890',
                  phone_number_id: t.config.whatsappPhoneNumberId,
                },
                statuses: [{ id: 'wamid.unknown-to-us', status: 'delivered', timestamp: '1767225600' }],
              },
            },
          ],
        },
      ],
    };
    const raw = JSON.stringify(delivery);
    await check(await signed(raw, 'not-the-secret'), 'post', hook);
    await check(await signed('{"object":'), 'post', hook);
    const receipt = await check(await signed(raw), 'post', hook, { request: delivery });
    expect(receipt).to.deep.equal({ received: 0, new: 0, statuses: 1 });
  });

  it('SMS delivery reports: the gateway’s key, a clear 400, unknown messages named', async () => {
    const path = '/api/v1/sms/delivery-reports';
    const gateway = { authorization: `Bearer ${t.config.smsGatewayKey}` };
    const reports = { reports: [{ id: 'sms_not_ours', status: 'delivered', at: '2026-12-02T10:15:00Z' }] };
    await check(await post(path, reports, { authorization: 'Bearer not-the-key' }), 'post', path);
    const bad = await check(
      await post(
        path,
        { reports: [{ id: 'sms_1', status: 'lost', at: 'x' }] },
        { ...gateway, 'accept-language': 'hi' },
      ),
      'post',
      path,
    );
    expect(bad.error.details[0].field).to.equal('reports[0].status');
    const result = await check(await post(path, reports, gateway), 'post', path, { request: reports });
    expect(result.unknown).to.deep.equal(['sms_not_ours']);
  });

  // Last: counts what the cases above exercised, so a new operation cannot go untested.
  it('exercised every documented operation: a success, and an error wherever one is documented', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${path}`;
        const seen = [...(contract.exercised.get(key) ?? [])];
        if (!seen.some((s) => s < 400)) missing.push(`${key}: no success`);
        const errors = Object.keys(op.responses).filter((s) => s.startsWith('4'));
        if (errors.length > 0 && !seen.some((s) => s >= 400 && s < 500)) {
          missing.push(`${key}: none of its errors (${errors.join(', ')})`);
        }
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
