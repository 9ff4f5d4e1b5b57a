// The application workflow's rules, on the time-skipping server: weeks of statutory clock pass
// in milliseconds. Activities record what the workflow asked for (see test/helpers/applications.ts).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot } from '../../lib/paths';
import { addWorkingDays, endOfDayIst, istDate, workingDaysBetween } from '../../lib/working-days';
import type { applicationWorkflow } from '../../workflows/application';
import {
  appealStateQuery,
  appealWorkflowId,
  approve,
  confirmPayment,
  decideAppeal,
  fileAppeal,
  forwardForFieldReport,
  provideInformation,
  reject,
  requestInformation,
  stateQuery,
  submitFieldReport,
  type ApplicationInput,
  type ApplicationState,
  type ApplicationStatus,
} from '../../workflows/application-messages';
import {
  allEvents,
  applicationInput,
  OFFICERS,
  recordingActivities,
  type Recorded,
} from '../helpers/applications';
import { timeSkippingEnvironment, uniqueTaskQueue, workflowBundle } from '../helpers/temporal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORIES = path.join(projectRoot, 'test', 'histories');

describe('application workflow (time-skipping)', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;

  before(async () => {
    env = await timeSkippingEnvironment();
  });
  after(async () => {
    await env?.teardown();
  });

  /** Runs a scenario with a fresh worker; records its history for the replay test when asked. */
  async function scenario(
    name: string,
    serviceCode: string,
    body: (h: {
      handle: WorkflowHandle<typeof applicationWorkflow>;
      input: ApplicationInput;
      recorded: Recorded;
      state: () => Promise<ApplicationState>;
      waitFor: (status: ApplicationStatus) => Promise<ApplicationState>;
    }) => Promise<void>,
    options: { missingPlots?: string[]; input?: Partial<ApplicationInput> } = {},
  ): Promise<void> {
    const taskQueue = uniqueTaskQueue(name);
    const { activities, recorded } = recordingActivities(options);
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle('workflows/index.ts'),
      activities,
    });
    const input = applicationInput(serviceCode, await env.currentTimeMs(), options.input);
    if (process.env.DEBUG_TIME)
      console.log('scenario', name, new Date(await env.currentTimeMs()).toISOString());
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof applicationWorkflow>('applicationWorkflow', {
        taskQueue,
        workflowId: input.applicationNumber,
        args: [input],
      });
      const state = () => handle.query(stateQuery);
      const waitFor = async (status: ApplicationStatus) => {
        for (let i = 0; i < 200; i += 1) {
          const s = await state();
          if (s.status === status) return s;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`status never became ${status}; it is ${(await state()).status}`);
      };
      try {
        await body({ handle, input, recorded, state, waitFor });
      } finally {
        // Nothing may stay running: the time-skipping server would later jump to its timers. Let
        // in-flight activities finish first: its clock will not pass an activity whose worker is gone.
        await new Promise((r) => setTimeout(r, 300));
        for (const id of [
          input.applicationNumber,
          appealWorkflowId(input.applicationNumber, 'first'),
          appealWorkflowId(input.applicationNumber, 'second'),
        ]) {
          await env.client.workflow
            .getHandle(id)
            .terminate('test over')
            .catch(() => undefined);
        }
      }
      if (process.env.RECORD_HISTORIES === '1') {
        const history = await handle.fetchHistory();
        fs.mkdirSync(HISTORIES, { recursive: true });
        fs.writeFileSync(path.join(HISTORIES, `application-${name}.json`), historyToJSON(history));
      }
    });
  }

  /** Sleeps (server time) to `ms` after the end of a date in India. */
  async function sleepPast(date: string, extraMs = HOUR): Promise<void> {
    await env.sleep(endOfDayIst(date) - (await env.currentTimeMs()) + extraMs);
  }

  /** `expected` appears in `actual` in this order (other items may come between). */
  const expectInOrder = (actual: string[], expected: string[]) => {
    let i = 0;
    for (const item of actual) if (item === expected[i]) i += 1;
    expect(i, `${JSON.stringify(expected)} in order within ${JSON.stringify(actual)}`).to.equal(
      expected.length,
    );
  };

  const expectRefused = async (promise: Promise<unknown>, text: RegExp) => {
    try {
      await promise;
    } catch (err) {
      expect(err).to.be.instanceOf(WorkflowUpdateFailedError);
      expect(String((err as WorkflowUpdateFailedError).cause?.message)).to.match(text);
      return;
    }
    throw new Error('expected the action to be refused');
  };

  it('delivers an income certificate approved in time: one certificate, no breach, no appeal', async () => {
    await scenario('delivered-in-time', 'INC', async ({ handle, recorded, waitFor }) => {
      await waitFor('pending-decision');
      const after = await handle.executeUpdate(approve, {
        args: [{ officerCode: OFFICERS.designatedOfficer.code }],
      });
      expect(after.status).to.equal('delivered');
      const final = await handle.result();
      expect(final.status).to.equal('delivered');
      expect(final.breached).to.be.false;
      expect(final.appeals).to.be.empty;
      expect(recorded.certificates).to.have.length(1);
      expect(recorded.receipts).to.equal(1);
      const templates = recorded.notifications.filter((n) => n.mobile).map((n) => n.template);
      expect(templates).to.include.members(['received', 'certificate-issued']);
      expectInOrder(
        allEvents(recorded).map((e) => e.type),
        ['received', 'approved', 'certificate-issued', 'closed'],
      );
    });
  });

  it('refuses an out-of-turn action and an action by an officer not assigned, changing nothing', async () => {
    await scenario('refused-actions', 'INC', async ({ handle, state, waitFor }) => {
      await waitFor('pending-decision');
      await expectRefused(
        handle.executeUpdate(approve, { args: [{ officerCode: OFFICERS.firstAppealOfficer.code }] }),
        /may not approve.*assigned to DO-1/,
      );
      await expectRefused(
        handle.executeUpdate(submitFieldReport, {
          args: [{ officerCode: OFFICERS.fieldOfficer.code, report: 'visited', recommendation: 'approve' }],
        }),
        /Cannot submit the field report now/,
      );
      await expectRefused(
        handle.executeUpdate(reject, {
          args: [{ officerCode: OFFICERS.designatedOfficer.code, reason: 'x' }],
        }),
        /reason for rejection in 3 to 2000/,
      );
      expect((await state()).status).to.equal('pending-decision');
      await handle.executeUpdate(approve, { args: [{ officerCode: OFFICERS.designatedOfficer.code }] });
      await expectRefused(
        handle.executeUpdate(approve, { args: [{ officerCode: OFFICERS.designatedOfficer.code }] }),
        /Cannot approve now: the application is delivered/,
      );
      await handle.result();
    });
  });

  it('reminds the designated officer at 75% of the limit, then opens a suo motu first appeal the day after the due date', async () => {
    await scenario('breach-suo-motu', 'INC', async ({ handle, input, recorded, state, waitFor }) => {
      await waitFor('pending-decision');
      await sleepPast(input.dueDate);
      const s = await state();
      expect(s.breached).to.be.true;
      expect(s.appeals).to.deep.include({
        level: 'first',
        workflowId: appealWorkflowId(input.applicationNumber, 'first'),
        ground: 'breach',
        suoMotu: true,
        status: 'open',
        outcome: null,
      });
      const events = allEvents(recorded);
      const reminder = events.find((e) => e.type === 'reminder-sent')!;
      const breach = events.find((e) => e.type === 'deadline-breached')!;
      const received = Date.parse(input.receivedAt);
      expect(Date.parse(reminder.at)).to.be.closeTo(
        received + 0.75 * (endOfDayIst(input.dueDate) - received),
        2000,
      );
      expect(Date.parse(breach.at)).to.be.greaterThan(endOfDayIst(input.dueDate));
      expect(istDate(Date.parse(breach.at))).to.equal(istDate(endOfDayIst(input.dueDate) + 1));
      expect(
        recorded.notifications.filter((n) => n.officerCode === 'SDM-1').map((n) => n.template),
      ).to.include('appeal-assigned');

      // Delivered four working days late; the appeal officer then imposes the delay penalty.
      const lateDay = addWorkingDays(input.dueDate, 4, input.calendar);
      await env.sleep(endOfDayIst(lateDay) - (await env.currentTimeMs()) - 2 * HOUR);
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      const appeal = env.client.workflow.getHandle(appealWorkflowId(input.applicationNumber, 'first'));
      await env.sleep(HOUR); // the appeal hears of the delivery
      const decided = await appeal.executeUpdate(decideAppeal, {
        args: [
          {
            officerCode: 'SDM-1',
            outcome: 'dispose',
            penalty: { kind: 'delay' },
            remarks: 'Delivered late without cause',
          },
        ],
      });
      expect(decided.decision?.penaltyRupees).to.equal(4 * 250);
      expect(recorded.penalties).to.deep.equal([
        {
          applicationNumber: input.applicationNumber,
          appealLevel: 'first',
          officerCode: 'DO-1',
          orderedBy: 'SDM-1',
          kind: 'delay',
          daysOfDelay: workingDaysBetween(input.dueDate, lateDay, input.calendar),
          amountRupees: 1000,
          orderedOn: lateDay,
          remarks: 'Delivered late without cause',
        },
      ]);
      const final = await handle.result();
      expect(final.status).to.equal('delivered');
      expect(final.appeals[0]!.outcome).to.equal('dispose');
    });
  });

  it('caps the delay penalty at ₹5,000 however late the service', async () => {
    await scenario('penalty-cap', 'INC', async ({ handle, input, waitFor }) => {
      await waitFor('pending-decision');
      await sleepPast(addWorkingDays(input.dueDate, 25, input.calendar));
      const appeal = env.client.workflow.getHandle(appealWorkflowId(input.applicationNumber, 'first'));
      const decided = await appeal.executeUpdate(decideAppeal, {
        args: [
          {
            officerCode: 'SDM-1',
            outcome: 'order-delivery',
            withinWorkingDays: 2,
            penalty: { kind: 'delay' },
            remarks: 'Deliver now',
          },
        ],
      });
      expect(decided.decision?.penaltyRupees).to.equal(5000);
      const s = await waitFor('pending-decision');
      expect(s.deliveryOrdered).to.be.true;
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      expect((await handle.result()).status).to.equal('delivered');
    });
  });

  it('rejected → suo motu first appeal → delivery ordered → delivered, and no second rejection allowed', async () => {
    await scenario('rejected-appeal-delivered', 'DOM', async ({ handle, input, recorded, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(reject, { args: [{ officerCode: 'DO-1', reason: 'Residence not proved' }] });
      await env.sleep(HOUR);
      const appeal = env.client.workflow.getHandle(appealWorkflowId(input.applicationNumber, 'first'));
      const appealState = await appeal.query(appealStateQuery);
      expect(appealState).to.include({ ground: 'rejection', officerCode: 'SDM-1', status: 'open' });
      await handle.executeUpdate(fileAppeal, {
        args: [
          { mobile: input.applicant.mobile, grounds: 'I was born in Bhopal; birth certificate attached' },
        ],
      });
      await expectRefused(
        handle.executeUpdate(fileAppeal, { args: [{ mobile: input.applicant.mobile, grounds: 'Again' }] }),
        /already been filed/,
      );
      await expectRefused(
        appeal.executeUpdate(decideAppeal, {
          args: [
            { officerCode: 'COLLECTOR-1', outcome: 'order-delivery', withinWorkingDays: 3, remarks: 'x y z' },
          ],
        }),
        /may not decide this first appeal/,
      );
      await appeal.executeUpdate(decideAppeal, {
        args: [
          {
            officerCode: 'SDM-1',
            outcome: 'order-delivery',
            withinWorkingDays: 3,
            remarks: 'Documents are sufficient',
          },
        ],
      });
      const ordered = await waitFor('pending-decision');
      const orderedOn = istDate(await env.currentTimeMs());
      expect(ordered.dueDate).to.equal(addWorkingDays(orderedOn, 3, input.calendar));
      await expectRefused(
        handle.executeUpdate(reject, { args: [{ officerCode: 'DO-1', reason: 'Still not proved' }] }),
        /Delivery has been ordered in appeal/,
      );
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      const final = await handle.result();
      expect(final.status).to.equal('delivered');
      expect(recorded.certificates).to.have.length(1);
      expectInOrder(
        allEvents(recorded).map((e) => e.type),
        ['rejected', 'appeal-opened', 'appeal-decided', 'delivery-ordered', 'certificate-issued'],
      );
    });
  });

  it('first appeal upholds the rejection → second appeal opened suo motu → Collector orders delivery', async () => {
    await scenario('second-appeal', 'INC', async ({ handle, input, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(reject, { args: [{ officerCode: 'DO-1', reason: 'Income not verified' }] });
      await env.sleep(HOUR);
      await env.client.workflow
        .getHandle(appealWorkflowId(input.applicationNumber, 'first'))
        .executeUpdate(decideAppeal, {
          args: [{ officerCode: 'SDM-1', outcome: 'uphold-rejection', remarks: 'Rejection correct' }],
        });
      await env.sleep(HOUR);
      const second = env.client.workflow.getHandle(appealWorkflowId(input.applicationNumber, 'second'));
      expect(await second.query(appealStateQuery)).to.include({
        level: 'second',
        ground: 'first-appeal-upheld',
        officerCode: 'COLLECTOR-1',
      });
      await second.executeUpdate(decideAppeal, {
        args: [
          {
            officerCode: 'COLLECTOR-1',
            outcome: 'order-delivery',
            withinWorkingDays: 2,
            penalty: { kind: 'lump-sum', amountRupees: 2000 },
            remarks: 'Wrongly refused',
          },
        ],
      });
      await waitFor('pending-decision');
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      const final = await handle.result();
      expect(final.status).to.equal('delivered');
      expect(final.appeals.map((a) => `${a.level}:${a.outcome}`)).to.deep.equal([
        'first:uphold-rejection',
        'second:order-delivery',
      ]);
    });
  });

  it('a first appeal undecided within its limit lapses and the second appeal opens', async () => {
    await scenario('first-appeal-lapsed', 'INC', async ({ handle, input, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(reject, { args: [{ officerCode: 'DO-1', reason: 'Income not verified' }] });
      await env.sleep(HOUR);
      const openedOn = istDate(await env.currentTimeMs());
      await sleepPast(
        addWorkingDays(openedOn, input.appeals.firstAppeal.decideWithinWorkingDays, input.calendar),
      );
      const s = await handle.query(stateQuery);
      expect(s.appeals.map((a) => `${a.level}:${a.status}:${a.ground}`)).to.deep.equal([
        'first:lapsed:rejection',
        'second:open:first-appeal-lapsed',
      ]);
      await env.client.workflow
        .getHandle(appealWorkflowId(input.applicationNumber, 'second'))
        .executeUpdate(decideAppeal, {
          args: [{ officerCode: 'COLLECTOR-1', outcome: 'uphold-rejection', remarks: 'Rejection correct' }],
        });
      const final = await handle.result();
      expect(final.status).to.equal('rejected');
    });
  });

  it('pauses the clock while the applicant is asked for information, and moves the due date by the paused working days', async () => {
    await scenario('information-pause', 'INC', async ({ handle, input, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(requestInformation, {
        args: [{ officerCode: 'DO-1', question: 'Send the salary slip' }],
      });
      const pausedOn = istDate(await env.currentTimeMs());
      await env.sleep(10 * DAY);
      const paused = await handle.query(stateQuery);
      expect(paused).to.include({ status: 'awaiting-applicant', breached: false, clockPaused: true });
      await expectRefused(
        handle.executeUpdate(provideInformation, { args: [{ mobile: '9000000000', reply: 'here it is' }] }),
        /Only the applicant/,
      );
      await handle.executeUpdate(provideInformation, {
        args: [{ mobile: input.applicant.mobile, reply: 'Salary slip attached' }],
      });
      const resumed = await waitFor('pending-decision');
      const resumedOn = istDate(await env.currentTimeMs());
      expect(resumed.dueDate).to.equal(
        addWorkingDays(
          input.dueDate,
          workingDaysBetween(pausedOn, resumedOn, input.calendar),
          input.calendar,
        ),
      );
      expect(resumed.breached).to.be.false;
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      expect((await handle.result()).breached).to.be.false;
    });
  });

  it('closes an application as incomplete when the applicant does not answer in 30 days', async () => {
    await scenario('incomplete', 'INC', async ({ handle, recorded, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(requestInformation, {
        args: [{ officerCode: 'DO-1', question: 'Send the salary slip' }],
      });
      await env.sleep(29 * DAY);
      expect((await handle.query(stateQuery)).status).to.equal('awaiting-applicant');
      const final = await handle.result();
      expect(final.status).to.equal('closed-incomplete');
      expect(final.appeals).to.be.empty;
      expect(recorded.notifications.map((n) => n.template)).to.include('closed-incomplete');
      expect(recorded.certificates).to.be.empty;
    });
  });

  it('routes a field report through the Patwari before the decision', async () => {
    await scenario('field-report', 'INC', async ({ handle, waitFor }) => {
      await waitFor('pending-decision');
      await handle.executeUpdate(forwardForFieldReport, {
        args: [{ officerCode: 'DO-1', instructions: 'Verify agricultural income' }],
      });
      await expectRefused(
        handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] }),
        /Cannot approve now: the application is with the field officer/,
      );
      await handle.executeUpdate(submitFieldReport, {
        args: [{ officerCode: 'PATWARI-1', report: 'Income matches the khasra', recommendation: 'approve' }],
      });
      await waitFor('pending-decision');
      await handle.executeUpdate(approve, { args: [{ officerCode: 'DO-1' }] });
      expect((await handle.result()).fieldReport).to.equal('Income matches the khasra');
    });
  });

  it('issues a khasra copy once the fee is paid; a replayed payment changes nothing', async () => {
    await scenario('land-record-paid', 'KHS', async ({ handle, input, recorded, waitFor }) => {
      const waiting = await waitFor('awaiting-payment');
      expect(waiting.payment?.amountPaise).to.equal(3000);
      expect(recorded.paymentOrders[0]).to.include({
        applicationNumber: input.applicationNumber,
        amountPaise: 3000,
      });
      await expectRefused(
        handle.executeUpdate(confirmPayment, {
          args: [{ orderId: waiting.payment!.orderId, paymentId: 'P1', amountPaise: 100 }],
        }),
        /Paid 100 paise but 3000/,
      );
      await handle.executeUpdate(confirmPayment, {
        args: [{ orderId: waiting.payment!.orderId, paymentId: 'P1', amountPaise: 3000 }],
      });
      await expectRefused(
        handle.executeUpdate(confirmPayment, {
          args: [{ orderId: waiting.payment!.orderId, paymentId: 'P1', amountPaise: 3000 }],
        }),
        /already recorded|Cannot record a payment now/,
      );
      const final = await handle.result();
      expect(final.status).to.equal('delivered');
      expect(recorded.certificates).to.have.length(1);
    });
  });

  it('closes a land-record application unpaid after the policy’s days', async () => {
    await scenario('land-record-unpaid', 'MAP', async ({ handle, recorded, waitFor }) => {
      await waitFor('awaiting-payment');
      const final = await handle.result();
      expect(final.status).to.equal('closed-unpaid');
      expect(recorded.notifications.map((n) => n.template)).to.include('closed-unpaid');
      expect(recorded.certificates).to.be.empty;
    });
  });

  it('rejects a copy of a khasra that is not in the register, and opens the first appeal', async () => {
    await scenario(
      'land-record-missing',
      'KHS',
      async ({ handle, input }) => {
        await env.sleep(HOUR);
        const s = await handle.query(stateQuery);
        expect(s.status).to.equal('rejected');
        expect(s.rejectionReason).to.contain('112');
        await env.client.workflow
          .getHandle(appealWorkflowId(input.applicationNumber, 'first'))
          .executeUpdate(decideAppeal, {
            args: [{ officerCode: 'SDM-1', outcome: 'uphold-rejection', remarks: 'No such record' }],
          });
        await env.client.workflow
          .getHandle(appealWorkflowId(input.applicationNumber, 'second'))
          .executeUpdate(decideAppeal, {
            args: [{ officerCode: 'COLLECTOR-1', outcome: 'uphold-rejection', remarks: 'No such record' }],
          })
          .catch(async () => {
            await env.sleep(HOUR);
            return env.client.workflow
              .getHandle(appealWorkflowId(input.applicationNumber, 'second'))
              .executeUpdate(decideAppeal, {
                args: [
                  { officerCode: 'COLLECTOR-1', outcome: 'uphold-rejection', remarks: 'No such record' },
                ],
              });
          });
        expect((await handle.result()).status).to.equal('rejected');
      },
      { missingPlots: ['112'] },
    );
  });
});
