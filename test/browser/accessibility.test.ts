// Accessibility of the main pages, checked by axe-core (the engine behind most accessibility
// audits) in real Chromium on the real stack: for each role's main pages, in Hindi and English,
// no violation of impact "serious" or "critical" (missing labels, contrast, names of buttons and
// links, ARIA misuse, duplicate ids, …). Keyboard use: the skip link is the first stop and moves
// focus to the content. Needs `npm run build` (the stack runs dist/).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../lib/paths';
import { launchBrowser } from '../helpers/browser';
import { startTestStack, until, type TestStack } from '../helpers/stack';

const AXE = fs.readFileSync(path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // through DevTools, which the page's CSP (rightly) does not block
  const violations = await page.evaluate<Violation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility of the main pages (axe-core in Chromium)', function () {
  this.timeout(300_000);
  let t: TestStack;
  let browser: Browser;
  let base: string;

  async function staffPage(code: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-IN' })).newPage();
    await page.goto(`${base}/staff/signin`);
    await page.fill('#code', code);
    await page.fill('#password', 'jansetu-demo');
    await page.click('form[action="/staff/signin"] button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/staff'));
    return page;
  }

  async function citizenPage(mobile: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-IN' })).newPage();
    await page.goto(`${base}/signin`);
    await page.fill('#mobile', mobile);
    await page.click('form[action="/signin"] button[type=submit]');
    await page.waitForSelector('#code');
    const code = await until('the sign-in code', async () => {
      const row = await t
        .db('outboxMessages')
        .where({ recipientMobile: mobile })
        .orderBy('id', 'desc')
        .first();
      return (row?.params as { code?: string } | undefined)?.code;
    });
    await page.fill('#code', code);
    await page.click('form[action="/signin/code"] button[type=submit]');
    await page.waitForURL(`${base}/my`);
    return page;
  }

  async function audit(page: Page, paths: string[]): Promise<void> {
    const problems: string[] = [];
    // Anything the Content-Security-Policy blocks (an inline style or script) is a defect too.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`${page.url()} CSP: ${m.text()}`);
    });
    for (const p of paths) {
      for (const lang of ['en', 'hi']) {
        await page.goto(`${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        for (const v of await seriousViolations(page)) problems.push(`${p} [${lang}] ${v}`);
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  }

  before(async () => {
    t = await startTestStack('a11y');
    base = t.config.publicUrl;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('finds a real violation (the check is not vacuous)', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="en"><body><main><input type="text"><button></button></main></body></html>',
    );
    const found = await seriousViolations(page);
    expect(found.join('\n')).to.contain('label').and.to.contain('button-name');
  });

  it('public pages', async () => {
    const page = await browser.newPage();
    await audit(page, ['/', '/signin', '/staff/signin', '/status', '/verify', '/verify/JS-NONE-1']);
  });

  it('citizen pages', async () => {
    const page = await citizenPage('9833300001');
    await audit(page, [
      '/my',
      '/apply',
      '/apply/income-certificate',
      '/apply/khasra-khatauni-copy',
      '/complain',
    ]);
  });

  it('181 agent console, officer inbox and admin console', async () => {
    await audit(await staffPage('MP-PSM-0002'), [
      '/agent',
      '/agent?mobile=9833300001',
      '/agent?mobile=9833300001&tab=application',
    ]);
    await audit(await staffPage('MP-REV-0030'), ['/officer']);
    await audit(await staffPage('MP-PSM-0001'), [
      '/admin',
      '/admin/cases?kind=application',
      '/admin/policies',
      '/admin/policies/escalation-ladder',
      '/admin/audit',
    ]);
  });

  it('lets a keyboard user skip straight to the content', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.className')).to.equal('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).to.equal('main');
  });
});
