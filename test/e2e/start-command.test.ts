// End to end: the start command's own entry point (dist/bin/start.js) on free ports with a fresh
// data folder, against the real Temporal dev server and real embedded PostgreSQL. Needs `npm run build`.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createKnex, type Db } from '../../db/knex';
import { publishPolicy } from '../../db/policies';
import { freePort } from '../../lib/free-port';
import { distDir } from '../../lib/paths';
import { stateCalendar, type HolidayCalendarPolicy } from '../../lib/policy';
import { workingDaysInYear } from '../../lib/working-days';

interface Ports {
  http: number;
  temporal: number;
  temporalUi: number;
  postgres: number;
  workerMetrics: number;
  paymentGateway: number;
  standIns: number;
}

interface Started {
  process: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startCommand(ports: Ports, dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(ports.http),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
    EMBEDDED_PG_PORT: String(ports.postgres),
    WORKER_METRICS_PORT: String(ports.workerMetrics),
    PAYMENT_GATEWAY_PORT: String(ports.paymentGateway),
    STAND_INS_PORT: String(ports.standIns),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.PAYMENT_GATEWAY_URL;
  delete env.SMS_GATEWAY_URL;
  delete env.WHATSAPP_API_URL;
  delete env.CPGRAMS_URL;
  const child = spawn(process.execPath, [path.join(distDir, 'bin', 'start.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Ctrl-C stops everything')) {
        clearInterval(timer);
        resolve({ process: child, output: () => output, exit });
      }
    }, 100);
    void exit.then((code) => {
      clearInterval(timer);
      reject(new Error(`start command exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the start command, end to end on the real stack', function () {
  this.timeout(240_000);
  let ports: Ports;
  let dataDir: string;
  let running: Started | undefined;
  let db: Db;
  const base = () => `http://127.0.0.1:${ports.http}`;
  const pgUrl = () => `postgres://jansetu:jansetu@127.0.0.1:${ports.postgres}/jansetu`;

  before(async () => {
    ports = {
      http: await freePort(),
      temporal: await freePort(),
      temporalUi: await freePort(),
      postgres: await freePort(),
      workerMetrics: await freePort(),
      paymentGateway: await freePort(),
      standIns: await freePort(),
    };
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-e2e-'));
    fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its folder
    running = await startCommand(ports, dataDir);
    db = createKnex(pgUrl(), 2);
  });

  after(async () => {
    await db?.destroy();
    if (running && running.process.exitCode === null) {
      running.process.kill('SIGINT');
      await running.exit;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs of the app, Temporal (gRPC and Web UI) and PostgreSQL', () => {
    const out = running!.output();
    expect(out).to.contain(`http://127.0.0.1:${ports.http}`);
    expect(out).to.contain(`127.0.0.1:${ports.temporal}`);
    expect(out).to.contain(`http://127.0.0.1:${ports.temporalUi}`);
    expect(out).to.contain(`postgres://jansetu:****@127.0.0.1:${ports.postgres}/jansetu`);
    expect(out).not.to.contain('jansetu:jansetu@');
  });

  it('is ready: /readyz sees PostgreSQL and Temporal, the Web UI answers', async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready', postgres: 'ok', temporal: 'ok' });
    expect((await fetch(`http://127.0.0.1:${ports.temporalUi}/`)).status).to.equal(200);
  });

  it('has loaded the administrative hierarchy: 10 divisions, 55 districts, tehsils and blocks of three', async () => {
    expect(await db('divisions').count({ n: '*' }).first()).to.deep.equal({ n: '10' });
    expect(await db('districts').count({ n: '*' }).first()).to.deep.equal({ n: '55' });
    const withTehsils = await db('districts')
      .whereExists(db('tehsils').whereRaw('tehsils.district_id = districts.id'))
      .whereExists(db('blocks').whereRaw('blocks.district_id = districts.id'))
      .pluck('code');
    expect(withTehsils).to.include.members(['bhopal', 'vidisha', 'indore']);
    const perDivision: { code: string; n: string }[] = await db('districts')
      .join('divisions', 'divisions.id', 'districts.division_id')
      .groupBy('divisions.code')
      .select('divisions.code')
      .count({ n: '*' });
    expect(Object.fromEntries(perDivision.map((r) => [r.code, Number(r.n)]))).to.deep.equal({
      bhopal: 5,
      chambal: 3,
      gwalior: 5,
      indore: 8,
      jabalpur: 9,
      narmadapuram: 3,
      rewa: 6,
      sagar: 6,
      shahdol: 3,
      ujjain: 7,
    });
  });

  it('has officers for every role, each with a jurisdiction', async () => {
    const roles = await db('officer_roles').distinct('role').pluck('role');
    expect(roles).to.include.members([
      'designated_officer',
      'field_officer',
      'first_appeal_officer',
      'second_appellate_authority',
      'complaint_l1',
      'complaint_l2',
      'complaint_l3',
      'complaint_l4',
      'counsellor',
      'agent_181',
      'admin',
    ]);
    // Every tehsil of the detailed districts has a designated officer (the Tehsildar) and a first appeal officer.
    const uncovered = await db('tehsils')
      .whereNotExists(
        db('officer_roles')
          .where('role', 'designated_officer')
          .whereRaw('officer_roles.tehsil_id = tehsils.id'),
      )
      .orWhereNotExists(
        db('officer_roles')
          .where('role', 'first_appeal_officer')
          .whereRaw('officer_roles.tehsil_id = tehsils.id'),
      )
      .pluck('code');
    expect(uncovered).to.be.empty;
  });

  it('has version 1 of the service catalogue, the escalation ladder and the holiday calendar', async () => {
    const rows: { kind: string; version: number; body: unknown }[] = await db('policy_versions').select(
      'kind',
      'version',
      'body',
    );
    expect(rows.map((r) => `${r.kind}@${r.version}`)).to.have.members([
      'service-catalogue@1',
      'escalation-ladder@1',
      'holiday-calendar@1',
    ]);
    const catalogue = rows.find((r) => r.kind === 'service-catalogue')!.body as {
      services: { code: string; timeLimit: { workingDays: number } }[];
    };
    expect(
      Object.fromEntries(catalogue.services.map((s) => [s.code, s.timeLimit.workingDays])),
    ).to.deep.equal({ INC: 3, DOM: 7, KHS: 1, MAP: 1 });
    const calendar = rows.find((r) => r.kind === 'holiday-calendar')!.body as HolidayCalendarPolicy;
    expect(workingDaysInYear(2026, stateCalendar(calendar))).to.equal(238);
  });

  it('answers the API in the asker’s language, with a clear 4xx for bad input', async () => {
    const districts = (await (await fetch(`${base()}/api/v1/districts`)).json()) as { districts: unknown[] };
    expect(districts.districts).to.have.length(55);
    const due = await (
      await fetch(`${base()}/api/v1/districts/bhopal/due-date?from=2026-01-13&days=3`)
    ).json();
    expect(due).to.include({ dueDate: '2026-01-19', holidayCalendarVersion: 1 });

    const bad = await fetch(`${base()}/api/v1/districts/bhopal/due-date?from=13-01-2026&days=3`, {
      headers: { 'Accept-Language': 'hi' },
    });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-language')).to.equal('hi');
    const body = (await bad.json()) as { error: { message: string; details: { field: string }[] } };
    expect(body.error.message).to.equal('इस अनुरोध से नियत तिथि नहीं निकाली जा सकती।');
    expect(body.error.details.map((d) => d.field)).to.deep.equal(['from']);

    const unknown = await fetch(`${base()}/api/v1/districts/atlantis`);
    expect(unknown.status).to.equal(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).to.equal('unknown_district');

    const beyond = await fetch(`${base()}/api/v1/districts/bhopal/due-date?from=2027-12-30&days=5`);
    expect(beyond.status).to.equal(400);
    expect(((await beyond.json()) as { error: { code: string } }).error.code).to.equal('calendar_not_loaded');
  });

  it('exposes Prometheus metrics: the server’s own, and the worker’s with the Temporal SDK’s', async () => {
    const server = await (await fetch(`${base()}/metrics`)).text();
    expect(server).to.contain('jansetu_http_request_duration_seconds_bucket');
    expect(server).to.contain('jansetu_server_process_cpu_seconds_total');
    const worker = await (await fetch(`http://127.0.0.1:${ports.workerMetrics}/metrics`)).text();
    expect(worker).to.contain('jansetu_worker_process_cpu_seconds_total');
    expect(worker).to.match(/^temporal_\w+/m);
  });

  it('stops everything on Ctrl-C, and a second start brings back the same data', async () => {
    await publishPolicy(db, 'escalation-ladder', { marker: 'kept across restarts' }, 'e2e-test', 'marker');
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    const client = new Client({ connection });
    await client.workflow.start('parkedWorkflow', { taskQueue: 'e2e-parked', workflowId: 'e2e-parked-1' });
    await connection.close();
    await db.destroy();

    running!.process.kill('SIGINT');
    expect(await running!.exit).to.equal(0);
    for (const port of Object.values(ports) as number[])
      expect(await portOpen(port), `port ${port} still open`).to.be.false;

    running = await startCommand(ports, dataDir);
    db = createKnex(pgUrl(), 2);
    const marker = await db<{ kind: string; version: number; body: unknown }>('policy_versions')
      .where({ kind: 'escalation-ladder', version: 2 })
      .first();
    expect(marker?.body).to.deep.equal({ marker: 'kept across restarts' });
    expect(await db('officer_roles').count({ n: '*' }).first()).to.deep.equal({
      n: String((await db('officer_roles').distinct('officer_id', 'role', 'scope_key')).length),
    });
    const again = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    const parked = await new Client({ connection: again }).workflow.getHandle('e2e-parked-1').describe();
    expect(parked.status.name).to.equal('RUNNING');
    await again.close();
  });

  it('starts again after the start command itself was killed with SIGKILL (no leftovers in the way)', async () => {
    await db.destroy();
    running!.process.kill('SIGKILL');
    await running!.exit;
    // Its children live on in their own process groups; the next start must clear them.
    expect(await portOpen(ports.http)).to.be.true;

    running = await startCommand(ports, dataDir);
    db = createKnex(pgUrl(), 2);
    expect((await fetch(`${base()}/readyz`)).status).to.equal(200);
    expect(
      await db('policy_versions').where({ kind: 'escalation-ladder' }).max({ v: 'version' }).first(),
    ).to.deep.equal({ v: 2 });
  });
});
