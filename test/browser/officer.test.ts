// The officer inbox in real Chromium on the real stack: the Huzur tehsildar sees a new income
// certificate application in the inbox by due date (on time, by class and by word), opens it
// (identity numbers masked, receipt, timeline), is told inline what is wrong with a bad rejection,
// approves it through the confirm question and sees it delivered with the certificate issued;
// tehsildars of another tehsil and another district neither see nor open it; the SDM passes a first
// appeal order with a lump-sum penalty; an L1 officer resolves an assigned complaint. Screenshots
// in English and Hindi, every Devanagari glyph of the Hindi inbox drawn. Needs `npm run build`.
import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectNoMissingGlyphs, launchBrowser, screenshot } from '../helpers/browser';
import { signInStaff as signIn } from '../helpers/pages';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

const TEHSILDAR_HUZUR = 'MP-REV-0030';
const TEHSILDAR_KOLAR = 'MP-REV-0032'; // another tehsil of Bhopal
const TEHSILDAR_BASODA = 'MP-REV-0046'; // another district (Vidisha)
const SDM_HUZUR = 'MP-REV-0026'; // first appeal officer for Huzur
const JE_PHANDA = 'MP-ENG-0037'; // energy L1 of Phanda block
const JE_BERASIA = 'MP-ENG-0035'; // energy L1 of another block

const incomeFields = (name: string, samagraId: string, mobile: string) => ({
  applicantName: name,
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
  samagraId,
  mobile,
});

const dash = (n: string) => n.replace(/\//g, '-');

/** One attribute of every element a locator matches, in document order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0, n = await locator.count(); i < n; i += 1) out.push(await locator.nth(i).getAttribute(name));
  return out;
}

describe('officer inbox in the browser', function () {
  this.timeout(300_000);
  let t: TestStack;
  let browser: Browser;
  let base: string;
  let number: string; // the application the tehsildar approves
  let appealNumber: string; // the one rejected, then taken up in first appeal
  let complaint: string;
  const dialogs: string[] = [];

  /** A fresh browser profile signed in as a staff member; confirm questions are answered yes. */
  async function signInStaff(code: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await signIn(page, base, code);
    await page.waitForURL(`${base}/officer`);
    return page;
  }

  async function submitApplication(name: string, samagraId: string, mobile: string): Promise<string> {
    const res = await t.post('/applications', {
      service: 'INC',
      fields: incomeFields(name, samagraId, mobile),
    });
    expect(res.status).to.equal(201);
    const n = (await json(res)).applicationNumber as string;
    await until(`${n} pending decision`, async () => {
      const row = await t.db('applications').where({ number: n }).first('status');
      return row?.status === 'pending-decision' ? true : undefined;
    });
    return n;
  }

  const dateEn = (iso: string) =>
    new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: 'Asia/Kolkata' }).format(
      new Date(`${iso}T12:00:00+05:30`),
    );

  before(async () => {
    t = await startTestStack('officer-pages');
    base = t.config.publicUrl;
    browser = await launchBrowser();
    number = await submitApplication('सुनीता शर्मा', '123456789', '9876543210');
    appealNumber = await submitApplication('रमेश कुमार', '987654321', '9876543211');

    const call = await t.post(
      '/complaints',
      {
        channel: 'agent-181',
        callType: 'complaint',
        citizen: { name: 'रामलाल अहिरवार', mobile: '9876501234' },
        place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
        subject: 'eng-no-supply',
        description: 'गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया',
      },
      t.bearer('MP-PSM-0002'),
    );
    expect(call.status).to.equal(201);
    complaint = (await json(call)).complaintNumber as string;
    await until('the complaint assigned at L1', async () => {
      const row = await t.db('complaints').where({ number: complaint }).first('assignedOfficerCode');
      return row?.assignedOfficerCode ? (row.assignedOfficerCode as string) : undefined;
    }).then((code) => expect(code).to.equal(JE_PHANDA));
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('lists the new application in the Huzur tehsildar’s inbox with its due date, on time', async () => {
    const page = await signInStaff(TEHSILDAR_HUZUR);
    const row = page.locator(`tr[data-number="${number}"]`);
    expect(await row.getAttribute('class')).to.equal('on-time');
    expect(await row.getAttribute('data-kind')).to.equal('decide');
    const state = (await t.db('applications').where({ number }).first('state')).state as { dueDate: string };
    expect(await row.locator('time').getAttribute('datetime')).to.equal(state.dueDate);
    expect(await row.textContent())
      .to.contain(dateEn(state.dueDate))
      .and.to.contain('Income certificate');
    expect(await row.textContent()).to.match(/\d+ days? left/);
    expect(await row.locator('.badge.on-time').textContent()).to.equal('On time');
    // Sorted by due date: the earlier application first (same due date → by number).
    const numbers = await attributes(page.locator('tbody tr'), 'data-number');
    expect(numbers).to.deep.equal([number, appealNumber]);
    await screenshot(page, 'officer-inbox-en');

    await page.goto(`${base}/officer?lang=hi`);
    expect(await page.textContent('h1')).to.equal('मेरा इनबॉक्स');
    expect(await page.locator(`tr[data-number="${number}"] .badge`).textContent()).to.equal('समय पर');
    expect(await page.textContent(`tr[data-number="${number}"]`)).to.contain('आय प्रमाण पत्र');
    await screenshot(page, 'officer-inbox-hi');
    await expectNoMissingGlyphs(page);
    await page.context().close();
  });

  it('opens the case: facts with the Samagra ID masked, the receipt, the timeline (en + hi)', async () => {
    const page = await signInStaff(TEHSILDAR_HUZUR);
    await page.click(`tr[data-number="${number}"] a`);
    await page.waitForURL(`${base}/officer/applications/${dash(number)}`);
    expect(await page.getAttribute('.case-status', 'data-status')).to.equal('pending-decision');
    const main = (await page.textContent('main'))!;
    expect(main).to.contain('सुनीता शर्मा').and.to.contain('XXXXX6789').and.not.to.contain('123456789');
    expect(main).to.contain('Bilkhiriya Kalan');
    expect(await page.locator('ol.timeline li').first().textContent()).to.contain('Application received');
    // Exactly the designated officer's actions are offered; the field officer's is not.
    const forms = await attributes(page.locator('section.action'), 'id');
    expect(forms).to.deep.equal([
      'action-approve',
      'action-reject',
      'action-request-information',
      'action-forward-for-field-report',
    ]);
    const receipt = await page.getAttribute('ul.documents a', 'href');
    const pdf = await page.request.get(`${base}${receipt}`);
    expect(pdf.status()).to.equal(200);
    expect(pdf.headers()['content-type']).to.equal('application/pdf');
    await screenshot(page, 'officer-case-application-en');

    await page.goto(`${page.url()}?lang=hi`);
    expect(await page.textContent('.case-status')).to.contain('अधिकारी के निर्णय हेतु लंबित');
    await screenshot(page, 'officer-case-application-hi');
    await expectNoMissingGlyphs(page);
    await page.context().close();
  });

  it('keeps a refused rejection’s reason and says inline what is wrong', async () => {
    const page = await signInStaff(TEHSILDAR_HUZUR);
    await page.goto(`${base}/officer/applications/${dash(number)}`);
    await page.fill('#reject-reason', 'no');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('#action-reject button[type=submit]'),
    ]);
    expect(response.status()).to.equal(409);
    await page.waitForSelector('#reject-reason-error');
    expect(await page.textContent('#reject-reason-error')).to.contain('3 to 2000 characters');
    expect(await page.getAttribute('#reject-reason', 'aria-invalid')).to.equal('true');
    expect(await page.getAttribute('#reject-reason', 'aria-describedby')).to.equal('reject-reason-error');
    expect(await page.inputValue('#reject-reason')).to.equal('no');
    expect(await page.getAttribute('.case-status', 'data-status')).to.equal('pending-decision');
    await page.context().close();
  });

  it('approves after the confirm question: the case shows delivered and the certificate is issued', async () => {
    const page = await signInStaff(TEHSILDAR_HUZUR);
    await page.goto(`${base}/officer/applications/${dash(number)}`);
    dialogs.length = 0;
    await page.click('#action-approve button[type=submit]');
    await page.waitForSelector('.flash.ok');
    expect(dialogs).to.have.length(1);
    expect(dialogs[0]).to.contain('Approve this application?');
    expect(page.url()).to.equal(`${base}/officer/applications/${dash(number)}`);
    expect(await page.textContent('.flash.ok')).to.contain(`Application ${number} is now delivered`);
    expect(await page.getAttribute('.case-status', 'data-status')).to.equal('delivered');
    expect(await page.locator('section.action').count()).to.equal(0);

    const cert = await t
      .db('documents')
      .where({ applicationNumber: number })
      .whereNot({ kind: 'receipt' })
      .first();
    expect(cert).to.include({ kind: 'income-certificate', status: 'valid' });
    const app = await t.db('applications').where({ number }).first('certificateSerial', 'status');
    expect(app).to.deep.equal({ certificateSerial: cert.serial, status: 'delivered' });
    const verified = await json(await fetch(t.api(`/verify/${cert.serial as string}`)));
    expect(verified.status).to.equal('valid');
    // The certificate is listed and opens for the officer.
    const link = page.locator(`ul.documents a:has-text("${cert.serial as string}")`);
    const pdf = await page.request.get(`${base}${await link.getAttribute('href')}`);
    expect(pdf.status()).to.equal(200);
    expect(await page.locator('ol.timeline').textContent()).to.contain('Certificate issued');

    await page.goto(`${base}/officer`);
    expect(await page.locator(`tr[data-number="${number}"]`).count()).to.equal(0);
    await page.context().close();
  });

  it('hides the case from tehsildars of another tehsil and another district', async () => {
    for (const code of [TEHSILDAR_KOLAR, TEHSILDAR_BASODA]) {
      const page = await signInStaff(code);
      expect(await page.locator(`tr[data-number="${number}"]`).count()).to.equal(0);
      expect(await page.locator(`tr[data-number="${appealNumber}"]`).count()).to.equal(0);
      const res = await page.goto(`${base}/officer/applications/${dash(appealNumber)}`);
      expect(res!.status()).to.equal(404);
      expect(await page.textContent('main')).to.contain(`No application ${appealNumber} is visible to you.`);
      expect(await page.textContent('main')).not.to.contain('रमेश कुमार');
      const doc = await page.request.get(
        `${base}/officer/applications/${dash(number)}/documents/${(await t.db('applications').where({ number }).first('certificateSerial')).certificateSerial as string}.pdf`,
      );
      expect(doc.status()).to.equal(404);
      await page.context().close();
    }
  });

  it('lets the first appeal officer pass an order with a lump-sum penalty, the limits explained', async () => {
    // The tehsildar rejects the second application; a suo motu first appeal opens before the SDM.
    const tehsildar = await signInStaff(TEHSILDAR_HUZUR);
    await tehsildar.goto(`${base}/officer/applications/${dash(appealNumber)}`);
    await tehsildar.fill('#reject-reason', 'आय के प्रमाण संलग्न नहीं हैं');
    await tehsildar.click('#action-reject button[type=submit]');
    await tehsildar.waitForSelector('.flash.ok');
    expect(await tehsildar.getAttribute('.case-status', 'data-status')).to.equal('rejected');
    await tehsildar.context().close();
    await until('the first appeal task', async () =>
      (await t
        .db('officerTasks')
        .where({ applicationNumber: appealNumber, kind: 'first-appeal', open: true })
        .first())
        ? true
        : undefined,
    );

    const page = await signInStaff(SDM_HUZUR);
    const row = page.locator(`tr[data-number="${appealNumber}"]`);
    expect(await row.getAttribute('data-kind')).to.equal('first-appeal');
    expect(await row.textContent())
      .to.contain('First appeal')
      .and.to.match(/\d+ days left/);
    await row.locator('a').click();
    await page.waitForURL(`${base}/officer/applications/${dash(appealNumber)}`);
    const rules = (await page.textContent('#appeal-first .penalty-rules'))!;
    expect(rules).to.contain('₹250 for each working day of delay, at most ₹5,000');
    expect(rules).to.contain('a lump sum from ₹500 to ₹5,000');
    expect(rules).to.contain('no delay penalty can be ordered');
    // Outcomes the appeal allows now: delivery may be ordered, the rejection upheld, or disposed of.
    const outcomes = await attributes(page.locator('#appeal-first input[name=outcome]'), 'value');
    expect(outcomes).to.deep.equal(['order-delivery', 'uphold-rejection', 'dispose']);
    await screenshot(page, 'officer-case-appeal-en');

    // Out of range first: the appeal's own limit comes back next to the amount.
    await page.check('#appeal-first-outcome-order-delivery');
    await page.fill('#appeal-first-withinWorkingDays', '3');
    await page.check('#appeal-first-penalty-lump-sum');
    await page.fill('#appeal-first-amountRupees', '100');
    await page.fill('#appeal-first-remarks', 'अस्वीकृति का कारण उचित नहीं है');
    await page.click('#appeal-first button[type=submit]');
    await page.waitForSelector('#appeal-first-amountRupees-error');
    expect(await page.textContent('#appeal-first-amountRupees-error')).to.contain('₹500 to ₹5000');
    expect(await page.inputValue('#appeal-first-remarks')).to.equal('अस्वीकृति का कारण उचित नहीं है');
    expect(await page.isChecked('#appeal-first-outcome-order-delivery')).to.equal(true);

    await page.fill('#appeal-first-amountRupees', '1000');
    await page.click('#appeal-first button[type=submit]');
    await page.waitForSelector('.flash.ok');
    expect(await page.textContent('.flash.ok')).to.contain('with a penalty of ₹1000');
    expect(await page.textContent('li[data-appeal="first"]'))
      .to.contain('decided')
      .and.to.contain('Order delivery');
    const penalty = await t.db('penalties').where({ applicationNumber: appealNumber }).first();
    expect(penalty).to.include({
      appealLevel: 'first',
      kind: 'lump-sum',
      amountRupees: 1000,
      officerCode: TEHSILDAR_HUZUR,
      orderedBy: SDM_HUZUR,
    });
    await page.context().close();

    // Delivery ordered: back with the tehsildar, who may no longer reject it.
    const back = await signInStaff(TEHSILDAR_HUZUR);
    expect(await back.locator(`tr[data-number="${appealNumber}"]`).getAttribute('data-kind')).to.equal(
      'decide',
    );
    await back.goto(`${base}/officer/applications/${dash(appealNumber)}`);
    expect(await back.locator('#action-approve').count()).to.equal(1);
    expect(await back.locator('#action-reject').count()).to.equal(0);
    await back.context().close();
  });

  it('lets the L1 officer resolve an assigned complaint; another block’s officer cannot open it', async () => {
    const page = await signInStaff(JE_PHANDA);
    const row = page.locator(`tr[data-number="${complaint}"]`);
    expect(await row.getAttribute('data-kind')).to.equal('complaint');
    expect(await row.getAttribute('class')).to.match(/^(on-time|at-risk)$/);
    expect(await row.textContent()).to.contain('No electricity supply');
    await row.locator('a').click();
    await page.waitForURL(`${base}/officer/complaints/${dash(complaint)}`);
    expect(await page.textContent('main')).to.contain('ट्रांसफार्मर जल गया');
    await screenshot(page, 'officer-case-complaint-en');

    await page.fill('#resolve-text', 'ट्रांसफार्मर बदल दिया गया, आपूर्ति चालू है');
    dialogs.length = 0;
    await page.click('#action-resolve button[type=submit]');
    await page.waitForSelector('.flash.ok');
    expect(dialogs[0]).to.contain('Record this resolution?');
    expect(await page.textContent('.flash.ok')).to.contain(`Complaint ${complaint} is now resolved`);
    expect(await page.getAttribute('.case-status', 'data-status')).to.equal('resolved');
    expect(await t.db('complaints').where({ number: complaint }).first('status')).to.deep.equal({
      status: 'resolved',
    });
    await page.goto(`${base}/officer`);
    expect(await page.locator(`tr[data-number="${complaint}"]`).count()).to.equal(0);
    await page.context().close();

    const other = await signInStaff(JE_BERASIA);
    expect(await other.locator(`tr[data-number="${complaint}"]`).count()).to.equal(0);
    const res = await other.goto(`${base}/officer/complaints/${dash(complaint)}`);
    expect(res!.status()).to.equal(404);
    await other.context().close();
  });
});
