// A citizen's cases: the "my applications and complaints" list, the page of one application or
// complaint (status, due date and days left, timeline, documents, and the answers the case asks of
// its owner: reply, appeal, satisfaction), and the public status lookup by number and mobile.
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import { CALL_TYPE_LABELS, CLOSURE_LABELS, levelLabel, timeline, type TimelineItem } from './format';
import { dueSummary, formatDate, formatDateTime, type DueInfo } from '../format';
import { fieldError, invalid } from './places';

const T = {
  number: { en: 'Number', hi: 'क्रमांक' },
  what: { en: 'Service / subject', hi: 'सेवा / विषय' },
  status: { en: 'Status', hi: 'स्थिति' },
  received: { en: 'Received', hi: 'प्राप्त' },
  dueDate: { en: 'Due date', hi: 'नियत तिथि' },
  daysLeft: { en: 'Days left', hi: 'शेष दिन' },
  none: {
    en: 'You have no applications or complaints yet.',
    hi: 'अभी आपका कोई आवेदन या शिकायत नहीं है।',
  },
  applyLink: { en: 'Apply for a service', hi: 'सेवा हेतु आवेदन करें' },
  complainLink: { en: 'File a complaint', hi: 'शिकायत दर्ज करें' },
  application: { en: 'Application', hi: 'आवेदन' },
  complaint: { en: 'Complaint', hi: 'शिकायत' },
  service: { en: 'Service', hi: 'सेवा' },
  timeline: { en: 'What has happened', hi: 'अब तक की कार्यवाही' },
  documents: { en: 'Documents', hi: 'दस्तावेज़' },
  receipt: { en: 'Receipt (पावती), PDF', hi: 'पावती (PDF)' },
  download: { en: 'Download', hi: 'डाउनलोड करें' },
  revoked: { en: 'revoked', hi: 'निरस्त' },
  issuedOn: { en: 'issued on', hi: 'जारी दिनांक' },
  rejection: { en: 'Reason for rejection', hi: 'अस्वीकृति का कारण' },
  question: { en: 'The officer asks', hi: 'अधिकारी का प्रश्न' },
  yourReply: { en: 'Your reply', hi: 'आपका उत्तर' },
  sendReply: { en: 'Send reply', hi: 'उत्तर भेजें' },
  confirmReply: { en: 'Send this reply to the officer?', hi: 'क्या यह उत्तर अधिकारी को भेजें?' },
  payment: { en: 'Fee', hi: 'शुल्क' },
  pay: { en: 'Pay the fee', hi: 'शुल्क जमा करें' },
  paid: { en: 'paid', hi: 'जमा' },
  appeals: { en: 'Appeals', hi: 'अपील' },
  appealTitle: { en: 'File an appeal', hi: 'अपील दर्ज करें' },
  appealHint: {
    en: 'Say why the decision (or the delay) is wrong. The appeal officer decides within the legal time.',
    hi: 'बताएँ कि निर्णय (या विलंब) क्यों गलत है। अपील अधिकारी वैधानिक समय में निर्णय करेंगे।',
  },
  grounds: { en: 'Grounds of appeal', hi: 'अपील के आधार' },
  fileAppeal: { en: 'File appeal', hi: 'अपील दर्ज करें' },
  confirmAppeal: {
    en: 'File this appeal? It cannot be withdrawn here.',
    hi: 'क्या यह अपील दर्ज करें? इसे यहाँ वापस नहीं लिया जा सकता।',
  },
  clockPaused: {
    en: 'The time limit is stopped until you reply.',
    hi: 'आपके उत्तर तक समय-सीमा की गणना रुकी है।',
  },
  callType: { en: 'Type', hi: 'प्रकार' },
  subject: { en: 'Subject', hi: 'विषय' },
  department: { en: 'Department', hi: 'विभाग' },
  level: { en: 'Level', hi: 'स्तर' },
  description: { en: 'Your description', hi: 'आपका विवरण' },
  resolution: { en: 'The officer’s resolution', hi: 'अधिकारी का निराकरण' },
  closure: { en: 'Closure', hi: 'बंद होने का प्रकार' },
  feedbackTitle: { en: 'Are you satisfied with the resolution?', hi: 'क्या आप निराकरण से संतुष्ट हैं?' },
  feedbackHint: {
    en: 'If you are not satisfied, the complaint reopens with a senior officer.',
    hi: 'संतुष्ट न होने पर शिकायत वरिष्ठ अधिकारी के पास फिर से खुलेगी।',
  },
  yes: { en: 'Yes, satisfied', hi: 'हाँ, संतुष्ट हूँ' },
  no: { en: 'No, not satisfied', hi: 'नहीं, संतुष्ट नहीं हूँ' },
  remarks: { en: 'Remarks', hi: 'टिप्पणी' },
  optional: { en: '(optional)', hi: '(वैकल्पिक)' },
  sendFeedback: { en: 'Send answer', hi: 'उत्तर भेजें' },
  confirmFeedback: { en: 'Send this answer?', hi: 'क्या यह उत्तर भेजें?' },
  answer: { en: 'Answer', hi: 'उत्तर' },
  lookupNumber: { en: 'Application or complaint number', hi: 'आवेदन या शिकायत क्रमांक' },
  lookupNumberHint: {
    en: 'e.g. LSG/INC/2026/000123 or CMH/2026/000123',
    hi: 'जैसे LSG/INC/2026/000123 या CMH/2026/000123',
  },
  lookupMobile: { en: 'Mobile number given with it', hi: 'उसके साथ दिया गया मोबाइल नंबर' },
  lookup: { en: 'Show status', hi: 'स्थिति देखें' },
  lookupIntro: {
    en: 'No sign-in needed. For documents and replies, sign in with the same mobile number.',
    hi: 'साइन इन की आवश्यकता नहीं। दस्तावेज़ और उत्तर हेतु उसी मोबाइल नंबर से साइन इन करें।',
  },
} satisfies Record<string, Bilingual>;

// ---- the list ----------------------------------------------------------------------------------

export interface CaseRow {
  kind: 'application' | 'complaint';
  number: string;
  href: string;
  title: Bilingual;
  status: Bilingual;
  receivedAt: Date | string;
  due: DueInfo | null;
}

export function myCases(pc: PageContext, rows: CaseRow[]): Html {
  if (rows.length === 0) {
    return html`<p>${say(pc, T.none)}</p>
      <p>
        <a href="/apply">${say(pc, T.applyLink)}</a> · <a href="/complain">${say(pc, T.complainLink)}</a>
      </p>`;
  }
  return html`<div class="table-wrap">
    <table class="my-cases">
      <thead>
        <tr>
          <th scope="col">${say(pc, T.number)}</th>
          <th scope="col">${say(pc, T.what)}</th>
          <th scope="col">${say(pc, T.status)}</th>
          <th scope="col">${say(pc, T.dueDate)}</th>
          <th scope="col">${say(pc, T.daysLeft)}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr class="${r.due?.badge ?? ''}" data-number="${r.number}">
              <th scope="row"><a href="${r.href}">${r.number}</a></th>
              <td>
                <span class="hint">${say(pc, r.kind === 'application' ? T.application : T.complaint)}</span
                ><br />${say(pc, r.title)}
              </td>
              <td>${say(pc, r.status)}</td>
              <td class="due-date">${formatDate(pc.lang, r.due?.date)}</td>
              <td class="days-left">${dueSummary(pc, r.due)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

// ---- shared pieces of a case page --------------------------------------------------------------

function dueFacts(pc: PageContext, due: DueInfo | null): Html {
  return html`<dt>${say(pc, T.dueDate)}</dt>
    <dd class="due-date">${formatDate(pc.lang, due?.date)}</dd>
    <dt>${say(pc, T.daysLeft)}</dt>
    <dd class="days-left">${dueSummary(pc, due)}</dd>`;
}

/** A small form with one text area posted to `action`, its error shown next to it. */
function textForm(
  pc: PageContext,
  a: {
    action: string;
    name: string;
    label: Bilingual;
    hint?: Bilingual;
    button: Bilingual;
    confirm: Bilingual;
    value: string;
    error?: string | undefined;
  },
): Html {
  const id = `f-${a.name}`;
  const errorId = `${id}-error`;
  return html`<form method="post" action="${a.action}" novalidate data-confirm="${say(pc, a.confirm)}">
    ${csrfField(pc)}
    <label for="${id}"
      >${say(pc, a.label)} ${a.hint && html`<span class="hint">${say(pc, a.hint)}</span>`}</label
    >
    <textarea id="${id}" name="${a.name}" maxlength="2000" required ${invalid(a.error, errorId)}>
${a.value}</textarea>
    ${fieldError(a.error, errorId)}
    <button type="submit">${say(pc, a.button)}</button>
  </form>`;
}

/** The officer's question and the owner's reply to it (the clock waits for the reply). */
function replySection(
  pc: PageContext,
  action: string,
  name: string,
  question: string | null,
  forms: CaseForms,
): Html {
  return html`<section class="card" id="reply">
    <h2>${say(pc, T.question)}</h2>
    <p class="question">${question}</p>
    <p class="hint">${say(pc, T.clockPaused)}</p>
    ${textForm(pc, {
      action,
      name,
      label: T.yourReply,
      button: T.sendReply,
      confirm: T.confirmReply,
      value: forms.reply?.value ?? '',
      error: forms.reply?.error,
    })}
  </section>`;
}

/** What the owner typed into one of the case page's forms and what was wrong with it. */
export interface CaseForms {
  reply?: { value: string; error?: string | undefined };
  appeal?: { value: string; error?: string | undefined };
  feedback?: { satisfied: string; remarks: string; error?: string | undefined };
}

// ---- an application ----------------------------------------------------------------------------

export interface ApplicationView {
  number: string;
  urlNumber: string;
  service: Bilingual;
  status: Bilingual;
  receivedAt: Date | string;
  due: DueInfo | null;
  rejectionReason: string | null;
  informationRequest: string | null;
  payment: { amountRupees: number; paymentUrl: string; paid: boolean } | null;
  appeals: { level: string; status: string; outcome: string | null; suoMotu: boolean }[];
  documents: { serial: string; title: Bilingual; issuedOn: string; revoked: boolean; href: string }[];
  receiptHref: string;
  events: TimelineItem[];
  canReply: boolean;
  canAppeal: boolean;
}

const APPEAL_LEVEL: Record<string, Bilingual> = {
  first: { en: 'First appeal', hi: 'प्रथम अपील' },
  second: { en: 'Second appeal', hi: 'द्वितीय अपील' },
};
const APPEAL_STATUS: Record<string, Bilingual> = {
  open: { en: 'open', hi: 'लंबित' },
  decided: { en: 'decided', hi: 'निर्णीत' },
  lapsed: { en: 'not decided in time', hi: 'समय पर निर्णय नहीं' },
};

export function applicationPage(pc: PageContext, v: ApplicationView, forms: CaseForms = {}): Html {
  const base = `/my/applications/${v.urlNumber}`;
  return html`<p class="big-number" data-number="${v.number}">${v.number}</p>
    <dl class="facts">
      <dt>${say(pc, T.service)}</dt>
      <dd>${say(pc, v.service)}</dd>
      <dt>${say(pc, T.status)}</dt>
      <dd class="status">${say(pc, v.status)}</dd>
      <dt>${say(pc, T.received)}</dt>
      <dd>${formatDateTime(pc.lang, v.receivedAt)}</dd>
      ${dueFacts(pc, v.due)}
      ${
        v.rejectionReason &&
        html`<dt>${say(pc, T.rejection)}</dt>
          <dd>${v.rejectionReason}</dd>`
      }
      ${
        v.payment &&
        html`<dt>${say(pc, T.payment)}</dt>
          <dd>
            ₹${v.payment.amountRupees}
            ${
              v.payment.paid
                ? html`— ${say(pc, T.paid)}`
                : html`— <a href="${v.payment.paymentUrl}" class="button">${say(pc, T.pay)}</a>`
            }
          </dd>`
      }
    </dl>

    ${(v.canReply || forms.reply) && replySection(pc, `${base}/reply`, 'reply', v.informationRequest, forms)}

    <h2>${say(pc, T.documents)}</h2>
    <ul class="documents">
      <li><a href="${v.receiptHref}" download>${say(pc, T.receipt)}</a></li>
      ${v.documents.map(
        (d) =>
          html`<li>
            <a href="${d.href}" download data-serial="${d.serial}">${say(pc, d.title)} (${d.serial}), PDF</a>
            <span class="hint">${say(pc, T.issuedOn)} ${formatDate(pc.lang, d.issuedOn)}</span>
            ${d.revoked && html`<span class="badge breached">${say(pc, T.revoked)}</span>`}
          </li>`,
      )}
    </ul>

    ${
      v.appeals.length > 0 &&
      html`<h2>${say(pc, T.appeals)}</h2>
        <ul>
          ${v.appeals.map(
            (a) =>
              html`<li>
                ${say(pc, APPEAL_LEVEL[a.level] ?? { en: a.level, hi: a.level })}:
                ${say(pc, APPEAL_STATUS[a.status] ?? { en: a.status, hi: a.status })}
              </li>`,
          )}
        </ul>`
    }
    ${
      (v.canAppeal || forms.appeal) &&
      html`<section class="card" id="appeal">
        <h2>${say(pc, T.appealTitle)}</h2>
        ${textForm(pc, {
          action: `${base}/appeal`,
          name: 'grounds',
          label: T.grounds,
          hint: T.appealHint,
          button: T.fileAppeal,
          confirm: T.confirmAppeal,
          value: forms.appeal?.value ?? '',
          error: forms.appeal?.error,
        })}
      </section>`
    }

    <h2>${say(pc, T.timeline)}</h2>
    ${timeline(pc, 'application', v.events, { notes: true })}`;
}

// ---- a complaint -------------------------------------------------------------------------------

export interface ComplaintView {
  number: string;
  urlNumber: string;
  callType: string;
  subject: Bilingual;
  department: Bilingual;
  status: Bilingual;
  level: string;
  receivedAt: Date | string;
  due: DueInfo | null;
  description: string;
  question: string | null;
  resolution: string | null;
  closure: string | null;
  answer: Bilingual | null;
  events: TimelineItem[];
  canReply: boolean;
  canGiveFeedback: boolean;
}

export function complaintPage(pc: PageContext, v: ComplaintView, forms: CaseForms = {}): Html {
  const base = `/my/complaints/${v.urlNumber}`;
  const fb = forms.feedback;
  const fbErrorId = 'f-satisfied-error';
  return html`<p class="big-number" data-number="${v.number}">${v.number}</p>
    <dl class="facts">
      <dt>${say(pc, T.callType)}</dt>
      <dd>${say(pc, CALL_TYPE_LABELS[v.callType] ?? { en: v.callType, hi: v.callType })}</dd>
      <dt>${say(pc, T.subject)}</dt>
      <dd>${say(pc, v.subject)}</dd>
      <dt>${say(pc, T.department)}</dt>
      <dd>${say(pc, v.department)}</dd>
      <dt>${say(pc, T.status)}</dt>
      <dd class="status">${say(pc, v.status)}</dd>
      ${
        v.closure &&
        html`<dt>${say(pc, T.closure)}</dt>
          <dd>${say(pc, CLOSURE_LABELS[v.closure] ?? { en: v.closure, hi: v.closure })}</dd>`
      }
      <dt>${say(pc, T.level)}</dt>
      <dd>${say(pc, levelLabel(v.level))}</dd>
      <dt>${say(pc, T.received)}</dt>
      <dd>${formatDateTime(pc.lang, v.receivedAt)}</dd>
      ${dueFacts(pc, v.due)}
      <dt>${say(pc, T.description)}</dt>
      <dd>${v.description}</dd>
      ${
        v.answer &&
        html`<dt>${say(pc, T.answer)}</dt>
          <dd>${say(pc, v.answer)}</dd>`
      }
      ${
        v.resolution &&
        html`<dt>${say(pc, T.resolution)}</dt>
          <dd class="resolution">${v.resolution}</dd>`
      }
    </dl>

    ${(v.canReply || forms.reply) && replySection(pc, `${base}/reply`, 'text', v.question, forms)}
    ${
      (v.canGiveFeedback || forms.feedback) &&
      html`<section class="card" id="feedback">
        <form method="post" action="${base}/feedback" novalidate data-confirm="${say(pc, T.confirmFeedback)}">
          ${csrfField(pc)}
          <fieldset ${fb?.error ? html`aria-describedby="${fbErrorId}"` : ''}>
            <legend>${say(pc, T.feedbackTitle)} <span class="hint">${say(pc, T.feedbackHint)}</span></legend>
            ${(['yes', 'no'] as const).map(
              (answer) =>
                html`<div class="choice">
                  <input
                    type="radio"
                    id="f-satisfied-${answer}"
                    name="satisfied"
                    value="${answer}"
                    ${fb?.satisfied === answer ? html`checked` : ''}
                    ${invalid(fb?.error, fbErrorId)}
                  />
                  <label for="f-satisfied-${answer}">${say(pc, answer === 'yes' ? T.yes : T.no)}</label>
                </div>`,
            )}
            ${fieldError(fb?.error, fbErrorId)}
          </fieldset>
          <label for="f-remarks"
            >${say(pc, T.remarks)} <span class="hint">${say(pc, T.optional)}</span></label
          >
          <textarea id="f-remarks" name="remarks" maxlength="1000">${fb?.remarks ?? ''}</textarea>
          <button type="submit">${say(pc, T.sendFeedback)}</button>
        </form>
      </section>`
    }

    <h2>${say(pc, T.timeline)}</h2>
    ${timeline(pc, 'complaint', v.events, { notes: true })}`;
}

// ---- the public status lookup ------------------------------------------------------------------

export interface PublicStatus {
  kind: 'application' | 'complaint';
  number: string;
  title: Bilingual;
  status: Bilingual;
  due: DueInfo | null;
  events: TimelineItem[];
}

export function statusLookup(
  pc: PageContext,
  a: { number: string; mobile: string; error?: string | undefined; result?: PublicStatus | undefined },
): Html {
  const r = a.result;
  return html`<p>${say(pc, T.lookupIntro)}</p>
    ${a.error && html`<p class="flash error" role="alert" id="lookup-error">${a.error}</p>`}
    <form method="post" action="/status" novalidate>
      ${csrfField(pc)}
      <label for="f-number"
        >${say(pc, T.lookupNumber)} <span class="hint">${say(pc, T.lookupNumberHint)}</span></label
      >
      <input
        id="f-number"
        name="number"
        type="text"
        autocomplete="off"
        maxlength="40"
        required
        value="${a.number}"
        ${a.error ? html`aria-invalid="true" aria-describedby="lookup-error"` : ''}
      />
      <label for="f-mobile">${say(pc, T.lookupMobile)}</label>
      <input
        id="f-mobile"
        name="mobile"
        type="tel"
        inputmode="numeric"
        autocomplete="tel-national"
        maxlength="10"
        required
        value="${a.mobile}"
        ${a.error ? html`aria-invalid="true" aria-describedby="lookup-error"` : ''}
      />
      <button type="submit">${say(pc, T.lookup)}</button>
    </form>
    ${
      r &&
      html`<section class="card" id="status-result" aria-live="polite">
        <p class="big-number">${r.number}</p>
        <dl class="facts">
          <dt>${say(pc, r.kind === 'application' ? T.service : T.subject)}</dt>
          <dd>${say(pc, r.title)}</dd>
          <dt>${say(pc, T.status)}</dt>
          <dd class="status">${say(pc, r.status)}</dd>
          ${dueFacts(pc, r.due)}
        </dl>
        <h2>${say(pc, T.timeline)}</h2>
        ${timeline(pc, r.kind, r.events, { notes: false })}
      </section>`
    }`;
}
