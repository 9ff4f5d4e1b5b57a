// An application as its officers see it: the facts (identity numbers masked to the last four
// digits), the due date, documents, the timeline, and a form for each action allowed now —
// including, for the appellate authorities, the appeal order with its penalty and the limits.
import type {
  AllowedApplicationActions,
  AppealChoice,
  OfficerActionName,
} from '../../server/applications/officer-actions';
import type { Bilingual } from '../../server/i18n';
import { delayPenaltyRupees } from '../../lib/penalty';
import { MAX_ORDER_DAYS, type AppealSummary } from '../../workflows/application-messages';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import {
  APPLICATION_STATUS,
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
import { daysLeftText, formatDate, formatDateTime } from '../format';
import { numberField, radios, textArea, type FieldContext, type FormState } from './forms';
import type { ApplicationStatus } from '../../workflows/application-messages';

export interface ApplicationCaseView {
  number: string;
  /** The number as URLs carry it (dashes). */
  urlNumber: string;
  service: Bilingual;
  status: ApplicationStatus;
  /** Not yet delivered, rejected or closed: the due date still runs. */
  open: boolean;
  applicantName: string;
  receivedAt: string | Date;
  dueDate: string;
  daysLeft: number;
  timeliness: Timeliness;
  clockPaused: boolean;
  deliveryOrdered: boolean;
  facts: { label: Bilingual; value: string }[];
  officers: { role: Bilingual; name: string; code: string }[];
  notes: { label: Bilingual; text: string }[];
  documents: { serial: string; kind: string; issuedOn: string; status: string; href: string }[];
  appeals: (AppealSummary & { decideBy: string | null })[];
  timeline: TimelineEntry[];
  allowed: AllowedApplicationActions;
  /** The designated officer who would pay a penalty. */
  designatedOfficer: string;
  form?: FormState | undefined;
}

const T = {
  facts: { en: 'Case facts', hi: 'प्रकरण का विवरण' },
  number: { en: 'Application number', hi: 'आवेदन क्रमांक' },
  service: { en: 'Service', hi: 'सेवा' },
  applicant: { en: 'Applicant', hi: 'आवेदक' },
  received: { en: 'Received', hi: 'प्राप्ति' },
  status: { en: 'Status', hi: 'स्थिति' },
  due: { en: 'Due date', hi: 'नियत तिथि' },
  paused: {
    en: 'The clock is stopped while the applicant is asked for information or the fee.',
    hi: 'आवेदक से जानकारी या शुल्क माँगे जाने तक समय-गणना रुकी है।',
  },
  ordered: {
    en: 'Delivery has been ordered in appeal: the application can no longer be rejected.',
    hi: 'अपील में सेवा देने का आदेश है: अब आवेदन अस्वीकृत नहीं किया जा सकता।',
  },
  fields: { en: 'What the applicant gave', hi: 'आवेदक द्वारा दी गई जानकारी' },
  officers: { en: 'Officers on this case', hi: 'इस प्रकरण के अधिकारी' },
  documents: { en: 'Documents', hi: 'दस्तावेज़' },
  noDocuments: { en: 'No documents yet.', hi: 'अभी कोई दस्तावेज़ नहीं।' },
  open: { en: 'Open', hi: 'खोलें' },
  revoked: { en: 'revoked', hi: 'निरस्त' },
  noActions: {
    en: 'Nothing is waiting for you on this case now.',
    hi: 'इस प्रकरण पर अभी आपके लिए कोई कार्यवाही लंबित नहीं है।',
  },
  appeals: { en: 'Appeals', hi: 'अपीलें' },
  decideBy: { en: 'decide by', hi: 'निर्णय की अंतिम तिथि' },
};

const KIND: Record<string, Bilingual> = {
  receipt: { en: 'Receipt (पावती)', hi: 'पावती' },
};

const LEVEL: Record<'first' | 'second', Bilingual> = {
  first: { en: 'First appeal', hi: 'प्रथम अपील' },
  second: { en: 'Second appeal', hi: 'द्वितीय अपील' },
};

const GROUND: Record<AppealSummary['ground'], Bilingual> = {
  breach: { en: 'service not given in time', hi: 'समय-सीमा में सेवा न मिलना' },
  rejection: { en: 'application rejected', hi: 'आवेदन अस्वीकृत' },
  'first-appeal-lapsed': { en: 'first appeal not decided in time', hi: 'प्रथम अपील का समय पर निर्णय न होना' },
  'first-appeal-upheld': { en: 'rejection upheld in first appeal', hi: 'प्रथम अपील में अस्वीकृति यथावत' },
  applicant: { en: 'filed by the applicant', hi: 'आवेदक द्वारा दायर' },
};

const APPEAL_STATUS: Record<AppealSummary['status'], Bilingual> = {
  open: { en: 'open', hi: 'लंबित' },
  decided: { en: 'decided', hi: 'निर्णीत' },
  lapsed: { en: 'lapsed', hi: 'व्यपगत' },
};

const OUTCOME: Record<string, Bilingual> = {
  'order-delivery': { en: 'Order delivery of the service', hi: 'सेवा देने का आदेश' },
  'uphold-rejection': { en: 'Uphold the rejection', hi: 'अस्वीकृति यथावत रखें' },
  dispose: { en: 'Dispose of the appeal', hi: 'अपील का निराकरण' },
  lapsed: { en: 'Lapsed', hi: 'व्यपगत' },
};

/** Each officer action: its button, the fields it needs, and the question before it is sent. */
const ACTIONS: Record<
  OfficerActionName,
  { title: Bilingual; button: Bilingual; confirm: Bilingual; danger?: boolean }
> = {
  approve: {
    title: { en: 'Approve', hi: 'स्वीकृत करें' },
    button: { en: 'Approve and issue the certificate', hi: 'स्वीकृत करें और प्रमाण पत्र जारी करें' },
    confirm: {
      en: 'Approve this application? The certificate will be signed and issued at once.',
      hi: 'क्या यह आवेदन स्वीकृत करें? प्रमाण पत्र तुरंत हस्ताक्षरित होकर जारी होगा।',
    },
  },
  reject: {
    title: { en: 'Reject', hi: 'अस्वीकृत करें' },
    button: { en: 'Reject the application', hi: 'आवेदन अस्वीकृत करें' },
    confirm: {
      en: 'Reject this application? The applicant is told the reason and an appeal opens.',
      hi: 'क्या यह आवेदन अस्वीकृत करें? आवेदक को कारण बताया जाएगा और अपील खुलेगी।',
    },
    danger: true,
  },
  'request-information': {
    title: { en: 'Ask the applicant for information', hi: 'आवेदक से जानकारी माँगें' },
    button: { en: 'Send the question', hi: 'प्रश्न भेजें' },
    confirm: {
      en: 'Send this question to the applicant? The clock stops until they reply.',
      hi: 'क्या यह प्रश्न आवेदक को भेजें? उत्तर आने तक समय-गणना रुकी रहेगी।',
    },
  },
  'forward-for-field-report': {
    title: { en: 'Send for a field report', hi: 'क्षेत्रीय प्रतिवेदन हेतु भेजें' },
    button: { en: 'Send to the field officer', hi: 'क्षेत्रीय अधिकारी को भेजें' },
    confirm: {
      en: 'Send this application to the field officer for a report?',
      hi: 'क्या यह आवेदन प्रतिवेदन हेतु क्षेत्रीय अधिकारी को भेजें?',
    },
  },
  'submit-field-report': {
    title: { en: 'Submit the field report', hi: 'क्षेत्रीय प्रतिवेदन प्रस्तुत करें' },
    button: { en: 'Submit the report', hi: 'प्रतिवेदन प्रस्तुत करें' },
    confirm: {
      en: 'Submit this field report to the designated officer?',
      hi: 'क्या यह प्रतिवेदन पदाभिहित अधिकारी को प्रस्तुत करें?',
    },
  },
};

const F = {
  reason: { en: 'Reason for rejection', hi: 'अस्वीकृति का कारण' },
  reasonHint: { en: 'The applicant will read this.', hi: 'आवेदक इसे पढ़ेंगे।' },
  question: { en: 'Question to the applicant', hi: 'आवेदक से प्रश्न' },
  instructions: { en: 'Instructions to the field officer', hi: 'क्षेत्रीय अधिकारी को निर्देश' },
  report: { en: 'Field report', hi: 'क्षेत्रीय प्रतिवेदन' },
  recommendation: { en: 'Your recommendation', hi: 'आपकी अनुशंसा' },
  recApprove: { en: 'Approve', hi: 'स्वीकृति' },
  recReject: { en: 'Reject', hi: 'अस्वीकृति' },
  outcome: { en: 'Order', hi: 'आदेश' },
  days: { en: 'Working days to deliver in', hi: 'सेवा देने हेतु कार्य दिवस' },
  daysHint: {
    en: `Only with an order of delivery: 1 to ${MAX_ORDER_DAYS}.`,
    hi: `केवल सेवा देने के आदेश के साथ: 1 से ${MAX_ORDER_DAYS}।`,
  },
  penalty: { en: 'Penalty on the designated officer', hi: 'पदाभिहित अधिकारी पर शास्ति' },
  none: { en: 'No penalty', hi: 'कोई शास्ति नहीं' },
  amount: { en: 'Lump sum (₹)', hi: 'एकमुश्त राशि (₹)' },
  remarks: { en: 'Remarks of the order', hi: 'आदेश की टिप्पणी' },
  decide: { en: 'Pass the order', hi: 'आदेश पारित करें' },
  confirmAppeal: {
    en: 'Pass this appeal order? It cannot be changed afterwards.',
    hi: 'क्या यह अपील आदेश पारित करें? बाद में इसे बदला नहीं जा सकता।',
  },
};

const rupees = (pc: PageContext, n: number) =>
  `₹${new Intl.NumberFormat(pc.lang === 'hi' ? 'hi-IN' : 'en-IN').format(n)}`;

function actionForm(pc: PageContext, view: ApplicationCaseView, action: OfficerActionName): Html {
  const a = ACTIONS[action];
  const f: FieldContext = { pc, form: action, state: view.form };
  const fields: Record<OfficerActionName, Html | ''> = {
    approve: '',
    reject: textArea(f, 'reason', F.reason, F.reasonHint),
    'request-information': textArea(f, 'question', F.question),
    'forward-for-field-report': textArea(f, 'instructions', F.instructions),
    'submit-field-report': html`${textArea(f, 'report', F.report)}
    ${radios(f, 'recommendation', F.recommendation, [
      { value: 'approve', label: F.recApprove },
      { value: 'reject', label: F.recReject },
    ])}`,
  };
  return actionCard(pc, {
    ...a,
    name: action,
    action: `/officer/applications/${view.urlNumber}/actions/${action}`,
    fields: fields[action],
  });
}

/** The penalty rules in words, with the amount a delay penalty would come to now. */
function penaltyRules(pc: PageContext, view: ApplicationCaseView, choice: AppealChoice): Html {
  const p = choice.penalty;
  const delay = delayPenaltyRupees(choice.daysOfDelay, p);
  return html`<div class="hint penalty-rules">
    <p>
      ${say(pc, {
        en: `A penalty is paid by the designated officer, ${view.designatedOfficer}, to the applicant: ${rupees(pc, p.perDayOfDelayRupees)} for each working day of delay, at most ${rupees(pc, p.maxForDelayRupees)}; or, for failing without sufficient cause, a lump sum from ${rupees(pc, p.lumpSumMinRupees)} to ${rupees(pc, p.lumpSumMaxRupees)}.`,
        hi: `शास्ति पदाभिहित अधिकारी ${view.designatedOfficer} द्वारा आवेदक को देय है: विलंब के प्रत्येक कार्य दिवस हेतु ${rupees(pc, p.perDayOfDelayRupees)}, अधिकतम ${rupees(pc, p.maxForDelayRupees)}; अथवा बिना पर्याप्त कारण सेवा न देने पर ${rupees(pc, p.lumpSumMinRupees)} से ${rupees(pc, p.lumpSumMaxRupees)} तक एकमुश्त।`,
      })}
    </p>
    <p>
      ${
        choice.daysOfDelay > 0
          ? say(pc, {
              en: `Due date ${formatDate(pc.lang, choice.serviceDueDate)}; working days of delay ${choice.deliveredOn ? 'until delivery' : 'so far'}: ${choice.daysOfDelay}, so a delay penalty comes to ${rupees(pc, delay)}.`,
              hi: `नियत तिथि ${formatDate(pc.lang, choice.serviceDueDate)}; ${choice.deliveredOn ? 'सेवा मिलने तक' : 'अब तक'} विलंब के कार्य दिवस: ${choice.daysOfDelay}, अतः विलंब शास्ति ${rupees(pc, delay)} होगी।`,
            })
          : say(pc, {
              en: `The service was not late (due ${formatDate(pc.lang, choice.serviceDueDate)}), so no delay penalty can be ordered.`,
              hi: `सेवा में विलंब नहीं हुआ (नियत तिथि ${formatDate(pc.lang, choice.serviceDueDate)}), अतः विलंब शास्ति नहीं लगाई जा सकती।`,
            })
      }
    </p>
  </div>`;
}

function appealForm(pc: PageContext, view: ApplicationCaseView, choice: AppealChoice): Html {
  const form = `appeal-${choice.level}`;
  const f: FieldContext = { pc, form, state: view.form };
  const p = choice.penalty;
  const penaltyOptions = [
    { value: 'none', label: F.none },
    ...(choice.daysOfDelay > 0
      ? [
          {
            value: 'delay',
            label: {
              en: `Delay: ${choice.daysOfDelay} working days × ${rupees(pc, p.perDayOfDelayRupees)} = ${rupees(pc, delayPenaltyRupees(choice.daysOfDelay, p))}`,
              hi: `विलंब: ${choice.daysOfDelay} कार्य दिवस × ${rupees(pc, p.perDayOfDelayRupees)} = ${rupees(pc, delayPenaltyRupees(choice.daysOfDelay, p))}`,
            },
            hint: {
              en: `(at most ${rupees(pc, p.maxForDelayRupees)})`,
              hi: `(अधिकतम ${rupees(pc, p.maxForDelayRupees)})`,
            },
          },
        ]
      : []),
    {
      value: 'lump-sum',
      label: { en: 'Lump sum for failure without sufficient cause', hi: 'बिना पर्याप्त कारण विफलता हेतु एकमुश्त' },
      hint: {
        en: `(${rupees(pc, p.lumpSumMinRupees)} to ${rupees(pc, p.lumpSumMaxRupees)})`,
        hi: `(${rupees(pc, p.lumpSumMinRupees)} से ${rupees(pc, p.lumpSumMaxRupees)})`,
      },
    },
  ];
  return html`<section class="card action" id="${form}">
    <h3>${say(pc, LEVEL[choice.level])}: ${say(pc, { en: 'your order', hi: 'आपका आदेश' })}</h3>
    <p>
      ${say(pc, { en: 'Ground', hi: 'आधार' })}: ${say(pc, GROUND[choice.summary.ground])}
      ${choice.summary.suoMotu && say(pc, { en: '(opened suo motu)', hi: '(स्वतः संज्ञान से)' })}
    </p>
    <form
      method="post"
      action="/officer/applications/${view.urlNumber}/appeals/${choice.level}/decision"
      data-confirm="${say(pc, F.confirmAppeal)}"
      novalidate
    >
      ${csrfField(pc)}
      ${radios(
        f,
        'outcome',
        F.outcome,
        choice.outcomes.map((o) => ({ value: o, label: OUTCOME[o]! })),
      )}
      ${
        choice.outcomes.includes('order-delivery') &&
        numberField(f, 'withinWorkingDays', F.days, { min: 1, max: MAX_ORDER_DAYS, hint: F.daysHint })
      }
      ${radios(f, 'penalty', F.penalty, penaltyOptions, 'none')}
      ${numberField(f, 'amountRupees', F.amount, {
        min: p.lumpSumMinRupees,
        max: p.lumpSumMaxRupees,
        hint: { en: 'Only with a lump-sum penalty.', hi: 'केवल एकमुश्त शास्ति के साथ।' },
      })}
      ${penaltyRules(pc, view, choice)} ${textArea(f, 'remarks', F.remarks)}
      <button type="submit">${say(pc, F.decide)}</button>
    </form>
  </section>`;
}

export function applicationCasePage(pc: PageContext, view: ApplicationCaseView): Html {
  const { allowed } = view;
  const status = APPLICATION_STATUS[view.status] ?? { en: view.status, hi: view.status };
  return html`${backToInbox(pc)}
    ${caseSection(
      pc,
      'facts',
      T.facts,
      html`<dl class="facts">
          <dt>${say(pc, T.number)}</dt>
          <dd class="big-number">${view.number}</dd>
          <dt>${say(pc, T.service)}</dt>
          <dd>${say(pc, view.service)}</dd>
          <dt>${say(pc, T.applicant)}</dt>
          <dd>${view.applicantName}</dd>
          <dt>${say(pc, T.received)}</dt>
          <dd>${formatDateTime(pc.lang, view.receivedAt)}</dd>
          <dt>${say(pc, T.status)}</dt>
          <dd class="case-status" data-status="${view.status}">${say(pc, status)}</dd>
          <dt>${say(pc, T.due)}</dt>
          <dd>
            <time datetime="${view.dueDate}">${formatDate(pc.lang, view.dueDate)}</time>
            ${view.open && html` · ${daysLeftText(pc, view.daysLeft)} ${timelinessBadge(pc, view.timeliness)}`}
          </dd>
        </dl>
        ${view.clockPaused && html`<p class="hint">${say(pc, T.paused)}</p>`}
        ${view.deliveryOrdered && html`<p class="hint">${say(pc, T.ordered)}</p>`}
        ${caseNotes(pc, view.notes)}`,
    )}
    ${actionsSection(
      pc,
      [
        ...allowed.actions.map((a) => actionForm(pc, view, a)),
        ...allowed.appeals.map((c) => appealForm(pc, view, c)),
      ],
      T.noActions,
    )}

    <section aria-labelledby="fields-h">
      <h2 id="fields-h">${say(pc, T.fields)}</h2>
      <dl class="facts">
        ${view.facts.map(
          (fact) =>
            html`<dt>${say(pc, fact.label)}</dt>
              <dd>${fact.value}</dd>`,
        )}
      </dl>
    </section>

    <section aria-labelledby="docs-h">
      <h2 id="docs-h">${say(pc, T.documents)}</h2>
      ${
        view.documents.length === 0
          ? html`<p>${say(pc, T.noDocuments)}</p>`
          : html`<ul class="documents">
              ${view.documents.map(
                (d) =>
                  html`<li>
                    <a href="${d.href}">${d.serial}</a> — ${KIND[d.kind] ? say(pc, KIND[d.kind]!) : d.kind},
                    ${formatDate(pc.lang, d.issuedOn)}
                    ${d.status === 'revoked' && html`<span class="badge breached">${say(pc, T.revoked)}</span>`}
                  </li>`,
              )}
            </ul>`
      }
    </section>

    ${
      view.appeals.length > 0 &&
      html`<section aria-labelledby="appeals-h">
        <h2 id="appeals-h">${say(pc, T.appeals)}</h2>
        <ul>
          ${view.appeals.map(
            (a) =>
              html`<li data-appeal="${a.level}">
                ${say(pc, LEVEL[a.level])} — ${say(pc, GROUND[a.ground])}: ${say(pc, APPEAL_STATUS[a.status])}
                ${a.outcome && html` (${say(pc, OUTCOME[a.outcome] ?? { en: a.outcome, hi: a.outcome })})`}
                ${a.status === 'open' && a.decideBy && html` · ${say(pc, T.decideBy)} ${formatDate(pc.lang, a.decideBy)}`}
              </li>`,
          )}
        </ul>
      </section>`
    }

    <section aria-labelledby="officers-h">
      <h2 id="officers-h">${say(pc, T.officers)}</h2>
      <dl class="facts">
        ${view.officers.map(
          (o) =>
            html`<dt>${say(pc, o.role)}</dt>
              <dd>${o.name} (${o.code})</dd>`,
        )}
      </dl>
    </section>

    ${timelineSection(pc, view.timeline)}`;
}
