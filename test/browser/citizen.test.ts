// The citizen portal in real Chromium on the real stack: sign in by OTP, apply for an income
// certificate through the form generated from the catalogue (an inline error first, one
// application however often the form is sent), see it in "my cases" with its due date and days
// left, open it, download the receipt; another citizen is refused; the public status lookup; the
// same pages in Hindi with every Devanagari glyph drawn; and the certificate download once the
// designated officer approves. Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoMissingGlyphs, launchBrowser, screenshot } from '../helpers/browser';
import { outboxCode, signInCitizen } from '../helpers/pages';
import { startTestStack, until, type TestStack } from '../helpers/stack';

const MOBILE = '9811100001';
const OTHER_MOBILE = '9811100002';

describe('citizen portal in the browser', function () {
  this.timeout(300_000);
  let t: TestStack;
  let browser: Browser;
  let base: string;
  let citizen: BrowserContext;
  let page: Page;
  let number: string; // LSG/INC/2026/000123
  let caseUrl: string;

  /** A fresh browser profile (cookies, language) that accepts the data-confirm questions. */
  async function newContext(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, locale: 'en-IN' });
    context.on('page', (p) => p.on('dialog', (d) => void d.accept()));
    return context;
  }

  const signIn = async (context: BrowserContext, mobile: string): Promise<Page> =>
    signInCitizen(await context.newPage(), base, mobile, outboxCode(t, mobile));

  before(async () => {
    t = await startTestStack('citizen-pages');
    base = t.config.publicUrl;
    browser = await launchBrowser();
    citizen = await newContext();
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs a citizen in with the code sent by SMS', async () => {
    page = await signIn(citizen, MOBILE);
    expect(await page.textContent('.account .who')).to.contain(MOBILE);
    expect(await page.textContent('main')).to.contain('You have no applications or complaints yet.');
  });

  it('lists the services with their legal time limits', async () => {
    await page.goto(`${base}/apply`);
    expect(await page.locator('section.card[data-service]').count()).to.equal(4);
    expect(await page.textContent('[data-service="INC"] .time-limit')).to.contain('3 working days');
    expect(await page.textContent('[data-service="KHS"]')).to.contain('₹30');
    await page.click('[data-service="INC"] h2 a');
    await page.waitForURL(`${base}/apply/income-certificate`);
  });

  it('applies through the generated form: an inline error first, then one application however often it is sent', async () => {
    // The mobile is the signed-in one, and read-only.
    expect(await page.inputValue('#f-mobile')).to.equal(MOBILE);
    expect(await page.getAttribute('#f-mobile', 'readonly')).to.not.equal(null);
    await screenshot(page, 'citizen-apply-income-en');

    await page.fill('#f-guardianName', 'रामकृष्ण त्रिपाठी');
    await page.check('#f-gender-0'); // female
    await page.fill('#f-address-line', 'म.नं. 12, गली 3');
    await page.selectOption('#f-address-district', 'bhopal');
    await page.selectOption('#f-address-tehsil', 'bhopal-huzur');
    await page.selectOption('#f-address-village', 'bhopal-huzur-bilkhiriya-kalan');
    await page.fill('#f-purpose', 'छात्रवृत्ति हेतु');
    await page.fill('#f-incomeBySource-agriculture', '60,000');
    await page.fill('#f-incomeBySource-labour', '24000');
    await page.fill('#f-samagraId', '123456789');
    await page.click('form[action="/apply/income-certificate"] button[type=submit]');

    // The name was left empty: the intake's message next to it, everything else kept.
    await page.waitForSelector('#f-applicantName-error');
    expect(await page.textContent('#f-applicantName-error')).to.contain("Applicant's name is required.");
    expect(await page.getAttribute('#f-applicantName', 'aria-invalid')).to.equal('true');
    expect(await page.getAttribute('#f-applicantName', 'aria-describedby')).to.equal('f-applicantName-error');
    expect(await page.locator('.field-error').count()).to.equal(1);
    expect(await page.inputValue('#f-guardianName')).to.equal('रामकृष्ण त्रिपाठी');
    expect(await page.inputValue('#f-address-village')).to.equal('bhopal-huzur-bilkhiriya-kalan');
    expect(await page.inputValue('#f-incomeBySource-agriculture')).to.equal('60,000');
    expect(await page.isChecked('#f-gender-0')).to.equal(true);

    await page.fill('#f-applicantName', 'सुनीता शर्मा');
    // The same form sent twice at once (a double click, a retry) …
    const form = await page.evaluate<string>(
      `new URLSearchParams(new FormData(document.querySelector('form[action="/apply/income-certificate"]'))).toString()`,
    );
    const send = () =>
      page.request.post(`${base}/apply/income-certificate`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        data: form,
        maxRedirects: 0,
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status(), second.status()]).to.deep.equal([303, 303]);
    expect(first.headers().location).to.match(/\/my\/applications\/LSG-INC-\d{4}-\d{6}$/);
    expect(second.headers().location).to.equal(first.headers().location);
    // … and once more by the button: still the one application, and its page says its number.
    await page.click('form[action="/apply/income-certificate"] button[type=submit]');
    await page.waitForURL(/\/my\/applications\/LSG-INC-\d{4}-\d{6}$/);
    caseUrl = page.url();
    expect(caseUrl).to.equal(`${base}${first.headers().location}`);
    number = (await page.getAttribute('.big-number', 'data-number'))!;
    expect(number).to.match(/^LSG\/INC\/\d{4}\/\d{6}$/);
    expect(await page.textContent('.flash.ok')).to.contain(number);
    const rows = await t
      .db('applications')
      .where({ applicantMobile: MOBILE })
      .select('number', 'channel', 'fields');
    expect(rows).to.have.length(1);
    expect(rows[0].channel).to.equal('web');
    expect(rows[0].fields.incomeBySource).to.deep.equal({ agriculture: 60000, labour: 24000 });
  });

  it('shows the application in "my cases" with its due date and days left', async () => {
    await page.goto(`${base}/my`);
    const row = page.locator(`tr[data-number="${number}"]`);
    const app = await t.db('applications').where({ number }).first('dueDate');
    const due = app.dueDate as string; // YYYY-MM-DD
    const dueText = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${due}T00:00:00Z`),
    );
    expect(await row.locator('.due-date').textContent()).to.contain(dueText);
    expect(await row.locator('.days-left').textContent()).to.match(/\d+ days? left|Due today/);
    expect(await row.locator('.badge').getAttribute('class')).to.match(/on-time|at-risk/);
    expect(await row.textContent()).to.contain('Income certificate');
    await screenshot(page, 'citizen-my-en');
  });

  it('opens the case with its timeline and downloads the receipt', async () => {
    await page.click(`tr[data-number="${number}"] a`);
    await page.waitForURL(caseUrl);
    expect(await page.textContent('.status')).to.match(/received|pending the officer’s decision/);
    expect(await page.locator('ol.timeline li[data-event="received"]').count()).to.equal(1);
    expect(await page.textContent('ol.timeline')).to.contain('Application received');
    const href = (await page.getAttribute('a[href$="/receipt.pdf"]', 'href'))!;
    const receipt = await until('the receipt', async () => {
      const res = await page.request.get(`${base}${href}`);
      return res.status() === 200 ? res : undefined;
    });
    expect(receipt.headers()['content-type']).to.equal('application/pdf');
    expect((await receipt.body()).subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    await page.reload();
    await screenshot(page, 'citizen-case-en');
  });

  it('shows another citizen the case, its receipt and its page as if none existed (404)', async () => {
    const other = await newContext();
    const p = await signIn(other, OTHER_MOBILE);
    const res = await p.goto(caseUrl);
    expect(res?.status()).to.equal(404);
    expect(await p.textContent('main')).to.contain('sign in with the mobile number it was made with');
    expect(await p.textContent('main')).to.not.contain('सुनीता');
    expect((await p.request.get(`${caseUrl}/receipt.pdf`)).status()).to.equal(404);
    await other.close();
  });

  it('looks up the status by number and mobile without sign-in, and reveals nothing to a wrong mobile', async () => {
    const anyone = await newContext();
    const p = await anyone.newPage();
    await p.goto(`${base}/status`);
    await p.fill('#f-number', number);
    await p.fill('#f-mobile', MOBILE);
    await p.click('form[action="/status"] button[type=submit]');
    await p.waitForSelector('#status-result');
    expect(await p.textContent('#status-result .big-number')).to.equal(number);
    expect(await p.textContent('#status-result .days-left')).to.match(/\d+ days? left|Due today/);
    expect(await p.locator('#status-result ol.timeline li').count()).to.be.greaterThan(0);
    expect(await p.textContent('#status-result')).to.not.contain('सुनीता');

    const notFound = 'No application or complaint was found for this number and mobile number.';
    await p.fill('#f-number', number);
    await p.fill('#f-mobile', OTHER_MOBILE);
    await p.click('form[action="/status"] button[type=submit]');
    await p.waitForSelector('#lookup-error');
    expect((await p.textContent('#lookup-error'))!.trim()).to.equal(notFound);
    expect(await p.locator('#status-result').count()).to.equal(0);

    await p.fill('#f-number', number.replace(/\d{6}$/, '999999'));
    await p.fill('#f-mobile', MOBILE);
    await p.click('form[action="/status"] button[type=submit]');
    await p.waitForSelector('#lookup-error');
    expect((await p.textContent('#lookup-error'))!.trim()).to.equal(notFound);
    await anyone.close();
  });

  it('files a complaint: the intake’s errors inline, then its number; a repeat is linked with the intake’s message', async () => {
    await page.goto(`${base}/complain`);
    const submit = 'form[action="/complain"] button[type=submit]';
    expect(await page.isChecked('#f-callType-complaint')).to.equal(true);
    await page.fill('#f-citizen-name', 'सुनीता शर्मा');
    await page.selectOption('#f-place-district', 'bhopal');
    await page.selectOption('#f-place-tehsil', 'indore-rau'); // not in Bhopal
    await page.selectOption('#f-place-block', 'bhopal-phanda');
    await page.selectOption('#f-subject', 'eng-no-supply');
    await page.fill('#f-description', 'बिजली'); // too short
    await page.click(submit);
    await page.waitForSelector('#f-description-error');
    expect(await page.textContent('#f-place-tehsil-error')).to.contain('The tehsil is not in that district.');
    expect(await page.getAttribute('#f-place-tehsil', 'aria-invalid')).to.equal('true');
    expect(await page.textContent('#f-description-error')).to.contain('10 to 2000 characters');
    expect(await page.inputValue('#f-citizen-name')).to.equal('सुनीता शर्मा');
    expect(await page.inputValue('#f-subject')).to.equal('eng-no-supply');

    const fill = async () => {
      await page.fill('#f-citizen-name', 'सुनीता शर्मा');
      await page.selectOption('#f-place-district', 'bhopal');
      await page.selectOption('#f-place-tehsil', 'bhopal-huzur');
      await page.selectOption('#f-place-block', 'bhopal-phanda');
      await page.selectOption('#f-subject', 'eng-no-supply');
      await page.fill('#f-description', 'गाँव में तीन दिन से बिजली नहीं है');
      await page.click(submit);
      await page.waitForURL(/\/my\/complaints\/CMH-\d{4}-\d{6}$/);
    };
    await fill();
    const complaint = (await page.getAttribute('.big-number', 'data-number'))!;
    const complaintUrl = page.url();
    expect(await page.textContent('.flash.ok')).to.contain(`Registered as ${complaint}.`);
    expect(await page.textContent('main')).to.contain('No electricity supply');

    // The same problem again from a fresh form: linked to the open complaint, with the intake's words.
    await page.goto(`${base}/complain`);
    await fill();
    expect(page.url()).to.equal(complaintUrl);
    expect((await page.textContent('.flash.ok'))!.trim()).to.equal(
      `This is already registered as complaint ${complaint}, which is open; it has been linked to it.`,
    );
    expect(await t.db('complaints').where({ citizenMobile: MOBILE }).count({ n: '*' }).first()).to.deep.equal(
      {
        n: '1',
      },
    );
    await until('the complaint assigned', async () => {
      await page.reload();
      return (await page.locator('ol.timeline li[data-event="assigned"]').count()) > 0 ? true : undefined;
    });
    expect(await page.textContent('.days-left')).to.match(/\d+ days? left/);
    await screenshot(page, 'citizen-complaint-en');
  });

  it('shows the same pages in Hindi, every Devanagari glyph drawn', async () => {
    await page.goto(caseUrl);
    await page.click('a.lang-switch');
    await page.waitForURL(`${caseUrl}?lang=hi`);
    expect(await page.getAttribute('html', 'lang')).to.equal('hi');
    expect(await page.textContent('h1')).to.equal('आय प्रमाण पत्र');
    expect(await page.textContent('ol.timeline')).to.contain('आवेदन प्राप्त हुआ');
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'citizen-case-hi');

    await page.goto(`${base}/my`); // the language is remembered
    expect(await page.textContent('h1')).to.equal('मेरे आवेदन और शिकायतें');
    expect(await page.textContent(`tr[data-number="${number}"] .days-left`)).to.match(/दिन शेष|आज अंतिम दिन/);
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'citizen-my-hi');

    await page.click(`tr[data-number^="CMH/"] a`);
    expect(await page.textContent('h1')).to.equal('शिकायत');
    await expectNoMissingGlyphs(page);
    await page.goto(`${base}/complain`);
    await expectNoMissingGlyphs(page);

    await page.goto(`${base}/apply/income-certificate`);
    expect(await page.textContent('label[for="f-applicantName"]')).to.contain('आवेदक का नाम');
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'citizen-apply-income-hi');

    const phone = await newContext({ width: 360, height: 740 });
    const p = await phone.newPage();
    await phone.addCookies(await citizen.cookies());
    await p.goto(caseUrl);
    const overflow = await p.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).to.be.at.most(0);
    await expectNoMissingGlyphs(p);
    await screenshot(p, 'citizen-case-phone-hi');
    await phone.close();

    await page.goto(`${caseUrl}?lang=en`);
  });

  it('offers the certificate once the designated officer approves, to its applicant only', async () => {
    await until('pending decision', async () =>
      (await t.db('applications').where({ number }).first('status')).status === 'pending-decision'
        ? true
        : undefined,
    );
    const officer = (await t.db('applications').where({ number }).first('designatedOfficerCode'))
      .designatedOfficerCode as string;
    const approved = await t.post(
      `/applications/${number.replace(/\//g, '-')}/actions/approve`,
      {},
      t.bearer(officer),
    );
    expect(approved.status).to.equal(200);
    const serial = await until('the certificate', async () => {
      const doc = await t
        .db('documents')
        .where({ applicationNumber: number })
        .whereNot({ kind: 'receipt' })
        .first('serial');
      return doc?.serial as string | undefined;
    });
    await page.goto(caseUrl);
    expect(await page.textContent('.status')).to.contain('delivered');
    const link = page.locator(`a[data-serial="${serial}"]`);
    expect(await link.getAttribute('href')).to.equal(`/my/documents/${serial}.pdf`);
    const pdf = await page.request.get(`${base}/my/documents/${serial}.pdf`);
    expect(pdf.status()).to.equal(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(await page.locator('ol.timeline li[data-event="certificate-issued"]').count()).to.equal(1);

    const other = await newContext();
    const p = await signIn(other, OTHER_MOBILE);
    expect((await p.request.get(`${base}/my/documents/${serial}.pdf`)).status()).to.equal(404);
    await other.close();
  });
});
