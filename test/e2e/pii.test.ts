// Personal data in Temporal, on the real stack: an application and a complaint with a distinctive
// name, mobile and Aadhaar number run through the real server and worker; their histories fetched
// RAW from Temporal (no codec) hold none of it, in bytes or in JSON/base64, while the codec decodes
// them; the Web UI's codec endpoint decodes for admins only; the admin history page reads through
// the codec and masks the Aadhaar number. Needs `npm run build`.
import { expect } from 'chai';
import { Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { piiEncryptionKeys } from '../../lib/secrets';
import { decodePayloadsIn, ENCRYPTED_ENCODING, payloadCodecs } from '../../lib/temporal/codec';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';
import { Visitor } from '../helpers/visitor';

const NAME = 'Zorawar Quixotic Piitest'; // Latin: found byte for byte if it leaks
const NAME_HI = 'ज़ोरावर क़ुरैशी'; // Devanagari: multi-byte UTF-8
const MOBILE = '9912377345';
const AADHAAR = '497315284069'; // a valid Verhoeff check digit, as intake requires
const SECRETS = [NAME, NAME_HI, MOBILE, AADHAAR];

const dashed = (number: string) => number.replace(/\//g, '-');
const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');

/** Signs a staff member in through the staff form, as a browser does; returns the Cookie header. */
async function staffSession(base: string, code: string): Promise<string> {
  const visitor = new Visitor(base);
  expect((await visitor.signInStaff(code)).status, 'staff sign-in').to.equal(303);
  return visitor.cookieHeader();
}

describe('personal data in Temporal is encrypted (real stack)', function () {
  this.timeout(240_000);
  let t: TestStack;
  let connection: Connection;
  let applicationNumber: string;
  let complaintNumber: string;

  /** Every page of a workflow's history exactly as the Temporal frontend serves it. */
  async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.History> {
    const events: temporal.api.history.v1.IHistoryEvent[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace: t.config.temporalNamespace,
        execution: { workflowId },
        nextPageToken,
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return temporal.api.history.v1.History.create({ events });
  }

  function expectNoPlaintext(history: temporal.api.history.v1.History, what: string) {
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    const asJson = historyToJSON(history);
    // Every base64 value of the JSON form, decoded: a payload's bytes as the Web UI would get them.
    const decodedBase64 = [...asJson.matchAll(/"([A-Za-z0-9+/]{8,}={0,2})"/g)]
      .map((m) => Buffer.from(m[1]!, 'base64'))
      .filter((b) => b.length > 0);
    for (const secret of SECRETS) {
      const utf8 = Buffer.from(secret, 'utf8');
      expect(bytes.includes(utf8), `${what}: "${secret}" in the raw history bytes`).to.be.false;
      expect(asJson, `${what}: "${secret}" in the history JSON`).not.to.contain(secret);
      expect(
        decodedBase64.some((b) => b.includes(utf8)),
        `${what}: "${secret}" in a base64 value of the history JSON`,
      ).to.be.false;
    }
    return asJson;
  }

  before(async () => {
    t = await startTestStack('pii');
    connection = await Connection.connect({ address: t.stack.urls.temporal });

    const submitted = await t.post('/applications', {
      service: 'INC',
      fields: {
        applicantName: NAME,
        guardianName: NAME_HI,
        gender: 'male',
        address: {
          line: `${NAME_HI} का घर`,
          village: 'bhopal-huzur-bilkhiriya-kalan',
          tehsil: 'bhopal-huzur',
          district: 'bhopal',
        },
        purpose: 'छात्रवृत्ति',
        incomeBySource: { agriculture: 50000 },
        samagraId: '192837465',
        aadhaar: AADHAAR,
        mobile: MOBILE,
      },
    });
    expect(submitted.status, await submitted.clone().text()).to.equal(201);
    applicationNumber = (await json(submitted)).applicationNumber;
    await until('the application with its officer', async () => {
      const app = await json(
        await fetch(t.api(`/applications/${dashed(applicationNumber)}?mobile=${MOBILE}`)),
      );
      return app.status === 'pending-decision' ? true : undefined;
    });
    // The designated officer approves: certificate, notices and projections all run with the data.
    const approved = await t.post(
      `/applications/${dashed(applicationNumber)}/actions/approve`,
      {},
      t.bearer('MP-REV-0030'),
    );
    expect(approved.status, await approved.clone().text()).to.equal(200);

    const registered = await t.post(
      '/complaints',
      {
        channel: 'agent-181',
        callType: 'complaint',
        citizen: { name: NAME_HI, mobile: MOBILE },
        place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
        subject: 'eng-no-supply',
        description: `${NAME} says: no power for three days; my Aadhaar ${AADHAAR}, call ${MOBILE}`,
      },
      t.bearer('MP-PSM-0002'),
    );
    expect(registered.status, await registered.clone().text()).to.equal(201);
    complaintNumber = (await json(registered)).complaintNumber;

    await until('the application delivered and the complaint routed', async () => {
      const app = await json(
        await fetch(t.api(`/applications/${dashed(applicationNumber)}?mobile=${MOBILE}`)),
      );
      const complaint = await json(
        await fetch(t.api(`/complaints/${dashed(complaintNumber)}?mobile=${MOBILE}`)),
      );
      const documents = await t.db('documents').where({ applicationNumber }).count({ n: '*' }).first();
      return app.status === 'delivered' && complaint.level && Number(documents?.n) >= 2 ? true : undefined;
    });
  });

  after(async () => {
    await connection?.close();
    await t?.stop();
  });

  it('keeps no plaintext name, mobile or Aadhaar in the raw histories, which the codec decodes', async () => {
    const codecs = payloadCodecs(piiEncryptionKeys(t.config));
    for (const workflowId of [applicationNumber, complaintNumber]) {
      // The workflow has run its first steps (projection, notification, timers) by then; under
      // load that can take a few seconds after the case number is answered.
      const history = await until(`${workflowId} to run its first steps`, async () => {
        const h = await rawHistory(workflowId);
        return h.events.length > 10 ? h : undefined;
      });
      const raw = expectNoPlaintext(history, workflowId);
      expect(raw).to.contain(Buffer.from(ENCRYPTED_ENCODING).toString('base64'));

      const decoded = historyToJSON(await decodePayloadsIn(history, codecs));
      const values = [...decoded.matchAll(/"data":\s*"([^"]*)"/g)]
        .map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
        .join('\n');
      expect(values, `${workflowId} decoded`).to.contain(MOBILE).and.to.contain(NAME_HI);
      if (workflowId === applicationNumber) expect(values).to.contain(NAME).and.to.contain(AADHAAR);
    }
  });

  it('decodes through /codec/decode for admins only: 401 for nobody, 403 for an officer', async () => {
    const history = await rawHistory(applicationNumber);
    const input = history.events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const body = JSON.stringify({
      payloads: [
        {
          metadata: {
            encoding: b64(input.metadata!.encoding),
            'encryption-key-id': b64(input.metadata!['encryption-key-id']),
          },
          data: b64(input.data),
        },
      ],
    });
    const decode = (headers: Record<string, string>) =>
      fetch(`${t.config.publicUrl}/codec/decode`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-namespace': t.config.temporalNamespace,
          ...headers,
        },
        body,
      });

    expect((await decode({})).status).to.equal(401);
    expect((await decode(t.bearer('MP-REV-0030'))).status).to.equal(403);
    const officerSession = await staffSession(t.config.publicUrl, 'MP-REV-0030');
    expect((await decode({ cookie: officerSession })).status).to.equal(403);

    const uiOrigin = new URL(t.stack.urls.temporalUi!).origin;
    const adminSession = await staffSession(t.config.publicUrl, 'MP-PSM-0001');
    for (const headers of [{ cookie: adminSession, origin: uiOrigin }, t.bearer('MP-PSM-0001')]) {
      const res = await decode(headers);
      expect(res.status).to.equal(200);
      const [payload] = (await json(res)).payloads as { metadata: Record<string, string>; data: string }[];
      expect(Buffer.from(payload!.metadata.encoding!, 'base64').toString()).to.equal('json/plain');
      const value = JSON.parse(Buffer.from(payload!.data, 'base64').toString('utf8'));
      expect(value.fields).to.include({ applicantName: NAME, aadhaar: AADHAAR, mobile: MOBILE });
      if ('origin' in headers) {
        expect(res.headers.get('access-control-allow-origin')).to.equal(uiOrigin);
        expect(res.headers.get('access-control-allow-credentials')).to.equal('true');
      }
    }

    // A flipped bit is refused, not passed off as decoded; another namespace is not served.
    const tampered = JSON.parse(body);
    const data = Buffer.from(tampered.payloads[0].data, 'base64');
    data[20]! ^= 1;
    tampered.payloads[0].data = data.toString('base64');
    const refused = await fetch(`${t.config.publicUrl}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.bearer('MP-PSM-0001') },
      body: JSON.stringify(tampered),
    });
    expect(refused.status).to.equal(422);
    expect((await json(refused)).error.code).to.equal('undecodable');
    expect((await decode({ ...t.bearer('MP-PSM-0001'), 'x-namespace': 'elsewhere' })).status).to.equal(400);
    const malformed = await fetch(`${t.config.publicUrl}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.bearer('MP-PSM-0001') },
      body: JSON.stringify({ payloads: [{ data: 'not base64!' }] }),
    });
    expect(malformed.status).to.equal(400);
  });

  it('answers the Web UI’s CORS preflight for its own origin only, and encodes what decode reads back', async () => {
    const uiOrigin = new URL(t.stack.urls.temporalUi!).origin;
    const preflight = (origin: string) =>
      fetch(`${t.config.publicUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const ok = await preflight(uiOrigin);
    expect(ok.status).to.equal(204);
    expect(ok.headers.get('access-control-allow-origin')).to.equal(uiOrigin);
    expect(ok.headers.get('access-control-allow-credentials')).to.equal('true');
    expect(ok.headers.get('access-control-allow-headers')).to.match(/x-namespace/i);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).to.be.null;

    const admin = { 'content-type': 'application/json', ...t.bearer('MP-PSM-0001') };
    const plain = {
      metadata: { encoding: b64(Buffer.from('json/plain')) },
      data: b64(Buffer.from(`"${MOBILE}"`)),
    };
    const encoded = await json(
      await fetch(`${t.config.publicUrl}/codec/encode`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ payloads: [plain] }),
      }),
    );
    expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).to.equal(
      ENCRYPTED_ENCODING,
    );
    expect(Buffer.from(encoded.payloads[0].data, 'base64').includes(Buffer.from(MOBILE))).to.be.false;
    const decoded = await json(
      await fetch(`${t.config.publicUrl}/codec/decode`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(encoded),
      }),
    );
    expect(decoded.payloads).to.deep.equal([plain]);
  });

  it('points the dev server’s Web UI at the codec endpoint', async () => {
    const settings = await json(await fetch(`${t.stack.urls.temporalUi}/api/v1/settings`));
    expect(JSON.stringify(settings)).to.contain(`${t.config.publicUrl}/codec`);
  });

  it('shows the admin the decoded history with the Aadhaar number masked', async () => {
    const adminSession = await staffSession(t.config.publicUrl, 'MP-PSM-0001');
    const page = await fetch(`${t.config.publicUrl}/admin/cases/${dashed(applicationNumber)}`, {
      headers: { cookie: adminSession },
    });
    expect(page.status).to.equal(200);
    const text = await page.text();
    expect(text).to.contain(NAME).and.to.contain('XXXX XXXX 4069');
    expect(text).not.to.contain(AADHAAR).and.not.to.contain('&#60;undecodable&#62;');
  });
});
