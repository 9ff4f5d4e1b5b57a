// The CPGRAMS exchange round on the time-skipping server, with fake activities that record what the
// workflow asked for: the order of the steps, batches that carry on where the last stopped, a failed
// push retried within the round, a refused API key that ends the round at once. What the activities
// do to rows and to the portal is proven end to end in test/e2e/cpgrams.test.ts.
import { expect } from 'chai';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type {
  BatchSummary,
  CpgramsExchangeResult,
  PullSummary,
  cpgramsExchangeWorkflow,
} from '../../workflows/cpgrams-exchange';
import { timeSkippingEnvironment, uniqueTaskQueue, workflowBundle } from '../helpers/temporal';

type Step = 'pull' | 'register' | 'status' | 'atr';
type Fake = (request: {
  after?: number | string | null;
  limit?: number;
  pageSize?: number;
}) => Promise<unknown>;

describe('CPGRAMS exchange workflow (time-skipping)', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;
  let round = 0;

  before(async () => {
    env = await timeSkippingEnvironment();
  });
  after(async () => {
    await env?.teardown();
  });

  async function runRound(fakes: Record<Step, Fake>): Promise<CpgramsExchangeResult> {
    const taskQueue = uniqueTaskQueue('cpgrams');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle('workflows/index.ts'),
      activities: {
        pullCpgramsGrievances: fakes.pull,
        registerCpgramsGrievances: fakes.register,
        pushCpgramsStatusUpdates: fakes.status,
        pushCpgramsActionTakenReports: fakes.atr,
      },
    });
    round += 1;
    return worker.runUntil(
      env.client.workflow.execute<typeof cpgramsExchangeWorkflow>('cpgramsExchangeWorkflow', {
        taskQueue,
        workflowId: `cpgrams-exchange-test-${process.pid}-${round}`,
        args: [{ batchSize: 2 }],
      }),
    );
  }

  const pulled = (more: boolean, fresh = 1): PullSummary => ({
    pages: 1,
    received: fresh,
    new: fresh,
    malformed: 0,
    more,
  });
  const batch = (done: number, after: number | string | null, more = false, failed = 0): BatchSummary => ({
    done,
    failed,
    after,
    more,
  });

  it('pulls every page, then registers, sends status updates and Action Taken Reports, each batch after the last', async () => {
    const calls: { step: Step; request: unknown }[] = [];
    const recorder =
      (step: Step, answers: unknown[]): Fake =>
      (request) => {
        calls.push({ step, request });
        return Promise.resolve(answers.shift());
      };
    const result = await runRound({
      pull: recorder('pull', [pulled(true, 2), pulled(false, 1)]),
      register: recorder('register', [batch(2, 2, true), batch(1, 3)]),
      status: recorder('status', [batch(3, 3)]),
      atr: recorder('atr', [batch(1, 'DARPG/E/2026/0012345')]),
    });

    expect(calls.map((c) => c.step)).to.deep.equal(['pull', 'pull', 'register', 'register', 'status', 'atr']);
    // The second registration batch starts after the last row of the first.
    expect(calls[2]!.request).to.deep.equal({ after: null, limit: 2 });
    expect(calls[3]!.request).to.deep.equal({ after: 2, limit: 2 });
    expect(result).to.deep.equal({
      pulled: { pages: 2, received: 3, new: 3, malformed: 0 },
      registered: { done: 3, failed: 0 },
      statusUpdates: { done: 3, failed: 0 },
      actionTakenReports: { done: 1, failed: 0 },
      unfinished: false,
    });
  });

  it('retries a push the portal failed with 503 within the round; the report goes once', async () => {
    let attempts = 0;
    let sent = 0;
    const result = await runRound({
      pull: () => Promise.resolve(pulled(false, 0)),
      register: () => Promise.resolve(batch(0, null)),
      status: () => Promise.resolve(batch(0, null)),
      atr: () => {
        attempts += 1;
        if (attempts === 1)
          throw new Error('CPGRAMS answered 503 to Action Taken Report of DARPG/E/2026/0012345');
        sent += 1;
        return Promise.resolve(batch(1, 'DARPG/E/2026/0012345'));
      },
    });
    expect(attempts).to.equal(2);
    expect(sent).to.equal(1);
    expect(result.actionTakenReports).to.deep.equal({ done: 1, failed: 0 });
  });

  it('ends the round at once when the portal refuses the API key, leaving everything to the next round', async () => {
    const steps: Step[] = [];
    let failure: unknown;
    try {
      await runRound({
        pull: () => {
          steps.push('pull');
          throw ApplicationFailure.nonRetryable(
            'CPGRAMS answered 401 (check CPGRAMS_API_KEY)',
            'CpgramsUnauthorized',
          );
        },
        register: () => {
          steps.push('register');
          return Promise.resolve(batch(0, null));
        },
        status: () => Promise.resolve(batch(0, null)),
        atr: () => Promise.resolve(batch(0, null)),
      });
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(WorkflowFailedError);
    // The workflow failed because its activity did: the cause names what to fix.
    expect(String((failure as WorkflowFailedError).cause?.cause)).to.contain('CPGRAMS_API_KEY');
    expect(steps).to.deep.equal(['pull']);
  });

  it('stops a step at its budget of calls and reports the round unfinished; the rows wait for the next', async () => {
    let registerCalls = 0;
    const result = await runRound({
      pull: () => Promise.resolve(pulled(false, 0)),
      register: (request) => {
        registerCalls += 1;
        return Promise.resolve(batch(2, Number(request.after ?? 0) + 2, true));
      },
      status: () => Promise.resolve(batch(0, null)),
      atr: () => Promise.resolve(batch(0, null)),
    });
    expect(registerCalls).to.equal(20);
    expect(result.registered.done).to.equal(40);
    expect(result.unfinished).to.equal(true);
  });

  it('counts rows that failed as waiting for the next round, without failing the round', async () => {
    const result = await runRound({
      pull: () => Promise.resolve(pulled(false, 1)),
      register: () => Promise.resolve(batch(0, 1, false, 1)),
      status: () => Promise.resolve(batch(0, null)),
      atr: () => Promise.resolve(batch(0, 'DARPG/E/2026/0012345', false, 1)),
    });
    expect(result.registered).to.deep.equal({ done: 0, failed: 1 });
    expect(result.actionTakenReports).to.deep.equal({ done: 0, failed: 1 });
    expect(result.unfinished).to.equal(false);
  });
});
