// The audit middleware's rules without the stack: which requests are actions, and that a row that
// cannot be written (PostgreSQL unreachable) leaves the answer as it was, logged and counted.
// test/e2e/audit.test.ts proves the rows themselves on real PostgreSQL.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Knex from 'knex';
import Koa from 'koa';
import { knexSnakeCaseMappers } from 'objection';
import client from 'prom-client';
import { freePort } from '../../lib/free-port';
import type { Logger } from '../../lib/logger';
import { auditLog, isAuditedRequest } from '../../server/audit';

describe('audit log middleware', () => {
  it('counts writes, admin pages and the codec as actions; other reads and preflights not', () => {
    const cases: [string, string, boolean][] = [
      ['POST', '/api/v1/applications/LSG-INC-2026-000001/actions/approve', true],
      ['PUT', '/api/v1/anything', true],
      ['PATCH', '/api/v1/anything', true],
      ['DELETE', '/api/v1/anything', true],
      ['POST', '/staff/signin', true],
      ['GET', '/admin/cases/LSG-INC-2026-000001', true],
      ['GET', '/admin/audit', true],
      ['POST', '/codec/decode', true],
      ['OPTIONS', '/codec/decode', false],
      ['GET', '/admin', false], // the dashboard: aggregate figures only
      ['GET', '/officer', false],
      ['GET', '/api/v1/applications/LSG-INC-2026-000001', false],
    ];
    for (const [method, path, audited] of cases) {
      expect(isAuditedRequest(method, path), `${method} ${path}`).to.equal(audited);
    }
  });

  describe('when PostgreSQL cannot take the row', () => {
    let server: http.Server;
    let base: string;
    let db: Knex.Knex;
    const registry = new client.Registry();
    const failures = new client.Counter({ name: 'audit_failures_test', help: 'test', registers: [registry] });
    const errors: string[] = [];
    const logger = { error: (_obj: unknown, msg: string) => errors.push(msg) } as unknown as Logger;

    before(async () => {
      // Nothing listens on this port: every connection is refused.
      db = Knex({
        client: 'pg',
        connection: { host: '127.0.0.1', port: await freePort(), user: 'nobody', database: 'none' },
        pool: { min: 0, max: 1 },
        acquireConnectionTimeout: 1_000,
        log: {
          warn: () => undefined,
          error: () => undefined,
          deprecate: () => undefined,
          debug: () => undefined,
        },
        ...knexSnakeCaseMappers(),
      });
      const app = new Koa();
      app.use(auditLog({ db, logger, writeFailures: failures }));
      const router = new Router();
      router.post('/api/v1/things/:id/approve', (ctx) => {
        if (ctx.get('x-staff')) ctx.state.actor = { kind: 'staff', code: 'MP-REV-0030', roles: ['admin'] };
        ctx.status = 201;
        ctx.body = { done: true };
      });
      router.get('/api/v1/things/:id', (ctx) => {
        ctx.state.actor = { kind: 'staff', code: 'MP-REV-0030', roles: ['admin'] };
        ctx.body = { id: ctx.params.id };
      });
      app.use(router.routes());
      server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => {
        server.once('listening', () => resolve());
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      server?.close();
      await db?.destroy();
    });

    const count = async () => (await failures.get()).values[0]?.value ?? 0;

    it('answers as the handler did, and logs and counts the lost row', async () => {
      const before = await count();
      const res = await fetch(`${base}/api/v1/things/7/approve`, {
        method: 'POST',
        headers: { 'x-staff': '1' },
      });
      expect(res.status).to.equal(201);
      expect(await res.json()).to.deep.equal({ done: true });
      expect(await count()).to.equal(before + 1);
      expect(errors).to.include('audit log write failed');
    });

    it('writes nothing for a request without an actor, or a staff read of a case', async () => {
      const before = await count();
      expect((await fetch(`${base}/api/v1/things/7/approve`, { method: 'POST' })).status).to.equal(201);
      expect((await fetch(`${base}/api/v1/things/7`)).status).to.equal(200);
      expect(await count()).to.equal(before);
    });
  });
});
