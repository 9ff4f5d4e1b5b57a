// A CM Helpline 181 complaint as its officers see it: what the citizen said, where it stands on
// the escalation ladder and until when, attachments, the timeline, and a form for each action
// allowed now (accept, interim reply, ask the citizen, resolve, transfer, special close, …).
import type { ComplaintActionName } from '../../server/complaints/officer-actions';
import type { Bilingual } from '../../server/i18n';
import type { ComplaintStatus } from '../../workflows/complaint-messages';
import { html, type Html } from '../html';
import { say, type PageContext } from '../layout';
import {
  COMPLAINT_STATUS,
  timelinessBadge,
  type Timeliness,
  type TimelineEntry,
  actionCard,
  actionsSection,
  backToInbox,
  caseNotes,
  caseSection,
  timelineSection,
} from './common';
import { daysLeftText, formatDateTime } from '../format';
import { radios, select, textArea, type FieldContext, type FormState } from './forms';

export interface ComplaintCaseView {
  number: string;
  urlNumber: string;
  status: ComplaintStatus;
  level: string;
  levelName: Bilingual | null;
  subject: Bilingual;
  department: Bilingual;
  callType: string;
  channel: string;
  citizenName: string;
  citizenMobile: string;
  place: string;
  description: string;
  receivedAt: string | Date;
  assignedTo: string | null;
  queue: string | null;
  dueAt: string | null;
  daysLeft: number | null;
  timeliness: Timeliness;
  notes: { label: Bilingual; text: string }[];
  attachments: { id: string; fileName: string; sizeBytes: number; href: string }[];
  timeline: TimelineEntry[];
  allowed: ComplaintActionName[];
  departments: { code: string; name: Bilingual }[];
  form?: FormState | undefined;
}

const T = {
  facts: { en: 'Complaint', hi: 'शिकायत' },
  number: { en: 'Complaint number', hi: 'शिकायत क्रमांक' },
  subject: { en: 'Subject', hi: 'विषय' },
  department: { en: 'Department', hi: 'विभाग' },
  citizen: { en: 'Citizen', hi: 'नागरिक' },
  place: { en: 'Place', hi: 'स्थान' },
  description: { en: 'What the citizen said', hi: 'नागरिक का कथन' },
  received: { en: 'Registered', hi: 'दर्ज' },
  channel: { en: 'Channel', hi: 'माध्यम' },
  status: { en: 'Status', hi: 'स्थिति' },
  level: { en: 'Level', hi: 'स्तर' },
  with: { en: 'With', hi: 'किसके पास' },
  queue: { en: 'Waiting in the district queue', hi: 'जिला कतार में प्रतीक्षारत' },
  due: { en: 'This level’s time limit ends', hi: 'इस स्तर की समय-सीमा' },
  attachments: { en: 'Attachments', hi: 'संलग्नक' },
  noAttachments: { en: 'No attachments.', hi: 'कोई संलग्नक नहीं।' },
  noActions: {
    en: 'Nothing is waiting for you on this complaint now.',
    hi: 'इस शिकायत पर अभी आपके लिए कोई कार्यवाही लंबित नहीं है।',
  },
  kb: { en: 'KB', hi: 'KB' },
};

const REASON = { en: 'Reason', hi: 'कारण' };

/** Each action: heading, button, the question before sending, and its text field's label. */
const ACTIONS: Record<
  ComplaintActionName,
  { title: Bilingual; button: Bilingual; confirm: Bilingual; text?: Bilingual; danger?: boolean }
> = {
  accept: {
    title: { en: 'Accept the complaint', hi: 'शिकायत स्वीकार करें' },
    button: { en: 'Accept', hi: 'स्वीकार करें' },
    confirm: { en: 'Accept this complaint as yours to resolve?', hi: 'क्या यह शिकायत निराकरण हेतु स्वीकार करें?' },
  },
  'interim-reply': {
    title: { en: 'Send an interim reply', hi: 'अंतरिम उत्तर भेजें' },
    button: { en: 'Send the reply', hi: 'उत्तर भेजें' },
    confirm: { en: 'Send this interim reply to the citizen?', hi: 'क्या यह अंतरिम उत्तर नागरिक को भेजें?' },
    text: { en: 'Interim reply to the citizen', hi: 'नागरिक को अंतरिम उत्तर' },
  },
  'ask-citizen': {
    title: { en: 'Ask the citizen', hi: 'नागरिक से जानकारी माँगें' },
    button: { en: 'Send the question', hi: 'प्रश्न भेजें' },
    confirm: {
      en: 'Send this question to the citizen? The clock stops until they reply.',
      hi: 'क्या यह प्रश्न नागरिक को भेजें? उत्तर आने तक समय-गणना रुकी रहेगी।',
    },
    text: { en: 'Question to the citizen', hi: 'नागरिक से प्रश्न' },
  },
  resolve: {
    title: { en: 'Resolve', hi: 'निराकरण करें' },
    button: { en: 'Record the resolution', hi: 'निराकरण दर्ज करें' },
    confirm: {
      en: 'Record this resolution? The citizen will be asked whether they are satisfied.',
      hi: 'क्या यह निराकरण दर्ज करें? नागरिक से पूछा जाएगा कि वे संतुष्ट हैं या नहीं।',
    },
    text: { en: 'What was done (the citizen will read this)', hi: 'क्या कार्यवाही की गई (नागरिक इसे पढ़ेंगे)' },
  },
  'not-my-department': {
    title: { en: 'Not my department', hi: 'मेरे विभाग से संबंधित नहीं' },
    button: { en: 'Ask for a transfer', hi: 'स्थानांतरण का अनुरोध करें' },
    confirm: {
      en: 'Ask the district officer to transfer this complaint?',
      hi: 'क्या जिला अधिकारी से यह शिकायत स्थानांतरित करने का अनुरोध करें?',
    },
    text: REASON,
  },
  'decide-transfer': {
    title: { en: 'Decide the transfer', hi: 'स्थानांतरण पर निर्णय' },
    button: { en: 'Record the decision', hi: 'निर्णय दर्ज करें' },
    confirm: { en: 'Record this transfer decision?', hi: 'क्या स्थानांतरण पर यह निर्णय दर्ज करें?' },
    text: { en: 'Remarks', hi: 'टिप्पणी' },
  },
  'propose-special-close': {
    title: { en: 'Propose a special close', hi: 'विशेष बंद का प्रस्ताव' },
    button: { en: 'Send the proposal', hi: 'प्रस्ताव भेजें' },
    confirm: {
      en: 'Propose closing this complaint specially?',
      hi: 'क्या इस शिकायत को विशेष रूप से बंद करने का प्रस्ताव भेजें?',
    },
    text: REASON,
  },
  'special-close': {
    title: { en: 'Special close', hi: 'विशेष बंद' },
    button: { en: 'Close specially', hi: 'विशेष रूप से बंद करें' },
    confirm: { en: 'Close this complaint specially?', hi: 'क्या इस शिकायत को विशेष रूप से बंद करें?' },
    text: REASON,
    danger: true,
  },
  'force-close': {
    title: { en: 'Force close', hi: 'बलपूर्वक बंद' },
    button: { en: 'Force close', hi: 'बलपूर्वक बंद करें' },
    confirm: {
      en: 'Force-close this complaint? It counts as a low-quality closure in the grading.',
      hi: 'क्या इस शिकायत को बलपूर्वक बंद करें? ग्रेडिंग में यह निम्न गुणवत्ता का निराकरण गिना जाएगा।',
    },
    text: REASON,
    danger: true,
  },
  'escalate-to-l4': {
    title: { en: 'Escalate to L4', hi: 'L4 को अग्रेषित करें' },
    button: { en: 'Escalate', hi: 'अग्रेषित करें' },
    confirm: { en: 'Escalate this complaint to L4?', hi: 'क्या यह शिकायत L4 को अग्रेषित करें?' },
    text: REASON,
  },
  'send-back-to-l3': {
    title: { en: 'Send back to L3', hi: 'L3 को वापस भेजें' },
    button: { en: 'Send back', hi: 'वापस भेजें' },
    confirm: { en: 'Send this complaint back to L3?', hi: 'क्या यह शिकायत L3 को वापस भेजें?' },
    text: REASON,
  },
  'complete-counselling': {
    title: { en: 'Complete the counselling', hi: 'परामर्श पूर्ण करें' },
    button: { en: 'Record the counselling', hi: 'परामर्श दर्ज करें' },
    confirm: { en: 'Record the counselling as complete?', hi: 'क्या परामर्श पूर्ण दर्ज करें?' },
    text: { en: 'Counselling notes', hi: 'परामर्श टिप्पणी' },
  },
};

/** The text field an action sends its words in (the workflow's message field names). */
export const COMPLAINT_TEXT_FIELD: Partial<Record<ComplaintActionName, string>> = {
  'interim-reply': 'text',
  'ask-citizen': 'text',
  resolve: 'text',
  'not-my-department': 'text',
  'decide-transfer': 'remarks',
  'propose-special-close': 'text',
  'special-close': 'text',
  'force-close': 'text',
  'escalate-to-l4': 'text',
  'send-back-to-l3': 'text',
  'complete-counselling': 'text',
};

function actionForm(pc: PageContext, view: ComplaintCaseView, action: ComplaintActionName): Html {
  const a = ACTIONS[action];
  const f: FieldContext = { pc, form: action, state: view.form };
  const textField = COMPLAINT_TEXT_FIELD[action];
  const extra: Partial<Record<ComplaintActionName, Html>> = {
    'not-my-department': select(
      f,
      'department',
      { en: 'Department it belongs to', hi: 'संबंधित विभाग' },
      view.departments.map((d) => ({ value: d.code, label: say(pc, d.name) })),
    ),
    'decide-transfer': radios(f, 'approve', { en: 'Transfer', hi: 'स्थानांतरण' }, [
      { value: 'yes', label: { en: 'Approve the transfer', hi: 'स्थानांतरण स्वीकृत करें' } },
      { value: 'no', label: { en: 'Refuse: it stays here', hi: 'अस्वीकृत करें: शिकायत यहीं रहेगी' } },
    ]),
    'complete-counselling': radios(
      f,
      'officerNeeded',
      { en: 'Does an officer need to act?', hi: 'क्या अधिकारी की कार्यवाही आवश्यक है?' },
      [
        { value: 'yes', label: { en: 'Yes: send it to the L1 officer', hi: 'हाँ: L1 अधिकारी को भेजें' } },
        { value: 'no', label: { en: 'No: close it as counselled', hi: 'नहीं: परामर्श उपरांत बंद करें' } },
      ],
    ),
  };
  return actionCard(pc, {
    ...a,
    name: action,
    action: `/officer/complaints/${view.urlNumber}/actions/${action}`,
    fields: html`${extra[action]} ${textField && a.text && textArea(f, textField, a.text)}`,
  });
}

export function complaintCasePage(pc: PageContext, view: ComplaintCaseView): Html {
  const status = COMPLAINT_STATUS[view.status] ?? { en: view.status, hi: view.status };
  return html`${backToInbox(pc)}
    ${caseSection(
      pc,
      'facts',
      T.facts,
      html`<dl class="facts">
          <dt>${say(pc, T.number)}</dt>
          <dd class="big-number">${view.number}</dd>
          <dt>${say(pc, T.subject)}</dt>
          <dd>${say(pc, view.subject)}</dd>
          <dt>${say(pc, T.department)}</dt>
          <dd>${say(pc, view.department)}</dd>
          <dt>${say(pc, T.citizen)}</dt>
          <dd>${view.citizenName} (+91 ${view.citizenMobile})</dd>
          <dt>${say(pc, T.place)}</dt>
          <dd>${view.place}</dd>
          <dt>${say(pc, T.received)}</dt>
          <dd>${formatDateTime(pc.lang, view.receivedAt)} · ${say(pc, T.channel)}: ${view.channel}</dd>
          <dt>${say(pc, T.status)}</dt>
          <dd class="case-status" data-status="${view.status}">${say(pc, status)}</dd>
          <dt>${say(pc, T.level)}</dt>
          <dd>${view.level}${view.levelName && html` — ${say(pc, view.levelName)}`}</dd>
          <dt>${say(pc, T.with)}</dt>
          <dd>${view.assignedTo ?? html`${say(pc, T.queue)} (${view.queue ?? '—'})`}</dd>
          ${
            view.status !== 'closed' &&
            html`<dt>${say(pc, T.due)}</dt>
              <dd>
                ${view.dueAt && html`<time datetime="${view.dueAt}">${formatDateTime(pc.lang, view.dueAt)}</time> ·`}
                ${daysLeftText(pc, view.daysLeft)} ${timelinessBadge(pc, view.timeliness)}
              </dd>`
          }
        </dl>
        <h3>${say(pc, T.description)}</h3>
        <p class="description">${view.description}</p>
        ${caseNotes(pc, view.notes)}`,
    )}
    ${actionsSection(
      pc,
      view.allowed.map((a) => actionForm(pc, view, a)),
      T.noActions,
    )}

    <section aria-labelledby="att-h">
      <h2 id="att-h">${say(pc, T.attachments)}</h2>
      ${
        view.attachments.length === 0
          ? html`<p>${say(pc, T.noAttachments)}</p>`
          : html`<ul class="documents">
              ${view.attachments.map(
                (a) =>
                  html`<li>
                    <a href="${a.href}">${a.fileName}</a> (${Math.max(1, Math.round(a.sizeBytes / 1024))}
                    ${say(pc, T.kb)})
                  </li>`,
              )}
            </ul>`
      }
    </section>

    ${timelineSection(pc, view.timeline)}`;
}
