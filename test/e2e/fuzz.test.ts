// Bad input against the real stack, two ways, and not one 5xx: fast-check throws arbitrary bodies,
// headers and query strings at every POST operation of /api/openapi.json, and schemathesis (the
// schema-driven fuzzer, from PyPI into .tools/venv-schemathesis) generates examples, boundary
// cases and fuzzed requests for every operation of the document, as an admin. Afterwards the HTTP
// server must still be the same process (an unhandled rejection or uncaught exception would have
// killed it: Node's default) and its own metrics must count no 5xx answer. Needs `npm run build`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import fc from 'fast-check';
import { projectRoot } from '../../lib/paths';
import type { OpenApiDocument } from '../../server/openapi/document';
import { startTestStack, type TestStack } from '../helpers/stack';

const run = promisify(execFile);
const ST = path.join(projectRoot, '.tools', 'venv-schemathesis', 'bin', 'st');
/** Runs per POST operation of the property test (15 operations: over 2000 requests). */
const RUNS_PER_OPERATION = 150;

/** The parts of schemathesis's JSON run report (`--report json`) the test reads. */
interface SchemathesisReport {
  schemathesis_version: string;
  running_time: number;
  operations: { total: number; tested: number };
  test_cases: { generated: number; with_failures: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: unknown[];
}

/** Server-side 5xx answers so far, from the server's own request histogram. */
async function serverErrors(t: TestStack): Promise<number> {
  const text = await (await fetch(`${t.config.publicUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^jansetu_http_request_duration_seconds_count\{[^}]*status="5\d\d"[^}]*\} (\d+)/.exec(line);
    if (m) total += Number(m[1]);
  }
  return total;
}

/** Each `{param}` of a path template filled in: a real-looking value or arbitrary text. */
const pathValue = fc.oneof(
  fc.constantFrom(
    'LSG-INC-2026-000001',
    'CMH-2026-000001',
    'JS-INC-2026-000001-1',
    'approve',
    'first',
    'json',
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('..', '%2e%2e', '%00', 'LSG%2FINC%2F2026%2F000001', 'x'.repeat(3000)),
);

/** A body: JSON of any shape, text that is not JSON, huge or odd Unicode strings. */
const bodies = (example: unknown) =>
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.dictionary(fc.string(), fc.jsonValue()).map((v) => JSON.stringify(v)),
    // A documented example with one member changed to something arbitrary, or one added.
    fc
      .tuple(fc.constantFrom('x', ...Object.keys(example ?? {})), fc.jsonValue(), fc.boolean())
      .map(([key, value, add]) =>
        JSON.stringify({ ...(example as object), [add ? `${key}_extra` : key]: value }),
      ),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('{', '[]', 'null', '"x"', '{"__proto__":{"admin":true}}', '{"a":'.repeat(500)),
    fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 5000 }).map((s) => JSON.stringify({ text: s })),
  );

describe('Bad input: fuzzing the real stack finds no 5xx', function () {
  this.timeout(600_000);
  let t: TestStack;
  let doc: OpenApiDocument;
  let serverPid: number | undefined;
  let admin: { authorization: string };

  before(async function () {
    if (!fs.existsSync(ST))
      await run('bash', [path.join(projectRoot, 'scripts', 'setup.sh'), 'schemathesis']);
    t = await startTestStack('fuzz');
    doc = (await (await fetch(`${t.config.publicUrl}/api/openapi.json`)).json()) as OpenApiDocument;
    serverPid = t.stack.faults.pid('server');
    admin = t.bearer('MP-PSM-0001');
  });
  after(async () => {
    await t?.stop();
  });

  it('answers arbitrary bodies, headers and query strings on every POST operation without a 5xx (fast-check)', async () => {
    const posts = Object.entries(doc.paths).flatMap(([template, item]) =>
      item.post ? [{ template, op: item.post }] : [],
    );
    expect(posts.length).to.be.greaterThan(10);
    let requests = 0;
    const started = Date.now();
    for (const { template, op } of posts) {
      const example = Object.values(op.requestBody?.content['application/json']?.examples ?? {})[0]?.value;
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: 3, maxLength: 3 }),
          bodies(example),
          fc.constantFrom(
            'application/json',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'text/plain',
            'multipart/form-data; boundary=x',
            '',
          ),
          fc.constantFrom(
            '',
            'mobile=9876543210',
            'mobile=12',
            'lang=hi',
            'api_key=jsk_x',
            'mobile[]=1&mobile=2',
          ),
          fc.boolean(),
          fc.string({ maxLength: 120 }),
          async (params, body, type, query, asAdmin, idempotencyKey) => {
            let i = 0;
            const url = `${t.config.publicUrl}${template.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++ % 3]!))}`;
            const headers: Record<string, string> = { 'accept-language': 'hi' };
            if (type) headers['content-type'] = type;
            if (asAdmin) Object.assign(headers, admin);
            if (/^[\x20-\x7e]*$/.test(idempotencyKey)) headers['idempotency-key'] = idempotencyKey;
            const res = await fetch(`${url}${query ? `?${query}` : ''}`, { method: 'POST', headers, body });
            await res.arrayBuffer();
            requests += 1;
            if (res.status >= 500)
              throw new Error(`${res.status} from POST ${url} with ${body.slice(0, 300)}`);
          },
        ),
        { numRuns: RUNS_PER_OPERATION, seed: 20261129 },
      );
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `      fast-check: ${requests} requests on ${posts.length} POST operations in ${seconds.toFixed(1)} s`,
    );
    expect(requests).to.be.at.least(2000);
    expect(await serverErrors(t)).to.equal(0);
    expect(t.stack.faults.pid('server')).to.equal(serverPid);
  });

  it('survives schemathesis on every operation of the OpenAPI document with not one server error', async () => {
    const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-schemathesis-'));
    const report = path.join(reportDir, 'report.json');
    const args = [
      'run',
      `${t.config.publicUrl}/api/openapi.json`,
      '--checks',
      'not_a_server_error',
      '--max-examples',
      '40',
      '--max-time',
      '150',
      '--workers',
      '2',
      '--seed',
      '20261129',
      '--no-shrink',
      '--phases',
      'examples,coverage,fuzzing',
      '--suppress-health-check',
      'all',
      '--request-timeout',
      '20',
      '-H',
      `Authorization: ${admin.authorization}`,
      '--report',
      'json',
      '--report-json-path',
      report,
    ];
    const result = await run(ST, args, {
      cwd: reportDir, // its .schemathesis/ (replay data) stays out of the project
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((err: { stdout?: string; stderr?: string }) => err);
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    expect(fs.existsSync(report), output.slice(-4000)).to.equal(true);
    const summary = JSON.parse(fs.readFileSync(report, 'utf8')) as SchemathesisReport;
    const failures = summary.failures.map(
      (f) => `${f.code} ${f.title} ×${f.count}: ${f.operations.join(', ')}`,
    );
    console.log(
      `      schemathesis ${summary.schemathesis_version}: ${summary.test_cases.generated} test cases on ` +
        `${summary.operations.tested} of ${summary.operations.total} operations in ${summary.running_time.toFixed(0)} s; ` +
        `${summary.test_cases.with_failures} with failures, ${summary.errors.length} errors`,
    );
    expect(summary.operations.tested).to.equal(summary.operations.total);
    expect(summary.test_cases.generated).to.be.at.least(500);
    expect(failures, output.slice(-6000)).to.deep.equal([]);
    expect(summary.errors, output.slice(-6000)).to.deep.equal([]);
    fs.rmSync(reportDir, { recursive: true, force: true }); // kept on failure, for `st replay` there
    expect(await serverErrors(t)).to.equal(0);
    expect(t.stack.faults.pid('server')).to.equal(serverPid);
  });
});
