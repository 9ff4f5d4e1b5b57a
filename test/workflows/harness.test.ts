// The two workflow test harnesses work from the installed binaries, and do what later workflow
// tests rely on: time skipping over statutory deadlines, and search attributes on the dev server.
import { expect } from 'chai';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addWorkingDays, endOfDayIst, istDate, type WorkingDayCalendar } from '../../lib/working-days';
import { ensureSearchAttributes } from '../../lib/temporal/search-attributes';
import { CaseStatus } from '../../workflows/search-attributes';
import {
  devServerEnvironment,
  timeSkippingEnvironment,
  uniqueTaskQueue,
  workflowBundle,
} from '../helpers/temporal';
import type { markStatus, waitForDueDate } from '../fixtures/workflows';

/** Weekends only, over the years around today, so the test holds whatever year it runs in. */
function weekendCalendar(): WorkingDayCalendar {
  const year = new Date().getUTCFullYear();
  return { district: 'test', years: [year - 1, year, year + 1, year + 2], weeklyOff: [0, 6], holidays: [] };
}

describe('workflow test harness: time-skipping server', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;

  before(async () => {
    env = await timeSkippingEnvironment();
  });
  after(async () => {
    await env?.teardown();
  });

  it('sleeps through a 30-working-day limit and wakes just after the due date ends in India', async () => {
    const taskQueue = uniqueTaskQueue('time-skipping');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle('test/fixtures/workflows.ts'),
    });
    const calendar = weekendCalendar();
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof waitForDueDate>('waitForDueDate', {
        taskQueue,
        workflowId: taskQueue,
        args: [{ calendar, workingDays: 30 }],
      }),
    );
    expect(result.dueDate).to.equal(addWorkingDays(result.receivedOn, 30, calendar));
    expect(result.wokeAt).to.be.greaterThan(endOfDayIst(result.dueDate));
    expect(istDate(result.wokeAt) > result.dueDate).to.be.true;
    // The server's clock, not the wall clock, moved on by the six weeks.
    expect((await env.currentTimeMs()) - Date.now()).to.be.greaterThan(35 * 86_400_000);
  });
});

describe('workflow test harness: dev server', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;

  before(async () => {
    env = await devServerEnvironment();
  });
  after(async () => {
    await env?.teardown();
  });

  it('registers Jan Setu’s search attributes once, and lists workflows by them', async () => {
    const added = await ensureSearchAttributes(env.connection, 'default');
    expect(added).to.include('CaseStatus').and.to.include('DueAt');
    expect(await ensureSearchAttributes(env.connection, 'default')).to.be.empty;

    const taskQueue = uniqueTaskQueue('dev-server');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle('test/fixtures/workflows.ts'),
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof markStatus>('markStatus', {
        taskQueue,
        workflowId: taskQueue,
        args: ['harness-check'],
      });
      const query = `CaseStatus = "harness-check" AND WorkflowId = "${taskQueue}"`;
      let found: string[] = [];
      for (let i = 0; i < 50 && found.length === 0; i += 1) {
        found = [];
        for await (const wf of env.client.workflow.list({ query })) found.push(wf.workflowId);
        if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(found).to.deep.equal([taskQueue]);
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(CaseStatus)).to.equal('harness-check');
      await handle.cancel();
    });
  });
});
