// The officer's inbox: every case waiting for this officer (Lok Seva Guarantee decisions and field
// reports, appeals, complaints), one list sorted by due date, each row marked on time, at risk or
// past its time limit — by a word in the row as well as its colour.
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { say, type PageContext } from '../layout';
import { timelinessBadge, type Timeliness } from './common';
import { daysLeftText, formatDate } from '../format';

export type InboxKind =
  | 'decide'
  | 'field-report'
  | 'first-appeal'
  | 'second-appeal'
  | 'complaint'
  | 'transfer'
  | 'counselling'
  | 'queue';

export interface InboxRow {
  kind: InboxKind;
  number: string;
  href: string;
  /** The service (applications) or complaint subject. */
  subject: Bilingual;
  who: string;
  status: Bilingual;
  dueDate: string | null;
  daysLeft: number | null;
  timeliness: Timeliness;
}

export const KINDS: Record<InboxKind, Bilingual> = {
  decide: { en: 'Decide the application', hi: 'आवेदन पर निर्णय' },
  'field-report': { en: 'Field report', hi: 'क्षेत्रीय प्रतिवेदन' },
  'first-appeal': { en: 'First appeal', hi: 'प्रथम अपील' },
  'second-appeal': { en: 'Second appeal', hi: 'द्वितीय अपील' },
  complaint: { en: 'Complaint', hi: 'शिकायत' },
  transfer: { en: 'Transfer to decide', hi: 'स्थानांतरण पर निर्णय' },
  counselling: { en: 'Counselling', hi: 'परामर्श' },
  queue: { en: 'District queue (no officer mapped)', hi: 'जिला कतार (अधिकारी निर्धारित नहीं)' },
};

const T = {
  intro: {
    en: 'Cases waiting for you, the earliest due first. “At risk” means due by the end of the next working day, or in the last quarter of its time limit.',
    hi: 'आपके पास लंबित प्रकरण, सबसे पहले देय ऊपर। “जोखिम में” का अर्थ है अगले कार्य दिवस के अंत तक देय, या समय-सीमा के अंतिम चौथाई भाग में।',
  },
  caption: { en: 'My cases by due date', hi: 'नियत तिथि अनुसार मेरे प्रकरण' },
  number: { en: 'Number', hi: 'क्रमांक' },
  kind: { en: 'Task', hi: 'कार्य' },
  subject: { en: 'Service / subject', hi: 'सेवा / विषय' },
  who: { en: 'Applicant / citizen', hi: 'आवेदक / नागरिक' },
  status: { en: 'Status', hi: 'स्थिति' },
  due: { en: 'Due date', hi: 'नियत तिथि' },
  left: { en: 'Days left', hi: 'शेष दिन' },
  timeliness: { en: 'Time limit', hi: 'समय-सीमा' },
  empty: { en: 'Nothing is waiting for you.', hi: 'आपके पास कुछ भी लंबित नहीं है।' },
  total: { en: 'Waiting', hi: 'लंबित' },
  atRisk: { en: 'At risk', hi: 'जोखिम में' },
  breached: { en: 'Past the time limit', hi: 'समय-सीमा पार' },
};

export function inboxPage(pc: PageContext, rows: InboxRow[]): Html {
  const count = (t: Timeliness) => rows.filter((r) => r.timeliness === t).length;
  return html`<p>${say(pc, T.intro)}</p>
    <div class="cards inbox-summary">
      <p class="card"><span class="big-number">${rows.length}</span><br />${say(pc, T.total)}</p>
      <p class="card at-risk">
        <span class="big-number">${count('at-risk')}</span><br />${say(pc, T.atRisk)}
      </p>
      <p class="card breached">
        <span class="big-number">${count('breached')}</span><br />${say(pc, T.breached)}
      </p>
    </div>
    ${
      rows.length === 0
        ? html`<p class="flash ok">${say(pc, T.empty)}</p>`
        : html`<div class="table-wrap">
            <table class="inbox">
              <caption>
                ${say(pc, T.caption)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${say(pc, T.number)}</th>
                  <th scope="col">${say(pc, T.kind)}</th>
                  <th scope="col">${say(pc, T.subject)}</th>
                  <th scope="col">${say(pc, T.who)}</th>
                  <th scope="col">${say(pc, T.status)}</th>
                  <th scope="col">${say(pc, T.due)}</th>
                  <th scope="col">${say(pc, T.left)}</th>
                  <th scope="col">${say(pc, T.timeliness)}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr class="${r.timeliness}" data-number="${r.number}" data-kind="${r.kind}">
                      <th scope="row"><a href="${r.href}">${r.number}</a></th>
                      <td>${say(pc, KINDS[r.kind])}</td>
                      <td>${say(pc, r.subject)}</td>
                      <td>${r.who}</td>
                      <td>${say(pc, r.status)}</td>
                      <td>
                        ${r.dueDate ? html`<time datetime="${r.dueDate}">${formatDate(pc.lang, r.dueDate)}</time>` : '—'}
                      </td>
                      <td>${daysLeftText(pc, r.daysLeft)}</td>
                      <td>${timelinessBadge(pc, r.timeliness)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}
