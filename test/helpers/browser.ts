// Browser tests in real headless Chromium: Debian's chromium (installed by scripts/setup.sh) driven
// by playwright-core, which downloads no browser of its own. Besides launching and screenshots,
// this checks what a reader of a Hindi page would notice first: Devanagari drawn as empty boxes
// because the font Chromium actually used has no glyph for it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { projectRoot } from '../../lib/paths';

/** Where screenshot() writes its PNGs (test/artifacts/ is ignored by git and eslint). */
export const SCREENSHOT_DIR = path.join(projectRoot, 'test', 'artifacts', 'screenshots');

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Headless Chromium; `--no-sandbox` because tests run as root. Close it in an `after` hook. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}: run "bin/jansetu setup" ` +
        '(it apt-get installs the Debian package chromium), or set CHROMIUM_PATH to a Chromium binary',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** A full-page PNG of `page` in SCREENSHOT_DIR, named after `name`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!base) throw new Error(`screenshot name ${JSON.stringify(name)} has no usable characters`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, base.endsWith('.png') ? base : `${base}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// --- the Devanagari glyph check -----------------------------------------------------------------

/** Text that calls for the check: any Devanagari character (U+0900–097F, the Vedic and extended
 * blocks, the dandas shared with other scripts, North Indic fractions) or ₹. */
const CHECKED_SCRIPT = /[\p{Script_Extensions=Devanagari}\u20B9]/u;
/** Characters not drawn with a glyph of their own: spaces, controls, ZWJ/ZWNJ, variation selectors, … */
const NOT_DRAWN = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
  templateContent?: DomNode;
}

interface UsedFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** A font Chromium drew with, opened from its file (or why it could not be). */
interface CheckableFont {
  label: string;
  font?: fontkit.Font;
  problem?: string;
}

const openedFonts = new Map<string, fontkit.Font>();

function openFont(file: string, postScriptName?: string): fontkit.Font {
  const key = `${file}#${postScriptName ?? ''}`;
  let font = openedFonts.get(key);
  if (!font) {
    const opened = fontkit.openSync(file);
    if ('fonts' in opened) {
      const member = (postScriptName && opened.getFont(postScriptName)) || opened.fonts[0];
      if (!member) throw new Error(`${file} is an empty font collection`);
      font = member;
    } else {
      font = opened;
    }
    openedFonts.set(key, font);
  }
  return font;
}

/** The web fonts the project's pages serve, by PostScript name: every weight of Noto Sans Devanagari. */
let projectWebFonts: Map<string, string> | undefined;
function webFontFiles(extra: readonly string[]): Map<string, string> {
  if (!projectWebFonts) {
    projectWebFonts = new Map();
    const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-devanagari'));
    for (const weight of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!weight.isDirectory()) continue;
      for (const file of fs.readdirSync(path.join(dir, weight.name))) {
        if (!file.endsWith('.ttf')) continue;
        const full = path.join(dir, weight.name, file);
        projectWebFonts.set(openFont(full).postscriptName, full);
      }
    }
  }
  const files = new Map(projectWebFonts);
  for (const file of extra) files.set(openFont(file).postscriptName, file);
  return files;
}

/** System fonts by PostScript name, as fontconfig (which Chromium uses on Linux) lists them. */
let systemFonts: Map<string, string> | undefined;
function systemFontFiles(): Map<string, string> {
  if (!systemFonts) {
    let listing: string;
    try {
      listing = execFileSync('fc-list', ['-f', '%{postscriptname}\t%{file}\n'], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(
        `cannot list the system fonts with fc-list (Debian package fontconfig): ${String(error)}`,
      );
    }
    systemFonts = new Map();
    for (const line of listing.split('\n')) {
      const [name, file] = line.split('\t');
      if (name && file && !systemFonts.has(name)) systemFonts.set(name, file);
    }
  }
  return systemFonts;
}

function checkableFont(used: UsedFont, webFonts: Map<string, string>): CheckableFont {
  const name = used.postScriptName || used.familyName;
  const kind = used.isCustomFont ? 'web font' : 'system font';
  const file = used.isCustomFont ? webFonts.get(name) : systemFontFiles().get(name);
  const shown = file && (file.startsWith(projectRoot + path.sep) ? path.relative(projectRoot, file) : file);
  const label = `${kind} "${used.familyName}" (${name}${shown ? `, ${shown}` : ''})`;
  if (!file) {
    const where = used.isCustomFont
      ? `not one of the known web font files (${[...webFonts.keys()].join(', ')})`
      : 'not found by fc-list';
    return { label, problem: `which is ${where}, so its glyphs cannot be checked` };
  }
  try {
    return { label, font: openFont(file, used.postScriptName) };
  } catch (error) {
    return { label, problem: `which fontkit cannot read (${String(error)})` };
  }
}

function describeChar(ch: string): string {
  return `${ch} U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function childrenOf(node: DomNode): DomNode[] {
  return [
    ...(node.shadowRoots ?? []),
    ...(node.children ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ];
}

/**
 * Fails unless every piece of Devanagari (or ₹) text under `selector` is drawn in fonts that have
 * its glyphs. For each such text node, Chromium itself says which fonts it drew the node with
 * (DevTools protocol CSS.getPlatformFontsForNode: the fonts after all CSS and system fallback);
 * each font is opened from its file with fontkit (web fonts: the project's Noto Sans Devanagari
 * files, plus `options.webFonts`; system fonts: located with fc-list), and every drawn character
 * of the text must have a glyph in one of them. A character no used font has is an empty box (or
 * the font's .notdef glyph). Waits for the page's web fonts to load first.
 */
export async function expectNoMissingGlyphs(
  page: Page,
  selector = 'body',
  options: { webFonts?: readonly string[] } = {},
): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => true)');
  const webFonts = webFontFiles(options.webFonts ?? []);
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    if (nodeIds.length === 0)
      throw new Error(`expectNoMissingGlyphs: "${selector}" matches nothing on the page`);

    // The text nodes with checked text under the matched elements, with their parent element.
    const byId = new Map<number, { node: DomNode; parent?: DomNode }>();
    const index = (node: DomNode, parent?: DomNode): void => {
      byId.set(node.nodeId, { node, parent });
      for (const child of childrenOf(node)) index(child, node);
    };
    index(root);
    const texts = new Map<number, { text: string; element: string }>();
    const collect = (node: DomNode, parent?: DomNode): void => {
      if (node.nodeType === 3 && CHECKED_SCRIPT.test(node.nodeValue)) {
        texts.set(node.nodeId, { text: node.nodeValue, element: (parent?.nodeName ?? '?').toLowerCase() });
      }
      for (const child of childrenOf(node)) collect(child, node);
    };
    for (const id of nodeIds) {
      const entry = byId.get(id);
      if (entry) collect(entry.node, entry.parent);
    }

    const failures: string[] = [];
    const fonts = new Map<string, CheckableFont>();
    for (const [nodeId, { text, element }] of texts) {
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      if (used.length === 0) continue; // not laid out: display:none, <title>, <template>, …
      const checkable = used.map((u) => {
        const key = `${String(u.isCustomFont)}|${u.postScriptName || u.familyName}`;
        let font = fonts.get(key);
        if (!font) {
          font = checkableFont(u, webFonts);
          fonts.set(key, font);
        }
        return font;
      });
      const shown = text.trim().length > 120 ? `${text.trim().slice(0, 119)}…` : text.trim();
      const quoted = `${JSON.stringify(shown)} (in <${element}>)`;
      const unreadable = checkable.filter((f) => f.problem);
      if (unreadable.length > 0) {
        failures.push(
          `${quoted} is drawn in ${unreadable.map((f) => `${f.label}, ${f.problem}`).join('; and ')}`,
        );
        continue;
      }
      const missing = [...new Set(text)].filter(
        (ch) =>
          !NOT_DRAWN.test(ch) && !checkable.some((f) => f.font?.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)),
      );
      if (missing.length > 0) {
        failures.push(
          `${quoted} is drawn in ${checkable.map((f) => f.label).join(' and ')}, ` +
            `which ${checkable.length > 1 ? 'have' : 'has'} no glyph for ${missing.map(describeChar).join(', ')}`,
        );
      }
    }
    if (failures.length > 0) {
      throw new Error(`Devanagari text drawn without glyphs (empty boxes):\n  ${failures.join('\n  ')}`);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
