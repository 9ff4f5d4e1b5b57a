// Pages anyone may open: the home page, the certificate verification form and, outside
// production, the SMS outbox (where a developer reads the sign-in codes that a real SMS would carry).
import Router from '@koa/router';
import { html } from '../../templates/html';
import { say } from '../../templates/layout';
import type { SignedFacts } from '../../lib/documents';
import type { AppDeps } from '../app';
import { findVerdict } from '../routes/verify';
import { pageContext, redirect, render } from './context';

const T = {
  home: { en: 'Public services and complaints', hi: 'लोक सेवाएँ और शिकायतें' },
  intro: {
    en: 'Apply for a certificate under the Lok Seva Guarantee Act, or tell CM Helpline 181 about a problem. Every case has a due date, and it moves up by itself when an officer does not act in time.',
    hi: 'लोक सेवा गारंटी अधिनियम के अंतर्गत प्रमाण पत्र हेतु आवेदन करें, या सीएम हेल्पलाइन 181 को समस्या बताएँ। हर प्रकरण की नियत तिथि होती है, और अधिकारी समय पर कार्यवाही न करे तो वह स्वतः ऊपर जाता है।',
  },
  apply: { en: 'Apply for a service', hi: 'सेवा हेतु आवेदन' },
  applyText: {
    en: 'Income, domicile, khasra/khatauni copy, map copy — with the legal time limit.',
    hi: 'आय, मूल निवासी, खसरा/खतौनी प्रतिलिपि, नक्शा प्रतिलिपि — वैधानिक समय-सीमा सहित।',
  },
  complain: { en: 'File a complaint', hi: 'शिकायत दर्ज करें' },
  complainText: {
    en: 'Or call 181. Unresolved complaints escalate L1 → L2 → L3 → L4.',
    hi: 'या 181 पर कॉल करें। अनसुलझी शिकायतें L1 → L2 → L3 → L4 तक जाती हैं।',
  },
  track: { en: 'Track status', hi: 'स्थिति देखें' },
  trackText: {
    en: 'With the application or complaint number and your mobile.',
    hi: 'आवेदन या शिकायत क्रमांक और अपने मोबाइल नंबर से।',
  },
  verify: { en: 'Verify a certificate', hi: 'प्रमाण पत्र सत्यापित करें' },
  verifyText: { en: 'Check a certificate by its serial number.', hi: 'क्रमांक से प्रमाण पत्र जाँचें।' },
  serial: { en: 'Serial number printed on the certificate', hi: 'प्रमाण पत्र पर छपा क्रमांक' },
  check: { en: 'Check', hi: 'जाँचें' },
  verifyTitle: { en: 'Certificate verification', hi: 'प्रमाण पत्र सत्यापन' },
  serialShort: { en: 'Serial', hi: 'क्रमांक' },
  docKind: { en: 'Document', hi: 'प्रकार' },
  holder: { en: 'Holder', hi: 'धारक' },
  applicationNumber: { en: 'Application number', hi: 'आवेदन क्रमांक' },
  issuedOn: { en: 'Issued on', hi: 'जारी दिनांक' },
  validUntil: { en: 'Valid until', hi: 'वैधता' },
  noExpiry: { en: 'no expiry', hi: 'कोई समाप्ति नहीं' },
  staff: { en: 'Officers and 181 agents', hi: 'अधिकारी और 181 एजेंट' },
  staffText: { en: 'Sign in to your inbox or console.', hi: 'अपने इनबॉक्स या कंसोल में साइन इन करें।' },
  outbox: { en: 'Message outbox (development only)', hi: 'संदेश आउटबॉक्स (केवल विकास हेतु)' },
  outboxIntro: {
    en: 'Messages to citizens by SMS or WhatsApp, newest first, with how far their delivery got. This page does not exist in production.',
    hi: 'नागरिकों को SMS या WhatsApp से भेजे जाने वाले संदेश, नए पहले, उनकी डिलीवरी की स्थिति सहित। यह पृष्ठ प्रोडक्शन में नहीं होता।',
  },
  channel: { en: 'Channel', hi: 'माध्यम' },
  delivery: { en: 'Delivery', hi: 'डिलीवरी' },
  to: { en: 'To', hi: 'प्राप्तकर्ता' },
  at: { en: 'Queued at', hi: 'समय' },
  text: { en: 'Message', hi: 'संदेश' },
};

const VERDICTS = {
  valid: {
    en: 'VALID — this certificate was issued by Jan Setu',
    hi: 'मान्य — यह प्रमाण पत्र जन सेतु द्वारा जारी किया गया है',
  },
  revoked: {
    en: 'REVOKED — this certificate is no longer valid',
    hi: 'निरस्त — यह प्रमाण पत्र अब मान्य नहीं है',
  },
  unknown: {
    en: 'UNKNOWN — no certificate has this serial number',
    hi: 'अज्ञात — इस क्रमांक का कोई प्रमाण पत्र नहीं है',
  },
};

export function publicPages(deps: AppDeps): Router {
  const router = new Router();

  router.get('/', (ctx) => {
    const pc = pageContext(ctx);
    const card = (href: string, title: { en: string; hi: string }, text: { en: string; hi: string }) =>
      html`<section class="card">
        <h2><a href="${href}">${say(pc, title)}</a></h2>
        <p>${say(pc, text)}</p>
      </section>`;
    render(
      ctx,
      T.home,
      html`<p>${say(pc, T.intro)}</p>
        <div class="cards">
          ${card('/apply', T.apply, T.applyText)} ${card('/complain', T.complain, T.complainText)}
          ${card('/status', T.track, T.trackText)} ${card('/verify', T.verify, T.verifyText)}
          ${card('/staff/signin', T.staff, T.staffText)}
        </div>`,
    );
  });

  router.get('/verify', (ctx) => {
    const pc = pageContext(ctx);
    const serial = typeof ctx.query.serial === 'string' ? ctx.query.serial.trim() : '';
    if (serial) return redirect(ctx, `/verify/${encodeURIComponent(serial)}`);
    render(
      ctx,
      T.verify,
      html`<form method="get" action="/verify">
        <label for="serial">${say(pc, T.serial)}</label>
        <input id="serial" name="serial" type="text" required autocomplete="off" />
        <button type="submit">${say(pc, T.check)}</button>
      </form>`,
    );
  });

  const verdict = findVerdict(deps);
  router.get('/verify/:serial', async (ctx) => {
    const pc = pageContext(ctx);
    const v = await verdict(ctx.params.serial ?? '');
    const f: Partial<SignedFacts> = v.facts ?? {};
    const words = VERDICTS[v.status];
    const other = pc.lang === 'hi' ? 'en' : 'hi';
    render(
      ctx,
      T.verifyTitle,
      html`<p class="verdict ${v.status}" role="status">
          ${say(pc, words)}<br /><span lang="${other}">${words[other]}</span>
        </p>
        <dl class="facts">
          <dt>${say(pc, T.serialShort)}</dt>
          <dd>${v.serial}</dd>
          <dt>${say(pc, T.docKind)}</dt>
          <dd>${f.kind ?? '—'}</dd>
          <dt>${say(pc, T.holder)}</dt>
          <dd>${f.holder ?? '—'}</dd>
          <dt>${say(pc, T.applicationNumber)}</dt>
          <dd>${f.applicationNumber ?? '—'}</dd>
          <dt>${say(pc, T.issuedOn)}</dt>
          <dd>${f.issuedOn ?? '—'}</dd>
          <dt>${say(pc, T.validUntil)}</dt>
          <dd>${f.validUntil ?? say(pc, T.noExpiry)}</dd>
        </dl>
        ${v.revokedReason && html`<p>${v.revokedReason}</p>`}`,
      v.status === 'unknown' ? 404 : 200,
    );
  });

  if (deps.config.nodeEnv !== 'production') {
    router.get('/dev/sms', async (ctx) => {
      const pc = pageContext(ctx);
      const rows = await deps
        .db('outboxMessages')
        .whereNotNull('recipientMobile')
        .orderBy('id', 'desc')
        .limit(50)
        .select(
          'id',
          'recipientMobile',
          'channel',
          'status',
          'deliveryStatus',
          'bodyEn',
          'bodyHi',
          'createdAt',
        );
      render(
        ctx,
        T.outbox,
        html`<p>${say(pc, T.outboxIntro)}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${say(pc, T.at)}</th>
                  <th scope="col">${say(pc, T.to)}</th>
                  <th scope="col">${say(pc, T.channel)}</th>
                  <th scope="col">${say(pc, T.text)}</th>
                  <th scope="col">${say(pc, T.delivery)}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr data-mobile="${r.recipientMobile}">
                      <td>${new Date(r.createdAt).toISOString()}</td>
                      <td>${r.recipientMobile}</td>
                      <td>${r.channel}</td>
                      <td class="sms">${pc.lang === 'hi' ? r.bodyHi : r.bodyEn}</td>
                      <td>${r.deliveryStatus ?? r.status}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
      );
    });
  }
  return router;
}
