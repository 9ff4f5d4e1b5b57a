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
  fieldLabel,
  inputId,
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

const idOf = (name: string) => inputId('f', name);
const errId = (name: string) => `${idOf(name)}-error`;
const name = (pc: PageContext, x: { nameEn: string; nameHi: string }) =>
  pc.lang === 'hi' ? x.nameHi : x.nameEn;

// ---- pieces the portal's form shares with the 181 console's (templates/agent/console.ts) ----------

/** What a piece of a complaint form reads: the prefix of its ids, the posted values and the messages. */
export interface ComplaintFormState {
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The district (required), tehsil, block and village pickers of where the problem is. */
export function placePickers(
  pc: PageContext,
  places: PlaceOptions,
  f: ComplaintFormState,
  blockLabel: Bilingual,
): Html {
  const pick = (field: 'district' | 'tehsil' | 'block' | 'village', label: Bilingual) => {
    const n = `place.${field}`;
    const a = {
      id: inputId(f.prefix, n),
      name: n,
      selected: f.values[n] ?? '',
      error: f.errors[n],
      errorId: `${inputId(f.prefix, n)}-error`,
    };
    const select =
      field === 'district'
        ? districtSelect(pc, places, a)
        : field === 'tehsil'
          ? tehsilSelect(pc, places, { ...a, required: false })
          : field === 'block'
            ? blockSelect(pc, places, a)
            : villageSelect(pc, places, { ...a, required: false });
    return html`${fieldLabel(pc, a.id, label, { optional: field !== 'district' })} ${select}
    ${fieldError(a.error, a.errorId)}`;
  };
  return html`${pick('district', T.district)} ${pick('tehsil', T.tehsil)} ${pick('block', blockLabel)}
  ${pick('village', T.village)}`;
}

/** The subject, chosen from the subjects grouped under their departments. */
export function subjectField(
  pc: PageContext,
  f: ComplaintFormState,
  d: { departments: { code: string; nameEn: string; nameHi: string }[]; subjects: SubjectOption[] },
  label: { text: Bilingual; hint?: Bilingual },
): Html {
  const id = inputId(f.prefix, 'subject');
  const errorId = `${id}-error`;
  const error = f.errors.subject ?? f.errors.department;
  const selected = f.values.subject ?? '';
  return html`<div class="field" data-field="subject">
    ${fieldLabel(pc, id, label.text, label.hint ? { hint: label.hint } : {})}
    <select id="${id}" name="subject" ${invalid(error, errorId)}>
      <option value="">${say(pc, T.choose)}</option>
      ${d.departments.map((dep) => {
        const subjects = d.subjects.filter((s) => s.departmentCode === dep.code);
        return (
          subjects.length > 0 &&
          html`<optgroup label="${name(pc, dep)}">
            ${subjects.map(
              (s) =>
                html`<option value="${s.code}" ${selected === s.code ? html`selected` : ''}>
                  ${name(pc, s)}
                </option>`,
            )}
          </optgroup>`
        );
      })}
    </select>
    ${fieldError(error, errorId)}
  </div>`;
}

/** The description (or question) in the caller's or citizen's words. */
export function descriptionField(
  pc: PageContext,
  f: ComplaintFormState,
  label: { text: Bilingual; hint?: Bilingual; optional?: boolean },
): Html {
  const id = inputId(f.prefix, 'description');
  const errorId = `${id}-error`;
  const error = f.errors.description;
  return html`<div class="field" data-field="description">
    ${fieldLabel(pc, id, label.text, { optional: label.optional ?? false, ...(label.hint ? { hint: label.hint } : {}) })}
    <textarea id="${id}" name="description" maxlength="2000" ${invalid(error, errorId)}>
${f.values.description ?? ''}</textarea>
    ${fieldError(error, errorId)}
  </div>`;
}

export function complaintForm(pc: PageContext, d: ComplaintFormData): Html {
  const v = (n: string) => d.values[n] ?? '';
  const e = (n: string) => d.errors[n];
  const hasErrors = Object.keys(d.errors).length > 0;
  const callType = v('callType') || 'complaint';
  const f: ComplaintFormState = { prefix: 'f', values: d.values, errors: d.errors };
  return html`<p>${say(pc, T.intro)}</p>
    ${
      (d.formError || hasErrors) &&
      html`<p class="flash error" role="alert" id="form-errors">${d.formError ?? say(pc, T.fixErrors)}</p>`
    }
    <form method="post" action="/complain" novalidate data-confirm="${say(pc, T.confirm)}">
      ${csrfField(pc)}
      <input type="hidden" name="idempotencyKey" value="${d.idempotencyKey}" />
      <div class="field" data-field="citizen.name">
        ${fieldLabel(pc, idOf('citizen.name'), T.name)}
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
        ${placePickers(pc, d.places, f, T.block)}
      </fieldset>

      ${subjectField(pc, f, d, { text: T.subject, hint: T.subjectHint })}

      <div class="field" data-field="schemeCode">
        ${fieldLabel(pc, idOf('schemeCode'), T.scheme, { hint: T.schemeHint })}
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

      ${descriptionField(pc, f, { text: T.description, hint: T.descriptionHint })}

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
