// End to end over HTTP on the real stack (Temporal dev server, embedded PostgreSQL, worker, server,
// stand-in payment gateway): an income certificate from submission to a verified PDF, and a khasra
// copy paid through the gateway's signed callback. Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { publicKeyFromPem, verifyPayload } from '../../lib/certificate-signing';
import { projectRoot } from '../../lib/paths';
import { dataConverterFor } from '../../lib/temporal/connection';
import { decodePayloadsIn, payloadCodecs } from '../../lib/temporal/codec';
import { piiEncryptionKeys } from '../../lib/secrets';
import { signCallback } from '../../lib/payment-gateway/signature';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

const ARTIFACTS = path.join(projectRoot, 'test', 'artifacts', 'e2e');

describe('Lok Seva Guarantee applications, end to end over HTTP', function () {
  this.timeout(240_000);
  let t: TestStack;
  let config: TestStack['config'];
  let stack: TestStack['stack'];
  let db: TestStack['db'];
  const api = (p: string) => t.api(p);
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) => t.post(p, body, headers);
  const bearer = (code: string) => t.bearer(code);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  async function statusOf(number: string, mobile: string): Promise<any> {
    return json(await fetch(api(`/applications/${number.replace(/\//g, '-')}?mobile=${mobile}`)));
  }

  async function officerOf(role: string, tehsil: string): Promise<string> {
    return db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .join('tehsils', 'tehsils.id', 'officerRoles.tehsilId')
      .where({ 'officerRoles.role': role, 'tehsils.code': tehsil })
      .orderBy('officers.code')
      .first('officers.code')
      .then((r: { code: string }) => r.code);
  }

  before(async () => {
    t = await startTestStack('lsg');
    ({ config, stack, db } = t);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await t?.stop();
  });

  const incomeFields = {
    applicantName: 'सुनीता शर्मा',
    guardianName: 'रामकृष्ण त्रिपाठी',
    gender: 'female',
    address: {
      line: 'म.नं. 12, गली 3',
      village: 'bhopal-huzur-bilkhiriya-kalan',
      tehsil: 'bhopal-huzur',
      district: 'bhopal',
    },
    purpose: 'छात्रवृत्ति हेतु',
    incomeBySource: { agriculture: 60000, labour: 24000 },
    samagraId: '123456789',
    mobile: '9876543210',
  };

  it('refuses bad fields with a 400 naming each field, in the asker’s language', async () => {
    const res = await post(
      '/applications',
      { service: 'INC', fields: { ...incomeFields, mobile: '123', gender: 'x' } },
      { 'accept-language': 'hi' },
    );
    expect(res.status).to.equal(400);
    const body = await json(res);
    expect(body.error.code).to.equal('invalid_fields');
    expect(body.error.message).to.equal('कुछ जानकारी सुधारनी होगी।');
    expect(body.error.details.map((d: { field: string }) => d.field)).to.have.members(['mobile', 'gender']);
    expect(body.error.details[0].message.en).to.be.a('string').and.not.be.empty;
    const unknown = await post('/applications', { service: 'XYZ', fields: {} });
    expect(unknown.status).to.equal(400);
    expect((await json(unknown)).error.code).to.equal('unknown_service');
  });

  it('takes an income certificate from submission to a signed, verifiable PDF', async () => {
    // Submit twice with one idempotency key: one application.
    const first = await post(
      '/applications',
      { service: 'INC', fields: incomeFields },
      { 'idempotency-key': 'e2e-income-0001' },
    );
    expect(first.status).to.equal(201);
    const accepted = await json(first);
    expect(accepted.applicationNumber).to.match(/^LSG\/INC\/\d{4}\/\d{6}$/);
    expect(accepted.dueDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const again = await post(
      '/applications',
      { service: 'INC', fields: incomeFields },
      { 'idempotency-key': 'e2e-income-0001' },
    );
    expect(again.status).to.equal(200);
    expect((await json(again)).applicationNumber).to.equal(accepted.applicationNumber);
    expect(
      await db('applications').where({ idempotencyKey: 'e2e-income-0001' }).count({ n: '*' }).first(),
    ).to.deep.equal({ n: '1' });
    const number: string = accepted.applicationNumber;

    await until('pending decision', async () =>
      (await statusOf(number, '9876543210')).status === 'pending-decision' ? true : undefined,
    );
    const receipt = await until('receipt', async () => {
      const res = await fetch(accepted.receiptUrl + '?mobile=9876543210');
      return res.status === 200 ? Buffer.from(await res.arrayBuffer()) : undefined;
    });
    fs.writeFileSync(path.join(ARTIFACTS, 'receipt.pdf'), receipt);
    const receiptText = execFileSync('pdftotext', [path.join(ARTIFACTS, 'receipt.pdf'), '-']).toString();
    expect(receiptText).to.contain(number).and.to.contain('सुनीता शर्मा').and.to.contain('पावती');

    // Another citizen's mobile sees nothing; an officer of another tehsil does not learn it exists.
    expect(
      (await fetch(api(`/applications/${number.replace(/\//g, '-')}?mobile=9999999999`))).status,
    ).to.equal(404);
    const designated = await officerOf('designated_officer', 'bhopal-huzur');
    const otherTehsildar = await officerOf('designated_officer', 'bhopal-kolar');
    const refused = await post(
      `/applications/${number.replace(/\//g, '-')}/actions/approve`,
      {},
      { ...bearer(otherTehsildar), 'accept-language': 'hi' },
    );
    expect(refused.status).to.equal(404);
    expect((await json(refused)).error.message).to.contain('आपको उपलब्ध नहीं है'); // the same as for a number that does not exist
    expect((await post(`/applications/${number.replace(/\//g, '-')}/actions/approve`, {})).status).to.equal(
      401,
    );

    const approved = await post(
      `/applications/${number.replace(/\//g, '-')}/actions/approve`,
      {},
      bearer(designated),
    );
    expect(approved.status).to.equal(200);
    expect((await json(approved)).status).to.equal('delivered');

    const status = await statusOf(number, '9876543210');
    expect(status.status).to.equal('delivered');
    expect(status.timeline.map((e: { type: string }) => e.type)).to.include.members([
      'received',
      'approved',
      'certificate-issued',
    ]);
    const certificate = status.documents.find((d: { kind: string }) => d.kind === 'income-certificate');
    expect(certificate.serial).to.match(/^JS-INC-\d{4}-\d{6}-1$/);

    const pdf = Buffer.from(
      await (await fetch(`${config.publicUrl}${certificate.url}?mobile=9876543210`)).arrayBuffer(),
    );
    const file = path.join(ARTIFACTS, 'income-certificate.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text)
      .to.contain('सुनीता शर्मा')
      .and.to.contain('रामकृष्ण त्रिपाठी')
      .and.to.contain(certificate.serial)
      .and.to.contain('आय प्रमाण पत्र');

    // The QR code, read off the rendered page, verifies offline with the published public key.
    execFileSync('pdftoppm', [
      '-r',
      '150',
      '-png',
      '-singlefile',
      file,
      path.join(ARTIFACTS, 'income-certificate'),
    ]);
    const payload = execFileSync('zbarimg', ['--raw', '-q', path.join(ARTIFACTS, 'income-certificate.png')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    const keys = (await json(await fetch(api('/verify/public-keys')))).keys as {
      keyId: string;
      pem: string;
    }[];
    const verdict = verifyPayload(
      payload,
      Object.fromEntries(keys.map((k) => [k.keyId, publicKeyFromPem(k.pem)])),
    );
    expect(verdict.valid).to.be.true;
    if (verdict.valid)
      expect(verdict.facts).to.include({
        serial: certificate.serial,
        applicationNumber: number,
        holder: 'सुनीता शर्मा',
      });

    const online = await json(await fetch(api(`/verify/${certificate.serial}`)));
    expect(online.status).to.equal('valid');
    const page = await fetch(`${config.publicUrl}/verify/${certificate.serial}?lang=hi`);
    expect(await page.text()).to.contain('मान्य');
    expect((await json(await fetch(api('/verify/JS-NOPE-1')))).status).to.equal('unknown');

    // An admin revokes it (verification then says so) and re-issues it under a new serial, once.
    const admin = await db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .where('officerRoles.role', 'admin')
      .first('officers.code');
    const adminAuth = bearer(admin.code as string);
    expect(
      (await post(`/documents/${certificate.serial}/reissue`, { reason: 'Name corrected' }, adminAuth))
        .status,
    ).to.equal(409);
    expect(
      (await post(`/documents/${certificate.serial}/revoke`, { reason: 'x' }, adminAuth)).status,
    ).to.equal(400);
    expect(
      (
        await post(
          `/documents/${certificate.serial}/revoke`,
          { reason: 'Wrong spelling of name' },
          bearer(designated),
        )
      ).status,
    ).to.equal(403);
    expect(
      (await post(`/documents/${certificate.serial}/revoke`, { reason: 'Wrong spelling of name' }, adminAuth))
        .status,
    ).to.equal(200);
    expect((await json(await fetch(api(`/verify/${certificate.serial}`)))).status).to.equal('revoked');
    const reissued = await post(
      `/documents/${certificate.serial}/reissue`,
      { reason: 'Name corrected' },
      adminAuth,
    );
    expect(reissued.status).to.equal(201);
    const second = await json(reissued);
    expect(second.serial).to.equal(certificate.serial.replace(/-1$/, '-2'));
    expect((await json(await fetch(api(`/verify/${second.serial}`)))).status).to.equal('valid');
    expect(
      (await post(`/documents/${certificate.serial}/reissue`, { reason: 'Name corrected' }, adminAuth))
        .status,
    ).to.equal(409);

    // One certificate per issue, and the applicant told in Hindi and English.
    expect(
      await db('documents')
        .where({ applicationNumber: number })
        .whereNot({ kind: 'receipt' })
        .count({ n: '*' })
        .first(),
    ).to.deep.equal({ n: '2' });
    const messages: { template: string; bodyHi: string }[] = await db('outboxMessages')
      .where({ recipientMobile: '9876543210' })
      .select('template', 'bodyHi');
    expect(messages.filter((m) => m.template === 'certificate-issued')).to.have.length(2);
    expect(messages.find((m) => m.template === 'received')!.bodyHi).to.contain(number);

    // Temporal lists it by its search attributes too.
    const connection = await Connection.connect({ address: stack.urls.temporal });
    const client = new Client({ connection, dataConverter: dataConverterFor(config) });
    const ids: string[] = [];
    await until('visibility', async () => {
      ids.length = 0;
      for await (const wf of client.workflow.list({
        query: `CaseStatus = "delivered" AND ServiceCode = "INC"`,
      }))
        ids.push(wf.workflowId);
      return ids.includes(number) ? true : undefined;
    });
    if (process.env.RECORD_HISTORIES === '1') {
      // Kept decrypted: the replay test has no key of this throw-away stack.
      const history = await decodePayloadsIn(
        await client.workflow.getHandle(number).fetchHistory(),
        payloadCodecs(piiEncryptionKeys(config)),
      );
      fs.writeFileSync(
        path.join(projectRoot, 'test', 'histories', 'application-dev-server-delivered.json'),
        historyToJSON(history),
      );
    }
    await connection.close();
  });

  it('issues a khasra copy after a payment through the gateway; forged and replayed callbacks change nothing', async () => {
    const fields = {
      khasraNumber: '112',
      village: 'bhopal-huzur-bilkhiriya-kalan',
      year: 2026,
      samagraId: '123456789',
      mobile: '9812345678',
    };
    const accepted = await json(await post('/applications', { service: 'KHS', fields }));
    const number: string = accepted.applicationNumber;
    const waiting = await until('awaiting payment', async () => {
      const s = await statusOf(number, '9812345678');
      return s.status === 'awaiting-payment' ? s : undefined;
    });
    expect(waiting.payment.amountPaise).to.equal(3000);
    const orderId = `JS-${number.split('/').slice(1).join('-')}`;

    const forged = {
      orderId,
      paymentId: 'FORGED-1',
      amountPaise: 3000,
      status: 'paid' as const,
      timestamp: Date.now(),
    };
    const forgedRes = await post('/payments/callback', forged, {
      'x-gateway-signature': signCallback(forged, 'not-the-secret'),
    });
    expect(forgedRes.status).to.equal(401);
    expect((await statusOf(number, '9812345678')).status).to.equal('awaiting-payment');

    // The citizen pays on the gateway's page; the gateway calls back, signed.
    const pay = await fetch(`${stack.urls.paymentGateway}/pay/${orderId}`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(pay.status).to.be.oneOf([200, 303]);
    const delivered = await until('delivered', async () => {
      const s = await statusOf(number, '9812345678');
      return s.status === 'delivered' ? s : undefined;
    });
    const copy = delivered.documents.find((d: { kind: string }) => d.kind === 'khasra-khatauni-copy');
    const file = path.join(ARTIFACTS, 'khasra-copy.pdf');
    fs.writeFileSync(
      file,
      Buffer.from(await (await fetch(`${config.publicUrl}${copy.url}?mobile=9812345678`)).arrayBuffer()),
    );
    expect(execFileSync('pdftotext', [file, '-']).toString()).to.contain('112');

    // A replay of a genuine callback (same payment id) is acknowledged and changes nothing.
    const payment = await db('payments').where({ orderId }).first();
    const replay = {
      orderId,
      paymentId: payment.paymentId as string,
      amountPaise: 3000,
      status: 'paid' as const,
      timestamp: Date.now(),
    };
    const replayRes = await post('/payments/callback', replay, {
      'x-gateway-signature': signCallback(replay, config.paymentGatewaySecret),
    });
    expect(replayRes.status).to.equal(200);
    expect((await json(replayRes)).status).to.equal('already-recorded');
    expect(
      await db('documents')
        .where({ applicationNumber: number })
        .whereNot({ kind: 'receipt' })
        .count({ n: '*' })
        .first(),
    ).to.deep.equal({ n: '1' });
  });
});
