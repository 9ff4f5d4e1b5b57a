// A case stored whose workflow never started (intake died between its commit and the start, and
// the caller never retried with its key) is started by the worker's sweep and runs like any
// other; a case merely slow to project is not started twice.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex } from '../../db/knex';
import { connectTemporal, type TemporalClient } from '../../lib/temporal/connection';
import { startStrandedCases } from '../../server/stranded-cases';
import { incomeApplicationFields } from '../helpers/applications';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

describe('stranded cases: stored but never started', function () {
  this.timeout(240_000);
  let t: TestStack;
  let temporal: TemporalClient;

  before(async () => {
    t = await startTestStack('stranded');
    temporal = connectTemporal({ ...t.config, temporalTarget: t.stack.urls.temporal });
  });

  after(async () => {
    await temporal?.connection.close();
    await t?.stop();
  });

  it('starts the workflow of a stored application that has none, once, and it runs to its receipt', async () => {
    const submitted = await t.post('/applications', {
      service: 'INC',
      fields: incomeApplicationFields({ mobile: '9876500001' }),
    });
    expect(submitted.status).to.equal(201);
    const { applicationNumber } = await json(submitted);
    const original = await t.db('applications').where({ number: applicationNumber }).first();

    // The same application stored under a new number with no workflow: what a crash right after
    // intake's commit leaves behind.
    const number = applicationNumber.replace(/\d{6}$/, '999999');
    const { id: _id, ...copy } = original;
    await t.db('applications').insert({
      ...copy,
      number,
      idempotencyKey: null,
      state: null,
      workflowInput: JSON.stringify({ ...original.workflowInput, applicationNumber: number }),
      fields: JSON.stringify(original.fields),
      createdAt: new Date(Date.now() - 10 * 60_000),
    });

    const started = await startStrandedCases(t.db, temporal, 60_000);
    expect(started).to.deep.equal([number]); // not the fresh original, whatever its projection
    const projected = await until(
      'the stranded application to project',
      async () => (await t.db('applications').where({ number }).first('state'))?.state ?? undefined,
      120_000,
    );
    expect(projected.applicationNumber ?? number).to.equal(number);
    await until('its receipt', async () =>
      (await t.db('documents').where({ applicationNumber: number, kind: 'receipt' }).first())
        ? true
        : undefined,
    );
    expect(await startStrandedCases(t.db, temporal, 0)).to.deep.equal([]); // started once only
  });

  it('finds them through an index, not by reading every stored case (it runs every minute)', async () => {
    const db = createKnex(t.config.embeddedDatabaseUrl, 1);
    try {
      const sweeps: { sql: string; bindings: Knex.Value[] }[] = [];
      db.on('query', (q: { sql: string; bindings: Knex.Value[] }) => {
        if (/^select/i.test(q.sql)) sweeps.push(q);
      });
      await startStrandedCases(db, temporal, 60 * 60_000);
      expect(sweeps).to.have.length(2);
      for (const q of sweeps) {
        // A table this small is scanned whatever its indexes; with sequential scans forbidden, the
        // plan shows whether an index can answer the sweep at all (at a million cases it must:
        // scenario 6 of docs/benchmarks.md).
        const plan = await db.transaction(async (trx) => {
          await trx.raw('set local enable_seqscan = off');
          const sql = `explain (format json) ${q.sql.replace(/\$\d+/g, '?')}`;
          return JSON.stringify((await trx.raw(sql, q.bindings)).rows);
        });
        expect(plan, q.sql).to.match(/"Index Name":"(complaints|applications)_not_started_idx"/);
        expect(plan, q.sql).to.not.contain('Seq Scan');
      }
    } finally {
      await db.destroy();
    }
  });
});
