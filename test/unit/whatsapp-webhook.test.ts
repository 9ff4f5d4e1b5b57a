// The WhatsApp webhook as Meta sends it (signature over the raw bytes, the documented payload
// shapes) and the stand-in Cloud API that plays Meta's side: send endpoint, signed deliveries.
import { expect } from 'chai';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStandIns, type StandInServer } from '../../lib/stand-ins/server';
import { createWhatsAppCloudStandIn, type WhatsAppStandIn } from '../../lib/stand-ins/whatsapp';
import { readDelivery, signatureValid } from '../../server/whatsapp/webhook';

const SECRET = 'test-app-secret';
const PHONE_NUMBER_ID = '106540352242922';

const sign = (raw: string | Buffer, secret = SECRET) =>
  `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

/** The documented example of a text message webhook (developers.facebook.com, messages webhook). */
const textDelivery = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            messages: [
              {
                from: '16505551234',
                id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                timestamp: '1749416383',
                type: 'text',
                text: { body: 'Does it come in another color?' },
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
};

const withValue = (value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '917552555582', phone_number_id: phoneNumberId },
            ...value,
          },
        },
      ],
    },
  ],
});

describe('WhatsApp webhook: signature and payloads', () => {
  it('accepts only the HMAC-SHA256 of the exact raw bytes with the app secret', () => {
    const raw = Buffer.from(JSON.stringify(textDelivery));
    expect(signatureValid(raw, sign(raw), SECRET)).to.equal(true);
    expect(signatureValid(raw, sign(raw).toUpperCase().replace('SHA256=', 'sha256='), SECRET)).to.equal(true);
    expect(signatureValid(raw, undefined, SECRET)).to.equal(false);
    expect(signatureValid(raw, '', SECRET)).to.equal(false);
    expect(signatureValid(raw, sign(raw, 'another-secret'), SECRET)).to.equal(false);
    expect(signatureValid(raw, sign(raw).replace('sha256=', 'sha1='), SECRET)).to.equal(false);
    expect(signatureValid(raw, `${sign(raw)}00`, SECRET)).to.equal(false);
    // The same JSON re-serialised differently is not what was signed.
    const escaped = Buffer.from(
      JSON.stringify({ t: 'नमस्ते' }).replace(/[\u0900-\u097f]/g, (c) => `\\u0${c.charCodeAt(0).toString(16)}`),
    );
    expect(signatureValid(Buffer.from(JSON.stringify({ t: 'नमस्ते' })), sign(escaped), SECRET)).to.equal(false);
  });

  it('reads the documented text message: id, sender, profile name, time, text', () => {
    const delivery = readDelivery(textDelivery, PHONE_NUMBER_ID);
    expect(delivery.skipped).to.equal(0);
    expect(delivery.statuses).to.deep.equal([]);
    expect(delivery.messages).to.deep.equal([
      {
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        from: '16505551234',
        profileName: 'Sheena Nelson',
        type: 'text',
        text: 'Does it come in another color?',
        sentAt: new Date(1749416383 * 1000),
      },
    ]);
  });

  it('reads reply buttons and list rows by their id, and media as "no text"', () => {
    const base = { from: '919876543210', timestamp: '1764650000' };
    const delivery = readDelivery(
      withValue({
        contacts: [{ profile: { name: 'सुनीता' }, wa_id: '919876543210' }],
        messages: [
          {
            ...base,
            id: 'wamid.A',
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: '1', title: 'हाँ' } },
          },
          {
            ...base,
            id: 'wamid.B',
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: '3', title: 'Schemes', description: '' } },
          },
          {
            ...base,
            id: 'wamid.C',
            type: 'image',
            image: { id: '123', mime_type: 'image/jpeg', sha256: 'x' },
          },
          { ...base, id: 'wamid.D', type: 'button', button: { payload: '2', text: 'No' } },
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(delivery.messages.map((m) => [m.id, m.text, m.profileName])).to.deep.equal([
      ['wamid.A', '1', 'सुनीता'],
      ['wamid.B', '3', 'सुनीता'],
      ['wamid.C', null, 'सुनीता'],
      ['wamid.D', '2', 'सुनीता'],
    ]);
  });

  it('reads statuses[] (with the errors of a failure) and skips what is not for our number', () => {
    const delivery = readDelivery(
      withValue({
        statuses: [
          {
            id: 'wamid.OUT1',
            status: 'delivered',
            timestamp: '1764650100',
            recipient_id: '919876543210',
            conversation: { id: 'c1', origin: { type: 'service' } },
            pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
          },
          {
            id: 'wamid.OUT2',
            status: 'failed',
            timestamp: '1764650101',
            recipient_id: '919876543210',
            errors: [{ code: 131047, title: 'Re-engagement message' }],
          },
          { id: 'wamid.OUT3', status: 'deleted', timestamp: '1764650102', recipient_id: '919876543210' },
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(delivery.statuses).to.deep.equal([
      { providerId: 'wamid.OUT1', status: 'delivered', at: new Date(1764650100 * 1000) },
      {
        providerId: 'wamid.OUT2',
        status: 'failed',
        at: new Date(1764650101 * 1000),
        error: '131047 Re-engagement message',
      },
    ]);
    expect(delivery.skipped).to.equal(1);
    expect(readDelivery(textDelivery, '999').messages).to.deep.equal([]);
    expect(readDelivery({ object: 'page', entry: [] }, PHONE_NUMBER_ID).skipped).to.equal(1);
  });
});

describe('WhatsApp Cloud API stand-in', () => {
  let server: StandInServer;
  let part: WhatsAppStandIn;
  let receiver: http.Server;
  const received: { raw: Buffer; signature: string | undefined }[] = [];
  let challengeAnswer: (challenge: string) => string = (c) => c;

  before(async () => {
    receiver = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        const ok = url.searchParams.get('hub.verify_token') === 'verify-me';
        res
          .writeHead(ok ? 200 : 403)
          .end(ok ? challengeAnswer(url.searchParams.get('hub.challenge') ?? '') : '');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks),
          signature: req.headers['x-hub-signature-256'] as string,
        });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const { port } = receiver.address() as AddressInfo;
    part = createWhatsAppCloudStandIn({
      accessToken: 'token-1',
      phoneNumberId: PHONE_NUMBER_ID,
      appSecret: SECRET,
      verifyToken: 'verify-me',
      webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
      statusDelayMs: 20,
    });
    server = await startStandIns({ parts: [part] });
  });

  after(async () => {
    await server?.close();
    await new Promise((r) => receiver?.close(r));
  });

  const sendUrl = (id = PHONE_NUMBER_ID) => `${server.url}/whatsapp/v21.0/${id}/messages`;
  const send = (body: unknown, token = 'token-1', id?: string) =>
    fetch(sendUrl(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const text = (to: string, body: string) => ({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    text: { body, preview_url: false },
    biz_opaque_callback_data: 'whatsapp:wamid.IN:0',
  });

  it('refuses a wrong token and an unknown phone number id as the Graph API does', async () => {
    const bad = await send(text('919876543210', 'x'), 'wrong');
    expect(bad.status).to.equal(401);
    expect(((await bad.json()) as { error: { code: number } }).error.code).to.equal(190);
    const unknown = await send(text('919876543210', 'x'), 'token-1', '42');
    expect(unknown.status).to.equal(400);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).to.equal(100);
    expect((await send({ ...text('919876543210', 'x'), messaging_product: undefined })).status).to.equal(400);
    expect((await send(text('919876543210', ''))).status).to.equal(400);
  });

  it('accepts a text message, answers with contacts and a wamid, keeps it and reports sent then delivered', async () => {
    received.length = 0;
    const res = await send(text('919876543210', 'नमस्ते\n\nNamaste'));
    expect(res.status).to.equal(200);
    const answer = (await res.json()) as {
      messaging_product: string;
      contacts: { input: string; wa_id: string }[];
      messages: { id: string }[];
    };
    expect(answer.messaging_product).to.equal('whatsapp');
    expect(answer.contacts).to.deep.equal([{ input: '919876543210', wa_id: '919876543210' }]);
    expect(answer.messages[0]!.id).to.match(/^wamid\./);
    const listed = (await (await fetch(`${server.url}/whatsapp/_control/messages?to=9876543210`)).json()) as {
      messages: { id: string; text: string }[];
    };
    expect(listed.messages.map((m) => [m.id, m.text])).to.deep.equal([
      [answer.messages[0]!.id, 'नमस्ते\n\nNamaste'],
    ]);

    for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).to.have.length(2);
    for (const r of received) expect(signatureValid(r.raw, r.signature, SECRET)).to.equal(true);
    const statuses = received.map(
      (r) => readDelivery(JSON.parse(r.raw.toString('utf8')), PHONE_NUMBER_ID).statuses[0],
    );
    expect(statuses.map((s) => [s?.providerId, s?.status])).to.deep.equal([
      [answer.messages[0]!.id, 'sent'],
      [answer.messages[0]!.id, 'delivered'],
    ]);
  });

  it("delivers a developer's chat message to the webhook, signed over Meta's escaped JSON", async () => {
    received.length = 0;
    const res = await fetch(`${server.url}/whatsapp/_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '9876543210', name: 'सुनीता शर्मा', text: 'नमस्ते' }),
    });
    expect(res.status).to.equal(200);
    const { messageId, webhook } = (await res.json()) as { messageId: string; webhook: { status: number } };
    expect(webhook.status).to.equal(200);
    expect(received).to.have.length(1);
    const { raw, signature } = received[0]!;
    expect(raw.toString('utf8')).to.match(/^[\x20-\x7e]*$/); // every Hindi letter as \uXXXX
    expect(signatureValid(raw, signature, SECRET)).to.equal(true);
    const delivery = readDelivery(JSON.parse(raw.toString('utf8')), PHONE_NUMBER_ID);
    expect(delivery.messages).to.have.length(1);
    expect(delivery.messages[0]).to.deep.include({
      id: messageId,
      from: '919876543210',
      profileName: 'सुनीता शर्मा',
      type: 'text',
      text: 'नमस्ते',
    });
    // Replaying the same id is how a redelivery looks.
    await part.deliverText({ from: '919876543210', name: 'सुनीता शर्मा', text: 'नमस्ते', id: messageId });
    expect(
      readDelivery(JSON.parse(received[1]!.raw.toString('utf8')), PHONE_NUMBER_ID).messages[0]!.id,
    ).to.equal(messageId);
  });

  it('runs the verification handshake against the webhook', async () => {
    const ok = (await (
      await fetch(`${server.url}/whatsapp/_control/subscribe`, { method: 'POST' })
    ).json()) as {
      verified: boolean;
    };
    expect(ok.verified).to.equal(true);
    challengeAnswer = () => 'something else';
    const wrong = (await (
      await fetch(`${server.url}/whatsapp/_control/subscribe`, { method: 'POST' })
    ).json()) as {
      verified: boolean;
    };
    expect(wrong.verified).to.equal(false);
  });
});
