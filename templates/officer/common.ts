// Pieces the officer pages share: the on-time / at-risk / breached badge in the officers' words,
// status and timeline labels, the timeline itself, and the parts of a case page (back link, action
// cards, notes). Dates and days left are in templates/format.ts.
import type { Bilingual } from '../../server/i18n';
import { STATUS_LABELS, type ApplicationStatus } from '../../workflows/application-messages';
import type { ComplaintStatus } from '../../workflows/complaint-messages';
import { badge, formatDate, formatDateTime, TIMELINESS, type Badge } from '../format';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';

export type Timeliness = Badge;

/** The on-time / at-risk / breached badge in the officers' words. */
export function timelinessBadge(pc: PageContext, t: Timeliness): Html {
  return badge(pc, t, TIMELINESS);
}

export const APPLICATION_STATUS: Record<ApplicationStatus, Bilingual> = STATUS_LABELS;

export const COMPLAINT_STATUS: Record<ComplaintStatus, Bilingual> = {
  counselling: { en: 'with the counsellor', hi: 'परामर्शदाता के पास' },
  open: { en: 'open', hi: 'खुली' },
  'awaiting-citizen': { en: 'awaiting the citizen’s reply', hi: 'नागरिक के उत्तर की प्रतीक्षा में' },
  'transfer-requested': { en: 'transfer requested', hi: 'स्थानांतरण का अनुरोध' },
  resolved: { en: 'resolved, awaiting feedback', hi: 'निराकृत, प्रतिक्रिया की प्रतीक्षा में' },
  closed: { en: 'closed', hi: 'बंद' },
};

const EVENTS: Record<string, Bilingual> = {
  // applications
  received: { en: 'Application received', hi: 'आवेदन प्राप्त' },
  approved: { en: 'Approved', hi: 'स्वीकृत' },
  rejected: { en: 'Rejected', hi: 'अस्वीकृत' },
  'information-requested': { en: 'Information asked for', hi: 'जानकारी माँगी गई' },
  'information-provided': { en: 'Applicant replied', hi: 'आवेदक ने उत्तर दिया' },
  'field-report-requested': { en: 'Sent for a field report', hi: 'क्षेत्रीय प्रतिवेदन हेतु भेजा गया' },
  'field-report-submitted': { en: 'Field report submitted', hi: 'क्षेत्रीय प्रतिवेदन प्रस्तुत' },
  'payment-requested': { en: 'Fee asked for', hi: 'शुल्क माँगा गया' },
  'payment-received': { en: 'Fee received', hi: 'शुल्क प्राप्त' },
  'record-not-found': { en: 'Land record not found', hi: 'भू-अभिलेख नहीं मिला' },
  'certificate-issued': { en: 'Certificate issued', hi: 'प्रमाण पत्र जारी' },
  'deadline-breached': { en: 'Time limit passed', hi: 'समय-सीमा पार' },
  'appeal-opened': { en: 'Appeal opened', hi: 'अपील आरंभ' },
  'appeal-filed': { en: 'Appeal filed by the applicant', hi: 'आवेदक द्वारा अपील दायर' },
  'appeal-grounds-filed': { en: 'Grounds of appeal filed', hi: 'अपील के आधार प्रस्तुत' },
  'appeal-decided': { en: 'Appeal decided', hi: 'अपील पर निर्णय' },
  'appeal-lapsed': { en: 'Appeal lapsed undecided', hi: 'अपील निर्णय बिना व्यपगत' },
  'delivery-ordered': { en: 'Delivery ordered in appeal', hi: 'अपील में सेवा देने का आदेश' },
  'closed-incomplete': { en: 'Closed as incomplete', hi: 'अपूर्ण होने से बंद' },
  'closed-unpaid': { en: 'Closed as unpaid', hi: 'शुल्क न चुकाने से बंद' },
  // both
  'reminder-sent': { en: 'Reminder sent to the officer', hi: 'अधिकारी को अनुस्मारक भेजा गया' },
  'clock-resumed': { en: 'Clock resumed', hi: 'समय-गणना पुनः आरंभ' },
  closed: { en: 'Closed', hi: 'बंद' },
  // complaints
  registered: { en: 'Complaint registered', hi: 'शिकायत दर्ज' },
  assigned: { en: 'Assigned', hi: 'सौंपी गई' },
  escalated: { en: 'Escalated', hi: 'अगले स्तर पर भेजी गई' },
  accepted: { en: 'Accepted by the officer', hi: 'अधिकारी ने स्वीकार की' },
  'interim-reply': { en: 'Interim reply', hi: 'अंतरिम उत्तर' },
  'citizen-replied': { en: 'Citizen replied', hi: 'नागरिक ने उत्तर दिया' },
  resolved: { en: 'Resolved', hi: 'निराकरण दर्ज' },
  'transfer-requested': { en: 'Transfer requested', hi: 'स्थानांतरण का अनुरोध' },
  'transfer-approved': { en: 'Transfer approved', hi: 'स्थानांतरण स्वीकृत' },
  'transfer-refused': { en: 'Transfer refused', hi: 'स्थानांतरण अस्वीकृत' },
  'special-close-proposed': { en: 'Special close proposed', hi: 'विशेष बंद का प्रस्ताव' },
  counselled: { en: 'Counselling done', hi: 'परामर्श पूर्ण' },
  feedback: { en: 'Citizen’s feedback', hi: 'नागरिक की प्रतिक्रिया' },
  reopened: { en: 'Reopened', hi: 'पुनः खोली गई' },
  'level-limit-expired': { en: 'Level’s time limit passed', hi: 'स्तर की समय-सीमा पार' },
  'cpgrams-limit-passed': { en: 'CPGRAMS time limit passed', hi: 'CPGRAMS समय-सीमा पार' },
};

const DETAILS: Record<string, Bilingual> = {
  reason: { en: 'Reason', hi: 'कारण' },
  question: { en: 'Question', hi: 'प्रश्न' },
  instructions: { en: 'Instructions', hi: 'निर्देश' },
  report: { en: 'Report', hi: 'प्रतिवेदन' },
  recommendation: { en: 'Recommendation', hi: 'अनुशंसा' },
  reply: { en: 'Reply', hi: 'उत्तर' },
  grounds: { en: 'Grounds', hi: 'आधार' },
  resolution: { en: 'Resolution', hi: 'निराकरण' },
  text: { en: 'Text', hi: 'विवरण' },
  notes: { en: 'Notes', hi: 'टिप्पणी' },
  remarks: { en: 'Remarks', hi: 'टिप्पणी' },
  rule: { en: 'Rule', hi: 'नियम' },
  serial: { en: 'Serial', hi: 'क्रमांक' },
  dueDate: { en: 'Due date', hi: 'नियत तिथि' },
  dueAt: { en: 'Due by', hi: 'देय' },
  level: { en: 'Level', hi: 'स्तर' },
  outcome: { en: 'Outcome', hi: 'निर्णय' },
  penaltyRupees: { en: 'Penalty (₹)', hi: 'शास्ति (₹)' },
  officer: { en: 'Officer', hi: 'अधिकारी' },
  to: { en: 'To', hi: 'को' },
  closure: { en: 'Closure', hi: 'बंद करने का प्रकार' },
  satisfied: { en: 'Satisfied', hi: 'संतुष्ट' },
};

const ACTORS: Record<string, Bilingual> = {
  system: { en: 'system', hi: 'प्रणाली' },
  applicant: { en: 'applicant', hi: 'आवेदक' },
  citizen: { en: 'citizen', hi: 'नागरिक' },
};

export interface TimelineEntry {
  at: string | Date;
  type: string;
  actor: string | null;
  details: Record<string, unknown>;
}

function detailValue(pc: PageContext, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return say(pc, value ? { en: 'yes', hi: 'हाँ' } : { en: 'no', hi: 'नहीं' });
  if (key === 'dueDate' && typeof value === 'string') return formatDate(pc.lang, value);
  if (key === 'dueAt' && typeof value === 'string') return formatDateTime(pc.lang, value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

export function timeline(pc: PageContext, events: TimelineEntry[]): Html {
  if (events.length === 0) return html`<p>${say(pc, { en: 'Nothing yet.', hi: 'अभी कुछ नहीं।' })}</p>`;
  return html`<ol class="timeline">
    ${events.map((e) => {
      const label = EVENTS[e.type];
      const actor = e.actor ? (ACTORS[e.actor] ? say(pc, ACTORS[e.actor]!) : e.actor) : null;
      const details = Object.entries(DETAILS)
        .map(([key, name]) => [name, detailValue(pc, key, e.details[key])] as const)
        .filter(([, v]) => v !== null);
      return html`<li>
        <time datetime="${new Date(e.at).toISOString()}">${formatDateTime(pc.lang, e.at)}</time>
        <strong>${label ? say(pc, label) : e.type}</strong>${actor && html` — ${actor}`}
        ${
          details.length > 0 &&
          html`<ul class="event-details">
            ${details.map(([name, v]) => html`<li>${say(pc, name)}: ${v}</li>`)}
          </ul>`
        }
      </li>`;
    })}
  </ol>`;
}

// ---- parts of a case page (applications and complaints) ----------------------------------------

const CASE_PAGE = {
  back: { en: 'Back to my inbox', hi: 'मेरे इनबॉक्स पर वापस' },
  actions: { en: 'What you can do now', hi: 'आप अभी क्या कर सकते हैं' },
  timeline: { en: 'Timeline', hi: 'घटनाक्रम' },
};

export function backToInbox(pc: PageContext): Html {
  return html`<p><a href="/officer">${say(pc, CASE_PAGE.back)}</a></p>`;
}

/** A titled section of a case page; its heading is `${id}-h`. */
export function caseSection(pc: PageContext, id: string, title: Bilingual, body: Html): Html {
  return html`<section aria-labelledby="${id}-h">
    <h2 id="${id}-h">${say(pc, title)}</h2>
    ${body}
  </section>`;
}

export function caseNotes(pc: PageContext, notes: { label: Bilingual; text: string }[]): Html {
  return html`${notes.map((n) => html`<p><strong>${say(pc, n.label)}:</strong> ${n.text}</p>`)}`;
}

/** One action allowed now, as a card with its form (asked to confirm before it is sent). */
export function actionCard(
  pc: PageContext,
  a: {
    name: string;
    action: string;
    title: Bilingual;
    button: Bilingual;
    confirm: Bilingual;
    danger?: boolean | undefined;
    fields: Html | '' | false | undefined;
  },
): Html {
  return html`<section class="card action" id="action-${a.name}">
    <h3>${say(pc, a.title)}</h3>
    <form method="post" action="${a.action}" data-confirm="${say(pc, a.confirm)}" novalidate>
      ${csrfField(pc)} ${a.fields}
      <button type="submit" class="${a.danger ? 'danger' : ''}">${say(pc, a.button)}</button>
    </form>
  </section>`;
}

/** "What you can do now": the action cards, or that nothing waits for this officer. */
export function actionsSection(pc: PageContext, cards: Html[], noActions: Bilingual): Html {
  return caseSection(
    pc,
    'actions',
    CASE_PAGE.actions,
    cards.length === 0 ? html`<p>${say(pc, noActions)}</p>` : html`<div class="cards actions">${cards}</div>`,
  );
}

export function timelineSection(pc: PageContext, events: TimelineEntry[]): Html {
  return caseSection(pc, 'timeline', CASE_PAGE.timeline, timeline(pc, events));
}
