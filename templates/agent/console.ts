// The 181 agent console, one screen: the caller's mobile (focused first), the caller's open cases
// with status, due date and days left, and three intake forms behind keyboard-friendly tabs —
// a complaint (or demand / suggestion), an information call answered from the scheme knowledge
// base, and a CM Jansewa (Lok Seva Guarantee) application on the caller's behalf. Input names of
// the complaint forms follow the intake's field names (citizen.name, place.district, …) so its
// error details land next to the right input.
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import { CALL_TYPE_LABELS } from '../citizen/format';
import { dueSummary, formatDate, type DueInfo } from '../format';
import { descriptionField, placePickers, subjectField, type ComplaintFormState } from '../citizen/complain';
import {
  districtSelect,
  fieldError,
  fieldLabel,
  inputId,
  invalid,
  type PlaceOptions,
} from '../citizen/places';

const T = {
  callerTitle: { en: 'Caller', hi: 'कॉलर' },
  mobile: { en: 'Caller’s mobile number', hi: 'कॉलर का मोबाइल नंबर' },
  mobileHint: { en: '10 digits; press Enter to look up', hi: '10 अंक; खोजने हेतु Enter दबाएँ' },
  lookUp: { en: 'Look up', hi: 'खोजें' },
  openCases: { en: 'Open cases of +91 {mobile}', hi: '+91 {mobile} के खुले प्रकरण' },
  noCases: { en: 'No open cases for this number.', hi: 'इस नंबर का कोई खुला प्रकरण नहीं है।' },
  closedToo: { en: '{n} closed case(s) not shown.', hi: '{n} बंद प्रकरण नहीं दिखाए गए।' },
  knownAs: { en: 'Known to us as', hi: 'हमारे रिकॉर्ड में नाम' },
  number: { en: 'Number', hi: 'क्रमांक' },
  what: { en: 'What', hi: 'क्या' },
  status: { en: 'Status', hi: 'स्थिति' },
  due: { en: 'Due date', hi: 'नियत तिथि' },
  daysLeft: { en: 'Days left', hi: 'शेष दिन' },
  mahila: { en: 'Mahila Helpline', hi: 'महिला हेल्पलाइन' },
  register: { en: 'Register for this caller', hi: 'इस कॉलर हेतु दर्ज करें' },
  tabComplaint: { en: 'Complaint', hi: 'शिकायत' },
  tabInformation: { en: 'Information', hi: 'जानकारी' },
  tabApplication: { en: 'CM Jansewa application', hi: 'सीएम जनसेवा आवेदन' },
  name: { en: 'Caller’s name', hi: 'कॉलर का नाम' },
  callType: { en: 'Kind of call', hi: 'कॉल का प्रकार' },
  corruption: { en: 'About corruption', hi: 'भ्रष्टाचार से संबंधित' },
  mahilaCase: {
    en: 'Mahila Helpline case: goes to a counsellor first and is kept out of general lists',
    hi: 'महिला हेल्पलाइन प्रकरण: पहले परामर्शदाता को जाएगा और सामान्य सूचियों में नहीं दिखेगा',
  },
  mahilaOnly: {
    en: 'Registered as a Mahila Helpline case (counsellor).',
    hi: 'महिला हेल्पलाइन प्रकरण (परामर्शदाता) के रूप में दर्ज होगा।',
  },
  subject: { en: 'Subject', hi: 'विषय' },
  where: { en: 'Where is the problem?', hi: 'समस्या कहाँ है?' },
  whereHint: {
    en: 'The tehsil or block decides which officer gets it.',
    hi: 'तहसील या विकासखंड से तय होता है कि यह किस अधिकारी को जाएगी।',
  },
  district: { en: 'District', hi: 'जिला' },
  block: { en: 'Block', hi: 'विकासखंड' },
  description: { en: 'What the caller says', hi: 'कॉलर क्या कह रहे हैं' },
  descriptionHint: {
    en: '10 to 2000 characters: what, where, since when.',
    hi: '10 से 2000 अक्षर: क्या, कहाँ, कब से।',
  },
  submitComplaint: { en: 'Register', hi: 'दर्ज करें' },
  choose: { en: '— choose —', hi: '— चुनें —' },
  scheme: { en: 'Scheme asked about', hi: 'पूछी गई योजना' },
  showAnswer: { en: 'Show the answer', hi: 'उत्तर दिखाएँ' },
  readOut: { en: 'Read this out to the caller', hi: 'यह कॉलर को पढ़कर सुनाएँ' },
  summary: { en: 'What it gives', hi: 'योजना का लाभ' },
  eligibility: { en: 'Who is eligible', hi: 'पात्रता' },
  howToApply: { en: 'How to apply', hi: 'आवेदन कैसे करें' },
  otherLanguage: { en: 'In Hindi', hi: 'अंग्रेज़ी में' },
  question: { en: 'What the caller asked', hi: 'कॉलर ने क्या पूछा' },
  submitInformation: { en: 'Register the information call', hi: 'जानकारी कॉल दर्ज करें' },
  fixErrors: { en: 'Please correct:', hi: 'कृपया सुधारें:' },
  enterMobileFirst: {
    en: 'Look up the caller’s mobile number first; the forms then appear here.',
    hi: 'पहले कॉलर का मोबाइल नंबर खोजें; फिर फ़ॉर्म यहाँ दिखेंगे।',
  },
} satisfies Record<string, Bilingual>;

export type Tab = 'complaint' | 'information' | 'application';

const TAB_LABELS: Record<Tab, Bilingual> = {
  complaint: T.tabComplaint,
  information: T.tabInformation,
  application: T.tabApplication,
};

export interface OpenCase {
  kind: 'application' | 'complaint';
  number: string;
  what: Bilingual;
  status: Bilingual;
  due: DueInfo | null;
  /** The read-back page, when the viewer may open it. */
  href: string | null;
  mahila: boolean;
}

export interface Caller {
  mobile: string;
  knownName: string;
  cases: OpenCase[];
  closed: number;
}

/** A problem of the posted form: its message and the id of the input it is about (if any). */
export interface FormProblem {
  text: string;
  inputId: string | null;
}

const idOf = inputId;
const errOf = (prefix: string, name: string) => `${idOf(prefix, name)}-error`;
const nameOf = (pc: PageContext, x: { nameEn: string; nameHi: string }) =>
  pc.lang === 'hi' ? x.nameHi : x.nameEn;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

export const complaintInputId = (name: string): string => idOf('c', name);
export const informationInputId = (name: string): string => idOf('i', name);

/** The list of what to correct, focused when the page opens so a screen reader reads it first. */
export function errorSummary(pc: PageContext, problems: FormProblem[], lead?: string): Html {
  if (problems.length === 0 && !lead) return html``;
  return html`<div class="flash error error-summary" role="alert" id="form-errors" tabindex="-1" autofocus>
    ${lead && html`<p class="form-error"><strong>${lead}</strong></p>`}
    ${
      problems.length > 0 &&
      html`<p>${say(pc, T.fixErrors)}</p>
        <ul>
          ${problems.map((p) => html`<li>${p.inputId ? html`<a href="#${p.inputId}">${p.text}</a>` : p.text}</li>`)}
        </ul>`
    }
  </div>`;
}

export function lookupForm(
  pc: PageContext,
  a: { mobile: string; error?: string | undefined; autofocus: boolean },
): Html {
  return html`<form method="get" action="/agent" class="lookup" role="search">
    <label for="caller-mobile">${say(pc, T.mobile)} <span class="hint">${say(pc, T.mobileHint)}</span></label>
    <span class="lookup-row">
      <input
        id="caller-mobile"
        name="mobile"
        type="tel"
        inputmode="numeric"
        maxlength="14"
        autocomplete="off"
        value="${a.mobile}"
        ${a.autofocus ? html`autofocus` : ''}
        ${invalid(a.error, 'caller-mobile-error')}
      />
      <button type="submit">${say(pc, T.lookUp)}</button>
    </span>
    ${fieldError(a.error, 'caller-mobile-error')}
  </form>`;
}

export function openCasesTable(pc: PageContext, caller: Caller): Html {
  return html`<section aria-labelledby="cases-title" class="caller-cases">
    <h2 id="cases-title">${fill(say(pc, T.openCases), { mobile: caller.mobile })}</h2>
    ${caller.knownName && html`<p>${say(pc, T.knownAs)}: <strong>${caller.knownName}</strong></p>`}
    ${
      caller.cases.length === 0
        ? html`<p id="no-cases">${say(pc, T.noCases)}</p>`
        : html`<div class="table-wrap">
            <table id="open-cases">
              <thead>
                <tr>
                  <th scope="col">${say(pc, T.number)}</th>
                  <th scope="col">${say(pc, T.what)}</th>
                  <th scope="col">${say(pc, T.status)}</th>
                  <th scope="col">${say(pc, T.due)}</th>
                  <th scope="col">${say(pc, T.daysLeft)}</th>
                </tr>
              </thead>
              <tbody>
                ${caller.cases.map(
                  (c) =>
                    html`<tr class="${c.due?.badge ?? ''}" data-number="${c.number}">
                      <th scope="row">
                        ${c.href ? html`<a href="${c.href}">${c.number}</a>` : c.number}
                        ${c.mahila && html`<br /><span class="badge at-risk">${say(pc, T.mahila)}</span>`}
                      </th>
                      <td>${say(pc, c.what)}</td>
                      <td data-status>${say(pc, c.status)}</td>
                      <td>${formatDate(pc.lang, c.due?.date)}</td>
                      <td>${dueSummary(pc, c.due)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${caller.closed > 0 && html`<p class="hint">${fill(say(pc, T.closedToo), { n: caller.closed })}</p>`}
  </section>`;
}

export function intakeTabs(pc: PageContext, a: { mobile: string; tab: Tab; tabs: Tab[] }): Html {
  return html`<nav class="tabs" aria-label="${say(pc, T.register)}">
    <ul>
      ${a.tabs.map(
        (t, i) =>
          html`<li>
            <a
              href="/agent?mobile=${encodeURIComponent(a.mobile)}&tab=${t}"
              id="tab-${t}"
              ${a.tab === t ? html`aria-current="page"` : ''}
              >${i + 1}. ${say(pc, TAB_LABELS[t])}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

export function registerHeading(pc: PageContext): Html {
  return html`<h2 id="intake">${say(pc, T.register)}</h2>`;
}

export function enterMobileFirst(pc: PageContext): Html {
  return html`<p class="hint">${say(pc, T.enterMobileFirst)}</p>`;
}

// ---- complaint / demand / suggestion -------------------------------------------------------------

export interface ComplaintIntakeView {
  mobile: string;
  places: PlaceOptions;
  departments: { code: string; nameEn: string; nameHi: string }[];
  subjects: { code: string; departmentCode: string; nameEn: string; nameHi: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** 'choice': an agent may mark a Mahila Helpline case; 'always': a counsellor registers only those. */
  mahila: 'none' | 'choice' | 'always';
  idempotencyKey: string;
  autofocus: boolean;
}

function nameInput(
  pc: PageContext,
  prefix: string,
  value: string,
  error: string | undefined,
  autofocus: boolean,
) {
  const id = idOf(prefix, 'citizen.name');
  const errorId = errOf(prefix, 'citizen.name');
  return html`<div class="field" data-field="citizen.name">
    ${fieldLabel(pc, id, T.name)}
    <input
      id="${id}"
      name="citizen.name"
      type="text"
      maxlength="100"
      autocomplete="off"
      value="${value}"
      ${autofocus ? html`autofocus` : ''}
      ${invalid(error, errorId)}
    />
    ${fieldError(error, errorId)}
  </div>`;
}

function districtField(
  pc: PageContext,
  prefix: string,
  places: PlaceOptions,
  value: string,
  error: string | undefined,
) {
  const id = idOf(prefix, 'place.district');
  return html`<div class="field" data-field="place.district">
    ${fieldLabel(pc, id, T.district)}
    ${districtSelect(pc, places, {
      id,
      name: 'place.district',
      selected: value,
      error,
      errorId: errOf(prefix, 'place.district'),
    })}
    ${fieldError(error, errOf(prefix, 'place.district'))}
  </div>`;
}

export function complaintIntakeForm(pc: PageContext, d: ComplaintIntakeView): Html {
  const v = (n: string) => d.values[n] ?? '';
  const e = (n: string) => d.errors[n];
  const p = 'c';
  const f: ComplaintFormState = { prefix: p, values: d.values, errors: d.errors };
  const callType = v('callType') || 'complaint';
  return html`<form method="post" action="/agent/complaint" novalidate id="complaint-form">
    ${csrfField(pc)}
    <input type="hidden" name="idempotencyKey" value="${d.idempotencyKey}" />
    <input type="hidden" name="mobile" value="${d.mobile}" />
    ${nameInput(pc, p, v('citizen.name'), e('citizen.name'), d.autofocus)}
    <fieldset class="field inline-choices" data-field="callType">
      <legend>${say(pc, T.callType)}</legend>
      ${(['complaint', 'demand', 'suggestion'] as const).map(
        (t) =>
          html`<span class="choice">
            <input
              type="radio"
              id="${idOf(p, `callType-${t}`)}"
              name="callType"
              value="${t}"
              ${callType === t ? html`checked` : ''}
              ${invalid(e('callType'), errOf(p, 'callType'))}
            />
            <label for="${idOf(p, `callType-${t}`)}">${say(pc, CALL_TYPE_LABELS[t]!)}</label>
          </span>`,
      )}
      <span class="choice">
        <input
          type="checkbox"
          id="${idOf(p, 'subType')}"
          name="subType"
          value="corruption"
          ${v('subType') === 'corruption' ? html`checked` : ''}
          ${invalid(e('subType'), errOf(p, 'subType'))}
        />
        <label for="${idOf(p, 'subType')}">${say(pc, T.corruption)}</label>
      </span>
      ${fieldError(e('callType'), errOf(p, 'callType'))} ${fieldError(e('subType'), errOf(p, 'subType'))}
    </fieldset>
    ${
      d.mahila === 'choice' &&
      html`<div class="field choice" data-field="mahila">
        <input
          type="checkbox"
          id="${idOf(p, 'mahila')}"
          name="mahila"
          value="yes"
          ${v('mahila') === 'yes' ? html`checked` : ''}
        />
        <label for="${idOf(p, 'mahila')}">${say(pc, T.mahilaCase)}</label>
      </div>`
    }
    ${d.mahila === 'always' && html`<p class="hint">${say(pc, T.mahilaOnly)}</p>`}
    ${subjectField(pc, f, d, { text: T.subject })}
    <fieldset class="field place">
      <legend>${say(pc, T.where)} <span class="hint">${say(pc, T.whereHint)}</span></legend>
      ${placePickers(pc, d.places, f, T.block)}
    </fieldset>
    ${descriptionField(pc, f, { text: T.description, hint: T.descriptionHint })}
    <button type="submit">${say(pc, T.submitComplaint)}</button>
  </form>`;
}

// ---- information call ----------------------------------------------------------------------------

export interface SchemeArticle {
  code: string;
  nameEn: string;
  nameHi: string;
  summaryEn: string;
  summaryHi: string;
  eligibilityEn: string;
  eligibilityHi: string;
  howToApplyEn: string;
  howToApplyHi: string;
}

export interface InformationIntakeView {
  mobile: string;
  places: PlaceOptions;
  schemes: SchemeArticle[];
  chosen: SchemeArticle | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  idempotencyKey: string;
  autofocus: boolean;
}

function article(s: SchemeArticle, lang: 'en' | 'hi'): Html {
  const t = (b: Bilingual) => say({ lang }, b);
  return html`<dl class="facts" lang="${lang}">
    <dt>${t(T.summary)}</dt>
    <dd>${lang === 'hi' ? s.summaryHi : s.summaryEn}</dd>
    <dt>${t(T.eligibility)}</dt>
    <dd>${lang === 'hi' ? s.eligibilityHi : s.eligibilityEn}</dd>
    <dt>${t(T.howToApply)}</dt>
    <dd>${lang === 'hi' ? s.howToApplyHi : s.howToApplyEn}</dd>
  </dl>`;
}

export function informationIntake(pc: PageContext, d: InformationIntakeView): Html {
  const v = (n: string) => d.values[n] ?? '';
  const e = (n: string) => d.errors[n];
  const p = 'i';
  const f: ComplaintFormState = { prefix: p, values: d.values, errors: d.errors };
  const other = pc.lang === 'hi' ? 'en' : 'hi';
  const schemeError = e('schemeCode');
  return html`<form method="get" action="/agent" class="scheme-pick">
      <input type="hidden" name="mobile" value="${d.mobile}" />
      <input type="hidden" name="tab" value="information" />
      ${fieldLabel(pc, idOf(p, 'schemeCode'), T.scheme)}
      <span class="lookup-row">
        <select
          id="${idOf(p, 'schemeCode')}"
          name="scheme"
          ${d.autofocus && !d.chosen ? html`autofocus` : ''}
          ${invalid(schemeError, errOf(p, 'schemeCode'))}
        >
          <option value="">${say(pc, T.choose)}</option>
          ${d.schemes.map(
            (s) =>
              html`<option value="${s.code}" ${d.chosen?.code === s.code ? html`selected` : ''}>
                ${nameOf(pc, s)}
              </option>`,
          )}
        </select>
        <button type="submit" class="secondary">${say(pc, T.showAnswer)}</button>
      </span>
      ${fieldError(schemeError, errOf(p, 'schemeCode'))}
    </form>
    ${
      d.chosen &&
      html`<section class="answer card" aria-labelledby="scheme-title" data-scheme="${d.chosen.code}">
          <h3 id="scheme-title">${nameOf(pc, d.chosen)} <span class="hint">— ${say(pc, T.readOut)}</span></h3>
          ${article(d.chosen, pc.lang)}
          <details>
            <summary>${say(pc, T.otherLanguage)}</summary>
            ${article(d.chosen, other)}
          </details>
        </section>
        <form method="post" action="/agent/information" novalidate id="information-form">
          ${csrfField(pc)}
          <input type="hidden" name="idempotencyKey" value="${d.idempotencyKey}" />
          <input type="hidden" name="mobile" value="${d.mobile}" />
          <input type="hidden" name="schemeCode" value="${d.chosen.code}" />
          ${nameInput(pc, p, v('citizen.name'), e('citizen.name'), d.autofocus)}
          ${districtField(pc, p, d.places, v('place.district'), e('place.district'))}
          ${descriptionField(pc, f, { text: T.question, optional: true })}
          <button type="submit">${say(pc, T.submitInformation)}</button>
        </form>`
    }`;
}
