// The CM Jansewa part of the 181 console: the four Lok Seva Guarantee services with their time limit
// when applied through 181, and the application form of the chosen one GENERATED from its field
// schema in the service catalogue. Input names are the portal form's (templates/citizen/apply.ts),
// so the posted form is read by the same readApplicationForm() into the intake's `fields`.
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
} from '../citizen/places';

const T = {
  chooseService: { en: 'Which service does the caller want?', hi: 'कॉलर को कौन-सी सेवा चाहिए?' },
  via181: { en: 'Time limit via 181', hi: '181 के माध्यम से समय-सीमा' },
  optional: { en: '(optional)', hi: '(वैकल्पिक)' },
  line: { en: 'House / street', hi: 'मकान / गली' },
  district: { en: 'District', hi: 'जिला' },
  tehsil: { en: 'Tehsil', hi: 'तहसील' },
  village: { en: 'Village or ward', hi: 'ग्राम या वार्ड' },
  rupees: { en: 'rupees a year; leave empty if none', hi: 'रुपये प्रति वर्ष; न हो तो खाली छोड़ें' },
  mobileHint: {
    en: 'The caller’s number; the receipt and every message go here.',
    hi: 'कॉलर का नंबर; पावती और सभी संदेश इसी पर जाएँगे।',
  },
  khasraHint: { en: 'e.g. 112 or 113/2', hi: 'जैसे 112 या 113/2' },
  khasrasHint: {
    en: 'one or more, separated by commas: 112, 113/2',
    hi: 'एक या अधिक, अल्पविराम से अलग: 112, 113/2',
  },
  yearHint: { en: 'four digits, e.g. 2026', hi: 'चार अंक, जैसे 2026' },
  declarationHint: {
    en: 'Read the declaration to the caller and tick it only if they agree.',
    hi: 'घोषणा कॉलर को पढ़कर सुनाएँ और उनकी सहमति होने पर ही चिह्नित करें।',
  },
  submit: { en: 'Submit application for the caller', hi: 'कॉलर की ओर से आवेदन जमा करें' },
} satisfies Record<string, Bilingual>;

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export function workingDaysText(n: number): Bilingual {
  return n === 1
    ? { en: '1 working day', hi: '1 कार्य दिवस' }
    : { en: `${n} working days`, hi: `${n} कार्य दिवस` };
}

const inputId = (name: string) => `a-${name.replace(/[^\w-]/g, '-')}`;
const errorIdOf = (name: string) => `${inputId(name)}-error`;
const labelOf = (f: FieldSpec): Bilingual => ({ en: f.labelEn, hi: f.labelHi });

function optionLabel(f: FieldSpec, option: string): Bilingual {
  if (f.name === 'gender' && ['female', 'male', 'other'].includes(option))
    return genderOf(option as 'female' | 'male' | 'other');
  if (f.name === 'basis' && ['born-in-mp', 'resident-10-years', 'married-to-resident'].includes(option))
    return residenceBasisOf(option as 'born-in-mp' | 'resident-10-years' | 'married-to-resident');
  const words = option.replace(/-/g, ' ');
  return { en: words.charAt(0).toUpperCase() + words.slice(1), hi: words };
}

function labelText(pc: PageContext, f: FieldSpec, hint?: Bilingual): Html {
  return html`${say(pc, labelOf(f))} ${!f.required && html`<span class="hint">${say(pc, T.optional)}</span>`}
  ${hint && html`<span class="hint">${say(pc, hint)}</span>`}`;
}

interface Ctx {
  pc: PageContext;
  values: FormValues;
  errors: FieldErrors;
  places: PlaceOptions;
  /** The field whose input takes the focus when the page opens. */
  focus: string | null;
}

function textInput(
  c: Ctx,
  f: FieldSpec,
  extra: {
    type?: string;
    inputmode?: string;
    maxlength?: number | undefined;
    autocomplete?: string;
    hint?: Bilingual;
  },
): Html {
  const id = inputId(f.name);
  const e = c.errors[f.name];
  return html`<div class="field" data-field="${f.name}">
    <label for="${id}">${labelText(c.pc, f, extra.hint)}</label>
    <input
      id="${id}"
      name="${f.name}"
      type="${extra.type ?? 'text'}"
      value="${c.values[f.name] ?? ''}"
      ${extra.inputmode ? html`inputmode="${extra.inputmode}"` : ''}
      ${extra.maxlength ? html`maxlength="${extra.maxlength}"` : ''}
      autocomplete="${extra.autocomplete ?? 'off'}"
      ${c.focus === f.name ? html`autofocus` : ''}
      ${invalid(e, errorIdOf(f.name))}
    />
    ${fieldError(e, errorIdOf(f.name))}
  </div>`;
}

const WIDGETS: Record<FieldType, (c: Ctx, f: FieldSpec) => Html> = {
  text: (c, f) => textInput(c, f, { maxlength: f.maxLength }),
  'samagra-id': (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 11 }),
  aadhaar: (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 14 }),
  mobile: (c, f) => textInput(c, f, { type: 'tel', inputmode: 'numeric', maxlength: 10, hint: T.mobileHint }),
  'khasra-number': (c, f) => textInput(c, f, { maxlength: 10, hint: T.khasraHint }),
  'khasra-numbers': (c, f) => textInput(c, f, { maxlength: 200, hint: T.khasrasHint }),
  year: (c, f) => textInput(c, f, { inputmode: 'numeric', maxlength: 4, hint: T.yearHint }),
  choice: (c, f) => {
    const e = c.errors[f.name];
    return html`<fieldset class="field inline-choices" data-field="${f.name}">
      <legend>${labelText(c.pc, f)}</legend>
      ${(f.options ?? []).map((o, i) => {
        const id = `${inputId(f.name)}-${i}`;
        return html`<span class="choice">
          <input
            type="radio"
            id="${id}"
            name="${f.name}"
            value="${o}"
            ${c.values[f.name] === o ? html`checked` : ''}
            ${invalid(e, errorIdOf(f.name))}
          />
          <label for="${id}">${say(c.pc, optionLabel(f, o))}</label>
        </span>`;
      })}
      ${fieldError(e, errorIdOf(f.name))}
    </fieldset>`;
  },
  consent: (c, f) => {
    const id = inputId(f.name);
    const e = c.errors[f.name];
    return html`<div class="field choice" data-field="${f.name}">
      <input
        type="checkbox"
        id="${id}"
        name="${f.name}"
        value="yes"
        ${c.values[f.name] === 'yes' ? html`checked` : ''}
        ${invalid(e, errorIdOf(f.name))}
      />
      <label for="${id}"
        >${say(c.pc, labelOf(f))} <span class="hint">${say(c.pc, T.declarationHint)}</span></label
      >
      ${fieldError(e, errorIdOf(f.name))}
    </div>`;
  },
  village: (c, f) => {
    const id = inputId(f.name);
    const e = c.errors[f.name];
    return html`<div class="field" data-field="${f.name}">
      <label for="${id}">${labelText(c.pc, f)}</label>
      ${villageSelect(c.pc, c.places, {
        id,
        name: f.name,
        selected: c.values[f.name] ?? '',
        required: f.required,
        error: e,
        errorId: errorIdOf(f.name),
      })}
      ${fieldError(e, errorIdOf(f.name))}
    </div>`;
  },
  address: (c, f) => {
    const e = c.errors[f.name];
    const errorId = errorIdOf(f.name);
    const id = (part: string) => inputId(`${f.name}.${part}`);
    const value = (part: string) => c.values[`${f.name}.${part}`] ?? '';
    return html`<fieldset class="field" data-field="${f.name}">
      <legend>${labelText(c.pc, f)}</legend>
      <label for="${id('line')}">${say(c.pc, T.line)}</label>
      <input
        id="${id('line')}"
        name="${f.name}.line"
        type="text"
        maxlength="200"
        autocomplete="off"
        value="${value('line')}"
        ${invalid(e, errorId)}
      />
      <label for="${id('district')}">${say(c.pc, T.district)}</label>
      ${districtSelect(c.pc, c.places, {
        id: id('district'),
        name: `${f.name}.district`,
        selected: value('district'),
        error: e,
        errorId,
      })}
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
    const e = c.errors[f.name];
    const errorId = errorIdOf(f.name);
    return html`<fieldset class="field income" data-field="${f.name}">
      <legend>${labelText(c.pc, f)} <span class="hint">${say(c.pc, T.rupees)}</span></legend>
      ${(f.sources ?? []).map((source) => {
        const id = inputId(`${f.name}.${source}`);
        return html`<span class="income-source">
          <label for="${id}">${say(c.pc, incomeSourceOf(source))} (₹)</label>
          <input
            id="${id}"
            name="${f.name}.${source}"
            type="text"
            inputmode="numeric"
            maxlength="12"
            autocomplete="off"
            value="${c.values[`${f.name}.${source}`] ?? ''}"
            ${invalid(e, errorId)}
          />
        </span>`;
      })}
      ${fieldError(e, errorId)}
    </fieldset>`;
  },
};

/** The four services as links, each with its time limit when applied through 181. */
export function serviceChooser(
  pc: PageContext,
  services: ServiceDefinition[],
  chosen: string | null,
  hrefOf: (s: ServiceDefinition) => string,
): Html {
  return html`<h3>${say(pc, T.chooseService)}</h3>
    <ul class="service-choice">
      ${services.map(
        (s) =>
          html`<li>
            <a
              href="${hrefOf(s)}"
              ${chosen === s.code ? html`aria-current="true"` : ''}
              data-service="${s.code}"
              >${say(pc, { en: s.nameEn, hi: s.nameHi })}</a
            >
            <span class="hint"
              >${say(pc, T.via181)}: ${say(pc, workingDaysText(s.timeLimitVia181.workingDays))}</span
            >
          </li>`,
      )}
    </ul>`;
}

/** The generated application form of `service`, posted to the console on the caller's behalf. */
export function agentApplicationForm(
  pc: PageContext,
  a: {
    service: ServiceDefinition;
    action: string;
    mobile: string;
    places: PlaceOptions;
    values: FormValues;
    errors: FieldErrors;
    idempotencyKey: string;
    autofocus: boolean;
  },
): Html {
  const first = a.service.fields[0];
  const c: Ctx = {
    pc,
    values: a.values,
    errors: a.errors,
    places: a.places,
    focus: a.autofocus && first ? first.name : null,
  };
  return html`<form
    method="post"
    action="${a.action}"
    novalidate
    id="application-form"
    data-service="${a.service.code}"
  >
    ${csrfField(pc)}
    <input type="hidden" name="idempotencyKey" value="${a.idempotencyKey}" />
    <input type="hidden" name="caller" value="${a.mobile}" />
    <p class="time-limit">
      <strong>${say(pc, T.via181)}:</strong>
      ${say(pc, workingDaysText(a.service.timeLimitVia181.workingDays))}
    </p>
    ${a.service.fields.map((f) => WIDGETS[f.type](c, f))}
    <button type="submit">${say(pc, T.submit)}</button>
  </form>`;
}

/** The id of a field's first input, for the error summary's links. */
export function applicationInputId(service: ServiceDefinition, field: string): string {
  const f = service.fields.find((x) => x.name === field);
  if (f?.type === 'address') return inputId(`${f.name}.line`);
  if (f?.type === 'income-sources') return inputId(`${f.name}.${f.sources?.[0] ?? ''}`);
  if (f?.type === 'choice') return `${inputId(f.name)}-0`;
  return inputId(field);
}
