// Form pieces of the officer's case pages: a labelled text area, choice and number field that
// keep what was typed, and show the error next to the field (aria-invalid + aria-describedby).
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { say, type PageContext } from '../layout';

/** What was sent, and the error to show by which field, when a form comes back refused. */
export interface FormState {
  /** The form: an action name, or `appeal-first` / `appeal-second`. */
  form: string;
  values: Record<string, string>;
  field: string;
  message: string;
}

export interface FieldContext {
  pc: PageContext;
  form: string;
  state: FormState | undefined;
}

const mine = (f: FieldContext) => (f.state?.form === f.form ? f.state : undefined);

export const fieldId = (form: string, name: string): string => `${form}-${name}`;

export function valueOf(f: FieldContext, name: string, fallback = ''): string {
  return mine(f)?.values[name] ?? fallback;
}

/** aria-invalid/aria-describedby attributes and the message for a field in error, or nothing. */
function errorOf(f: FieldContext, name: string): { attrs: Html | ''; message: Html | '' } {
  const s = mine(f);
  if (!s || s.field !== name) return { attrs: '', message: '' };
  const id = `${fieldId(f.form, name)}-error`;
  return {
    attrs: html`aria-invalid="true" aria-describedby="${id}"`,
    message: html`<p id="${id}" class="field-error">${s.message}</p>`,
  };
}

export function textArea(f: FieldContext, name: string, label: Bilingual, hint?: Bilingual): Html {
  const id = fieldId(f.form, name);
  const e = errorOf(f, name);
  return html`<label for="${id}"
      >${say(f.pc, label)}${hint && html` <span class="hint">${say(f.pc, hint)}</span>`}</label
    >
    <textarea id="${id}" name="${name}" required maxlength="2000" ${e.attrs}>${valueOf(f, name)}</textarea>
    ${e.message}`;
}

export function numberField(
  f: FieldContext,
  name: string,
  label: Bilingual,
  opts: { min: number; max: number; hint?: Bilingual },
): Html {
  const id = fieldId(f.form, name);
  const e = errorOf(f, name);
  return html`<label for="${id}"
      >${say(f.pc, label)}${opts.hint && html` <span class="hint">${say(f.pc, opts.hint)}</span>`}</label
    >
    <input
      id="${id}"
      name="${name}"
      type="number"
      inputmode="numeric"
      min="${opts.min}"
      max="${opts.max}"
      step="1"
      value="${valueOf(f, name)}"
      ${e.attrs}
    />
    ${e.message}`;
}

/** Radio buttons in a fieldset; the legend names the choice. */
export function radios(
  f: FieldContext,
  name: string,
  legend: Bilingual,
  options: { value: string; label: Bilingual; hint?: Bilingual | undefined }[],
  fallback = '',
): Html {
  const chosen = valueOf(f, name, fallback);
  const e = errorOf(f, name);
  return html`<fieldset ${e.attrs}>
    <legend>${say(f.pc, legend)}</legend>
    ${options.map((o) => {
      const id = fieldId(f.form, `${name}-${o.value}`);
      return html`<div class="choice">
        <input
          type="radio"
          id="${id}"
          name="${name}"
          value="${o.value}"
          ${chosen === o.value ? 'checked' : ''}
        />
        <label for="${id}"
          >${say(f.pc, o.label)}${o.hint && html` <span class="hint">${say(f.pc, o.hint)}</span>`}</label
        >
      </div>`;
    })}
    ${e.message}
  </fieldset>`;
}

export function select(
  f: FieldContext,
  name: string,
  label: Bilingual,
  options: { value: string; label: string }[],
): Html {
  const id = fieldId(f.form, name);
  const chosen = valueOf(f, name);
  const e = errorOf(f, name);
  return html`<label for="${id}">${say(f.pc, label)}</label>
    <select id="${id}" name="${name}" required ${e.attrs}>
      <option value="">—</option>
      ${options.map(
        (o) => html`<option value="${o.value}" ${chosen === o.value ? 'selected' : ''}>${o.label}</option>`,
      )}
    </select>
    ${e.message}`;
}
