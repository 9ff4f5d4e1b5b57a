// The CPGRAMS exchange end to end on the real stack: the stand-in portal (run by the start command)
// forwards a grievance, rounds of the exchange workflow register it once however often it comes,
// tell the portal where it is, and at closure send the Action Taken Report exactly once — through a
// 503, a repeated round and a lost acknowledgement. Needs `npm run build`.
import { expect } from 'chai';
import { Client, Connection } from '@temporalio/client';
import type { CpgramsGrievance } from '../../lib/cpgrams/format';
import type { CpgramsStandInState } from '../../lib/stand-ins/cpgrams';
import { dataConverterFor } from '../../lib/temporal/connection';
import { CPGRAMS_EXCHANGE_SCHEDULE_ID } from '../../lib/temporal/schedules';
import type { CpgramsExchangeResult } from '../../workflows/cpgrams-exchange';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

const REGISTRATION = 'DARPG/E/2026/0012345';
const MOBILE = '9876512001';
const GRIEVANCE: Partial<CpgramsGrievance> = {
  registrationNumber: REGISTRATION,
  organisation: { code: 'DARPG', name: 'Department of Administrative Reforms and Public Grievances' },
  category: 'Electricity >> Power supply',
  grievanceText: 'हमारे गाँव में ट्रांसफार्मर जलने के बाद पाँच दिन से बिजली नहीं है।',
  citizen: {
    name: 'रमेश कुमार अहिरवार',
    mobile: `+91 ${MOBILE}`,
    email: null,
    address: 'Ward 4, Gram Kolua, Block Phanda, Tehsil Huzur, Bhopal',
    state: 'Madhya Pradesh',
    district: 'Bhopal',
    pincode: '462030',
  },
};

describe('CPGRAMS exchange, end to end', function () {
  this.timeout(240_000);
  let t: TestStack;
  let connection: Connection;
  let client: Client;
  let portal: string;
  let complaintNumber: string;
  let round = 0;

  const runExchange = (): Promise<CpgramsExchangeResult> => {
    round += 1;
    return client.workflow.execute('cpgramsExchangeWorkflow', {
      taskQueue: t.config.taskQueue,
      workflowId: `cpgrams-exchange-e2e-${round}`,
      args: [{}],
    });
  };
  const control = (p: string, body?: unknown) =>
    fetch(`${portal}/_control${p}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  const received = async (): Promise<CpgramsStandInState> => json(await control('/reports'));

  before(async () => {
    t = await startTestStack('cpgrams');
    portal = `http://127.0.0.1:${t.config.standInsPort}/cpgrams`;
    connection = await Connection.connect({ address: t.stack.urls.temporal });
    client = new Client({ connection, dataConverter: dataConverterFor(t.config) }); // results are encrypted
  });

  after(async () => {
    await connection?.close();
    await t?.stop();
  });

  it('keeps a schedule that runs the exchange every CPGRAMS_PULL_MINUTES (paused here: the test runs rounds itself)', async () => {
    const schedule = client.schedule.getHandle(CPGRAMS_EXCHANGE_SCHEDULE_ID);
    const described = await schedule.describe();
    expect(described.spec.intervals?.[0]?.every).to.equal(t.config.cpgramsPullMinutes * 60_000);
    expect(described.action).to.include({ workflowType: 'cpgramsExchangeWorkflow' });
    await schedule.pause('the end-to-end test runs rounds itself');
    // No demo grievances in tests: the portal has forwarded nothing yet.
    expect((await runExchange()).pulled.received).to.equal(0);
  });

  it('registers a grievance pulled twice (two rounds, forwarded again) once, and tells the portal where it is', async () => {
    expect((await control('/grievances', GRIEVANCE)).status).to.equal(201);
    const first = await runExchange();
    expect(first.pulled).to.include({ received: 1, new: 1 });
    expect(first.registered).to.deep.equal({ done: 1, failed: 0 });

    const row = await t.db('cpgramsGrievances').where({ registrationNumber: REGISTRATION }).first();
    expect(row.complaintNumber).to.match(/^CMH\/\d{4}\/\d{6}$/);
    complaintNumber = row.complaintNumber as string;
    const complaint = await t.db('complaints').where({ number: complaintNumber }).first();
    expect(complaint).to.include({
      channel: 'cpgrams',
      citizenMobile: MOBILE,
      subjectCode: 'eng-transformer',
      blockCode: 'bhopal-phanda',
    });
    expect(complaint.workflowInput.cpgrams).to.deep.equal({ registrationNumber: REGISTRATION });
    // Routed to the energy L1 officer of Phanda: the officer's inbox shows it.
    await until('assigned', async () => {
      const c = await t
        .db('complaints')
        .where({ number: complaintNumber })
        .first('assignedOfficerCode', 'status');
      return c.status === 'open' && c.assignedOfficerCode ? true : undefined;
    });

    // The portal forwards the same grievance again; the next round pulls it and registers nothing.
    expect((await control('/grievances', { registrationNumber: REGISTRATION })).status).to.equal(201);
    const second = await runExchange();
    expect(second.pulled).to.include({ received: 1, new: 0 });
    expect(second.registered.done).to.equal(0);
    const again = await runExchange();
    expect(again.pulled.received).to.equal(0);
    const registered = await t
      .db('complaints')
      .where({ channel: 'cpgrams' })
      .whereRaw("workflow_input->'cpgrams'->>'registrationNumber' = ?", [REGISTRATION])
      .count({ n: '*' })
      .first();
    expect(Number(registered?.n)).to.equal(1);
    expect(
      (await t.db('cpgramsGrievances').where({ registrationNumber: REGISTRATION }).first()).timesPulled,
    ).to.equal(2);

    // The portal was told, in Hindi and English, that the complaint is with the L1 officer.
    const updates = (await received()).statusUpdates.filter(
      (u) => u.update.registrationNumber === REGISTRATION,
    );
    expect(updates.length).to.be.greaterThan(0);
    const latest = updates.at(-1)!.update;
    expect(latest).to.include({
      status: 'Under process',
      stateReference: complaintNumber,
      stage: 'open',
      level: 'L1',
    });
    expect(latest.remarks.hi).to.contain(complaintNumber).and.contain('ऊर्जा');
    // Nothing changed since: the last round sent nothing new.
    expect((await runExchange()).statusUpdates.done).to.equal(0);
  });

  it('sends the Action Taken Report at closure exactly once: a 503 is retried next round, a repeat round sends nothing', async () => {
    const url = `/complaints/${complaintNumber.replace(/\//g, '-')}`;
    const officer = (await t.db('complaints').where({ number: complaintNumber }).first('assignedOfficerCode'))
      .assignedOfficerCode as string;
    const resolved = await t.post(
      `${url}/actions/resolve`,
      { text: 'Transformer replaced on 28 November; supply restored to the village' },
      t.bearer(officer),
    );
    expect(resolved.status).to.equal(200);
    expect((await t.post(`${url}/feedback`, { mobile: MOBILE, satisfied: true })).status).to.equal(200);
    await until('the Action Taken Report filed by the complaint workflow', async () =>
      t.db('cpgramsActionTakenReports').where({ registrationNumber: REGISTRATION }).first(),
    );

    // The portal fails the first push with 503: the report stays pending, with the reason.
    expect((await control('/fail', { kind: 'atr', times: 1, status: 503 })).status).to.equal(200);
    const failed = await runExchange();
    expect(failed.actionTakenReports).to.deep.equal({ done: 0, failed: 1 });
    const pending = await t
      .db('cpgramsActionTakenReports')
      .where({ registrationNumber: REGISTRATION })
      .first();
    expect(pending).to.include({ status: 'pending', attempts: 1 });
    expect(pending.lastError).to.contain('503');
    expect((await received()).actionTakenReports).to.have.length(0);

    // The next round sends it; the portal has it once, with what the officer did.
    const sent = await runExchange();
    expect(sent.actionTakenReports).to.deep.equal({ done: 1, failed: 0 });
    let portalSide = await received();
    expect(portalSide.actionTakenReports).to.have.length(1);
    const atr = portalSide.actionTakenReports[0]!;
    expect(atr.idempotencyKey).to.equal('cpgrams-atr:DARPG-E-2026-0012345');
    expect(atr.report).to.deep.include({
      registrationNumber: REGISTRATION,
      stateReference: complaintNumber,
      status: 'Case closed',
      actionTaken: 'Transformer replaced on 28 November; supply restored to the village',
      closureCategory: 'redressed',
    });
    expect(atr.report.officer?.code).to.equal(officer);
    expect(atr.report.closureReason.hi).to.contain('संतुष्टि');
    const row = await t.db('cpgramsActionTakenReports').where({ registrationNumber: REGISTRATION }).first();
    expect(row).to.include({ status: 'sent', attempts: 2, lastError: null, receiptId: atr.receiptId });

    // Another round sends nothing.
    expect((await runExchange()).actionTakenReports.done).to.equal(0);
    portalSide = await received();
    expect(portalSide.requests.filter((r) => r.kind === 'atr').map((r) => r.status)).to.deep.equal([
      503, 201,
    ]);

    // An acknowledgement lost after the portal applied it (the row still pending): the retry carries
    // the same key, the portal answers with the first receipt, nothing is applied twice.
    await t
      .db('cpgramsActionTakenReports')
      .where({ registrationNumber: REGISTRATION })
      .update({ status: 'pending' });
    expect((await runExchange()).actionTakenReports.done).to.equal(1);
    portalSide = await received();
    expect(portalSide.actionTakenReports).to.have.length(1);
    expect(portalSide.requests.filter((r) => r.kind === 'atr').map((r) => r.status)).to.deep.equal([
      503, 201, 200,
    ]);
    // Once closed, no status update follows the report.
    const after = portalSide.statusUpdates.filter((u) => u.update.registrationNumber === REGISTRATION);
    expect(after.every((u) => u.update.stage !== 'closed')).to.equal(true);
  });

  it('keeps a grievance it cannot place unregistered, with the reason, and tries it again every round', async () => {
    expect(
      (
        await control('/grievances', {
          registrationNumber: 'PMOPG/E/2026/0000777',
          category: 'Others',
          grievanceText: 'Nobody answers my letters about the pension',
          citizen: { name: 'Kamla Devi', mobile: '9876512003', district: 'Lucknow', address: 'Lucknow' },
        })
      ).status,
    ).to.equal(201);
    const result = await runExchange();
    expect(result.registered).to.deep.equal({ done: 0, failed: 1 });
    const row = await t.db('cpgramsGrievances').where({ registrationNumber: 'PMOPG/E/2026/0000777' }).first();
    expect(row.complaintNumber).to.equal(null);
    expect(row.registrationProblem).to.contain('Lucknow');
    // Tried again every round (never lost), still not registered twice.
    await runExchange();
    expect(
      (await t.db('cpgramsGrievances').where({ registrationNumber: 'PMOPG/E/2026/0000777' }).first())
        .registrationAttempts,
    ).to.equal(2);
  });
});
