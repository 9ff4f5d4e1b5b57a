// SMS and WhatsApp delivery from the message outbox, on real PostgreSQL. Dispatchers run in this
// process against a database of their own on the stack's PostgreSQL (so the stack's worker does
// not take their rows) and an in-process stand-in gateway; then the real stack: its worker is
// killed with SIGKILL mid-dispatch and, restarted by the start command's supervisor, finishes
// the job with every message at the gateway exactly once. Needs `npm run build` (the stack).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { createKnex, type Db } from '../../db/knex';
import { migrateAndSeed } from '../../db/migrate';
import { alive } from '../../lib/child-process';
import { createLogger } from '../../lib/logger';
import { recordDeliveryStatus } from '../../lib/messaging/delivery-status';
import {
  createOutboxDispatcher,
  type DispatcherOptions,
  type OutboxDispatcher,
} from '../../lib/messaging/dispatcher';
import type { MessageProvider } from '../../lib/messaging/provider';
import { createSmsGateway } from '../../lib/messaging/sms-gateway';
import { createWhatsAppCloud } from '../../lib/messaging/whatsapp-cloud';
import { startStandIns, type StandInPart, type StandInServer } from '../../lib/stand-ins/server';
import {
  createSmsGatewayStandIn,
  type SmsStandIn,
  type StandInSms,
  type StandInSmsRequest,
} from '../../lib/stand-ins/sms';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

const KEY = 'outbox-test-key';
const quiet = createLogger('outbox-test', 'silent');

interface OutboxRow {
  id: number;
  dedupeKey: string;
  status: string;
  attempts: number;
  providerId: string | null;
  lastError: string | null;
  deliveryStatus: string | null;
  deliveredAt: Date | null;
  recipientMobile: string | null;
}

/** Outbox rows as the activities write them: one per dedupe key, both languages. */
async function enqueue(
  db: Db,
  keys: string[],
  extra: (key: string, i: number) => Record<string, unknown> = (_, i) => ({
    recipientMobile: `98${String(i).padStart(8, '0')}`,
  }),
): Promise<void> {
  const rows = keys.map((key, i) => ({
    dedupeKey: key,
    template: 'test',
    params: JSON.stringify({ i }),
    bodyHi: `जन सेतु: परीक्षण संदेश ${i}`,
    bodyEn: `Jan Setu: test message ${i}`,
    ...extra(key, i),
  }));
  for (let i = 0; i < rows.length; i += 500) await db('outboxMessages').insert(rows.slice(i, i + 500));
}

const rowsLike = (db: Db, prefix: string): Promise<OutboxRow[]> =>
  db('outboxMessages').where('dedupeKey', 'like', `${prefix}%`).orderBy('id');

const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const ms = (iso: string) => new Date(iso).getTime();

describe('the message outbox: SMS and WhatsApp delivery (real PostgreSQL)', function () {
  this.timeout(300_000);
  let t: TestStack;
  let db: Db; // the in-process dispatchers' own database on the stack's PostgreSQL
  let dbUrl: string;
  let standIns: StandInServer;
  let sms: SmsStandIn;
  const whatsappSends: { path: string; body: Record<string, unknown> }[] = [];

  const providers = (): Record<'sms' | 'whatsapp', MessageProvider> => ({
    sms: createSmsGateway({ baseUrl: `${standIns.url}/sms`, apiKey: KEY, senderId: 'JANSTU' }),
    whatsapp: createWhatsAppCloud({
      apiUrl: `${standIns.url}/graph/v21.0`,
      phoneNumberId: '100000000000001',
      accessToken: 'test-wa-token',
    }),
  });
  const dispatcher = (options: Partial<DispatcherOptions> = {}): OutboxDispatcher =>
    createOutboxDispatcher({
      db,
      logger: quiet,
      providers: providers(),
      pollIntervalMs: 25,
      backoffBaseMs: 300,
      claimMs: 5_000,
      ...options,
    });
  const control = (p: string) => fetch(`${standIns.url}/sms/_control${p}`, { method: 'POST' });
  const requestsFor = (key: string) => sms.requests().filter((r) => r.idempotencyKey === key);

  /** Runs dispatchers until `done`, then stops them (draining their sends). */
  async function runUntil(dispatchers: OutboxDispatcher[], what: string, done: () => Promise<boolean>) {
    for (const d of dispatchers) d.start();
    try {
      await until(what, async () => ((await done()) ? true : undefined), 60_000);
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
    }
  }

  before(async () => {
    t = await startTestStack('outbox');
    await t.db.raw('create database outbox_dispatch');
    const url = new URL(t.config.embeddedDatabaseUrl);
    url.pathname = '/outbox_dispatch';
    dbUrl = url.toString();
    db = createKnex(dbUrl, 4);
    await migrateAndSeed(db, quiet);
    sms = createSmsGatewayStandIn({ apiKey: KEY, reportDelayMs: null });
    // The WhatsApp Cloud API's send endpoint, just enough of it for the adapter.
    const whatsapp: StandInPart = {
      prefix: '/graph',
      handle(req) {
        const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
        whatsappSends.push({ path: req.path, body });
        return {
          status: 200,
          body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.test${whatsappSends.length}` }] },
        };
      },
    };
    standIns = await startStandIns({ parts: [sms, whatsapp] });
  });

  after(async () => {
    await standIns?.close();
    await db?.destroy();
    await t?.stop();
  });

  beforeEach(() => control('/reset'));

  it('sends once through a gateway that fails, then succeeds: attempts > 1, the backoff respected', async () => {
    await control('/fail-next?count=2');
    await enqueue(db, ['retry:0']);
    await runUntil(
      [dispatcher()],
      'the message sent',
      async () => (await rowsLike(db, 'retry:'))[0]?.status === 'sent',
    );

    const [row] = await rowsLike(db, 'retry:');
    expect(row).to.include({ status: 'sent', attempts: 3, lastError: null, deliveryStatus: 'queued' });
    const requests = requestsFor('retry:0');
    expect(requests.map((r) => r.status)).to.deep.equal([503, 503, 202]);
    // base 300 ms, doubling: the 2nd try ≥ 300 ms after the 1st, the 3rd ≥ 600 ms after the 2nd
    expect(ms(requests[1]!.at) - ms(requests[0]!.at)).to.be.at.least(300);
    expect(ms(requests[2]!.at) - ms(requests[1]!.at)).to.be.at.least(600);
    const stored = sms.messages().filter((m) => m.idempotencyKey === 'retry:0');
    expect(stored).to.have.length(1);
    expect(stored[0]!.id).to.equal(row!.providerId);
    expect(stored[0]!.text).to.equal('जन सेतु: परीक्षण संदेश 0\nJan Setu: test message 0');
  });

  it('marks a message failed with the last error once its attempts are used up', async () => {
    await control('/fail-next?count=100');
    await enqueue(db, ['exhausted:0']);
    await runUntil(
      [dispatcher({ maxAttempts: 3, backoffBaseMs: 50 })],
      'the message failed',
      async () => (await rowsLike(db, 'exhausted:'))[0]?.status === 'failed',
    );
    const [row] = await rowsLike(db, 'exhausted:');
    expect(row).to.include({ status: 'failed', attempts: 3, providerId: null });
    expect(row!.lastError).to.match(/SMS gateway answered 503/);
    expect(requestsFor('exhausted:0')).to.have.length(3);
    expect(sms.messages()).to.have.length(0);
  });

  it('never sends a row twice with two dispatchers on one database', async () => {
    await control('/delay?ms=20');
    const n = 200;
    await enqueue(db, keys('pair:', n));
    const sentBy = [0, 0];
    const counting = (which: number): DispatcherOptions['providers'] => {
      const real = providers().sms;
      return {
        sms: {
          channel: 'sms',
          send: (m) => {
            sentBy[which]! += 1;
            return real.send(m);
          },
        },
      };
    };
    // Separate pools: separate connections and transactions, as two worker processes have.
    const db2 = createKnex(dbUrl, 4);
    try {
      const first = dispatcher({ batchSize: 5, providers: counting(0) });
      const second = createOutboxDispatcher({
        db: db2,
        logger: quiet,
        providers: counting(1),
        batchSize: 5,
        pollIntervalMs: 25,
      });
      await runUntil([first, second], 'every row sent', async () =>
        (await rowsLike(db, 'pair:')).every((r) => r.status === 'sent'),
      );
    } finally {
      await db2.destroy();
    }
    const requests = sms.requests().filter((r) => r.idempotencyKey?.startsWith('pair:'));
    expect(requests, 'send requests: one per row, none repeated').to.have.length(n);
    expect(new Set(requests.map((r) => r.idempotencyKey)).size).to.equal(n);
    expect(sentBy[0]! + sentBy[1]!).to.equal(n);
    expect(sentBy[0], 'the first dispatcher sent some').to.be.greaterThan(0);
    expect(sentBy[1], 'the second dispatcher sent some').to.be.greaterThan(0);
    const rows = await rowsLike(db, 'pair:');
    expect(rows.every((r) => r.attempts === 1)).to.equal(true);
  });

  it('re-sends a message whose claim expired with the same key: the gateway keeps it once', async () => {
    // A worker died after the gateway took the message and before it recorded the answer.
    const first = await providers().sms.send({
      idempotencyKey: 'expired:0',
      mobile: '9800000000',
      bodyHi: 'जन सेतु: परीक्षण संदेश 0',
      bodyEn: 'Jan Setu: test message 0',
    });
    await enqueue(db, ['expired:0'], () => ({
      recipientMobile: '9800000000',
      status: 'sending',
      attempts: 1,
      claimedUntil: db.raw("now() - interval '1 second'"),
      nextAttemptAt: db.raw("now() - interval '1 second'"),
    }));
    await runUntil(
      [dispatcher()],
      'the message sent',
      async () => (await rowsLike(db, 'expired:'))[0]?.status === 'sent',
    );
    const [row] = await rowsLike(db, 'expired:');
    expect(row).to.include({ status: 'sent', attempts: 2, providerId: first.providerId });
    expect(sms.messages()).to.have.length(1);
    expect(sms.messages()[0]!.requests).to.equal(2);
  });

  it("sends officers' messages to the officer's mobile, and fails at once when there is none", async () => {
    await db('officers').where({ code: 'MP-PSM-0005' }).update({ mobile: null });
    await enqueue(db, ['officer:0', 'officer:1', 'officer:2'], (key) => ({
      recipientMobile: null,
      officerCode: { 'officer:0': 'MP-PSM-0003', 'officer:1': 'MP-PSM-0005', 'officer:2': 'MP-NOBODY' }[key],
    }));
    await runUntil([dispatcher()], 'all settled', async () =>
      (await rowsLike(db, 'officer:')).every((r) => r.status === 'sent' || r.status === 'failed'),
    );
    const [withMobile, without, unknown] = await rowsLike(db, 'officer:');
    expect(withMobile).to.include({ status: 'sent', attempts: 1 });
    expect(sms.messages().map((m) => m.to)).to.deep.equal(['+919000000003']);
    expect(without).to.include({ status: 'failed', attempts: 1, lastError: 'no mobile' });
    expect(unknown).to.include({ status: 'failed', attempts: 1, lastError: 'no mobile' });
  });

  it("sends rows marked 'whatsapp' through the WhatsApp Cloud API, not as SMS", async () => {
    await enqueue(db, ['wa:0'], () => ({ recipientMobile: '9812345678', channel: 'whatsapp' }));
    await runUntil(
      [dispatcher()],
      'the message sent',
      async () => (await rowsLike(db, 'wa:'))[0]?.status === 'sent',
    );
    const [row] = await rowsLike(db, 'wa:');
    const send = whatsappSends.at(-1)!;
    expect(row!.providerId).to.equal(`wamid.test${whatsappSends.length}`);
    expect(send.path).to.equal('/v21.0/100000000000001/messages');
    expect(send.body).to.deep.include({ to: '919812345678', type: 'text', biz_opaque_callback_data: 'wa:0' });
    expect(sms.requests()).to.have.length(0);
  });

  it('gives up on a message whose claims keep expiring (its sender keeps dying)', async () => {
    await enqueue(db, ['poison:0'], () => ({
      recipientMobile: '9800000001',
      status: 'sending',
      attempts: 5, // max 3, two crash recoveries allowed: this claim is the sixth
      nextAttemptAt: db.raw("now() - interval '1 second'"),
    }));
    await runUntil([dispatcher({ maxAttempts: 3 })], 'the message failed', async () =>
      ['failed', 'sent'].includes((await rowsLike(db, 'poison:'))[0]!.status),
    );
    const [row] = await rowsLike(db, 'poison:');
    expect(row).to.include({ status: 'failed', attempts: 6 });
    expect(row!.lastError).to.match(/^abandoned/);
    expect(sms.requests()).to.have.length(0);
  });

  it('drains on stop: sends in flight are recorded, nothing is left sending', async () => {
    await control('/delay?ms=400');
    await enqueue(db, keys('drain:', 5));
    const d = dispatcher();
    d.start();
    await until('a send in flight', async () =>
      (await rowsLike(db, 'drain:')).some((r) => r.status === 'sending') ? true : undefined,
    );
    await d.stop();
    const rows = await rowsLike(db, 'drain:');
    expect(rows.filter((r) => r.status === 'sending')).to.deep.equal([]);
    expect(rows.filter((r) => r.status === 'sent').length).to.be.greaterThan(0);
    await runUntil([dispatcher()], 'the rest sent', async () =>
      (await rowsLike(db, 'drain:')).every((r) => r.status === 'sent'),
    );
    expect(sms.requests()).to.have.length(5);
  });

  it('records delivery reports forward only: read before delivered stays read; unknown ids are named', async () => {
    await enqueue(db, ['report:0']);
    await runUntil(
      [dispatcher()],
      'the message sent',
      async () => (await rowsLike(db, 'report:'))[0]?.status === 'sent',
    );
    const [sent] = await rowsLike(db, 'report:');
    const readAt = new Date('2026-12-02T10:00:05Z');
    expect(await recordDeliveryStatus(db, sent!.providerId!, 'read', readAt)).to.equal('updated');
    expect(
      await recordDeliveryStatus(db, sent!.providerId!, 'delivered', new Date('2026-12-02T10:00:02Z')),
    ).to.equal('stale');
    expect(await recordDeliveryStatus(db, 'sms_nobody', 'delivered', readAt)).to.equal('unknown');
    const [row] = await rowsLike(db, 'report:');
    expect(row).to.include({ deliveryStatus: 'read' });
    expect(row!.deliveredAt!.toISOString()).to.equal(readAt.toISOString());
  });

  describe('on the real stack', () => {
    const gateway = (p: string, method = 'GET') =>
      fetch(`${t.config.smsGatewayUrl}/_control${p}`, { method });

    it('takes delivery reports only with the gateway key, and says what is wrong in both languages', async () => {
      const report = { reports: [{ id: 'sms_nobody', status: 'delivered', at: '2026-12-02T10:00:00Z' }] };
      const noKey = await t.post('/sms/delivery-reports', report, { authorization: 'Bearer wrong' });
      expect(noKey.status).to.equal(401);
      const key = { authorization: `Bearer ${t.config.smsGatewayKey}` };
      const bad = await t.post(
        '/sms/delivery-reports',
        { reports: [{ id: 'x', status: 'lost', at: 'soon' }] },
        key,
      );
      expect(bad.status).to.equal(400);
      const problem = (await json(bad)).error;
      expect(problem.messages.hi).to.match(/डिलीवरी रिपोर्ट/);
      expect(problem.details[0].field).to.equal('reports[0].status');
      const ok = await t.post('/sms/delivery-reports', report, key);
      expect(ok.status).to.equal(200);
      expect(await json(ok)).to.deep.equal({ updated: 0, stale: 0, unknown: ['sms_nobody'] });
    });

    it('survives kill -9 of the worker mid-dispatch: every message at the gateway exactly once, all sent', async () => {
      const n = 300;
      await gateway('/reset', 'POST');
      await gateway('/delay?ms=150', 'POST'); // a slow gateway: sends are in flight when the worker dies
      await enqueue(t.db, keys('crash:', n));
      await until('some messages sent', async () => {
        const sent = (await rowsLike(t.db, 'crash:')).filter((r) => r.status === 'sent').length;
        return sent >= 30 ? sent : undefined;
      });

      const pidFile = path.join(t.config.dataDir, 'run', 'worker.pid');
      const killed = Number(fs.readFileSync(pidFile, 'utf8'));
      process.kill(killed, 'SIGKILL');
      // The snapshot of what was in flight is taken once the worker is gone and PostgreSQL has run
      // any statement it had already sent (a send finished just before the kill must not count).
      await until('the worker dead', () => Promise.resolve(alive(killed) ? undefined : true));
      await new Promise((r) => setTimeout(r, 500));
      const atKill = await rowsLike(t.db, 'crash:');
      const sendingAtKill = atKill.filter((r) => r.status === 'sending').length;
      expect(sendingAtKill, 'rows claimed and in flight when the worker died').to.be.greaterThan(0);
      expect(atKill.filter((r) => r.status === 'sent').length, 'not all sent before the kill').to.be.lessThan(
        n,
      );

      const restarted = await until('the supervisor restarting the worker', () => {
        const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
        return Promise.resolve(pid && pid !== killed ? pid : undefined);
      });
      expect(restarted).to.not.equal(killed);
      await gateway('/delay?ms=0', 'POST');
      await until(
        'every message sent after the restart (claims of the dead worker expire after 30 s)',
        async () => ((await rowsLike(t.db, 'crash:')).every((r) => r.status === 'sent') ? true : undefined),
        150_000,
      );

      const messages = ((await json(await gateway('/messages'))).messages as StandInSms[]).filter((m) =>
        m.idempotencyKey?.startsWith('crash:'),
      );
      expect(messages, 'messages the gateway took').to.have.length(n);
      expect(new Set(messages.map((m) => m.idempotencyKey)).size, 'distinct idempotency keys').to.equal(n);
      const rows = await rowsLike(t.db, 'crash:');
      const idByKey = new Map(messages.map((m) => [m.idempotencyKey, m.id]));
      for (const row of rows) expect(row.providerId, row.dedupeKey).to.equal(idByKey.get(row.dedupeKey));
      // The dead worker's in-flight sends were sent again with their keys, and the gateway kept one each.
      const requests = ((await json(await gateway('/requests'))).requests as StandInSmsRequest[]).filter(
        (r) => r.idempotencyKey?.startsWith('crash:') && r.status < 300,
      );
      // Whether a dead worker's request had reached the gateway before the kill is a race; what
      // must hold either way: every row in flight at the kill was claimed again (attempts 2) once
      // its claim expired, and a repeat that did reach the gateway was kept once under its key.
      const repeated = messages.filter((m) => m.requests > 1);
      expect(requests.length).to.equal(n + repeated.reduce((s, m) => s + m.requests - 1, 0));
      const sentAgain = rows.filter((r) => r.attempts === 2).length;
      expect(sentAgain, 'rows claimed again after the crash').to.be.at.least(Math.max(1, repeated.length));
      const inFlightAtKill = atKill.filter((r) => r.status === 'sending').map((r) => r.dedupeKey);
      for (const key of inFlightAtKill) {
        expect(rows.find((r) => r.dedupeKey === key)?.attempts, `${key} claimed again`).to.equal(2);
      }

      // The gateway's delivery reports reach the server (or the repeated send's answer tells).
      await until(
        'every message reported delivered',
        async () =>
          (await rowsLike(t.db, 'crash:')).every((r) => r.deliveryStatus === 'delivered') ? true : undefined,
        30_000,
      );
    });
  });
});
