// Applying for a Lok Seva Guarantee service: the list of services (with their legal time limits and
// fees, from the current service catalogue) and the application form GENERATED from the service's
// field schema. The form's input names and readApplicationForm() — which turns the posted form into
// the `fields` object the intake validates — are kept together here, so they cannot drift apart.
import type { FieldSpec, FieldType, ServiceDefinition } from '../../lib/catalogue';
import type { Bilingual } from '../../server/i18n';
import { genderOf, incomeSourceOf, residenceBasisOf } from '../../activities/documents/vocabulary';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import {
  districtSelect,
  fieldError,
  invalid,
  tehsilSelect,
  villageSelect,
  type PlaceOptions,
} from './places';

const T = {
  intro: {
    en: 'Under the Madhya Pradesh Lok Seva Guarantee Act, each service must be given within its time limit. If it is not, an appeal opens by itself and the officer may be fined.',
    hi: 'मध्यप्रदेश लोक सेवा गारंटी अधिनियम के अंतर्गत प्रत्येक सेवा उसकी समय-सीमा में देनी होती है। ऐसा न होने पर अपील स्वतः प्रारंभ होती है और अधिकारी पर शास्ति लग सकती है।',
  },
  timeLimit: { en: 'Time limit', hi: 'समय-सीमा' },
  fee: { en: 'Fee', hi: 'शुल्क' },
  free: { en: 'No fee', hi: 'निःशुल्क' },
  validity: { en: 'Valid for', hi: 'वैधता' },
  apply: { en: 'Apply', hi: 'आवेदन करें' },
  submit: { en: 'Submit application', hi: 'आवेदन जमा करें' },
  confirm: {
    en: 'Submit this application? Check the details first.',
    hi: 'क्या यह आवेदन जमा करें? पहले जानकारी जाँच लें।',
  },
  optional: { en: '(optional)', hi: '(वैकल्पिक)' },
  fixErrors: {
    en: 'Some fields need correcting; see the messages next to them.',
    hi: 'कुछ जानकारी सुधारनी होगी; उनके पास दिए संदेश देखें।',
  },
  line: { en: 'House / street', hi: 'मकान / गली' },
  district: { en: 'District', hi: 'जिला' },
  tehsil: { en: 'Tehsil', hi: 'तहसील' },
  village: { en: 'Village or ward', hi: 'ग्राम या वार्ड' },
  rupees: { en: 'rupees a year; leave empty if none', hi: 'रुपये प्रति वर्ष; न हो तो खाली छोड़ें' },
  masked: {
    en: 'Only the last 4 digits are printed on documents.',
    hi: 'दस्तावेज़ों पर केवल अंतिम 4 अंक छपते हैं।',
  },
  mobileHint: {
    en: 'Your signed-in number; messages about this application go here.',
    hi: 'आपका साइन-इन नंबर; इस आवेदन के संदेश इसी पर आएँगे।',
  },
  khasraHint: { en: 'e.g. 112 or 113/2', hi: 'जैसे 112 या 113/2' },
  khasrasHint: {
    en: 'one or more, separated by commas: 112, 113/2',
    hi: 'एक या अधिक, अल्पविराम से अलग: 112, 113/2',
  },
  yearHint: { en: 'four digits, e.g. 2026', hi: 'चार अंक, जैसे 2026' },
  receiptNote: {
    en: 'You get a receipt (पावती) with the due date as soon as it is submitted.',
    hi: 'जमा होते ही नियत तिथि सहित पावती मिलेगी।',
  },
} satisfies Record<string, Bilingual>;

function workingDays(n: number): Bilingual {
  return n === 1
    ? { en: '1 working day', hi: '1 कार्य दिवस' }
    : { en: `${n} working days`, hi: `${n} कार्य दिवस` };
}

export function timeLimitText(service: ServiceDefinition): Bilingual {
  const web = workingDays(service.timeLimit.workingDays);
  const via181 = workingDays(service.timeLimitVia181.workingDays);
  return service.timeLimitVia181.workingDays === service.timeLimit.workingDays
    ? web
    : {
        en: `${web.en} (${via181.en} when applied through 181)`,
        hi: `${web.hi} (181 के माध्यम से ${via181.hi})`,
      };
}

function feeText(service: ServiceDefinition): Bilingual {
  const f = service.fee;
  if (!f) return T.free;
  return {
    en: `₹${f.firstPageRupees} for the first page, ₹${f.perFurtherPageRupees} for each further page; pay within ${f.payWithinDays} days`,
    hi: `पहले पृष्ठ हेतु ₹${f.firstPageRupees}, प्रत्येक अगले पृष्ठ हेतु ₹${f.perFurtherPageRupees}; ${f.payWithinDays} दिन में भुगतान करें`,
  };
}

export const serviceName = (service: { nameEn: string; nameHi: string }): Bilingual => ({
  en: service.nameEn,
  hi: service.nameHi,
});

/** The services of the current catalogue, each with its legal time limit and fee. */
export function serviceList(pc: PageContext, services: ServiceDefinition[]): Html {
  return html`<p>${say(pc, T.intro)}</p>
    <div class="cards">
      ${services.map(
        (s) =>
          html`<section class="card" data-service="${s.code}">
            <h2><a href="/apply/${s.slug}">${say(pc, serviceName(s))}</a></h2>
            <dl class="facts">
              <dt>${say(pc, T.timeLimit)}</dt>
              <dd class="time-limit">${say(pc, timeLimitText(s))}</dd>
              <dt>${say(pc, T.fee)}</dt>
              <dd>${say(pc, feeText(s))}</dd>
              ${
                s.validity &&
                html`<dt>${say(pc, T.validity)}</dt>
                  <dd>
                    ${say(pc, {
                      en: `${s.validity.years} year${s.validity.years === 1 ? '' : 's'}`,
                      hi: `${s.validity.years} वर्ष`,
                    })}
                  </dd>`
              }
            </dl>
            <a class="button" href="/apply/${s.slug}">${say(pc, T.apply)}</a>
          </section>`,
      )}
    </div>`;
}

// ---- the generated form ------------------------------------------------------------------------

/** The raw posted values, by input name (kept when the form comes back with errors). */
export type FormValues = Record<string, string>;
/** Error messages (in the page's language) by field name of the schema. */
export type FieldErrors = Record<string, string>;

const inputId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;
const errorIdOf = (field: FieldSpec) => `${inputId(field.name)}-error`;
const labelOf = (field: FieldSpec): Bilingual => ({ en: field.labelEn, hi: field.labelHi });

/** Names of a choice field's coded options. */
function optionLabel(field: FieldSpec, option: string): Bilingual {
  if (field.name === 'gender' && ['female', 'male', 'other'].includes(option))
    return genderOf(option as 'female' | 'male' | 'other');
  if (field.name === 'basis' && ['born-in-mp', 'resident-10-years', 'married-to-resident'].includes(option))
    return residenceBasisOf(option as 'born-in-mp' | 'resident-10-years' | 'married-to-resident');
  const words = option.replace(/-/g, ' ');
  return { en: words.charAt(0).toUpperCase() + words.slice(1), hi: words };
}

function labelText(pc: PageContext, field: FieldSpec, hint?: Bilingual): Html {
  return html`${say(pc, labelOf(field))}
  ${!field.required && html`<span class="hint">${say(pc, T.optional)}</span>`}
  ${hint && html`<span class="hint">${say(pc, hint)}</span>`}`;
}

/** A single-line input: text, numbers written as text (IDs keep leading zeros), year, mobile. */
function textInput(
  pc: PageContext,
  field: FieldSpec,
  values: FormValues,
  error: string | undefined,
  extra: {
    type?: string;
    inputmode?: string;
    maxlength?: number;
    autocomplete?: string;
    hint?: Bilingual;
    readonly?: boolean;
  },
): Html {
  const id = inputId(field.name);
  const errorId = errorIdOf(field);
  return html`<div class="field" data-field="${field.name}">
    <label for="${id}">${labelText(pc, field, extra.hint)}</label>
    <input
      id="${id}"
      name="${field.name}"
      type="${extra.type ?? 'text'}"
      value="${values[field.name] ?? ''}"
      ${extra.inputmode ? html`inputmode="${extra.inputmode}"` : ''}
      ${extra.maxlength ? html`maxlength="${extra.maxlength}"` : ''}
      autocomplete="${extra.autocomplete ?? 'off'}"
      ${field.required ? html`required` : ''}
      ${extra.readonly ? html`readonly` : ''}
      ${invalid(error, errorId)}
    />
    ${fieldError(error, errorId)}
  </div>`;
}

type Widget = (
  pc: PageContext,
  field: FieldSpec,
  values: FormValues,
  error: string | undefined,
  places: PlaceOptions,
) => Html;

const WIDGETS: Record<FieldType, Widget> = {
  text: (pc, f, v, e) =>
    textInput(pc, f, v, e, {
      maxlength: f.maxLength,
      autocomplete: f.name === 'applicantName' ? 'name' : 'off',
    }),
  'samagra-id': (pc, f, v, e) =>
    textInput(pc, f, v, e, { inputmode: 'numeric', maxlength: 11, hint: T.masked }),
  aadhaar: (pc, f, v, e) => textInput(pc, f, v, e, { inputmode: 'numeric', maxlength: 14, hint: T.masked }),
  mobile: (pc, f, v, e) =>
    textInput(pc, f, v, e, {
      type: 'tel',
      inputmode: 'numeric',
      maxlength: 10,
      hint: T.mobileHint,
      readonly: true,
    }),
  'khasra-number': (pc, f, v, e) => textInput(pc, f, v, e, { maxlength: 10, hint: T.khasraHint }),
  'khasra-numbers': (pc, f, v, e) => textInput(pc, f, v, e, { maxlength: 200, hint: T.khasrasHint }),
  year: (pc, f, v, e) => textInput(pc, f, v, e, { inputmode: 'numeric', maxlength: 4, hint: T.yearHint }),
  choice: (pc, f, v, e) => {
    const errorId = errorIdOf(f);
    return html`<fieldset
      class="field"
      data-field="${f.name}"
      ${e ? html`aria-describedby="${errorId}"` : ''}
    >
      <legend>${labelText(pc, f)}</legend>
      ${(f.options ?? []).map((o, i) => {
        const id = `${inputId(f.name)}-${i}`;
        return html`<div class="choice">
          <input
            type="radio"
            id="${id}"
            name="${f.name}"
            value="${o}"
            ${v[f.name] === o ? html`checked` : ''}
            ${f.required ? html`required` : ''}
            ${invalid(e, errorId)}
          />
          <label for="${id}">${say(pc, optionLabel(f, o))}</label>
        </div>`;
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
  consent: (pc, f, v, e) => {
    const id = inputId(f.name);
    const errorId = errorIdOf(f);
    return html`<div class="field choice" data-field="${f.name}">
      <input
        type="checkbox"
        id="${id}"
        name="${f.name}"
        value="yes"
        ${v[f.name] === 'yes' ? html`checked` : ''}
        ${f.required ? html`required` : ''}
        ${invalid(e, errorId)}
      />
      <label for="${id}">${say(pc, labelOf(f))}</label>
      ${fieldError(e, errorId)}
    </div>`;
  },
  village: (pc, f, v, e, places) => {
    const id = inputId(f.name);
    const errorId = errorIdOf(f);
    return html`<div class="field" data-field="${f.name}">
      <label for="${id}">${labelText(pc, f)}</label>
      ${villageSelect(pc, places, { id, name: f.name, selected: v[f.name] ?? '', required: f.required, error: e, errorId })}
      ${fieldError(e, errorId)}
    </div>`;
  },
  address: (pc, f, v, e, places) => {
    const errorId = errorIdOf(f);
    const id = (part: string) => inputId(`${f.name}.${part}`);
    const value = (part: string) => v[`${f.name}.${part}`] ?? '';
    return html`<fieldset class="field" data-field="${f.name}">
      <legend>${labelText(pc, f)}</legend>
      <label for="${id('line')}">${say(pc, T.line)}</label>
      <input
        id="${id('line')}"
        name="${f.name}.line"
        type="text"
        maxlength="200"
        autocomplete="address-line1"
        value="${value('line')}"
        ${f.required ? html`required` : ''}
        ${invalid(e, errorId)}
      />
      <label for="${id('district')}">${say(pc, T.district)}</label>
      ${districtSelect(pc, places, { id: id('district'), name: `${f.name}.district`, selected: value('district'), error: e, errorId })}
      <label for="${id('tehsil')}">${say(pc, T.tehsil)}</label>
      ${tehsilSelect(pc, places, {
        id: id('tehsil'),
        name: `${f.name}.tehsil`,
        selected: value('tehsil'),
        required: true,
        error: e,
        errorId,
      })}
      <label for="${id('village')}">${say(pc, T.village)}</label>
      ${villageSelect(pc, places, {
        id: id('village'),
        name: `${f.name}.village`,
        selected: value('village'),
        required: true,
        error: e,
        errorId,
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
  'income-sources': (pc, f, v, e) => {
    const errorId = errorIdOf(f);
    return html`<fieldset class="field" data-field="${f.name}">
      <legend>${labelText(pc, f)} <span class="hint">${say(pc, T.rupees)}</span></legend>
      ${(f.sources ?? []).map((source) => {
        const id = inputId(`${f.name}.${source}`);
        return html`<label for="${id}">${say(pc, incomeSourceOf(source))} (₹)</label>
          <input
            id="${id}"
            name="${f.name}.${source}"
            type="text"
            inputmode="numeric"
            maxlength="12"
            autocomplete="off"
            value="${v[`${f.name}.${source}`] ?? ''}"
            ${invalid(e, errorId)}
          />`;
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
};

/** The application form for `service`, generated from its field schema. */
export function applicationForm(
  pc: PageContext,
  a: {
    service: ServiceDefinition;
    places: PlaceOptions;
    values: FormValues;
    errors: FieldErrors;
    /** A message for the whole form (e.g. no officer in that tehsil, or errors not tied to a field). */
    formError?: string | undefined;
    idempotencyKey: string;
  },
): Html {
  const { service } = a;
  const hasErrors = Object.keys(a.errors).length > 0;
  return html`<p class="time-limit">
      <strong>${say(pc, T.timeLimit)}:</strong>
      ${say(pc, timeLimitText(service))}${pc.lang === 'hi' ? '।' : '.'} ${say(pc, T.receiptNote)}
    </p>
    ${
      (a.formError || hasErrors) &&
      html`<p class="flash error" role="alert" id="form-errors">${a.formError ?? say(pc, T.fixErrors)}</p>`
    }
    <form method="post" action="/apply/${service.slug}" novalidate data-confirm="${say(pc, T.confirm)}">
      ${csrfField(pc)}
      <input type="hidden" name="idempotencyKey" value="${a.idempotencyKey}" />
      ${service.fields.map((field) => WIDGETS[field.type](pc, field, a.values, a.errors[field.name], a.places))}
      <button type="submit">${say(pc, T.submit)}</button>
    </form>`;
}

/**
 * The posted form as the intake's `fields`: text stays text (the validator trims and checks it),
 * numbers become numbers where the schema wants them, a ticked declaration becomes true, and the
 * address and income parts become objects. Empty inputs are left out, so "required" speaks.
 */
export function readApplicationForm(
  service: ServiceDefinition,
  form: (name: string) => string,
): { fields: Record<string, unknown>; values: FormValues } {
  const fields: Record<string, unknown> = {};
  const values: FormValues = {};
  const read = (name: string) => {
    const v = form(name);
    values[name] = v;
    return v;
  };
  const wholeNumber = (raw: string): unknown => (/^\d{1,12}$/.test(raw) ? Number(raw) : raw);
  for (const f of service.fields) {
    switch (f.type) {
      case 'address': {
        const parts = ['line', 'district', 'tehsil', 'village'].map(
          (p) => [p, read(`${f.name}.${p}`)] as const,
        );
        if (parts.some(([, v]) => v !== '')) fields[f.name] = Object.fromEntries(parts);
        break;
      }
      case 'income-sources': {
        const income: Record<string, unknown> = {};
        for (const source of f.sources ?? []) {
          const raw = read(`${f.name}.${source}`).replace(/[,\s]/g, '').replace(/^₹/, '');
          if (raw !== '') income[source] = wholeNumber(raw);
        }
        if (Object.keys(income).length > 0) fields[f.name] = income;
        break;
      }
      case 'consent':
        if (read(f.name) === 'yes') fields[f.name] = true;
        break;
      case 'year': {
        const raw = read(f.name);
        if (raw !== '') fields[f.name] = wholeNumber(raw);
        break;
      }
      case 'samagra-id':
      case 'aadhaar': {
        const raw = read(f.name).replace(/[\s-]/g, '');
        if (raw !== '') fields[f.name] = raw;
        break;
      }
      default: {
        const raw = read(f.name);
        if (raw !== '') fields[f.name] = raw;
      }
    }
  }
  return { fields, values };
}
