// The CM Helpline 181 agent console in real Chromium on the real stack: only 181 staff get in; the
// agent looks up a caller's mobile, registers a complaint (an inline error first, one complaint
// however often the form is sent), reads the number back, sees it among the caller's open cases;
// answers an information call from the scheme knowledge base; applies for an income certificate
// on the caller's behalf with the shorter via-181 time limit; meets the daily call limit; a Mahila
// Helpline case stays out of other agents' lookups but not the counsellor's; the console and the
// read-back in Hindi with every Devanagari glyph drawn. Needs `npm run build` (the stack runs dist/).
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dueDateFor } from '../../lib/application-clock';
import type { ServiceDefinition } from '../../lib/catalogue';
import type { WorkingDayCalendar } from '../../lib/working-days';
import { expectNoMissingGlyphs, launchBrowser, screenshot } from '../helpers/browser';
import { outboxCode, signInCitizen, signInStaff } from '../helpers/pages';
import { startTestStack, until, type TestStack } from '../helpers/stack';

const CALLER = '9822200001'; // no cases before the test
const BUSY_CALLER = '9822200002'; // reaches the daily limit
const MAHILA_CALLER = '9822200003';
const CITIZEN = '9822200004';

describe('181 agent console in the browser', function () {
  this.timeout(300_000);
  let t: TestStack;
  let browser: Browser;
  let base: string;
  let agent: BrowserContext;
  let page: Page;
  let complaintNumber: string;

  const newContext = (): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' });

  const staffSignIn = async (context: BrowserContext, code: string, next = '/agent'): Promise<Page> =>
    signInStaff(await context.newPage(), base, code, next);

  const activeId = (p: Page) => p.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

  before(async () => {
    t = await startTestStack('agent-pages');
    base = t.config.publicUrl;
    browser = await launchBrowser();
    agent = await newContext();
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('sends anonymous visitors and citizens to the staff sign-in, and refuses other officers (403)', async () => {
    const anyone = await newContext();
    const p = await anyone.newPage();
    await p.goto(`${base}/agent?mobile=${CALLER}`);
    expect(new URL(p.url()).pathname).to.equal('/staff/signin');
    expect(new URL(p.url()).searchParams.get('next')).to.equal(`/agent?mobile=${CALLER}`);
    expect(
      (await p.request.get(`${base}/agent/registered/CMH-2026-000001`, { maxRedirects: 0 })).status(),
    ).to.equal(303);

    // A signed-in citizen is not staff: the same staff sign-in.
    await signInCitizen(p, base, CITIZEN, outboxCode(t, CITIZEN));
    await p.goto(`${base}/agent`);
    expect(new URL(p.url()).pathname).to.equal('/staff/signin');
    await anyone.close();

    // The Huzur tehsildar is staff but not a 181 agent.
    const officer = await newContext();
    const o = await staffSignIn(officer, 'MP-REV-0030', '/officer');
    const res = await o.goto(`${base}/agent`);
    expect(res?.status()).to.equal(403);
    expect(await o.textContent('main')).to.contain('Your role does not give access to this page.');
    await officer.close();
  });

  it('signs the agent in straight onto the console, the caller’s mobile focused', async () => {
    page = await staffSignIn(agent, 'MP-PSM-0002');
    expect(new URL(page.url()).pathname).to.equal('/agent');
    expect(await activeId(page)).to.equal('caller-mobile');
    expect(await page.textContent('main')).to.contain('Look up the caller’s mobile number first');
  });

  it('looks up a mobile with no cases', async () => {
    await page.fill('#caller-mobile', 'not a number');
    await page.press('#caller-mobile', 'Enter');
    await page.waitForSelector('#caller-mobile-error');
    expect(await page.textContent('#caller-mobile-error')).to.contain('10-digit mobile number');
    expect(await page.getAttribute('#caller-mobile', 'aria-invalid')).to.equal('true');

    await page.fill('#caller-mobile', `+91 ${CALLER}`);
    await page.press('#caller-mobile', 'Enter');
    await page.waitForURL(/\/agent\?mobile=/);
    await page.waitForSelector('#no-cases');
    expect(await page.textContent('#cases-title')).to.contain(CALLER);
    expect(await page.textContent('#no-cases')).to.equal('No open cases for this number.');
    // Straight on to the complaint form, the caller's name first.
    expect(await page.getAttribute('#tab-complaint', 'aria-current')).to.equal('page');
    expect(await activeId(page)).to.equal('c-citizen-name');
    await screenshot(page, 'agent-console-en');
  });

  it('registers a complaint: an inline error first, then one complaint however often the form is sent', async () => {
    await page.fill('#c-citizen-name', 'रामलाल अहिरवार');
    await page.selectOption('#c-subject', 'eng-no-supply');
    await page.selectOption('#c-place-district', 'bhopal');
    await page.selectOption('#c-place-tehsil', 'bhopal-huzur');
    await page.selectOption('#c-place-block', 'bhopal-phanda');
    await page.fill('#c-description', 'बिजली');
    await page.click('#complaint-form button[type=submit]');

    // Too short a description: the intake's message next to it (and in the summary), the rest kept.
    await page.waitForSelector('#c-description-error');
    expect(await page.textContent('#c-description-error')).to.contain('10 to 2000 characters');
    expect(await page.getAttribute('#c-description', 'aria-invalid')).to.equal('true');
    expect(await page.getAttribute('#c-description', 'aria-describedby')).to.equal('c-description-error');
    expect(await page.locator('.field-error').count()).to.equal(1);
    expect(await page.textContent('#form-errors')).to.contain('10 to 2000 characters');
    expect(await page.getAttribute('#form-errors a', 'href')).to.equal('#c-description');
    expect(await activeId(page)).to.equal('form-errors');
    expect(await page.inputValue('#c-citizen-name')).to.equal('रामलाल अहिरवार');
    expect(await page.inputValue('#c-subject')).to.equal('eng-no-supply');
    expect(await page.inputValue('#c-place-block')).to.equal('bhopal-phanda');
    expect(await page.inputValue('#c-description')).to.equal('बिजली');

    await page.fill('#c-description', 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर खराब है');
    // The same form sent twice at once (a double click) …
    const form = await page.evaluate<string>(
      `new URLSearchParams(new FormData(document.querySelector('#complaint-form'))).toString()`,
    );
    const send = () =>
      page.request.post(`${base}/agent/complaint`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        data: form,
        maxRedirects: 0,
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status(), second.status()]).to.deep.equal([303, 303]);
    expect(first.headers().location).to.match(/^\/agent\/registered\/CMH-\d{4}-\d{6}\?mobile=9822200001&r=/);
    expect(second.headers().location).to.equal(first.headers().location);
    // … and once more by the button: still the one complaint, on the read-back page.
    await page.click('#complaint-form button[type=submit]');
    await page.waitForURL(/\/agent\/registered\/CMH-\d{4}-\d{6}/);
    expect(page.url()).to.equal(`${base}${first.headers().location}`);
    const rows = await t
      .db('complaints')
      .where({ citizenMobile: CALLER })
      .select('number', 'channel', 'callType');
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ channel: 'agent-181', callType: 'complaint' });
    complaintNumber = rows[0].number as string;
  });

  it('reads the number back: big, spelled group by group, with its due date and the SMS', async () => {
    expect(await page.getAttribute('.big-number', 'data-number')).to.equal(complaintNumber);
    expect(await page.textContent('.big-number')).to.equal(complaintNumber);
    const [, year, serial] = complaintNumber.split('/') as [string, string, string];
    const spelled = (await page.textContent('[data-spelled]'))!.replace(/\s+/g, ' ').trim();
    expect(spelled).to.equal(`C-M-H / ${[...year].join('-')} / ${[...serial].join('-')}`);
    expect(await page.textContent('.spelled-words dd[lang="hi"]')).to.contain('सी एम एच / दो शून्य दो');
    // The officer's due date comes with routing, a moment after registration (the page says so).
    const due = await until('the due date on the read-back page', async () => {
      const shown = await page.getAttribute('[data-due]', 'data-due');
      if (shown) return shown;
      expect(await page.textContent('[data-due]')).to.contain('Being routed to the officer');
      await page.reload();
      return undefined;
    });
    expect(due).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.textContent('[data-due]')).to.match(/\d+ days? left|Due today/);
    expect(await page.textContent('main')).to.contain(
      `CM Helpline: your complaint ${complaintNumber} is registered.`,
    );
    await screenshot(page, 'agent-read-back-en');

    await page.goto(`${page.url()}&lang=hi`);
    expect(await page.textContent('h1')).to.equal('दर्ज हुआ — कॉलर को क्रमांक बताएँ');
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'agent-read-back-hi');
    await page.goto(`${page.url().replace(/&lang=hi$/, '')}&lang=en`);
  });

  it('looks the mobile up again and sees the complaint open, with due date and days left', async () => {
    await page.click('#back-to-caller');
    await page.waitForURL(`${base}/agent?mobile=${CALLER}`);
    const row = page.locator(`tr[data-number="${complaintNumber}"]`);
    expect(await row.count()).to.equal(1);
    expect(await row.locator('[data-status]').textContent()).to.match(/open, with the officer|registered/);
    expect(await row.textContent()).to.contain('Complaint: No electricity supply');
    expect(await row.locator('td').nth(2).textContent()).to.match(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(await row.locator('td').nth(3).textContent()).to.match(/\d+ days? left|Due today/);
    // The name the caller gave is offered for the next form.
    expect(await page.textContent('main')).to.contain('Known to us as: रामलाल अहिरवार');
    expect(await page.inputValue('#c-citizen-name')).to.equal('रामलाल अहिरवार');
  });

  it('registers an information request and shows the scheme’s answer to read out', async () => {
    await page.click('#tab-information');
    await page.waitForURL(/tab=information/);
    await page.selectOption('#i-schemeCode', 'ladli-behna');
    await page.click('form.scheme-pick button[type=submit]');
    await page.waitForSelector('section.answer[data-scheme="ladli-behna"]');
    expect(await page.textContent('section.answer')).to.contain('Monthly financial assistance paid by DBT');
    expect(await page.inputValue('#i-citizen-name')).to.equal('रामलाल अहिरवार');
    await page.click('#information-form button[type=submit]');
    // The district is needed even for information: an inline error, then the call registered.
    await page.waitForSelector('#i-place-district-error');
    expect(await page.textContent('#i-place-district-error')).to.contain('Choose the district');
    await page.selectOption('#i-place-district', 'bhopal');
    await page.fill('#i-description', 'लाड़ली बहना की किस्त कब आएगी?');
    await page.click('#information-form button[type=submit]');
    await page.waitForURL(/\/agent\/registered\/CMH-\d{4}-\d{6}/);
    const number = (await page.getAttribute('.big-number', 'data-number'))!;
    expect(number).to.not.equal(complaintNumber);
    expect(await page.textContent('.scheme-answer')).to.contain(
      'Ladli Behna Yojana: Monthly financial assistance',
    );
    expect(await page.textContent('main')).to.contain('लाड़ली बहना योजना');
    expect(await page.textContent('main')).to.contain('Information: Ladli Behna Yojana');
    expect(await page.locator('[data-due]').count()).to.equal(0); // answered at once: no due date
    const row = await t.db('complaints').where({ number }).first('callType', 'channel');
    expect(row).to.include({ callType: 'information', channel: 'agent-181' });
  });

  it('applies for an income certificate on the caller’s behalf, due within the via-181 time limit', async () => {
    await page.click('#back-to-caller');
    await page.click('#tab-application');
    expect(await page.textContent('a[data-service="INC"] + .hint')).to.contain(
      'Time limit via 181: 1 working day',
    );
    await page.click('a[data-service="INC"]');
    await page.waitForSelector('#application-form[data-service="INC"]');
    expect(await activeId(page)).to.equal('a-applicantName');
    expect(await page.inputValue('#a-mobile')).to.equal(CALLER);
    expect(await page.inputValue('#a-applicantName')).to.equal('रामलाल अहिरवार');
    await page.fill('#a-guardianName', 'मोहनलाल अहिरवार');
    await page.check('#a-gender-1'); // male
    await page.fill('#a-address-line', 'म.नं. 7, वार्ड 3');
    await page.selectOption('#a-address-district', 'bhopal');
    await page.selectOption('#a-address-tehsil', 'bhopal-huzur');
    await page.selectOption('#a-address-village', 'bhopal-huzur-bilkhiriya-kalan');
    await page.fill('#a-purpose', 'छात्रवृत्ति हेतु');
    await page.fill('#a-incomeBySource-agriculture', '48,000');
    await page.fill('#a-samagraId', '12345');
    await page.click('#application-form button[type=submit]');
    await page.waitForSelector('#a-samagraId-error');
    expect(await page.textContent('#a-samagraId-error')).to.contain('The Samagra ID has 9 digits.');
    expect(await page.inputValue('#a-incomeBySource-agriculture')).to.equal('48,000');
    await page.fill('#a-samagraId', '123456789');
    await page.click('#application-form button[type=submit]');
    await page.waitForURL(/\/agent\/registered\/LSG-INC-\d{4}-\d{6}/);

    const number = (await page.getAttribute('.big-number', 'data-number'))!;
    expect(number).to.match(/^LSG\/INC\/\d{4}\/\d{6}$/);
    const spelled = (await page.textContent('[data-spelled]'))!.replace(/\s+/g, ' ').trim();
    expect(spelled).to.match(/^L-S-G \/ I-N-C \/ \d-\d-\d-\d \/ \d-\d-\d-\d-\d-\d$/);
    const app = await t
      .db('applications')
      .where({ number })
      .first('channel', 'dueDate', 'workflowInput', 'fields');
    expect(app.channel).to.equal('agent-181');
    expect(app.fields.incomeBySource).to.deep.equal({ agriculture: 48000 });
    const input = app.workflowInput as {
      receivedOn: string;
      service: ServiceDefinition;
      calendar: WorkingDayCalendar;
    };
    const via181 = dueDateFor(input.receivedOn, input.service, 'agent-181', input.calendar);
    expect(via181 < dueDateFor(input.receivedOn, input.service, 'web', input.calendar)).to.equal(true);
    expect(await page.getAttribute('[data-due]', 'data-due')).to.equal(via181);
    expect(await page.textContent('[data-due]')).to.contain(
      'Time limit when applied through 181: 1 working day.',
    );
    expect(await page.textContent('main')).to.contain(
      `application ${number} for Income certificate received`,
    );

    await page.click('#back-to-caller');
    expect(await page.locator(`tr[data-number="${number}"]`).count()).to.equal(1);
    expect(await page.locator(`tr[data-number="${complaintNumber}"]`).count()).to.equal(1);
  });

  it('shows the console in Hindi with every Devanagari glyph drawn', async () => {
    await page.goto(`${base}/agent?mobile=${CALLER}&lang=hi`);
    expect(await page.textContent('h1')).to.equal('सीएम हेल्पलाइन 181 — एजेंट कंसोल');
    expect(await page.textContent('#cases-title')).to.contain('खुले प्रकरण');
    await expectNoMissingGlyphs(page);
    await screenshot(page, 'agent-console-hi');
    await page.goto(`${base}/agent?mobile=${CALLER}&tab=application&service=INC`);
    await expectNoMissingGlyphs(page);
    await page.goto(`${base}/agent?mobile=${CALLER}&lang=en`);
  });

  it('shows the daily call limit of a mobile clearly, the form kept', async () => {
    const limit = 10;
    for (let i = 0; i < limit; i++) {
      const res = await t.post(
        '/complaints',
        {
          channel: 'agent-181',
          callType: 'information',
          schemeCode: 'ujjwala',
          citizen: { name: 'Kamla Bai', mobile: BUSY_CALLER },
          place: { district: 'bhopal' },
        },
        t.bearer('MP-PSM-0002'),
      );
      expect(res.status).to.equal(201);
    }
    await page.goto(`${base}/agent?mobile=${BUSY_CALLER}`);
    await page.selectOption('#c-subject', 'eng-no-supply');
    await page.selectOption('#c-place-district', 'bhopal');
    await page.fill('#c-description', 'Transformer burnt out three days ago');
    await page.click('#complaint-form button[type=submit]');
    await page.waitForSelector('#form-errors');
    expect(await page.textContent('#form-errors')).to.contain(
      `This mobile number has already registered ${limit} calls today, the daily limit. Please call again tomorrow.`,
    );
    expect(await page.inputValue('#c-description')).to.equal('Transformer burnt out three days ago');
    expect(
      await t.db('complaints').where({ citizenMobile: BUSY_CALLER }).count({ n: '*' }).first(),
    ).to.deep.equal({
      n: String(limit),
    });
  });

  it('keeps a Mahila Helpline case out of other agents’ lookups, not the counsellor’s', async () => {
    await page.goto(`${base}/agent?mobile=${MAHILA_CALLER}`);
    await page.fill('#c-citizen-name', 'सीमा');
    await page.check('#c-mahila');
    await page.selectOption('#c-subject', 'eng-no-supply');
    await page.selectOption('#c-place-district', 'bhopal');
    await page.fill('#c-description', 'घरेलू हिंसा के संबंध में परामर्श चाहिए');
    await page.click('#complaint-form button[type=submit]');
    await page.waitForURL(/\/agent\/registered\/CMH-\d{4}-\d{6}/);
    const number = (await page.getAttribute('.big-number', 'data-number'))!;
    const row = await t.db('complaints').where({ number }).first('channel', 'hidden');
    expect(row).to.deep.equal({ channel: 'mahila', hidden: true });
    // Without the link's proof of registration, another look is refused; the lookup does not list it.
    const bare = page.url().replace(/&r=[^&]+/, '');
    expect((await page.request.get(bare)).status()).to.equal(404);
    await page.goto(`${base}/agent?mobile=${MAHILA_CALLER}`);
    expect(await page.locator(`tr[data-number="${number}"]`).count()).to.equal(0);

    const counsellor = await newContext();
    const c = await staffSignIn(counsellor, 'MP-PSM-0005', `/agent?mobile=${MAHILA_CALLER}`);
    const listed = c.locator(`tr[data-number="${number}"]`);
    expect(await listed.count()).to.equal(1);
    expect(await listed.textContent()).to.contain('Mahila Helpline');
    // A counsellor registers Mahila Helpline complaints only.
    expect(await c.locator('nav.tabs a').count()).to.equal(1);
    expect(await c.textContent('#complaint-form')).to.contain('Registered as a Mahila Helpline case');
    await counsellor.close();
  });
});
