// The WhatsApp bot end to end on the real stack: Meta's webhook handshake and signature, each
// dialogue path with deliveries in the Cloud API's documented shape (menu, status of one's own
// case and not of another's, a complaint registered from WhatsApp, scheme information, feedback
// that closes a resolved complaint, expiry), a redelivered message processed once, and the
// stand-in Cloud API carrying a developer's chat both ways. Needs `npm run build`.
import { expect } from 'chai';
import crypto from 'node:crypto';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

interface Reply {
  hi: string;
  en: string;
}

describe('WhatsApp bot, end to end on the real stack', function () {
  this.timeout(240_000);
  let t: TestStack;
  let webhook: string;
  let standIn: string;

  before(async () => {
    t = await startTestStack('whatsapp');
    webhook = `${t.config.publicUrl}/webhooks/whatsapp`;
    standIn = `http://127.0.0.1:${t.config.standInsPort}/whatsapp`;
  });

  after(async () => {
    await t?.stop();
  });

  /** A delivery of one text message, in the shape of the Cloud API's messages webhook. */
  function delivery(from: string, name: string, text: string, id: string) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000002',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '917552555582',
                  phone_number_id: t.config.whatsappPhoneNumberId,
                },
                contacts: [{ profile: { name }, wa_id: from }],
                messages: [
                  {
                    from,
                    id,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
  }

  const signature = (raw: string, secret = t.config.whatsappAppSecret) =>
    `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

  const post = (raw: string, headers: Record<string, string>) =>
    fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw,
    });

  async function deliver(from: string, name: string, text: string, id = `wamid.e2e-${crypto.randomUUID()}`) {
    const raw = JSON.stringify(delivery(from, name, text, id));
    const res = await post(raw, { 'x-hub-signature-256': signature(raw) });
    expect(res.status).to.equal(200);
    return id;
  }

  /** The replies to one inbound message, once the bot has processed it. */
  async function repliesTo(messageId: string): Promise<Reply[]> {
    await until(`processing of ${messageId}`, async () => {
      const row = await t.db('whatsappInboundMessages').where({ messageId }).first('status');
      return row?.status === 'processed' ? true : undefined;
    });
    const rows = await t
      .db('outboxMessages')
      .where('dedupeKey', 'like', `whatsapp:${messageId}:%`)
      .orderBy('dedupeKey')
      .select('bodyHi', 'bodyEn');
    return rows.map((r) => ({ hi: r.bodyHi as string, en: r.bodyEn as string }));
  }

  /** Sends a text and answers the bot's reply (all its messages joined). */
  async function chat(from: string, name: string, text: string): Promise<Reply> {
    const replies = await repliesTo(await deliver(from, name, text));
    expect(replies.length, `a reply to "${text}"`).to.be.greaterThan(0);
    return { hi: replies.map((r) => r.hi).join('\n'), en: replies.map((r) => r.en).join('\n') };
  }

  async function staffWith(role: string): Promise<string> {
    const row = await t
      .db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .where('officerRoles.role', role)
      .orderBy('officers.code')
      .first('officers.code');
    return row.code as string;
  }

  /** A complaint a 181 agent registers for the caller, routed to the energy L1 officer of Phanda. */
  async function agentComplaint(mobile: string): Promise<string> {
    const res = await t.post(
      '/complaints',
      {
        channel: 'agent-181',
        callType: 'complaint',
        citizen: { name: 'रामलाल अहिरवार', mobile },
        place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
        subject: 'eng-transformer',
        description: 'गाँव का ट्रांसफार्मर जल गया है, पाँच दिन से बिजली नहीं',
      },
      t.bearer(await staffWith('agent_181')),
    );
    expect(res.status).to.equal(201);
    return (await json(res)).complaintNumber as string;
  }

  describe("Meta's webhook contract", () => {
    it('answers the verification handshake with the challenge only for the right token', async () => {
      const q = (token: string, mode = 'subscribe') =>
        `${webhook}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
      const ok = await fetch(q(t.config.whatsappVerifyToken));
      expect(ok.status).to.equal(200);
      expect(await ok.text()).to.equal('1158201444');
      expect((await fetch(q('not-the-token'))).status).to.equal(403);
      expect((await fetch(q(t.config.whatsappVerifyToken, 'unsubscribe'))).status).to.equal(403);
      // The stand-in Cloud API runs the same handshake against the server.
      const byStandIn = await json(await fetch(`${standIn}/_control/subscribe`, { method: 'POST' }));
      expect(byStandIn.verified).to.equal(true);
    });

    it('refuses a delivery with a missing or wrong signature with 401, and stores and answers nothing', async () => {
      const id = `wamid.e2e-unsigned-${crypto.randomUUID()}`;
      const raw = JSON.stringify(delivery('919800000001', 'Mallory', 'Hi', id));
      expect((await post(raw, {})).status).to.equal(401);
      expect((await post(raw, { 'x-hub-signature-256': signature(raw, 'not-the-secret') })).status).to.equal(
        401,
      );
      const tampered = raw.replace('Hi', 'Hello');
      expect((await post(tampered, { 'x-hub-signature-256': signature(raw) })).status).to.equal(401);
      await new Promise((r) => setTimeout(r, 500));
      expect(await t.db('whatsappInboundMessages').where({ messageId: id }).first()).to.equal(undefined);
      expect(await t.db('whatsappConversations').where({ waId: '919800000001' }).first()).to.equal(undefined);
      expect(await t.db('outboxMessages').where({ recipientMobile: '9800000001' }).first()).to.equal(
        undefined,
      );
    });
  });

  describe('the dialogue', () => {
    it('answers "Hi" with the menu, sent through the Cloud API and reported delivered (stand-in chat)', async () => {
      const answer = await json(
        await fetch(`${standIn}/_control/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: '9800000002', name: 'सुनीता शर्मा', text: 'नमस्ते' }),
        }),
      );
      expect(answer.webhook.status).to.equal(200);
      const [menu] = await repliesTo(answer.messageId as string);
      expect(menu!.hi).to.contain('1 — शिकायत या आवेदन की स्थिति').and.contain('4 — निराकृत शिकायत');
      expect(menu!.en).to.contain('2 — Register a new complaint').and.contain('3 — Information on a scheme');
      const row = await t
        .db('outboxMessages')
        .where({ dedupeKey: `whatsapp:${answer.messageId as string}:0` })
        .first('channel', 'recipientMobile');
      expect(row).to.deep.equal({ channel: 'whatsapp', recipientMobile: '9800000002' });

      // The dispatcher sends it to the stand-in Cloud API, whose status webhooks mark it delivered.
      const sent = await until('the menu at the Cloud API', async () => {
        const { messages } = await json(await fetch(`${standIn}/_control/messages?to=919800000002`));
        return (messages as { id: string; text: string }[]).find((m) =>
          m.text.includes('Register a new complaint'),
        );
      });
      expect(sent.text.indexOf('नमस्ते')).to.be.lessThan(sent.text.indexOf('Namaste')); // Hindi first
      await until('delivery status', async () => {
        const r = await t.db('outboxMessages').where({ providerId: sent.id }).first('deliveryStatus');
        return r?.deliveryStatus === 'delivered' ? true : undefined;
      });
    });

    it("tells the status of the sender's own complaint, and nothing of someone else's", async () => {
      const number = await agentComplaint('9800000003');
      const own = await chat('919800000003', 'Ramlal', number);
      expect(own.hi).to.contain(`शिकायत ${number}`).and.contain('ट्रांसफार्मर जला या खराब');
      expect(own.en).to.contain(`Complaint ${number}`).and.contain('Status:');

      const other = await chat('919800000004', 'Someone', number.replace(/\//g, '-'));
      expect(other.en).to.contain(`No complaint or application ${number} registered with your mobile`);
      expect(other.en).not.to.contain('Transformer');
      expect(other.hi).not.to.contain('ट्रांसफार्मर');
      expect(other.hi).not.to.contain('रामलाल');
    });

    it('registers a complaint from WhatsApp in a guided dialogue and replies with its number', async () => {
      const from = '919800000005';
      const name = 'कमला बाई';
      expect((await chat(from, name, 'Hi')).en).to.contain('Register a new complaint');
      expect((await chat(from, name, '2')).en).to.contain('which district');
      expect((await chat(from, name, 'भोपाल')).hi).to.contain('1. बिजली आपूर्ति बंद');
      expect((await chat(from, name, '3')).en).to.contain('describe the problem');
      const description = 'वार्ड 12 कोलार रोड पर नल से पानी नहीं आ रहा, एक सप्ताह से';
      const confirm = await chat(from, name, description);
      expect(confirm.hi).to.contain('जिला: भोपाल').and.contain(description);
      const confirmId = await deliver(from, name, '1');
      const registered = (await repliesTo(confirmId))[0]!;
      const number = /CMH\/\d{4}\/\d{6}/.exec(registered.en)?.[0];
      expect(number, registered.en).to.be.a('string');
      expect(registered.hi).to.contain(number);

      const row = await t.db('complaints').where({ number }).first();
      expect(row).to.include({
        channel: 'whatsapp',
        callType: 'complaint',
        citizenName: name,
        citizenMobile: '9800000005',
        districtCode: 'bhopal',
        subjectCode: 'phe-tap-water',
        departmentCode: 'public-health-engineering',
        description,
      });
      expect(row.idempotencyKey).to.match(/^whatsapp-[0-9a-f]{40}$/);
      const status = await until('the complaint workflow', async () => {
        const s = await json(
          await fetch(t.api(`/complaints/${number!.replace(/\//g, '-')}?mobile=9800000005`)),
        );
        return s.status && s.status !== 'registered' ? s : undefined;
      });
      expect(status.channel).to.equal('whatsapp');
      expect((await chat(from, name, number!)).en).to.contain(`Complaint ${number}`);
    });

    it('answers scheme information from the knowledge base by keyword', async () => {
      const from = '919800000006';
      expect((await chat(from, 'Ravi', '3')).en).to.contain('Type a word about the scheme');
      const article = await chat(from, 'Ravi', 'ration');
      expect(article.en)
        .to.contain('Public Distribution System')
        .and.contain('Eligibility:')
        .and.contain('How to apply:');
      expect(article.hi).to.contain('पात्रता:');
      const pick = await chat(from, 'Ravi', '3');
      expect(pick.en).to.contain('Type a word');
      const both = await chat(from, 'Ravi', 'ladli');
      expect(both.en).to.contain('Ladli Behna Yojana').and.contain('Ladli Laxmi Yojana');
    });

    it('records satisfaction on a resolved complaint of the sender, which closes it', async () => {
      const mobile = '9800000007';
      const number = await agentComplaint(mobile);
      const url = `/complaints/${number.replace(/\//g, '-')}`;
      const assigned = await until('assigned', async () => {
        const s = await json(await fetch(t.api(`${url}?mobile=${mobile}`)));
        return s.assignedTo ? (s.assignedTo as string) : undefined;
      });
      const resolved = await t.post(
        `${url}/actions/resolve`,
        { text: 'नया ट्रांसफार्मर लगाया गया; बिजली चालू' },
        t.bearer(assigned),
      );
      expect(resolved.status).to.equal(200);
      await until('resolved in the read model', async () => {
        const r = await t.db('complaints').where({ number }).first('status');
        return r?.status === 'resolved' ? true : undefined;
      });

      const question = await chat(`91${mobile}`, 'Ramlal', '4');
      expect(question.hi).to.contain(number).and.contain('नया ट्रांसफार्मर लगाया गया').and.contain('संतुष्ट');
      expect(question.en).to.contain('Are you satisfied');
      const thanks = await chat(`91${mobile}`, 'Ramlal', '1');
      expect(thanks.en).to.contain('Thank you').and.contain(number);
      const closed = await until('closed', async () => {
        const s = await json(await fetch(t.api(`${url}?mobile=${mobile}`)));
        return s.status === 'closed' ? s : undefined;
      });
      expect(closed.closure).to.equal('satisfied');
      const feedback = (closed.timeline as { type: string; actor: string; details: { via: string } }[]).find(
        (e) => e.type === 'feedback',
      );
      expect(feedback).to.deep.include({ actor: mobile });
      expect(feedback!.details.via).to.equal('whatsapp');
      // Nothing left to give feedback on.
      expect((await chat(`91${mobile}`, 'Ramlal', '4')).en).to.contain('no resolved complaint');
    });

    it('goes back to the menu after 30 minutes idle, registering nothing', async () => {
      const from = '919800000008';
      await chat(from, 'Asha', '2');
      await chat(from, 'Asha', 'Indore');
      await chat(from, 'Asha', '5');
      await t
        .db('whatsappConversations')
        .where({ waId: from })
        .update({ updatedAt: new Date(Date.now() - 31 * 60_000) });
      const reply = await chat(from, 'Asha', 'मोहल्ले में तीन दिन से कचरा नहीं उठाया गया है');
      expect(reply.en).to.contain('ended after 30 minutes').and.contain('1 — Status of a complaint');
      const state = await t.db('whatsappConversations').where({ waId: from }).first('state');
      expect(state.state).to.deep.equal({ step: 'menu' });
      expect(await t.db('complaints').where({ citizenMobile: '9800000008' }).first()).to.equal(undefined);
    });
  });

  it('processes a redelivered message once: one complaint, one reply, one step', async () => {
    const from = '919800000009';
    const name = 'गोपाल';
    for (const text of ['2', 'Sagar', '2', 'गाँव के स्कूल के पास हैंडपंप दो सप्ताह से खराब है'])
      await chat(from, name, text);
    const id = `wamid.e2e-confirm-${crypto.randomUUID()}`;
    const raw = JSON.stringify(delivery(from, name, '1', id));
    const headers = { 'x-hub-signature-256': signature(raw) };
    const answers = await Promise.all([post(raw, headers), post(raw, headers), post(raw, headers)]);
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200]);
    const claims = await Promise.all(answers.map((a) => json(a)));
    expect(claims.map((c: { new: number }) => c.new).sort()).to.deep.equal([0, 0, 1]);
    const replies = await repliesTo(id);
    expect((await post(raw, headers)).status).to.equal(200); // and once more, after it was processed
    await new Promise((r) => setTimeout(r, 1000));

    expect(replies).to.have.length(1);
    expect(
      await t.db('outboxMessages').where('dedupeKey', 'like', `whatsapp:${id}:%`).count({ n: '*' }),
    ).to.deep.equal([{ n: '1' }]);
    const complaints = await t
      .db('complaints')
      .where({ citizenMobile: '9800000009' })
      .select('number', 'channel');
    expect(complaints).to.have.length(1);
    expect(complaints[0]!.channel).to.equal('whatsapp');
    const inbound = await t
      .db('whatsappInboundMessages')
      .where({ messageId: id })
      .first('status', 'attempts');
    expect(inbound).to.deep.equal({ status: 'processed', attempts: 1 });
    const state = await t.db('whatsappConversations').where({ waId: from }).first('state');
    expect(state.state).to.deep.equal({ step: 'menu' }); // a second "1" would have asked for a case number
  });
});
