// The frame of every page: language switch (remembered in a cookie), navigation for who is signed
// in, a skip link and landmarks for screen readers, the flash message and the page's own body.
import type { Bilingual, Lang } from '../server/i18n';
import { html, type Html } from './html';

export type Viewer =
  | { kind: 'citizen'; mobile: string }
  | { kind: 'staff'; code: string; nameEn: string; nameHi: string; roles: string[] }
  | null;

/** What every page template needs to know about the request. */
export interface PageContext {
  lang: Lang;
  viewer: Viewer;
  /** The token every form posts back as `_csrf`. */
  csrf: string;
  /** The current path and query without `lang`, for the language switch. */
  here: string;
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
}

export const say = (pc: { lang: Lang }, text: Bilingual): string => text[pc.lang];

/** A hidden field carrying the CSRF token; every POST form includes it. */
export const csrfField = (pc: PageContext): Html =>
  html`<input type="hidden" name="_csrf" value="${pc.csrf}" />`;

const STAFF_LINKS: { role: string[]; href: string; label: Bilingual }[] = [
  { role: ['agent_181', 'counsellor'], href: '/agent', label: { en: '181 console', hi: '181 कंसोल' } },
  {
    role: [
      'designated_officer',
      'field_officer',
      'first_appeal_officer',
      'second_appellate_authority',
      'complaint_l1',
      'complaint_l2',
      'complaint_l3',
      'complaint_l4',
      'counsellor',
    ],
    href: '/officer',
    label: { en: 'My inbox', hi: 'मेरा इनबॉक्स' },
  },
  { role: ['admin'], href: '/admin', label: { en: 'Admin', hi: 'प्रशासन' } },
];

function navLinks(pc: PageContext): { href: string; label: Bilingual }[] {
  const v = pc.viewer;
  if (v?.kind === 'staff') return STAFF_LINKS.filter((l) => l.role.some((r) => v.roles.includes(r)));
  const common = [
    { href: '/apply', label: { en: 'Apply for a service', hi: 'सेवा हेतु आवेदन' } },
    { href: '/complain', label: { en: 'File a complaint', hi: 'शिकायत दर्ज करें' } },
  ];
  if (v?.kind === 'citizen') return [{ href: '/my', label: { en: 'My cases', hi: 'मेरे प्रकरण' } }, ...common];
  return [
    ...common,
    { href: '/status', label: { en: 'Track status', hi: 'स्थिति देखें' } },
    { href: '/verify', label: { en: 'Verify a certificate', hi: 'प्रमाण पत्र सत्यापन' } },
  ];
}

function langSwitch(pc: PageContext): Html {
  const other: Lang = pc.lang === 'hi' ? 'en' : 'hi';
  const sep = pc.here.includes('?') ? '&' : '?';
  return html`<a class="lang-switch" href="${pc.here}${sep}lang=${other}" hreflang="${other}" lang="${other}"
    >${other === 'hi' ? 'हिन्दी' : 'English'}</a
  >`;
}

function account(pc: PageContext): Html {
  const v = pc.viewer;
  if (!v) {
    return html`<a href="/signin">${say(pc, { en: 'Sign in', hi: 'साइन इन' })}</a>
      <a href="/staff/signin">${say(pc, { en: 'Staff', hi: 'कर्मचारी' })}</a>`;
  }
  const who =
    v.kind === 'citizen' ? `+91 ${v.mobile}` : `${pc.lang === 'hi' ? v.nameHi : v.nameEn} (${v.code})`;
  return html`<span class="who">${who}</span>
    <form method="post" action="/signout" class="inline">
      ${csrfField(pc)}<button type="submit" class="link">
        ${say(pc, { en: 'Sign out', hi: 'साइन आउट' })}
      </button>
    </form>`;
}

export function layout(pc: PageContext, title: Bilingual, body: Html): string {
  return html`<!doctype html>
    <html lang="${pc.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${say(pc, title)} · जन सेतु · Jan Setu</title>
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body>
        <a class="skip" href="#main">${say(pc, { en: 'Skip to content', hi: 'सामग्री पर जाएँ' })}</a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">जन सेतु · Jan Setu</a>
            <div class="account">${langSwitch(pc)} ${account(pc)}</div>
          </div>
          <nav aria-label="${say(pc, { en: 'Main', hi: 'मुख्य' })}">
            <ul>
              ${navLinks(pc).map((l) => html`<li><a href="${l.href}">${say(pc, l.label)}</a></li>`)}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          ${
            pc.flash &&
            html`<p class="flash ${pc.flash.kind}" role="${pc.flash.kind === 'error' ? 'alert' : 'status'}">
              ${pc.flash.text}
            </p>`
          }
          <h1>${say(pc, title)}</h1>
          ${body}
        </main>
        <footer class="site">
          <p>
            ${say(pc, {
              en: 'Lok Seva Guarantee and CM Helpline 181, Madhya Pradesh. Call 181 for help.',
              hi: 'लोक सेवा गारंटी एवं सीएम हेल्पलाइन 181, मध्यप्रदेश। सहायता हेतु 181 पर कॉल करें।',
            })}
          </p>
        </footer>
        <script src="/static/site.js" defer></script>
      </body>
    </html>`.value;
}
