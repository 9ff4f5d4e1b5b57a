// The journeys across roles that issue 5 names, in real Chromium on the real stack (Temporal dev
// server, PostgreSQL, worker, server):
//  1. a citizen applies for an income certificate; the tehsildar approves it in the inbox; the
//     citizen downloads the certificate, and the public page verifies it;
//  2. an admin publishes an escalation ladder whose L1 limit is a few seconds (a policy version,
//     not a back door); a 181 agent registers a complaint on the console; it escalates to L2 by
//     itself; the admin opens its history and sees the timer and the escalation.
// Screenshots of the main pages go to test/artifacts/screenshots/ (scripts/update-screenshots.sh
// copies the README's set to docs/screenshots/). Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EscalationLadder } from '../../lib/ladder';
import { expectNoMissingGlyphs, launchBrowser, screenshot } from '../helpers/browser';
import { signInCitizen, signInStaff } from '../helpers/pages';
import { startTestStack, until, type TestStack } from '../helpers/stack';

const CITIZEN = '9822200001';
const CALLER = '9822200002';
const dash = (n: string) => n.replace(/\//g, '-');

describe('journeys across roles in the browser', function () {
  this.timeout(300_000);
  let t: TestStack;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept()); // the data-confirm questions
    return page;
  }

  const staff = async (code: string): Promise<Page> => signInStaff(await newPage(), base, code);

  async function citizen(mobile: string): Promise<Page> {
    // The code is read where a developer reads it: the SMS outbox page.
    return signInCitizen(await newPage(), base, mobile, async () => {
      const outbox = await newPage();
      await outbox.goto(`${base}/dev/sms`);
      const sms = await outbox.textContent(`tr[data-mobile="${mobile}"] .sms`);
      const code = /code is (\d{6})/.exec(sms ?? '')?.[1];
      expect(code, `sign-in code in the outbox: ${sms}`).to.match(/^\d{6}$/);
      return code!;
    });
  }

  before(async () => {
    t = await startTestStack('journeys');
    base = t.config.publicUrl;
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });

  it('home page in both languages', async () => {
    const page = await newPage();
    await page.goto(base);
    expect(await page.textContent('h1')).to.equal('Public services and complaints');
    await screenshot(page, 'home-en');
    await page.click('a.lang-switch');
    expect(await page.getAttribute('html', 'lang')).to.equal('hi');
    expect(await page.textContent('h1')).to.equal('लोक सेवाएँ और शिकायतें');
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'home-hi');
  });

  it('income certificate: citizen applies, tehsildar approves in the inbox, citizen downloads it', async () => {
    const applicant = await citizen(CITIZEN);
    await applicant.goto(`${base}/apply/income-certificate`);
    await applicant.fill('#f-applicantName', 'सुनीता शर्मा');
    await applicant.fill('#f-guardianName', 'रामकृष्ण शर्मा');
    await applicant.check('#f-gender-0');
    await applicant.fill('#f-address-line', 'म.नं. 12, गली 3');
    await applicant.selectOption('#f-address-district', 'bhopal');
    await applicant.selectOption('#f-address-tehsil', 'bhopal-huzur');
    await applicant.selectOption('#f-address-village', 'bhopal-huzur-bilkhiriya-kalan');
    await applicant.fill('#f-purpose', 'छात्रवृत्ति हेतु');
    await applicant.fill('#f-incomeBySource-agriculture', '60000');
    await applicant.fill('#f-samagraId', '123456789');
    await applicant.click('form[action="/apply/income-certificate"] button[type=submit]');
    await applicant.waitForURL(/\/my\/applications\/LSG-INC-\d{4}-\d{6}$/);
    const number = (await applicant.getAttribute('.big-number', 'data-number'))!;
    const caseUrl = applicant.url();

    const tehsildar = await staff('MP-REV-0030');
    const row = await until('the application in the inbox', async () => {
      await tehsildar.goto(`${base}/officer`);
      const r = tehsildar.locator(`tr[data-number="${number}"]`);
      return (await r.count()) === 1 ? r : undefined;
    });
    expect(await row.getAttribute('class')).to.match(/on-time/);
    await screenshot(tehsildar, 'officer-inbox');
    await row.locator('a').first().click();
    await tehsildar.waitForURL(`${base}/officer/applications/${dash(number)}`);
    expect(await tehsildar.textContent('main')).to.contain('सुनीता शर्मा');
    await screenshot(tehsildar, 'officer-case');
    await tehsildar.click('#action-approve button[type=submit]');
    await tehsildar.waitForSelector('.flash.ok');
    expect(await tehsildar.getAttribute('.case-status', 'data-status')).to.equal('delivered');

    // Back to the citizen: delivered, and the certificate downloads as a PDF.
    await applicant.goto(caseUrl);
    expect(await applicant.textContent('.status')).to.contain('delivered');
    const link = applicant.locator('a[href^="/my/documents/"]');
    expect(await link.count()).to.equal(1);
    const href = (await link.getAttribute('href'))!;
    const pdf = await applicant.request.get(`${base}${href}`);
    expect(pdf.status()).to.equal(200);
    expect(pdf.headers()['content-type']).to.contain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    await screenshot(applicant, 'citizen-case-delivered');

    // Anyone can verify it by its serial on the public page.
    const serial = (await t.db('applications').where({ number }).first('certificateSerial'))
      .certificateSerial;
    const visitor = await newPage();
    await visitor.goto(`${base}/verify`);
    await visitor.fill('#serial', serial);
    await visitor.click('form[action="/verify"] button[type=submit]');
    expect(await visitor.textContent('.verdict')).to.contain('VALID');
    await screenshot(visitor, 'verify');
  });

  it('complaint: a short test ladder, a 181 call, escalation by itself, and the admin sees it in the history', async () => {
    // 1. The admin publishes a ladder whose L1 limit is 8 seconds (limitHours), as a new version.
    const admin = await staff('MP-PSM-0001');
    await admin.goto(`${base}/admin/policies/escalation-ladder`);
    const ladder = JSON.parse(await admin.inputValue('#body')) as EscalationLadder;
    const latest = await t
      .db('policyVersions')
      .where({ kind: 'escalation-ladder' })
      .max('version as v')
      .first();
    const before = Number(latest?.v);
    ladder.levels[0]!.limitHours = 8 / 3600;
    await admin.fill('#body', JSON.stringify(ladder, null, 2));
    await admin.fill('#note', 'browser test: L1 limit of 8 seconds');
    await admin.click('form[action="/admin/policies/escalation-ladder"] button[type=submit]');
    await admin.waitForSelector('.flash.ok');
    expect(await admin.textContent('.flash.ok')).to.contain(`Published version ${before + 1}`);

    // 2. A 181 agent registers the caller's complaint.
    const agent = await staff('MP-PSM-0002');
    await agent.goto(`${base}/agent?mobile=${CALLER}`);
    await screenshot(agent, 'agent-console');
    await agent.fill('#c-citizen-name', 'रामलाल अहिरवार');
    await agent.selectOption('#c-subject', 'eng-no-supply');
    await agent.selectOption('#c-place-district', 'bhopal');
    await agent.selectOption('#c-place-tehsil', 'bhopal-huzur');
    await agent.selectOption('#c-place-block', 'bhopal-phanda');
    await agent.fill('#c-description', 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर खराब है');
    await agent.click('#complaint-form button[type=submit]');
    await agent.waitForURL(/\/agent\/registered\/CMH-\d{4}-\d{6}/);
    const number = (await agent.getAttribute('.big-number', 'data-number'))!;
    await screenshot(agent, 'agent-read-back');
    const row = await t.db('complaints').where({ number }).first('ladderVersion', 'level');
    expect(row.ladderVersion).to.equal(before + 1);

    // 3. Nobody acts: the dev server's timer moves it to L2.
    await until(
      'the escalation to L2',
      async () =>
        (await t.db('complaints').where({ number }).first('level')).level === 'L2' ? true : undefined,
      90_000,
    );

    // 4. The admin finds it and reads the escalation in its Temporal history.
    await admin.goto(`${base}/admin/cases?number=${encodeURIComponent(number)}`);
    await admin.click(`a[href="/admin/cases/${dash(number)}"]`);
    await admin.waitForURL(`${base}/admin/cases/${dash(number)}`);
    const fired = admin.locator('tr.ev-timer', { hasText: 'TimerFired' });
    expect(await fired.count()).to.be.greaterThan(0);
    const escalated = admin.locator('tr.ev-activity', { hasText: 'complaint-escalated' });
    expect(await escalated.count(), 'the escalation notice in the history').to.be.greaterThan(0);
    expect(await admin.textContent('main')).to.contain('L1 limit of 0.0022');
    const ui = await admin.getAttribute('a[href*="/namespaces/"]', 'href');
    expect(ui).to.equal(
      `${t.stack.urls.temporalUi}/namespaces/default/workflows/${encodeURIComponent(number)}`,
    );
    await screenshot(admin, 'admin-history');

    await admin.goto(`${base}/admin`);
    expect(await admin.locator('svg[role="img"]').count()).to.be.greaterThan(3);
    await screenshot(admin, 'admin-dashboard');
    await admin.goto(`${base}/admin?lang=hi`);
    await expectNoMissingGlyphs(admin);
    await screenshot(admin, 'admin-dashboard-hi');
  });

  it('keeps citizens out of each other’s cases and out of staff pages', async () => {
    const number = (await t.db('applications').where({ applicantMobile: CITIZEN }).first('number'))
      .number as string;
    const stranger = await citizen('9822200003');
    const res = await stranger.goto(`${base}/my/applications/${dash(number)}`);
    expect(res?.status()).to.equal(404); // as if it did not exist (lib/authorization.ts)
    expect(await stranger.textContent('main')).to.not.contain('सुनीता');
    const adminPage = await stranger.goto(`${base}/admin`);
    expect(stranger.url()).to.contain('/staff/signin');
    expect(adminPage?.status()).to.equal(200);
  });
});
