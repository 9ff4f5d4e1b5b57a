// Input hardening on the real stack: bodies held to the OpenAPI document (unknown members and
// wrong types refused by name, in Hindi and English), names NFC-normalised and refused when they
// hide invisible characters, every body size limit answered 413 in the JSON error shape, file
// types read from the bytes, 405 with Allow in the JSON shape, and no request path reaching a
// file outside the fixed lists. Then load shedding (server/overload.ts) on a small app with a tiny
// limit: 429 server_busy with Retry-After, probes exempt, counted. Needs `npm run build`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import client from 'prom-client';
import { demoApiKey } from '../../server/api-keys';
import { errorMiddleware } from '../../server/errors';
import { BUSY_RETRY_AFTER_SECONDS, overloadProtection } from '../../server/overload';
import { staffTokenSecret } from '../../lib/secrets';
import { json, startTestStack, type TestStack } from '../helpers/stack';

/** A GET with the path sent exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: rawPath,
        method: 'GET',
        headers: { accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('Input hardening on the real stack', function () {
  this.timeout(240_000);
  let t: TestStack;
  let base: string;
  const caller = { name: 'रामलाल अहिरवार', mobile: '9876501234' };
  const complaint = (over: Record<string, unknown> = {}) => ({
    callType: 'complaint',
    citizen: caller,
    place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
    subject: 'eng-no-supply',
    description: 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया',
    ...over,
  });

  before(async () => {
    t = await startTestStack('hardening');
    base = t.config.publicUrl;
  });
  after(async () => {
    await t?.stop();
  });

  it('refuses unknown members by name, at any depth, in the asker’s language', async () => {
    const res = await t.post('/complaints', complaint({ foo: 1, citizen: { ...caller, age: 40 } }), {
      'accept-language': 'hi',
    });
    expect(res.status).to.equal(400);
    const body = await json(res);
    expect(body.error.code).to.equal('invalid_fields');
    expect(body.error.message).to.equal('कुछ जानकारी सुधारनी होगी।');
    const details = body.error.details as {
      field: string;
      message: { en: string; hi: string };
      text: string;
    }[];
    expect(details.map((d) => d.field)).to.have.members(['foo', 'citizen.age']);
    const foo = details.find((d) => d.field === 'foo')!;
    expect(foo.message.en).to.equal('Unknown field "foo": remove it.');
    expect(foo.text).to.equal(foo.message.hi);
    // An officer's action and an admin's revocation are closed too.
    const action = await t.post(
      '/applications/LSG-INC-2026-000001/actions/reject',
      { reason: 'No proof of income', because: 'x' },
      t.bearer('MP-REV-0030'),
    );
    expect(action.status).to.equal(400);
    expect((await json(action)).error.details[0].field).to.equal('because');
  });

  it('refuses members of the wrong JSON type by name, and a body that is not an object', async () => {
    const res = await t.post(
      '/complaints',
      complaint({ citizen: { name: 42, mobile: caller.mobile }, place: 'bhopal' }),
    );
    expect(res.status).to.equal(400);
    const fields = (await json(res)).error.details.map((d: { field: string }) => d.field);
    expect(fields).to.have.members(['citizen.name', 'place']);
    for (const notAnObject of [[1, 2], 'text', null]) {
      const r = await t.post('/complaints', notAnObject);
      expect(r.status, JSON.stringify(notAnObject)).to.equal(400);
      expect((await json(r)).error.messages.hi)
        .to.be.a('string')
        .and.not.equal('');
    }
  });

  it('stores names NFC-normalised (क + nukta, e + U+0301) and refuses names hiding invisible characters', async () => {
    const decomposed = 'Rame\u0301sh \u0915\u093C\u093E\u0926\u093F\u0930'; // Ramésh क़ादिर, typed decomposed
    const res = await t.post(
      '/complaints',
      complaint({ citizen: { name: decomposed, mobile: '9876501235' } }),
    );
    expect(res.status).to.equal(201);
    const number = (await json(res)).complaintNumber as string;
    const row = (await t.db('complaints').where({ number }).first()) as { citizenName: string } | undefined;
    expect(row, number).to.exist;
    expect(row!.citizenName).to.equal(decomposed.normalize('NFC'));
    expect(row!.citizenName).to.contain('Ram\u00E9sh');

    for (const hidden of ['\u200B', '\u202E', '\u2066', '\u0007']) {
      const refused = await t.post(
        '/complaints',
        complaint({ citizen: { name: `राम${hidden}लाल`, mobile: '9876501236' } }),
      );
      expect(refused.status, JSON.stringify(hidden)).to.equal(400);
      const error = (await json(refused)).error;
      expect(error.details.map((d: { field: string }) => d.field)).to.deep.equal(['citizen.name']);
      expect(error.details[0].message.hi).to.be.a('string').and.not.equal('');
    }
  });

  it('refuses such a name in a page’s form too, with the reason on the error page', async () => {
    const res = await fetch(`${base}/complain`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ 'citizen.name': 'राम\u200Bलाल', description: 'बिजली नहीं है' }).toString(),
    });
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(await res.text()).to.contain(
      '&#34;citizen.name&#34; contains invisible or direction-changing characters',
    );
  });

  it('answers every oversize body 413 in the JSON error shape, not a stack trace', async () => {
    const huge = JSON.stringify(complaint({ description: 'क'.repeat(300_000) }));
    const res = await fetch(t.api('/complaints'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'hi' },
      body: huge,
    });
    expect(res.status).to.equal(413);
    const error = (await json(res)).error;
    expect(error.code).to.equal('too_large');
    expect(error.messages.en).to.match(/at most 256 kB/);
    expect(error.message).to.equal(error.messages.hi);

    const whatsapp = await fetch(`${base}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(600 * 1024),
    });
    expect(whatsapp.status).to.equal(413);
    expect((await json(whatsapp)).error.code).to.equal('too_large');

    const open311 = await fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: demoApiKey(staffTokenSecret(t.config)),
        description: 'x'.repeat(70_000),
      }).toString(),
    });
    expect(open311.status).to.equal(413);
    expect((await json(open311))[0].code).to.equal(413);

    const form = await fetch(`${base}/complain`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `description=${'x'.repeat(70_000)}`,
    });
    expect(form.status).to.equal(413);
  });

  it('reads a file’s type from its bytes: a “PDF” of PNG bytes is a PNG, EXE bytes are refused, over 2 MB is 413', async () => {
    const upload = (bytes: Buffer, name: string, type = 'application/pdf') =>
      fetch(t.api(`/attachments?mobile=9876501234&name=${encodeURIComponent(name)}`), {
        method: 'POST',
        headers: { 'content-type': type },
        body: bytes,
      });
    const png = await upload(PNG, 'scan.pdf');
    expect(png.status).to.equal(201);
    const stored = await json(png);
    expect(stored.mimeType).to.equal('image/png');
    expect(stored.fileName).to.equal('scan.png');

    const exe = await upload(
      Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]),
      'photo.png',
      'image/png',
    );
    expect(exe.status).to.equal(415);
    expect((await json(exe)).error.code).to.equal('unsupported_type');

    const traversal = await upload(PNG, '../../etc/passwd');
    expect(traversal.status).to.equal(201);
    expect((await json(traversal)).fileName)
      .to.match(/^[\w.-]+\.png$/)
      .and.not.match(/\.\./);

    const big = await upload(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(big.status).to.equal(413);
    expect((await json(big)).error.code).to.equal('too_large');
  });

  it('answers a method a path does not take with 405, an Allow header and the JSON error shape', async () => {
    const put = await fetch(t.api('/complaints'), { method: 'PUT', headers: { 'accept-language': 'hi' } });
    expect(put.status).to.equal(405);
    expect(put.headers.get('allow')).to.contain('POST');
    const error = (await json(put)).error;
    expect(error.code).to.equal('method_not_allowed');
    expect(error.message).to.equal(error.messages.hi);
    const trace = await fetch(`${base}/healthz`, { method: 'TRACE' }).catch(() => null);
    // Some HTTP stacks refuse to send TRACE at all; when it is sent, it is a 405 too.
    if (trace) expect(trace.status).to.equal(405);
  });

  it('never serves a file outside its fixed lists, however the path is written', async () => {
    const attempts = [
      '/static/..%2f..%2fpackage.json',
      '/static/%2e%2e/%2e%2e/package.json',
      '/static/..%5c..%5cpackage.json',
      '/static/%2e%2e%5c%2e%2e%5cpackage.json',
      '/static/fonts/..%2f..%2f..%2fpackage.json',
      '/static//etc/passwd',
      '/static/%2fetc%2fpasswd',
      '/static/site.css%00.js',
      '/static/site.css%00',
      '/static/C:%5cWindows%5cwin.ini',
      '/api/docs/assets/..%2f..%2f..%2fpackage.json',
      '/api/docs/assets/%2e%2e%2fswagger-ui.css',
      '/api/v1/documents/..%2f..%2fpackage.json',
      '/api/v1/attachments/..%2f..%2fpackage.json',
      '/static/../package.json',
      '/../../etc/passwd',
    ];
    for (const p of attempts) {
      const res = await rawGet(base, p);
      expect(res.status, p).to.be.oneOf([400, 404]);
      expect(res.body, p).to.not.contain('"name": "jan-setu"').and.not.contain('root:x:0:0');
    }
    expect((await rawGet(base, '/static/site.css')).status).to.equal(200);
  });

  it('refuses control characters in the address (NUL would reach PostgreSQL) with 400 bad_url', async () => {
    for (const p of [
      '/api/v1/districts/bhopal/due-date?from=%00&days=3',
      '/open311/v2/services/eng-no-supply.json?jurisdiction_id=bhopal%00',
      '/api/v1/complaints/CMH-2026-000001%00?mobile=9876501234',
      '/status?number=%1b%5b31m',
    ]) {
      const res = await rawGet(base, p);
      expect(res.status, p).to.equal(400);
      expect(JSON.parse(res.body).error.code, p).to.equal('bad_url');
    }
  });

  it('exposes the shed-request counter on /metrics', async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).to.match(/^jansetu_http_requests_shed_total 0$/m);
    expect(metrics).to.match(/^jansetu_http_requests_in_flight \d+$/m);
  });
});

describe('Load shedding (server/overload.ts)', function () {
  this.timeout(30_000);

  it('answers beyond MAX_IN_FLIGHT_REQUESTS with 429 server_busy and Retry-After, exempts probes, and counts', async () => {
    const registry = new client.Registry();
    const app = new Koa();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.use(errorMiddleware);
    app.use(overloadProtection({ maxInFlight: 2, registry }));
    app.use(async (ctx) => {
      if (ctx.path === '/slow') await gate;
      ctx.body = { ok: true };
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const slow = [fetch(`${url}/slow`), fetch(`${url}/slow`)];
      await new Promise((r) => setTimeout(r, 200)); // both are in flight now
      const shed = await Promise.all(
        [1, 2, 3].map(() => fetch(`${url}/fast`, { headers: { 'accept-language': 'hi' } })),
      );
      for (const res of shed) {
        expect(res.status).to.equal(429);
        expect(res.headers.get('retry-after')).to.equal(String(BUSY_RETRY_AFTER_SECONDS));
        const error = (await json(res)).error;
        expect(error.code).to.equal('server_busy');
        expect(error.message).to.equal(error.messages.hi);
        expect(error.messages.en).to.contain('busy');
      }
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      expect((await fetch(`${url}/metrics`)).status).to.equal(200);
      release();
      expect((await Promise.all(slow)).map((r) => r.status)).to.deep.equal([200, 200]);
      expect((await fetch(`${url}/fast`)).status).to.equal(200);
      const metrics = await registry.metrics();
      expect(metrics).to.match(/^jansetu_http_requests_shed_total 3$/m);
    } finally {
      release();
      server.close();
    }
  });
});
