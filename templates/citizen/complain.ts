// The CM Helpline 181 complaint form of the portal: who and where (district, and tehsil / block /
// village where known, so it reaches the right officer), what kind of call, the subject (grouped by
// department) and the description. Input names follow the intake's field names (citizen.name,
// place.district, …) so its error details land next to the right input.
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import { CALL_TYPE_LABELS } from './format';
import {
  blockSelect,
  districtSelect,
  fieldError,
  invalid,
  tehsilSelect,
  villageSelect,
  type PlaceOptions,
} from './places';

const T = {
  intro: {
    en: 'Your complaint goes to the officer responsible for your area. If it is not resolved in time, it moves up to a senior officer by itself (L1 → L2 → L3 → L4). You can also call 181.',
    hi: 'आपकी शिकायत आपके क्षेत्र के जिम्मेदार अधिकारी को जाती है। समय पर निराकरण न होने पर यह स्वतः वरिष्ठ अधिकारी तक जाती है (L1 → L2 → L3 → L4)। आप 181 पर कॉल भी कर सकते हैं।',
  },
  name: { en: 'Your name', hi: 'आपका नाम' },
  where: { en: 'Where is the problem?', hi: 'समस्या कहाँ है?' },
  whereHint: {
    en: 'Give the tehsil or block if you know it: it decides which officer gets the complaint.',
    hi: 'तहसील या विकासखंड पता हो तो दें: इसी से तय होता है कि शिकायत किस अधिकारी को जाएगी।',
  },
  district: { en: 'District', hi: 'जिला' },
  tehsil: { en: 'Tehsil', hi: 'तहसील' },
  block: { en: 'Block (development block)', hi: 'विकासखंड' },
  village: { en: 'Village or ward', hi: 'ग्राम या वार्ड' },
  callType: { en: 'What kind of request is it?', hi: 'अनुरोध किस प्रकार का है?' },
  subject: { en: 'Subject', hi: 'विषय' },
  subjectHint: { en: 'Not needed for an information request.', hi: 'जानकारी हेतु अनुरोध में आवश्यक नहीं।' },
  scheme: { en: 'Scheme you want information about', hi: 'योजना जिसकी जानकारी चाहिए' },
  schemeHint: { en: 'Only for an information request.', hi: 'केवल जानकारी हेतु अनुरोध में।' },
  description: { en: 'Describe the problem', hi: 'समस्या का विवरण' },
  descriptionHint: {
    en: '10 to 2000 characters, in Hindi or English: what, where, since when.',
    hi: '10 से 2000 अक्षर, हिंदी या अंग्रेज़ी में: क्या, कहाँ, कब से।',
  },
  corruption: { en: 'This complaint is about corruption', hi: 'यह शिकायत भ्रष्टाचार से संबंधित है' },
  choose: { en: '— choose —', hi: '— चुनें —' },
  optional: { en: '(optional)', hi: '(वैकल्पिक)' },
  submit: { en: 'Register complaint', hi: 'शिकायत दर्ज करें' },
  confirm: { en: 'Register this complaint?', hi: 'क्या यह शिकायत दर्ज करें?' },
  fixErrors: {
    en: 'Some details need correcting; see the messages next to them.',
    hi: 'कुछ जानकारी सुधारनी होगी; उनके पास दिए संदेश देखें।',
  },
} satisfies Record<string, Bilingual>;

export interface SubjectOption {
  code: string;
  departmentCode: string;
  nameEn: string;
  nameHi: string;
}

export interface ComplaintFormData {
  places: PlaceOptions;
  departments: { code: string; nameEn: string; nameHi: string }[];
  subjects: SubjectOption[];
  schemes: { code: string; nameEn: string; nameHi: string }[];
  values: Record<string, string>;
  /** Messages by the intake's field name (citizen.name, place.tehsil, subject, …). */
  errors: Record<string, string>;
  formError?: string | undefined;
  idempotencyKey: string;
}

/** The input names of the form, as the intake names its fields. */
export const COMPLAINT_INPUTS = [
  'citizen.name',
  'place.district',
  'place.tehsil',
  'place.block',
  'place.village',
  'callType',
  'subject',
  'schemeCode',
  'description',
  'subType',
] as const;

const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;
const errId = (name: string) => `${idOf(name)}-error`;
const name = (pc: PageContext, x: { nameEn: string; nameHi: string }) =>
  pc.lang === 'hi' ? x.nameHi : x.nameEn;

export function complaintForm(pc: PageContext, d: ComplaintFormData): Html {
  const v = (n: string) => d.values[n] ?? '';
  const e = (n: string) => d.errors[n];
  const hasErrors = Object.keys(d.errors).length > 0;
  const callType = v('callType') || 'complaint';
  const label = (n: string, text: Bilingual, opts: { optional?: boolean; hint?: Bilingual } = {}) =>
    html`<label for="${idOf(n)}"
      >${say(pc, text)} ${opts.optional && html`<span class="hint">${say(pc, T.optional)}</span>`}
      ${opts.hint && html`<span class="hint">${say(pc, opts.hint)}</span>`}</label
    >`;
  return html`<p>${say(pc, T.intro)}</p>
    ${
      (d.formError || hasErrors) &&
      html`<p class="flash error" role="alert" id="form-errors">${d.formError ?? say(pc, T.fixErrors)}</p>`
    }
    <form method="post" action="/complain" novalidate data-confirm="${say(pc, T.confirm)}">
      ${csrfField(pc)}
      <input type="hidden" name="idempotencyKey" value="${d.idempotencyKey}" />
      <div class="field" data-field="citizen.name">
        ${label('citizen.name', T.name)}
        <input
          id="${idOf('citizen.name')}"
          name="citizen.name"
          type="text"
          maxlength="100"
          autocomplete="name"
          required
          value="${v('citizen.name')}"
          ${invalid(e('citizen.name'), errId('citizen.name'))}
        />
        ${fieldError(e('citizen.name'), errId('citizen.name'))}
      </div>

      <fieldset class="field" data-field="callType">
        <legend>${say(pc, T.callType)}</legend>
        ${(['complaint', 'demand', 'suggestion', 'information'] as const).map(
          (t) =>
            html`<div class="choice">
              <input
                type="radio"
                id="${idOf(`callType-${t}`)}"
                name="callType"
                value="${t}"
                ${callType === t ? html`checked` : ''}
                ${invalid(e('callType'), errId('callType'))}
              />
              <label for="${idOf(`callType-${t}`)}">${say(pc, CALL_TYPE_LABELS[t]!)}</label>
            </div>`,
        )}
        ${fieldError(e('callType'), errId('callType'))}
      </fieldset>

      <fieldset class="field">
        <legend>${say(pc, T.where)} <span class="hint">${say(pc, T.whereHint)}</span></legend>
        ${label('place.district', T.district)}
        ${districtSelect(pc, d.places, {
          id: idOf('place.district'),
          name: 'place.district',
          selected: v('place.district'),
          error: e('place.district'),
          errorId: errId('place.district'),
        })}
        ${fieldError(e('place.district'), errId('place.district'))}
        ${label('place.tehsil', T.tehsil, { optional: true })}
        ${tehsilSelect(pc, d.places, {
          id: idOf('place.tehsil'),
          name: 'place.tehsil',
          selected: v('place.tehsil'),
          required: false,
          error: e('place.tehsil'),
          errorId: errId('place.tehsil'),
        })}
        ${fieldError(e('place.tehsil'), errId('place.tehsil'))}
        ${label('place.block', T.block, { optional: true })}
        ${blockSelect(pc, d.places, {
          id: idOf('place.block'),
          name: 'place.block',
          selected: v('place.block'),
          error: e('place.block'),
          errorId: errId('place.block'),
        })}
        ${fieldError(e('place.block'), errId('place.block'))}
        ${label('place.village', T.village, { optional: true })}
        ${villageSelect(pc, d.places, {
          id: idOf('place.village'),
          name: 'place.village',
          selected: v('place.village'),
          required: false,
          error: e('place.village'),
          errorId: errId('place.village'),
        })}
        ${fieldError(e('place.village'), errId('place.village'))}
      </fieldset>

      <div class="field" data-field="subject">
        ${label('subject', T.subject, { hint: T.subjectHint })}
        <select
          id="${idOf('subject')}"
          name="subject"
          ${invalid(e('subject') ?? e('department'), errId('subject'))}
        >
          <option value="">${say(pc, T.choose)}</option>
          ${d.departments.map((dep) => {
            const subjects = d.subjects.filter((s) => s.departmentCode === dep.code);
            return (
              subjects.length > 0 &&
              html`<optgroup label="${name(pc, dep)}">
                ${subjects.map(
                  (s) =>
                    html`<option value="${s.code}" ${v('subject') === s.code ? html`selected` : ''}>
                      ${name(pc, s)}
                    </option>`,
                )}
              </optgroup>`
            );
          })}
        </select>
        ${fieldError(e('subject') ?? e('department'), errId('subject'))}
      </div>

      <div class="field" data-field="schemeCode">
        ${label('schemeCode', T.scheme, { hint: T.schemeHint })}
        <select id="${idOf('schemeCode')}" name="schemeCode" ${invalid(e('schemeCode'), errId('schemeCode'))}>
          <option value="">${say(pc, T.choose)}</option>
          ${d.schemes.map(
            (s) =>
              html`<option value="${s.code}" ${v('schemeCode') === s.code ? html`selected` : ''}>
                ${name(pc, s)}
              </option>`,
          )}
        </select>
        ${fieldError(e('schemeCode'), errId('schemeCode'))}
      </div>

      <div class="field" data-field="description">
        ${label('description', T.description, { hint: T.descriptionHint })}
        <textarea
          id="${idOf('description')}"
          name="description"
          maxlength="2000"
          ${invalid(e('description'), errId('description'))}
        >
${v('description')}</textarea>
        ${fieldError(e('description'), errId('description'))}
      </div>

      <div class="field choice" data-field="subType">
        <input
          type="checkbox"
          id="${idOf('subType')}"
          name="subType"
          value="corruption"
          ${v('subType') === 'corruption' ? html`checked` : ''}
          ${invalid(e('subType'), errId('subType'))}
        />
        <label for="${idOf('subType')}">${say(pc, T.corruption)}</label>
        ${fieldError(e('subType'), errId('subType'))}
      </div>
      <button type="submit">${say(pc, T.submit)}</button>
    </form>`;
}
