// The admin's view of the audit log, as an HTML fragment in Hindi or English: the filters (officer
// code, action, case or other target, dates), one table row per action newest first — when, who,
// what, on what, with what answer, from where — and links to the newer and older pages.
import type { AuditEntry, AuditFilters, AuditPage } from '../../server/audit';
import type { Bilingual, Lang } from '../../server/i18n';
import { html, type Html } from '../html';
import { formatInstant } from '../format';

const T = {
  filters: { en: 'Filter the log', hi: 'लॉग छाँटें' },
  officer: { en: 'Officer code', hi: 'अधिकारी कोड' },
  action: { en: 'Action contains', hi: 'कार्रवाई में' },
  target: { en: 'Case number or target', hi: 'प्रकरण क्रमांक या लक्ष्य' },
  from: { en: 'From (date)', hi: 'दिनांक से' },
  to: { en: 'To (date)', hi: 'दिनांक तक' },
  apply: { en: 'Show', hi: 'दिखाएँ' },
  clear: { en: 'Clear the filters', hi: 'फ़िल्टर हटाएँ' },
  caption: { en: 'Actions, newest first', hi: 'कार्रवाइयाँ, नवीनतम पहले' },
  when: { en: 'When (IST)', hi: 'कब (IST)' },
  who: { en: 'Who', hi: 'किसने' },
  what: { en: 'Action', hi: 'कार्रवाई' },
  on: { en: 'Target', hi: 'लक्ष्य' },
  outcome: { en: 'Outcome', hi: 'परिणाम' },
  where: { en: 'From where', hi: 'कहाँ से' },
  done: { en: 'done', hi: 'हो गया' },
  refused: { en: 'refused', hi: 'अस्वीकृत' },
  failed: { en: 'failed', hi: 'विफल' },
  apiClient: { en: 'API client', hi: 'API क्लाइंट' },
  unknownCode: { en: 'unknown employee code', hi: 'अज्ञात कर्मचारी कोड' },
  request: { en: 'request', hi: 'अनुरोध' },
  none: { en: 'No action matches.', hi: 'कोई कार्रवाई नहीं मिली।' },
  pages: { en: 'Pages of the log', hi: 'लॉग के पृष्ठ' },
  newer: { en: '← Newer', hi: '← नए' },
  older: { en: 'Older →', hi: 'पुराने →' },
  newest: { en: 'Newest', hi: 'नवीनतम' },
  appendOnly: {
    en: 'Every action of an officer, an admin or a machine client is recorded here and can be neither changed nor deleted. Citizens’ own actions are in their cases’ timelines.',
    hi: 'अधिकारियों, प्रशासकों और मशीन क्लाइंटों की हर कार्रवाई यहाँ दर्ज होती है; इसे न बदला जा सकता है, न हटाया जा सकता है। नागरिकों की अपनी कार्रवाइयाँ उनके प्रकरणों की समय-रेखा में हैं।',
  },
} satisfies Record<string, Bilingual>;

const CASE = /^(LSG\/[A-Z]{3}\/\d{4}\/\d{6,}|CMH\/\d{4}\/\d{6,})$/;

/** The query string of the page with these filters (and a cursor), for links. */
export function auditQuery(filters: AuditFilters, cursor: Record<string, number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  for (const [k, v] of Object.entries(cursor)) params.set(k, String(v));
  const q = params.toString();
  return q ? `?${q}` : '';
}

function outcomeText(lang: Lang, status: number): string {
  const word = status >= 500 ? T.failed : status >= 400 ? T.refused : T.done;
  return `${status} ${word[lang]}`;
}

function row(e: AuditEntry, lang: Lang): Html {
  const name = lang === 'hi' ? e.actorNameHi : e.actorNameEn;
  const who =
    e.actorKind === 'api-client'
      ? html`${T.apiClient[lang]}: <code>${e.actorCode ?? '—'}</code>`
      : e.actorCode
        ? html`<code>${e.actorCode}</code>${name ? html` ${name}` : ''}`
        : html`<em>${T.unknownCode[lang]}</em>`;
  const target = !e.target
    ? '—'
    : CASE.test(e.target)
      ? html`<a href="/admin/cases/${e.target.replace(/\//g, '-')}">${e.target}</a>`
      : e.target;
  return html`<tr class="${e.outcome >= 400 ? 'refused' : 'done'}">
    <td><time datetime="${e.at}">${formatInstant(lang, e.at)}</time></td>
    <td>${who} ${e.actorRoles.length > 0 && html`<br /><small>${e.actorRoles.join(', ')}</small>`}</td>
    <td>
      ${e.actionName && html`<strong>${e.actionName}</strong><br />`}<small><code>${e.action}</code></small>
    </td>
    <td>${target}</td>
    <td>${outcomeText(lang, e.outcome)}</td>
    <td>
      ${e.ip ?? '—'} ${e.userAgent && html`<br /><small>${e.userAgent}</small>`}
      ${e.requestId && html`<br /><small>${T.request[lang]} ${e.requestId}</small>`}
    </td>
  </tr>`;
}

function filterForm(lang: Lang, f: AuditFilters): Html {
  const field = (name: keyof AuditFilters, label: Bilingual, type = 'text') =>
    html`<div>
      <label for="a-${name}">${label[lang]}</label
      ><input id="a-${name}" name="${name}" type="${type}" value="${f[name] ?? ''}" />
    </div>`;
  return html`<form method="get" action="/admin/audit" class="filters" aria-label="${T.filters[lang]}">
    ${field('officer', T.officer)} ${field('action', T.action)} ${field('target', T.target)}
    ${field('from', T.from, 'date')} ${field('to', T.to, 'date')}
    <button type="submit">${T.apply[lang]}</button>
    ${Object.values(f).some(Boolean) && html`<a href="/admin/audit">${T.clear[lang]}</a>`}
  </form>`;
}

/** The audit log page's body: filters, the page of rows and the paging links. */
export function auditLogView(page: AuditPage, filters: AuditFilters, lang: Lang): Html {
  const paging =
    (page.newerThan !== null || page.olderThan !== null) &&
    html`<nav aria-label="${T.pages[lang]}" class="paging">
      ${
        page.newerThan !== null &&
        html`<a href="/admin/audit${auditQuery(filters)}">${T.newest[lang]}</a> ·
          <a href="/admin/audit${auditQuery(filters, { after: page.newerThan })}" rel="prev"
            >${T.newer[lang]}</a
          >`
      }
      ${page.newerThan !== null && page.olderThan !== null && ' · '}
      ${
        page.olderThan !== null &&
        html`<a href="/admin/audit${auditQuery(filters, { before: page.olderThan })}" rel="next"
          >${T.older[lang]}</a
        >`
      }
    </nav>`;
  return html`<p class="hint">${T.appendOnly[lang]}</p>
    ${filterForm(lang, filters)}
    ${
      page.rows.length === 0
        ? html`<p>${T.none[lang]}</p>`
        : html`<div class="table-wrap">
            <table class="audit-log">
              <caption>
                ${T.caption[lang]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${T.when[lang]}</th>
                  <th scope="col">${T.who[lang]}</th>
                  <th scope="col">${T.what[lang]}</th>
                  <th scope="col">${T.on[lang]}</th>
                  <th scope="col">${T.outcome[lang]}</th>
                  <th scope="col">${T.where[lang]}</th>
                </tr>
              </thead>
              <tbody>
                ${page.rows.map((e) => row(e, lang))}
              </tbody>
            </table>
          </div>`
    }
    ${paging}`;
}
