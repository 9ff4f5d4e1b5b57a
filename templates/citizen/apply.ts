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
  inputId,
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

export function workingDaysText(n: number): Bilingual {
  return n === 1
    ? { en: '1 working day', hi: '1 कार्य दिवस' }
    : { en: `${n} working days`, hi: `${n} कार्य दिवस` };
}

export function timeLimitText(service: ServiceDefinition): Bilingual {
  const web = workingDaysText(service.timeLimit.workingDays);
  const via181 = workingDaysText(service.timeLimitVia181.workingDays);
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

/** How a page draws the generated fields: the portal for the signed-in citizen, or the 181 console. */
export interface FieldOptions {
  /** Prefix of the input ids: "f" on the portal, "a" in the 181 console. */
  idPrefix: string;
  /** The hint next to a mobile field: whose number it is and what goes there. */
  mobileHint: Bilingual;
  /** The mobile cannot be changed (the portal's is the signed-in number). */
  mobileReadonly?: boolean;
  /** A hint after a declaration's label (the console reads the declaration out to the caller). */
  consentHint?: Bilingual;
  /** The field whose input takes the focus when the page opens. */
  focus?: string | null;
  /** An agent types for a caller: no browser autofill, and choices and incomes on one line. */
  forCaller?: boolean;
}

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

/** What every widget of one form reads. */
interface Ctx {
  pc: PageContext;
  values: FormValues;
  errors: FieldErrors;
  places: PlaceOptions;
  o: FieldOptions;
  id: (name: string) => string;
}

function labelText(pc: PageContext, field: FieldSpec, hint?: Bilingual): Html {
  return html`${say(pc, labelOf(field))}
  ${!field.required && html`<span class="hint">${say(pc, T.optional)}</span>`}
  ${hint && html`<span class="hint">${say(pc, hint)}</span>`}`;
}

/** A single-line input: text, numbers written as text (IDs keep leading zeros), year, mobile. */
function textInput(
  c: Ctx,
  field: FieldSpec,
  extra: {
    type?: string;
    inputmode?: string;
    maxlength?: number | undefined;
    autocomplete?: string;
    hint?: Bilingual;
    readonly?: boolean;
  },
): Html {
  const id = c.id(field.name);
  const errorId = `${id}-error`;
  const error = c.errors[field.name];
  return html`<div class="field" data-field="${field.name}">
    <label for="${id}">${labelText(c.pc, field, extra.hint)}</label>
    <input
      id="${id}"
      name="${field.name}"
      type="${extra.type ?? 'text'}"
      value="${c.values[field.name] ?? ''}"
      ${extra.inputmode ? html`inputmode="${extra.inputmode}"` : ''}
      ${extra.maxlength ? html`maxlength="${extra.maxlength}"` : ''}
      autocomplete="${(!c.o.forCaller && extra.autocomplete) || 'off'}"
      ${field.required ? html`required` : ''}
      ${extra.readonly ? html`readonly` : ''}
      ${c.o.focus === field.name ? html`autofocus` : ''}
      ${invalid(error, errorId)}
    />
    ${fieldError(error, errorId)}
  </div>`;
}

const WIDGETS: Record<FieldType, (c: Ctx, f: FieldSpec) => Html> = {
  text: (c, f) =>
    textInput(c, f, {
      maxlength: f.maxLength,
      autocomplete: f.name === 'applicantName' ? 'name' : 'off',
    }),
  'samagra-id': (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 11, hint: T.masked }),
  aadhaar: (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 14, hint: T.masked }),
  mobile: (c, f) =>
    textInput(c, f, {
      type: 'tel',
      inputmode: 'numeric',
      maxlength: 10,
      hint: c.o.mobileHint,
      readonly: c.o.mobileReadonly ?? false,
    }),
  'khasra-number': (c, f) => textInput(c, f, { maxlength: 10, hint: T.khasraHint }),
  'khasra-numbers': (c, f) => textInput(c, f, { maxlength: 200, hint: T.khasrasHint }),
  year: (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 4, hint: T.yearHint }),
  choice: (c, f) => {
    const errorId = `${c.id(f.name)}-error`;
    const e = c.errors[f.name];
    return html`<fieldset
      class="field${c.o.forCaller ? ' inline-choices' : ''}"
      data-field="${f.name}"
      ${e ? html`aria-describedby="${errorId}"` : ''}
    >
      <legend>${labelText(c.pc, f)}</legend>
      ${(f.options ?? []).map((o, i) => {
        const id = `${c.id(f.name)}-${i}`;
        return html`<div class="choice">
          <input
            type="radio"
            id="${id}"
            name="${f.name}"
            value="${o}"
            ${c.values[f.name] === o ? html`checked` : ''}
            ${f.required ? html`required` : ''}
            ${invalid(e, errorId)}
          />
          <label for="${id}">${say(c.pc, optionLabel(f, o))}</label>
        </div>`;
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
  consent: (c, f) => {
    const id = c.id(f.name);
    const errorId = `${id}-error`;
    const e = c.errors[f.name];
    return html`<div class="field choice" data-field="${f.name}">
      <input
        type="checkbox"
        id="${id}"
        name="${f.name}"
        value="yes"
        ${c.values[f.name] === 'yes' ? html`checked` : ''}
        ${f.required ? html`required` : ''}
        ${invalid(e, errorId)}
      />
      <label for="${id}"
        >${say(c.pc, labelOf(f))}${c.o.consentHint && html` <span class="hint">${say(c.pc, c.o.consentHint)}</span>`}</label
      >
      ${fieldError(e, errorId)}
    </div>`;
  },
  village: (c, f) => {
    const id = c.id(f.name);
    const errorId = `${id}-error`;
    const e = c.errors[f.name];
    return html`<div class="field" data-field="${f.name}">
      <label for="${id}">${labelText(c.pc, f)}</label>
      ${villageSelect(c.pc, c.places, { id, name: f.name, selected: c.values[f.name] ?? '', required: f.required, error: e, errorId })}
      ${fieldError(e, errorId)}
    </div>`;
  },
  address: (c, f) => {
    const errorId = `${c.id(f.name)}-error`;
    const e = c.errors[f.name];
    const id = (part: string) => c.id(`${f.name}.${part}`);
    const value = (part: string) => c.values[`${f.name}.${part}`] ?? '';
    return html`<fieldset class="field" data-field="${f.name}">
      <legend>${labelText(c.pc, f)}</legend>
      <label for="${id('line')}">${say(c.pc, T.line)}</label>
      <input
        id="${id('line')}"
        name="${f.name}.line"
        type="text"
        maxlength="200"
        autocomplete="${c.o.forCaller ? 'off' : 'address-line1'}"
        value="${value('line')}"
        ${f.required ? html`required` : ''}
        ${invalid(e, errorId)}
      />
      <label for="${id('district')}">${say(c.pc, T.district)}</label>
      ${districtSelect(c.pc, c.places, { id: id('district'), name: `${f.name}.district`, selected: value('district'), error: e, errorId })}
      <label for="${id('tehsil')}">${say(c.pc, T.tehsil)}</label>
      ${tehsilSelect(c.pc, c.places, {
        id: id('tehsil'),
        name: `${f.name}.tehsil`,
        selected: value('tehsil'),
        required: true,
        error: e,
        errorId,
      })}
      <label for="${id('village')}">${say(c.pc, T.village)}</label>
      ${villageSelect(c.pc, c.places, {
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
  'income-sources': (c, f) => {
    const errorId = `${c.id(f.name)}-error`;
    const e = c.errors[f.name];
    return html`<fieldset class="field${c.o.forCaller ? ' income' : ''}" data-field="${f.name}">
      <legend>${labelText(c.pc, f)} <span class="hint">${say(c.pc, T.rupees)}</span></legend>
      ${(f.sources ?? []).map((source) => {
        const id = c.id(`${f.name}.${source}`);
        const input = html`<label for="${id}">${say(c.pc, incomeSourceOf(source))} (₹)</label>
          <input
            id="${id}"
            name="${f.name}.${source}"
            type="text"
            inputmode="numeric"
            maxlength="12"
            autocomplete="off"
            value="${c.values[`${f.name}.${source}`] ?? ''}"
            ${invalid(e, errorId)}
          />`;
        return c.o.forCaller ? html`<span class="income-source">${input}</span>` : input;
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
};

/**
 * The inputs of `service`'s application form, generated from its field schema. Their names are
 * what readApplicationForm() reads, whichever page (portal or 181 console) the form is on.
 */
export function applicationFields(
  pc: PageContext,
  a: { service: ServiceDefinition; places: PlaceOptions; values: FormValues; errors: FieldErrors },
  o: FieldOptions,
): Html[] {
  const c: Ctx = {
    pc,
    values: a.values,
    errors: a.errors,
    places: a.places,
    o,
    id: (n) => inputId(o.idPrefix, n),
  };
  return a.service.fields.map((f) => WIDGETS[f.type](c, f));
}

/** The id of a field's first input (for links to it from an error summary). */
export function applicationInputId(service: ServiceDefinition, field: string, idPrefix: string): string {
  const f = service.fields.find((x) => x.name === field);
  if (f?.type === 'address') return inputId(idPrefix, `${f.name}.line`);
  if (f?.type === 'income-sources') return inputId(idPrefix, `${f.name}.${f.sources?.[0] ?? ''}`);
  if (f?.type === 'choice') return `${inputId(idPrefix, f.name)}-0`;
  return inputId(idPrefix, field);
}

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
      ${applicationFields(pc, a, { idPrefix: 'f', mobileHint: T.mobileHint, mobileReadonly: true })}
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
