// What the citizen pages share: the bilingual names of statuses, call types and the events a
// case's timeline shows (with a readable fallback for an event type not named here), and the
// timeline itself. Dates, days left and the badge are in templates/format.ts.
import type { Bilingual, Lang } from '../../server/i18n';
import { formatDateTime } from '../format';
import { html, type Html } from '../html';
import { say } from '../layout';

// ---- names of coded values ---------------------------------------------------------------------

export const COMPLAINT_STATUS_LABELS: Record<string, Bilingual> = {
  registered: { en: 'registered', hi: 'दर्ज' },
  counselling: { en: 'with a counsellor', hi: 'परामर्शदाता के पास' },
  open: { en: 'open, with the officer', hi: 'खुली, अधिकारी के पास' },
  'awaiting-citizen': { en: 'awaiting your reply', hi: 'आपके उत्तर की प्रतीक्षा में' },
  'transfer-requested': { en: 'transfer to another department asked', hi: 'अन्य विभाग को अंतरण हेतु' },
  resolved: { en: 'resolved — tell us if you are satisfied', hi: 'निराकृत — बताएँ कि आप संतुष्ट हैं या नहीं' },
  closed: { en: 'closed', hi: 'बंद' },
};

export const CLOSURE_LABELS: Record<string, Bilingual> = {
  satisfied: { en: 'closed: you were satisfied', hi: 'बंद: आप संतुष्ट रहे' },
  'not-attended': { en: 'closed: no answer to the feedback call', hi: 'बंद: प्रतिक्रिया नहीं मिली' },
  special: { en: 'closed specially by a senior officer', hi: 'वरिष्ठ अधिकारी द्वारा विशेष रूप से बंद' },
  force: { en: 'closed by the officer', hi: 'अधिकारी द्वारा बंद' },
  answered: { en: 'answered', hi: 'उत्तर दिया गया' },
  counselled: { en: 'closed after counselling', hi: 'परामर्श के बाद बंद' },
};

export const CALL_TYPE_LABELS: Record<string, Bilingual> = {
  complaint: { en: 'Complaint', hi: 'शिकायत' },
  demand: { en: 'Demand', hi: 'माँग' },
  suggestion: { en: 'Suggestion', hi: 'सुझाव' },
  information: { en: 'Information', hi: 'जानकारी' },
};

const LEVEL_LABELS: Record<string, Bilingual> = {
  L1: { en: 'L1 (first level)', hi: 'L1 (प्रथम स्तर)' },
  L2: { en: 'L2 (district)', hi: 'L2 (जिला स्तर)' },
  L3: { en: 'L3 (division / head office)', hi: 'L3 (संभाग / मुख्यालय)' },
  L4: { en: 'L4 (state)', hi: 'L4 (राज्य स्तर)' },
};

export function levelLabel(level: string): Bilingual {
  return LEVEL_LABELS[level] ?? { en: level, hi: level };
}

const APPLICATION_EVENTS: Record<string, Bilingual> = {
  received: { en: 'Application received', hi: 'आवेदन प्राप्त हुआ' },
  'fetching-record': { en: 'Land record being fetched', hi: 'भू-अभिलेख प्राप्त किया जा रहा है' },
  'record-not-found': { en: 'Land record not found', hi: 'भू-अभिलेख नहीं मिला' },
  'payment-requested': { en: 'Fee asked for', hi: 'शुल्क माँगा गया' },
  'payment-received': { en: 'Fee paid', hi: 'शुल्क जमा हुआ' },
  'closed-unpaid': { en: 'Closed: the fee was not paid in time', hi: 'बंद: शुल्क समय पर जमा नहीं हुआ' },
  approved: { en: 'Approved by the officer', hi: 'अधिकारी द्वारा स्वीकृत' },
  rejected: { en: 'Rejected by the officer', hi: 'अधिकारी द्वारा अस्वीकृत' },
  'information-requested': { en: 'The officer asked you for information', hi: 'अधिकारी ने आपसे जानकारी माँगी' },
  'information-provided': { en: 'You replied', hi: 'आपने उत्तर दिया' },
  'field-report-requested': { en: 'Sent for a field report', hi: 'क्षेत्रीय प्रतिवेदन हेतु भेजा गया' },
  'field-report-submitted': { en: 'Field report submitted', hi: 'क्षेत्रीय प्रतिवेदन प्राप्त हुआ' },
  'clock-resumed': { en: 'Time limit running again', hi: 'समय-सीमा की गणना फिर शुरू' },
  'closed-incomplete': {
    en: 'Closed: the information asked for did not come in time',
    hi: 'बंद: माँगी गई जानकारी समय पर नहीं मिली',
  },
  'reminder-sent': { en: 'Reminder sent to the officer', hi: 'अधिकारी को स्मरण-पत्र भेजा गया' },
  'deadline-breached': { en: 'Time limit passed', hi: 'समय-सीमा पार हो गई' },
  'appeal-opened': { en: 'Appeal opened', hi: 'अपील प्रारंभ हुई' },
  'appeal-filed': { en: 'You filed an appeal', hi: 'आपने अपील दर्ज की' },
  'appeal-grounds-filed': { en: 'Your grounds of appeal recorded', hi: 'आपके अपील के आधार दर्ज हुए' },
  'appeal-decided': { en: 'Appeal decided', hi: 'अपील पर निर्णय हुआ' },
  'appeal-lapsed': { en: 'Appeal not decided in time', hi: 'अपील पर समय पर निर्णय नहीं हुआ' },
  'delivery-ordered': {
    en: 'Delivery ordered by the appeal officer',
    hi: 'अपील अधिकारी ने सेवा देने का आदेश दिया',
  },
  'certificate-issued': { en: 'Certificate issued', hi: 'प्रमाण पत्र जारी हुआ' },
  closed: { en: 'Case closed', hi: 'प्रकरण बंद' },
};

const COMPLAINT_EVENTS: Record<string, Bilingual> = {
  registered: { en: 'Complaint registered', hi: 'शिकायत दर्ज हुई' },
  assigned: { en: 'Assigned to an officer', hi: 'अधिकारी को सौंपी गई' },
  accepted: { en: 'Accepted by the officer', hi: 'अधिकारी ने स्वीकार की' },
  'interim-reply': { en: 'Interim reply from the officer', hi: 'अधिकारी का अंतरिम उत्तर' },
  'information-requested': { en: 'The officer asked you a question', hi: 'अधिकारी ने आपसे प्रश्न पूछा' },
  'citizen-replied': { en: 'You replied', hi: 'आपने उत्तर दिया' },
  'clock-resumed': { en: 'Time limit running again', hi: 'समय-सीमा की गणना फिर शुरू' },
  'reminder-sent': { en: 'Reminder sent to the officer', hi: 'अधिकारी को स्मरण-पत्र भेजा गया' },
  'level-limit-expired': { en: 'The level’s time limit passed', hi: 'स्तर की समय-सीमा पार हुई' },
  escalated: { en: 'Moved up a level', hi: 'अगले स्तर पर भेजी गई' },
  'transfer-requested': { en: 'Transfer to another department asked', hi: 'अन्य विभाग को अंतरण का अनुरोध' },
  'transfer-approved': { en: 'Transferred to another department', hi: 'अन्य विभाग को अंतरित' },
  'transfer-refused': { en: 'Transfer refused', hi: 'अंतरण अस्वीकृत' },
  'special-close-proposed': { en: 'Special closure proposed', hi: 'विशेष रूप से बंद करने का प्रस्ताव' },
  resolved: { en: 'Resolved by the officer', hi: 'अधिकारी द्वारा निराकृत' },
  feedback: { en: 'Your feedback recorded', hi: 'आपकी प्रतिक्रिया दर्ज हुई' },
  reopened: { en: 'Reopened one level up', hi: 'एक स्तर ऊपर फिर से खोली गई' },
  counselled: { en: 'Counselling done', hi: 'परामर्श पूर्ण' },
  'cpgrams-limit-passed': { en: 'CPGRAMS time limit passed', hi: 'CPGRAMS समय-सीमा पार' },
  closed: { en: 'Complaint closed', hi: 'शिकायत बंद' },
};

/** The name of a timeline event; an unknown type reads as its words ("field-visit" → "Field visit"). */
export function eventLabel(kind: 'application' | 'complaint', type: string): Bilingual {
  const known = (kind === 'application' ? APPLICATION_EVENTS : COMPLAINT_EVENTS)[type];
  if (known) return known;
  const words = type.replace(/[-_]+/g, ' ').trim();
  const readable = words.charAt(0).toUpperCase() + words.slice(1);
  return { en: readable, hi: readable };
}

export interface TimelineItem {
  at: string | Date;
  type: string;
  details: Record<string, unknown>;
}

const APPEAL_OUTCOMES: Record<string, Bilingual> = {
  'order-delivery': { en: 'delivery ordered', hi: 'सेवा देने का आदेश' },
  'uphold-rejection': { en: 'rejection upheld', hi: 'अस्वीकृति यथावत' },
  dispose: { en: 'disposed of', hi: 'निराकृत' },
  lapsed: { en: 'not decided in time', hi: 'समय पर निर्णय नहीं' },
};

const APPEAL_LEVELS: Record<string, Bilingual> = {
  first: { en: 'first appeal', hi: 'प्रथम अपील' },
  second: { en: 'second appeal', hi: 'द्वितीय अपील' },
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The few details of an event worth showing the applicant: what was asked, said or decided. */
function eventNote(pc: { lang: Lang }, item: TimelineItem): string | null {
  const d = item.details ?? {};
  const l = (b: Bilingual | undefined) => (b ? say(pc, b) : null);
  switch (item.type) {
    case 'information-requested':
      return text(d.question);
    case 'information-provided':
      return text(d.reply);
    case 'rejected':
      return text(d.reason);
    case 'appeal-filed':
    case 'appeal-grounds-filed':
      return text(d.grounds);
    case 'appeal-opened':
      return l(APPEAL_LEVELS[String(d.level)]);
    case 'appeal-decided':
    case 'appeal-lapsed':
      return [l(APPEAL_LEVELS[String(d.level)]), l(APPEAL_OUTCOMES[String(d.outcome)])]
        .filter(Boolean)
        .join(': ');
    case 'certificate-issued':
      return text(d.serial);
    case 'interim-reply':
    case 'citizen-replied':
      return text(d.text);
    case 'resolved':
      return text(d.resolution);
    case 'escalated':
      return typeof d.from === 'string' && typeof d.to === 'string' ? `${d.from} → ${d.to}` : null;
    case 'assigned':
      return typeof d.level === 'string' ? say(pc, levelLabel(d.level)) : null;
    case 'feedback':
      return typeof d.satisfied === 'boolean'
        ? say(pc, d.satisfied ? { en: 'Satisfied', hi: 'संतुष्ट' } : { en: 'Not satisfied', hi: 'असंतुष्ट' })
        : null;
    case 'closed':
      return typeof d.closure === 'string' ? l(CLOSURE_LABELS[d.closure]) : null;
    default:
      return null;
  }
}

/** The case's history, oldest first. `notes: false` (public lookup) shows what happened and when only. */
export function timeline(
  pc: { lang: Lang },
  kind: 'application' | 'complaint',
  items: TimelineItem[],
  options: { notes: boolean },
): Html {
  if (items.length === 0)
    return html`<p class="hint">${say(pc, { en: 'Nothing recorded yet.', hi: 'अभी कुछ दर्ज नहीं हुआ।' })}</p>`;
  return html`<ol class="timeline">
    ${items.map((item) => {
      const note = options.notes ? eventNote(pc, item) : null;
      const at = new Date(item.at);
      return html`<li data-event="${item.type}">
        <time datetime="${at.toISOString()}">${formatDateTime(pc.lang, at)}</time>
        <strong>${say(pc, eventLabel(kind, item.type))}</strong>
        ${note && html`<br /><span class="event-note">${note}</span>`}
      </li>`;
    })}
  </ol>`;
}
