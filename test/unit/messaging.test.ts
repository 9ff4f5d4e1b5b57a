// The pieces of SMS and WhatsApp delivery that need no database: how a message is laid out per
// channel, the SMS gateway adapter against the stand-in gateway (idempotency, failures), the
// WhatsApp adapter against a small fake of the Cloud API's send endpoint, and the backoff.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { backoffMs } from '../../lib/messaging/dispatcher';
import {
  composeSms,
  composeWhatsApp,
  indianMobile,
  MAX_SMS_SEGMENTS,
  smsText,
} from '../../lib/messaging/compose';
import { ProviderError, type MessageProvider } from '../../lib/messaging/provider';
import { createSmsGateway } from '../../lib/messaging/sms-gateway';
import { createWhatsAppCloud } from '../../lib/messaging/whatsapp-cloud';
import { renderMessage } from '../../lib/messages';
import { templatesDir } from '../../lib/paths';
import {
  startStandIns,
  type StandInPart,
  type StandInRequest,
  type StandInServer,
} from '../../lib/stand-ins/server';
import { createSmsGatewayStandIn, type SmsStandIn } from '../../lib/stand-ins/sms';

const KEY = 'unit-sms-key';
const message = (idempotencyKey: string) => ({
  idempotencyKey,
  mobile: '9876543210',
  bodyHi: 'जन सेतु: आवेदन LSG/INC/2026/000001 प्राप्त हुआ।',
  bodyEn: 'Jan Setu: application LSG/INC/2026/000001 received.',
});

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the send to fail');
}

describe('message layout per channel', () => {
  it('reads Indian mobile numbers written with +91, 91, 0 or spaces, and refuses others', () => {
    expect(indianMobile('9876543210')).to.equal('9876543210');
    expect(indianMobile('+91 98765 43210')).to.equal('9876543210');
    expect(indianMobile('919876543210')).to.equal('9876543210');
    expect(indianMobile('09876543210')).to.equal('9876543210');
    expect(indianMobile('5876543210')).to.equal(null);
    expect(indianMobile('98765')).to.equal(null);
  });

  it('counts SMS parts: 160/153 GSM characters, 70/67 UCS-2 once there is any Devanagari', () => {
    expect(smsText('a'.repeat(160))).to.include({ unicode: false, segments: 1 });
    expect(smsText('a'.repeat(161))).to.include({ unicode: false, segments: 2 });
    expect(smsText('€'.repeat(80))).to.include({ unicode: false, segments: 1 }); // extension: 2 each
    expect(smsText('क'.repeat(70))).to.include({ unicode: true, segments: 1 });
    expect(smsText('क'.repeat(71))).to.include({ unicode: true, segments: 2 });
    expect(smsText(`${'a'.repeat(100)}क`)).to.include({ unicode: true, segments: 2 });
  });

  it('sends a citizen Hindi first, then English, in one unicode SMS', () => {
    const sms = composeSms('नमस्ते', 'Hello');
    expect(sms).to.include({ text: 'नमस्ते\nHello', unicode: true, layout: 'both', segments: 1 });
  });

  it('keeps Hindi alone when both would pass the part limit, and cuts only what cannot fit', () => {
    const hi = 'क'.repeat(400);
    expect(composeSms(hi, 'E'.repeat(400))).to.include({ layout: 'hindi', text: hi });
    const cut = composeSms('क'.repeat(2000), 'E');
    expect(cut.layout).to.equal('cut');
    expect(cut.segments).to.equal(MAX_SMS_SEGMENTS);
    expect(cut.text.endsWith('…')).to.equal(true);
  });

  it('fits every message template, in both languages, within the SMS part limit', () => {
    const templates = JSON.parse(fs.readFileSync(path.join(templatesDir, 'messages.json'), 'utf8')) as Record<
      string,
      { en: string; hi: string }
    >;
    // Realistic values; the free texts (question, reason…) at 120 characters, longer than most.
    const free = 'कृपया पटवारी का प्रतिवेदन और पिछले तीन वर्ष की आय का शपथ पत्र संलग्न करें, '.repeat(2).slice(0, 120);
    const values: Record<string, string> = {
      applicationNumber: 'LSG/INC/2026/000001',
      complaintNumber: 'CMH/2026/000001',
      serviceEn: 'Domicile certificate',
      serviceHi: 'मूल निवासी प्रमाण पत्र',
      dueDate: '19-01-2026',
      dueAt: '19-01-2026 23:59',
      level: 'L2',
      serial: 'JS-INC-2026-000001-1',
      verifyUrl: 'https://jansetu.mp.gov.in/verify/JS-INC-2026-000001-1',
      paymentUrl: 'https://pay.example.in/p/LSG-KHS-2026-000001',
      amountRupees: '30',
      code: '123456',
    };
    for (const [name, t] of Object.entries(templates)) {
      const params: Record<string, string> = {};
      for (const [, key] of `${t.en} ${t.hi}`.matchAll(/\{(\w+)\}/g)) params[key!] = values[key!] ?? free;
      const body = renderMessage(name, params);
      const sms = composeSms(body.hi, body.en);
      expect(sms.layout, `${name}: ${sms.segments} parts`).to.equal('both');
      expect(composeWhatsApp(body.hi, body.en)).to.equal(`${body.hi}\n\n${body.en}`);
    }
  });
});

describe('the SMS gateway adapter, against the stand-in gateway', () => {
  let server: StandInServer;
  let standIn: SmsStandIn;
  let sms: MessageProvider;
  const control = (p: string) => fetch(`${server.url}/sms/_control${p}`, { method: 'POST' });

  before(async () => {
    standIn = createSmsGatewayStandIn({ apiKey: KEY, reportDelayMs: null });
    server = await startStandIns({ parts: [standIn] });
    sms = createSmsGateway({ baseUrl: `${server.url}/sms`, apiKey: KEY, senderId: 'JANSTU' });
  });
  after(() => server.close());
  beforeEach(() => control('/reset'));

  it('sends the bilingual text as unicode from the registered sender to +91…', async () => {
    const { providerId, deliveryStatus } = await sms.send(message('unit:1'));
    expect(providerId).to.match(/^sms_/);
    expect(deliveryStatus).to.equal('queued');
    const [stored] = standIn.messages();
    expect(stored).to.include({
      id: providerId,
      idempotencyKey: 'unit:1',
      to: '+919876543210',
      sender: 'JANSTU',
      unicode: true,
      requests: 1,
    });
    expect(stored!.text).to.equal(`${message('x').bodyHi}\n${message('x').bodyEn}`);
  });

  it('gets the same id for the same idempotency key, and the gateway keeps the message once', async () => {
    const first = await sms.send(message('unit:2'));
    const again = await sms.send(message('unit:2'));
    expect(again.providerId).to.equal(first.providerId);
    expect(standIn.messages()).to.have.length(1);
    expect(standIn.messages()[0]!.requests).to.equal(2);
  });

  it('calls 503 (fail-next) retryable and stores nothing; a wrong key is final', async () => {
    await control('/fail-next?count=1');
    const outage = await rejection(sms.send(message('unit:3')));
    expect(outage).to.include({ retryable: true, status: 503 });
    expect(standIn.messages()).to.have.length(0);
    await sms.send(message('unit:3'));
    expect(standIn.messages()).to.have.length(1);

    const wrongKey = createSmsGateway({ baseUrl: `${server.url}/sms`, apiKey: 'wrong', senderId: 'JANSTU' });
    expect(await rejection(wrongKey.send(message('unit:4')))).to.include({ retryable: false, status: 401 });
  });

  it('calls an unreachable gateway retryable', async () => {
    const nowhere = createSmsGateway({ baseUrl: 'http://127.0.0.1:9/sms', apiKey: KEY, senderId: 'JANSTU' });
    expect(await rejection(nowhere.send(message('unit:5')))).to.include({ retryable: true });
  });
});

describe('the WhatsApp Cloud API adapter, against a fake send endpoint', () => {
  let server: StandInServer;
  const received: StandInRequest[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const wa = () =>
    createWhatsAppCloud({
      apiUrl: `${server.url}/graph/v21.0`,
      phoneNumberId: '100000000000001',
      accessToken: 'unit-wa-token',
    });

  before(async () => {
    const fake: StandInPart = {
      prefix: '/graph',
      handle(req) {
        received.push(req);
        return answer;
      },
    };
    server = await startStandIns({ parts: [fake] });
  });
  after(() => server.close());

  it("posts the Cloud API's text message format and returns the wamid", async () => {
    answer = {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '919876543210', wa_id: '919876543210' }],
        messages: [{ id: 'wamid.HBgMOTE5ODc2NTQzMjEw' }],
      },
    };
    const accepted = await wa().send(message('wa:1'));
    expect(accepted.providerId).to.equal('wamid.HBgMOTE5ODc2NTQzMjEw');
    const req = received.at(-1)!;
    expect(req.method).to.equal('POST');
    expect(req.path).to.equal('/v21.0/100000000000001/messages');
    expect(req.headers.authorization).to.equal('Bearer unit-wa-token');
    expect(JSON.parse(req.body.toString('utf8'))).to.deep.equal({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '919876543210',
      type: 'text',
      text: { body: `${message('x').bodyHi}\n\n${message('x').bodyEn}`, preview_url: false },
      biz_opaque_callback_data: 'wa:1',
    });
  });

  it('retries rate limits (130429) but not a closed 24-hour window (131047)', async () => {
    const error = (code: number) => ({
      error: { message: 'x', type: 'OAuthException', code, fbtrace_id: 'A' },
    });
    answer = { status: 400, body: error(130429) };
    expect(await rejection(wa().send(message('wa:2')))).to.include({ retryable: true, status: 400 });
    answer = { status: 400, body: error(131047) };
    expect(await rejection(wa().send(message('wa:3')))).to.include({ retryable: false, status: 400 });
  });
});

describe('retry backoff', () => {
  it('doubles from the base, never sooner, at most a quarter later, capped', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(backoffMs(1, 1000, 60_000)).to.be.within(1000, 1250);
      expect(backoffMs(3, 1000, 60_000)).to.be.within(4000, 5000);
      expect(backoffMs(20, 1000, 60_000)).to.be.within(60_000, 75_000);
    }
  });
});
