// The CPGRAMS exchange's pieces on their own: a forwarded grievance mapped to a CM Helpline
// department, subject and place; the client against the stand-in portal (paging by cursor, the API
// key, idempotent pushes, a 503 that is worth retrying).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { CpgramsError, createCpgramsClient } from '../../lib/cpgrams/client';
import type { ActionTakenReport, CpgramsGrievance } from '../../lib/cpgrams/format';
import { indianMobile, mapGrievance, type Places } from '../../lib/cpgrams/mapping';
import { projectRoot } from '../../lib/paths';
import { createCpgramsStandIn, DEMO_GRIEVANCES, type CpgramsStandIn } from '../../lib/stand-ins/cpgrams';
import { startStandIns, type StandInServer } from '../../lib/stand-ins/server';

const seed = <T>(name: string) =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', `${name}.json`), 'utf8')) as T;
type SeedPlace = { code: string; district?: string; nameEn: string; nameHi: string };
const places: Places = {
  districts: seed<SeedPlace[]>('districts'),
  tehsils: seed<SeedPlace[]>('tehsils').map((t) => ({ ...t, districtCode: t.district! })),
  blocks: seed<SeedPlace[]>('blocks').map((b) => ({ ...b, districtCode: b.district! })),
};

const grievance = (overrides: Partial<CpgramsGrievance> = {}): CpgramsGrievance => ({
  registrationNumber: 'DARPG/E/2026/0012345',
  receivedDate: '2026-11-20',
  forwardedAt: '2026-11-21T05:00:00.000Z',
  organisation: { code: 'DARPG', name: 'Department of Administrative Reforms and Public Grievances' },
  category: 'Others',
  grievanceText: 'No action on my complaint for two months',
  status: 'Under process',
  ...overrides,
  citizen: {
    name: 'Ramesh',
    mobile: '9876512001',
    email: null,
    address: '',
    state: 'Madhya Pradesh',
    district: 'Bhopal',
    pincode: null,
    ...overrides.citizen,
  },
});

describe('CPGRAMS grievance mapping', () => {
  it('maps the demo electricity grievance to the energy transformer subject in Phanda block, Huzur tehsil', () => {
    const mapped = mapGrievance(grievance(DEMO_GRIEVANCES[0]), places);
    expect(mapped.ok).to.equal(true);
    if (!mapped.ok) return;
    expect(mapped.request).to.deep.include({
      channel: 'cpgrams',
      callType: 'complaint',
      subject: 'eng-transformer',
      cpgramsRegistrationNumber: 'DARPG/E/2026/0012345',
    });
    expect(mapped.request.place).to.deep.equal({
      district: 'bhopal',
      tehsil: 'bhopal-huzur',
      block: 'bhopal-phanda',
    });
    expect(mapped.request.citizen).to.deep.equal({ name: 'रमेश कुमार अहिरवार', mobile: '9876512001' });
    expect(mapped.request.description).to.match(/^CPGRAMS DARPG\/E\/2026\/0012345: हमारे गाँव/);
  });

  it('maps a land grievance by its category and finds the subject in Hindi text', () => {
    const mapped = mapGrievance(grievance(DEMO_GRIEVANCES[1]), places);
    expect(mapped.ok && mapped.request.subject).to.equal('rev-mutation');
    expect(mapped.ok && mapped.request.place.tehsil).to.equal('bhopal-huzur');
  });

  it('falls back from the category to the organisation, then to the text', () => {
    const byOrganisation = mapGrievance(
      grievance({ organisation: { code: 'DOFPD', name: 'Food and Public Distribution' } }),
      places,
    );
    expect(byOrganisation.ok && byOrganisation.request.subject).to.equal('fcs-ration-not-received');
    const byText = mapGrievance(
      grievance({ grievanceText: 'हमारे गाँव का हैंडपंप तीन महीने से खराब है, पानी नहीं' }),
      places,
    );
    expect(byText.ok && byText.request.subject).to.equal('phe-handpump');
  });

  it('matches Latin keywords as whole words only ("fir" is not in "first")', () => {
    const mapped = mapGrievance(
      grievance({ category: 'Police', grievanceText: 'The first complaint about theft is pending' }),
      places,
    );
    expect(mapped.ok && mapped.request.subject).to.equal('hom-investigation-pending');
  });

  it('keeps a grievance it cannot place unregistered, saying why', () => {
    const mapped = mapGrievance(
      grievance({
        category: 'Electricity',
        citizen: { district: 'Lucknow', mobile: '12345' } as CpgramsGrievance['citizen'],
      }),
      places,
    );
    expect(mapped.ok).to.equal(false);
    if (mapped.ok) return;
    expect(mapped.problems.join(' ')).to.contain('Lucknow').and.contain('12345');
    expect(mapGrievance(grievance({ grievanceText: 'Something unrelated to anything' }), places).ok).to.equal(
      false,
    );
  });

  it('reads mobile numbers as the portal sends them', () => {
    expect(indianMobile('+91 98765 43210')).to.equal('9876543210');
    expect(indianMobile('09876543210')).to.equal('9876543210');
    expect(indianMobile('919876543210')).to.equal('9876543210');
    expect(indianMobile('5876543210')).to.equal(null);
  });
});

describe('CPGRAMS client against the stand-in portal', () => {
  let server: StandInServer;
  let standIn: CpgramsStandIn;
  let base: string;

  beforeEach(async () => {
    standIn = createCpgramsStandIn({ apiKey: 'test-key' });
    server = await startStandIns({ parts: [standIn] });
    base = `${server.url}/cpgrams`;
  });
  afterEach(async () => {
    await server.close();
  });

  const report = (registrationNumber: string): ActionTakenReport => ({
    registrationNumber,
    stateReference: 'CMH/2026/000001',
    status: 'Case closed',
    actionTaken: 'Transformer replaced; supply restored',
    closureDate: '2026-11-29',
    closedAt: '2026-11-29T06:00:00.000Z',
    closureCategory: 'redressed',
    closureReason: { en: 'Resolved', hi: 'निराकृत' },
    officer: null,
    interimReplies: 0,
    escalations: 0,
    attachments: [],
  });

  it('pages through forwarded grievances by cursor; a grievance forwarded again comes again', async () => {
    const client = createCpgramsClient({ baseUrl: base, apiKey: 'test-key' });
    expect(await client.grievances(null, 2)).to.deep.equal({
      grievances: [],
      nextCursor: null,
      hasMore: false,
    });
    for (const g of DEMO_GRIEVANCES) standIn.forward(g);
    standIn.forward({ category: 'Others' });
    const first = await client.grievances(null, 2);
    expect(first.grievances.map((g) => g.registrationNumber)).to.deep.equal([
      'DARPG/E/2026/0012345',
      'DOLR/E/2026/0003456',
    ]);
    expect(first.hasMore).to.equal(true);
    const second = await client.grievances(first.nextCursor, 2);
    expect(second.grievances).to.have.length(1);
    expect(second.hasMore).to.equal(false);
    const empty = await client.grievances(second.nextCursor, 2);
    expect(empty).to.deep.equal({ grievances: [], nextCursor: second.nextCursor, hasMore: false });
    standIn.forward({ registrationNumber: 'DARPG/E/2026/0012345' });
    const again = await client.grievances(second.nextCursor, 2);
    expect(again.grievances.map((g) => g.registrationNumber)).to.deep.equal(['DARPG/E/2026/0012345']);
    expect(again.grievances[0]!.citizen.name).to.equal('रमेश कुमार अहिरवार');
  });

  it('refuses a wrong API key with 401, which is not worth retrying', async () => {
    const client = createCpgramsClient({ baseUrl: base, apiKey: 'wrong' });
    const err = await client.grievances(null, 10).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CpgramsError);
    expect(err).to.include({ status: 401, retryable: false });
  });

  it('applies an Action Taken Report once per idempotency key, and closes the grievance', async () => {
    const client = createCpgramsClient({ baseUrl: base, apiKey: 'test-key' });
    standIn.forward({ registrationNumber: 'DARPG/E/2026/0012345' });
    const first = await client.sendActionTakenReport(
      report('DARPG/E/2026/0012345'),
      'cpgrams-atr:DARPG-E-2026-0012345',
    );
    const again = await client.sendActionTakenReport(
      report('DARPG/E/2026/0012345'),
      'cpgrams-atr:DARPG-E-2026-0012345',
    );
    expect(first.replayed).to.equal(false);
    expect(again).to.deep.equal({ ...first, replayed: true });
    expect(standIn.received().actionTakenReports).to.have.length(1);
    // A second report under another key, or a status update now, is refused: the case is closed.
    const other = await client
      .sendActionTakenReport(report('DARPG/E/2026/0012345'), 'another-key-0001')
      .catch((e: unknown) => e);
    expect(other).to.include({ status: 409, retryable: false });
    // Unknown grievances are refused too.
    const unknown = await client
      .sendActionTakenReport(report('DARPG/E/2026/0099999'), 'cpgrams-atr:DARPG-E-2026-0099999')
      .catch((e: unknown) => e);
    expect(unknown).to.include({ status: 404 });
  });

  it('answers 503 when told to, once, and the retry is applied', async () => {
    const client = createCpgramsClient({ baseUrl: base, apiKey: 'test-key' });
    standIn.forward({ registrationNumber: 'DARPG/E/2026/0012345' });
    await fetch(`${base}/_control/fail`, { method: 'POST', body: JSON.stringify({ kind: 'atr', times: 1 }) });
    const failed = await client
      .sendActionTakenReport(report('DARPG/E/2026/0012345'), 'cpgrams-atr:DARPG-E-2026-0012345')
      .catch((e: unknown) => e);
    expect(failed).to.include({ status: 503, retryable: true });
    await client.sendActionTakenReport(report('DARPG/E/2026/0012345'), 'cpgrams-atr:DARPG-E-2026-0012345');
    const received = (await (await fetch(`${base}/_control/reports`)).json()) as ReturnType<
      CpgramsStandIn['received']
    >;
    expect(received.actionTakenReports).to.have.length(1);
    expect(received.requests.filter((r) => r.kind === 'atr').map((r) => r.status)).to.deep.equal([503, 201]);
  });

  it('seeds two demo grievances when asked (the start command does, outside tests)', () => {
    const demo = createCpgramsStandIn({ apiKey: 'k', demo: true });
    const plain = createCpgramsStandIn({ apiKey: 'k' });
    expect(demo.forward({}).registrationNumber).to.match(/^DARPG\/E\/\d{4}\/9000003$/);
    expect(plain.forward({}).registrationNumber).to.match(/^DARPG\/E\/\d{4}\/9000001$/);
  });
});
