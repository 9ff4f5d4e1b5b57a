// The browser-test helpers on real headless Chromium: the Devanagari glyph check passes when a page
// serves Noto Sans Devanagari and fails when the Hindi is left to a font without Devanagari.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Browser, Page } from 'playwright-core';
import { expectNoMissingGlyphs, launchBrowser, screenshot, SCREENSHOT_DIR } from '../helpers/browser';

const devanagariTtf = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-devanagari')),
  '400Regular',
  'NotoSansDevanagari_400Regular.ttf',
);
/** A TrueType font on the machine with Latin letters and no Devanagari (Chromium needs some fonts). */
function latinOnlyTtf(): string {
  const listing = execFileSync('fc-list', [':fontformat=TrueType', 'file'], { encoding: 'utf8' });
  const files = listing
    .split('\n')
    .map((line) => line.replace(/:\s*$/, ''))
    .filter((file) => file.endsWith('.ttf'))
    .sort();
  for (const file of files) {
    const font = fontkit.openSync(file);
    if ('fonts' in font) continue;
    if (font.hasGlyphForCodePoint(0x41) && !font.hasGlyphForCodePoint(0x915)) return file;
  }
  throw new Error(`no Latin-only TrueType font among the system fonts: ${files.join(', ')}`);
}

const fontFace = `@font-face { font-family: 'Noto Sans Devanagari'; src: url(/font.ttf) format('truetype'); }`;
const title = 'जन सेतु — आय प्रमाण पत्र';
let latinTtf: string; // found in before(), not at load time

const pages: Record<string, string> = {
  '/hindi': `<style>${fontFace} body { font-family: 'Noto Sans Devanagari'; }</style>
    <h1>${title}</h1><p>Income certificate · शुल्क ₹ 30 · <b>आवेदन क्रमांक</b> MP-2025-000123।</p>`,
  // No web font and no Devanagari font on the machine: the Hindi falls to the monospace font.
  '/monospace': `<style>body { font-family: monospace; }</style><h1>${title}</h1><p>English only</p>`,
  // Hindi forced into a web font without Devanagari (a Latin-only TTF from the machine's fonts).
  '/latin-web-font': `<style>@font-face { font-family: 'Latin'; src: url(/latin.ttf) format('truetype'); }
    body { font-family: 'Latin'; }</style><p>${title}</p>`,
};

function startServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/font.ttf' || url.pathname === '/latin.ttf') {
      res.writeHead(200, { 'content-type': 'font/ttf' });
      fs.createReadStream(url.pathname === '/font.ttf' ? devanagariTtf : latinTtf).pipe(res);
      return;
    }
    const body = pages[url.pathname];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>${title}</title></head>
      <body>${body}</body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('browser test helpers (headless Chromium)', function () {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async function () {
    latinTtf = latinOnlyTtf();
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async function () {
    page = await browser.newPage();
  });

  afterEach(async function () {
    await page.close();
  });

  it('passes Hindi drawn in the served Noto Sans Devanagari web font', async function () {
    await page.goto(`${base}/hindi`);
    await expectNoMissingGlyphs(page);
    await expectNoMissingGlyphs(page, 'h1');
  });

  it('writes a full-page PNG screenshot', async function () {
    await page.goto(`${base}/hindi`);
    const file = await screenshot(page, 'browser-helper hindi');
    expect(path.dirname(file)).to.equal(SCREENSHOT_DIR);
    expect(path.basename(file)).to.equal('browser-helper-hindi.png');
    const png = fs.readFileSync(file);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).to.be
      .true;
    expect(png.length).to.be.greaterThan(1000);
  });

  it('fails, naming the text and the font, when Hindi falls to a font without Devanagari', async function () {
    // The failure below relies on Chromium finding no Devanagari font on the machine to fall back
    // to; scripts/setup.sh installs none (pages serve their own), and neither should anything else.
    const devanagariSystemFonts = execFileSync('fc-list', [':lang=hi', 'family'], {
      encoding: 'utf8',
    }).trim();
    expect(
      devanagariSystemFonts,
      'system fonts with Devanagari (they would hide missing web fonts)',
    ).to.equal('');

    await page.goto(`${base}/monospace`);
    const error = await expectNoMissingGlyphs(page).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error, 'expectNoMissingGlyphs passed Hindi drawn in monospace').to.be.instanceOf(Error);
    expect(error?.message).to.contain(JSON.stringify(title));
    expect(error?.message).to.match(/system font "[^"]+" \([^)]+\), which has no glyph for ज U\+091C/);
    expect(error?.message).not.to.contain('English only');
    // Only the selected part of the page is checked.
    await expectNoMissingGlyphs(page, 'p');
  });

  it('fails when Hindi is forced into a web font without Devanagari', async function () {
    await page.goto(`${base}/latin-web-font`);
    const failure = (webFonts: string[]) =>
      expectNoMissingGlyphs(page, 'body', { webFonts }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    // Given the font's file, the check finds the glyphs missing from it.
    const missing = await failure([latinTtf]);
    expect(missing, `expectNoMissingGlyphs passed Hindi drawn in ${latinTtf}`).to.be.instanceOf(Error);
    expect(missing?.message).to.contain(JSON.stringify(title));
    expect(missing?.message).to.match(/web font "[^"]+" \([^)]+\), which has no glyph for ज U\+091C/);
    // Without it, the check cannot vouch for the font and fails all the same.
    const unknown = await failure([]);
    expect(unknown).to.be.instanceOf(Error);
    expect(unknown?.message).to.contain(JSON.stringify(title));
    expect(unknown?.message).to.contain('not one of the known web font files');
  });

  it('fails when the selector matches nothing', async function () {
    await page.goto(`${base}/hindi`);
    const error = await expectNoMissingGlyphs(page, '#absent').catch((e: unknown) => e as Error);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.contain('"#absent" matches nothing');
  });
});
