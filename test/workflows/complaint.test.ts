// The complaint workflow's rules on the time-skipping server: levels escalate on the exact working
// day, closures follow the ladder, feedback decides. Activities record what the workflow asked for.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { EscalationLadder } from '../../lib/ladder';
import { projectRoot } from '../../lib/paths';
import { addWorkingDays, endOfDayIst, istDate } from '../../lib/working-days';
import type { complaintWorkflow } from '../../workflows/complaint';
import {
  askCitizen,
  citizenReply,
  completeCounselling,
  complaintStateQuery,
  decideTransfer,
  escalateToL4,
  interimReply,
  notMyDepartment,
  proposeSpecialClose,
  recordFeedback,
  resolve,
  sendBackToL3,
  specialClose,
  type ComplaintEvent,
  type ComplaintInput,
  type ComplaintRouting,
  type ComplaintState,
} from '../../workflows/complaint-messages';
import { testCalendar } from '../helpers/applications';
import { timeSkippingEnvironment, uniqueTaskQueue, workflowBundle } from '../helpers/temporal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORIES = path.join(projectRoot, 'test', 'histories');
const ladder = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', 'escalation-ladder.json'), 'utf8'),
) as EscalationLadder;

const officer = (code: string) => ({ code, nameEn: code, nameHi: code, designation: code });
const ROUTING: ComplaintRouting = {
  officers: {
    L1: officer('L1-ENERGY'),
    L2: officer('L2-ENERGY'),
    L3: officer('L3-ENERGY'),
    L4: officer('L4-ENERGY'),
  },
  fallbackQueue: null,
};
const REROUTED: ComplaintRouting = {
  officers: {
    L1: officer('L1-REVENUE'),
    L2: officer('L2-REVENUE'),
    L3: officer('L3-REVENUE'),
    L4: officer('L4-REVENUE'),
  },
  fallbackQueue: null,
};

let counter = 0;
function complaintInput(nowMs: number, overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  counter += 1;
  return {
    complaintNumber: `CMH/${istDate(nowMs).slice(0, 4)}/${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(3, '0')}`,
    callType: 'complaint',
    subType: null,
    channel: 'agent-181',
    citizen: { name: 'रामलाल', mobile: '9876500000' },
    place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda', village: null },
    department: 'energy',
    subject: 'energy-no-supply',
    description: 'गाँव में तीन दिन से बिजली नहीं है',
    ladder,
    ladderVersion: 1,
    calendar: testCalendar(),
    calendarVersion: 1,
    receivedAt: new Date(nowMs).toISOString(),
    routing: ROUTING,
    counsellor: null,
    information: null,
    searchAttributes: false,
    ...overrides,
  };
}

describe('complaint workflow (time-skipping)', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;

  before(async () => {
    env = await timeSkippingEnvironment();
  });
  after(async () => {
    await env?.teardown();
  });

  interface Recorded {
    events: ComplaintEvent[];
    notifications: { template: string; officerCode?: string; mobile?: string }[];
    routed: unknown[];
    reports: { registrationNumber: string; closure: string }[];
  }

  async function scenario(
    name: string,
    body: (h: {
      handle: WorkflowHandle<typeof complaintWorkflow>;
      input: ComplaintInput;
      recorded: Recorded;
      state: () => Promise<ComplaintState>;
    }) => Promise<void>,
    overrides: Partial<ComplaintInput> = {},
  ): Promise<void> {
    const taskQueue = uniqueTaskQueue(name);
    const recorded: Recorded = { events: [], notifications: [], routed: [], reports: [] };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle('workflows/index.ts'),
      activities: {
        projectComplaint: (p: { events: ComplaintEvent[] }) => {
          recorded.events.push(...p.events);
          return Promise.resolve();
        },
        notify: (m: { template: string; officerCode?: string; mobile?: string }) => {
          recorded.notifications.push(m);
          return Promise.resolve();
        },
        recordActionTakenReport: (report: { registrationNumber: string; closure: string }) => {
          recorded.reports.push(report);
          return Promise.resolve();
        },
        routeComplaint: (request: unknown) => {
          recorded.routed.push(request);
          return Promise.resolve(REROUTED);
        },
      },
    });
    const input = complaintInput(await env.currentTimeMs(), overrides);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
        taskQueue,
        workflowId: input.complaintNumber,
        args: [input],
      });
      try {
        await body({ handle, input, recorded, state: () => handle.query(complaintStateQuery) });
        if (process.env.RECORD_HISTORIES === '1') {
          fs.mkdirSync(HISTORIES, { recursive: true });
          fs.writeFileSync(
            path.join(HISTORIES, `complaint-${name}.json`),
            historyToJSON(await handle.fetchHistory()),
          );
        }
      } finally {
        // Let in-flight activities finish first: the time-skipping server will not move its clock
        // past an activity whose worker has gone away.
        await new Promise((r) => setTimeout(r, 300));
        await handle.terminate('test over').catch(() => undefined);
      }
    });
  }

  async function until(
    state: () => Promise<ComplaintState>,
    ok: (s: ComplaintState) => boolean,
  ): Promise<ComplaintState> {
    for (let i = 0; i < 200; i += 1) {
      const s = await state();
      if (ok(s)) return s;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never reached; now ${JSON.stringify(await state())}`);
  }

  const refused = async (promise: Promise<unknown>, text: RegExp) => {
    try {
      await promise;
    } catch (err) {
      expect(err).to.be.instanceOf(WorkflowUpdateFailedError);
      expect(String((err as WorkflowUpdateFailedError).cause?.message)).to.match(text);
      return;
    }
    throw new Error('expected the action to be refused');
  };

  it('resolved at L1 → citizen satisfied → closed', async () => {
    await scenario('resolved-satisfied', async ({ handle, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await handle.executeUpdate(resolve, {
        args: [{ officerCode: 'L1-ENERGY', text: 'Transformer replaced, supply restored' }],
      });
      await handle.executeUpdate(recordFeedback, {
        args: [{ satisfied: true, via: 'call-back', recordedBy: 'AGENT-1' }],
      });
      const final = await handle.result();
      expect(final).to.include({ status: 'closed', closure: 'satisfied', level: 'L1' });
    });
  });

  it('escalates unattended L1 → L2 → L3 on the exact working day, and stays at L3 (L3 → L4 is manual)', async () => {
    await scenario('unattended-escalation', async ({ input, recorded, state }) => {
      const receivedOn = istDate(Date.parse(input.receivedAt));
      const l1Due = addWorkingDays(receivedOn, 7, input.calendar);
      await env.sleep(endOfDayIst(l1Due) - (await env.currentTimeMs()) + HOUR);
      let s = await until(state, (x) => x.level === 'L2');
      expect(s.assignedTo).to.equal('L2-ENERGY');
      const first = s.escalations[0]!;
      expect(first).to.include({
        from: 'L1',
        to: 'L2',
        by: 'system',
        rule: 'L1 limit of 7 working days expired',
      });
      expect(istDate(Date.parse(first.at))).to.equal(istDate(endOfDayIst(l1Due) + 1));

      const l2Due = addWorkingDays(istDate(Date.parse(first.at)), 7, input.calendar);
      await env.sleep(endOfDayIst(l2Due) - (await env.currentTimeMs()) + HOUR);
      s = await until(state, (x) => x.level === 'L3');
      expect(s.escalations[1]).to.include({
        from: 'L2',
        to: 'L3',
        rule: 'L2 limit of 7 working days expired',
      });

      await env.sleep(30 * DAY);
      s = await state();
      expect(s).to.include({ level: 'L3', breached: true });
      expect(recorded.events.filter((e) => e.type === 'escalated')).to.have.length(2);
      expect(recorded.events.some((e) => e.type === 'level-limit-expired')).to.be.true;
      expect(recorded.events.some((e) => e.type === 'reminder-sent')).to.be.true;
      expect(recorded.notifications.filter((n) => n.mobile).map((n) => n.template)).to.include(
        'complaint-escalated',
      );
    });
  });

  it('refuses L3 → L4 without a reason and from below L3; L4 may send it back to L3', async () => {
    await scenario('manual-l4', async ({ handle, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await refused(
        handle.executeUpdate(escalateToL4, {
          args: [{ officerCode: 'L1-ENERGY', text: 'Policy matter beyond the district' }],
        }),
        /Only L3 may escalate to L4/,
      );
      await env.sleep(40 * DAY); // unattended: L1 → L2 → L3
      await until(state, (s) => s.level === 'L3');
      await refused(
        handle.executeUpdate(escalateToL4, { args: [{ officerCode: 'L3-ENERGY', text: '' }] }),
        /reason/,
      );
      const atL4 = await handle.executeUpdate(escalateToL4, {
        args: [{ officerCode: 'L3-ENERGY', text: 'Needs a state policy decision' }],
      });
      expect(atL4).to.include({ level: 'L4', assignedTo: 'L4-ENERGY' });
      expect(atL4.escalations.at(-1)).to.include({
        from: 'L3',
        to: 'L4',
        by: 'L3-ENERGY',
        rule: 'manual: Needs a state policy decision',
      });
      const back = await handle.executeUpdate(sendBackToL3, {
        args: [{ officerCode: 'L4-ENERGY', text: 'Within divisional powers' }],
      });
      expect(back).to.include({ level: 'L3', assignedTo: 'L3-ENERGY' });
    });
  });

  it('reopens a resolution the citizen is not satisfied with, one level up', async () => {
    await scenario('dissatisfied-reopened', async ({ handle, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await handle.executeUpdate(resolve, {
        args: [{ officerCode: 'L1-ENERGY', text: 'Complaint forwarded to the lineman' }],
      });
      await handle.executeUpdate(recordFeedback, {
        args: [{ satisfied: false, via: 'web', recordedBy: '9876500000' }],
      });
      const s = await until(state, (x) => x.status === 'open' && x.level === 'L2');
      expect(s).to.include({ assignedTo: 'L2-ENERGY', reopened: 1 });
      expect(s.escalations.at(-1)?.rule).to.equal('citizen not satisfied: reopened one level up');
    });
  });

  it('closes as not attended when the citizen gives no feedback in 7 days', async () => {
    await scenario('feedback-timeout', async ({ handle, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await handle.executeUpdate(resolve, {
        args: [{ officerCode: 'L1-ENERGY', text: 'Supply restored on 2 feeders' }],
      });
      expect((await handle.result()).closure).to.equal('not-attended');
    });
  });

  it('transfers a "not my department" complaint only on district approval, re-routed with a fresh clock at L1', async () => {
    await scenario('transfer', async ({ handle, input, recorded, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await env.sleep(3 * DAY);
      await handle.executeUpdate(notMyDepartment, {
        args: [{ officerCode: 'L1-ENERGY', text: 'This is a land boundary dispute', department: 'revenue' }],
      });
      await refused(
        handle.executeUpdate(decideTransfer, {
          args: [{ officerCode: 'L1-ENERGY', approve: true, remarks: 'approve it' }],
        }),
        /approved at district level/,
      );
      const moved = await handle.executeUpdate(decideTransfer, {
        args: [{ officerCode: 'L2-ENERGY', approve: true, remarks: 'Revenue matter' }],
      });
      expect(moved).to.include({
        department: 'revenue',
        level: 'L1',
        assignedTo: 'L1-REVENUE',
        status: 'open',
      });
      expect(recorded.routed).to.deep.equal([
        { department: 'revenue', subject: input.subject, place: input.place },
      ]);
      const today = istDate(await env.currentTimeMs());
      expect(moved.levelDueAt).to.equal(
        new Date(endOfDayIst(addWorkingDays(today, 7, input.calendar))).toISOString(),
      );
    });
  });

  it('lets L1/L2 only propose a special close, and L3 decide it', async () => {
    await scenario('special-close', async ({ handle, state }) => {
      await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await refused(
        handle.executeUpdate(specialClose, {
          args: [{ officerCode: 'L1-ENERGY', text: 'Demand cannot be met' }],
        }),
        /Only L3 and above may special-close/,
      );
      const proposed = await handle.executeUpdate(proposeSpecialClose, {
        args: [{ officerCode: 'L1-ENERGY', text: 'Demand cannot be met under rules' }],
      });
      expect(proposed.specialCloseProposal).to.deep.equal({
        reason: 'Demand cannot be met under rules',
        by: 'L1-ENERGY',
      });
      await env.sleep(40 * DAY);
      await until(state, (s) => s.level === 'L3');
      await refused(
        handle.executeUpdate(proposeSpecialClose, {
          args: [{ officerCode: 'L3-ENERGY', text: 'Propose at L3' }],
        }),
        /decided, not proposed/,
      );
      await handle.executeUpdate(specialClose, {
        args: [{ officerCode: 'L3-ENERGY', text: 'Outside the scheme rules' }],
      });
      expect((await handle.result()).closure).to.equal('special');
    });
  });

  it('pauses the level clock while the citizen is asked for information', async () => {
    await scenario('citizen-asked', async ({ handle, state }) => {
      const first = await until(state, (s) => s.assignedTo === 'L1-ENERGY');
      await handle.executeUpdate(askCitizen, {
        args: [{ officerCode: 'L1-ENERGY', text: 'Send the consumer number' }],
      });
      await env.sleep(20 * DAY);
      expect((await state()).level).to.equal('L1');
      await handle.executeUpdate(citizenReply, {
        args: [{ mobile: '9876500000', text: 'Consumer no. 1234567' }],
      });
      const resumed = await until(state, (s) => s.status === 'open' && s.levelDueAt !== first.levelDueAt);
      expect(Date.parse(resumed.levelDueAt!)).to.be.greaterThan(Date.parse(first.levelDueAt!) + 10 * DAY);
      expect(resumed.level).to.equal('L1');
    });
  });

  it('gives a Mahila Helpline case to the counsellor first, then escalates by the hour', async () => {
    await scenario(
      'mahila',
      async ({ handle, state }) => {
        expect((await until(state, (s) => s.status === 'counselling')).assignedTo).to.be.null;
        await handle.executeUpdate(completeCounselling, {
          args: [
            { officerCode: 'COUNSELLOR-1', text: 'Counselled; needs police action', officerNeeded: true },
          ],
        });
        await until(state, (s) => s.assignedTo === 'L1-ENERGY');
        await env.sleep(25 * HOUR);
        const s = await until(state, (x) => x.level === 'L2');
        expect(s.escalations[0]!.rule).to.equal('L1 limit of 24 hours expired');
      },
      { channel: 'mahila', counsellor: officer('COUNSELLOR-1') },
    );
  });

  it('counts a level limit in hours when the ladder gives limitHours (and records the patch)', async () => {
    const hourly = structuredClone(ladder);
    hourly.levels[0]!.limitHours = 2;
    await scenario(
      'limit-hours',
      async ({ handle, input, state }) => {
        const s0 = await until(state, (s) => s.assignedTo === 'L1-ENERGY');
        const limit = Date.parse(s0.levelDueAt!) - Date.parse(input.receivedAt);
        expect(limit).to.be.within(2 * HOUR - 60_000, 2 * HOUR + 60_000);
        await env.sleep(1.5 * HOUR);
        expect((await state()).level).to.equal('L1');
        await env.sleep(HOUR);
        const s = await until(state, (x) => x.level === 'L2');
        expect(s.escalations[0]!.rule).to.equal('L1 limit of 2 hours expired');
        // L2 has no hour limit: back to working days.
        expect(Date.parse(s.levelDueAt!) - Date.parse(s.escalations[0]!.at)).to.be.greaterThan(5 * 24 * HOUR);
        const history = await handle.fetchHistory();
        const markers = history.events!.filter((e) => e.markerRecordedEventAttributes);
        expect(markers).to.have.length.greaterThan(0);
      },
      { ladder: hourly },
    );
  });

  it('requires an interim reply on a CPGRAMS grievance past 21 days, and files the Action Taken Report at closure', async () => {
    await scenario(
      'cpgrams',
      async ({ handle, recorded, state }) => {
        await until(state, (s) => s.assignedTo === 'L1-ENERGY');
        await env.sleep(22 * DAY);
        const s = await until(state, (x) => x.cpgramsOverdue === true);
        const officerNow = s.assignedTo!;
        await refused(
          handle.executeUpdate(resolve, { args: [{ officerCode: officerNow, text: 'Supply restored' }] }),
          /interim reply first/,
        );
        await handle.executeUpdate(interimReply, {
          args: [{ officerCode: officerNow, text: 'New transformer sanctioned' }],
        });
        await handle.executeUpdate(resolve, { args: [{ officerCode: officerNow, text: 'Supply restored' }] });
        await handle.executeUpdate(recordFeedback, {
          args: [{ satisfied: true, via: 'web', recordedBy: '9876500000' }],
        });
        await handle.result();
        expect(recorded.reports).to.have.length(1);
        expect(recorded.reports[0]).to.include({
          registrationNumber: 'DARPG/E/2026/0012345',
          closure: 'satisfied',
        });
      },
      { channel: 'cpgrams', cpgrams: { registrationNumber: 'DARPG/E/2026/0012345' } },
    );
  });

  it('closes an information call at once with the answer recorded', async () => {
    await scenario(
      'information',
      async ({ handle, recorded }) => {
        const final = await handle.result();
        expect(final).to.include({ status: 'closed', closure: 'answered' });
        expect(recorded.notifications.map((n) => n.template)).to.include('information-answer');
      },
      {
        callType: 'information',
        information: { schemeCode: 'ladli-behna', answerEn: 'Rs 1250 a month', answerHi: '₹1250 प्रति माह' },
      },
    );
  });
});
