// A case stored whose workflow never started (intake died between its commit and the start, and
// the caller never retried with its key) is started by the worker's sweep and runs like any
// other; a case merely slow to project is not started twice.
import { expect } from 'chai';
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
});
