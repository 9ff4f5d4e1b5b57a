// The CM Jansewa part of the 181 console: the four Lok Seva Guarantee services with their time limit
// when applied through 181, and the application form of the chosen one GENERATED from its field
// schema in the service catalogue. Input names are the portal form's (templates/citizen/apply.ts),
// so the posted form is read by the same readApplicationForm() into the intake's `fields`.
import type { ServiceDefinition } from '../../lib/catalogue';
import type { Bilingual } from '../../server/i18n';
import { html, type Html } from '../html';
import { csrfField, say, type PageContext } from '../layout';
import {
  applicationFields,
  applicationInputId,
  workingDaysText,
  type FieldErrors,
  type FieldOptions,
  type FormValues,
} from '../citizen/apply';
import type { PlaceOptions } from '../citizen/places';

const T = {
  chooseService: { en: 'Which service does the caller want?', hi: 'कॉलर को कौन-सी सेवा चाहिए?' },
  via181: { en: 'Time limit via 181', hi: '181 के माध्यम से समय-सीमा' },
  mobileHint: {
    en: 'The caller’s number; the receipt and every message go here.',
    hi: 'कॉलर का नंबर; पावती और सभी संदेश इसी पर जाएँगे।',
  },
  declarationHint: {
    en: 'Read the declaration to the caller and tick it only if they agree.',
    hi: 'घोषणा कॉलर को पढ़कर सुनाएँ और उनकी सहमति होने पर ही चिह्नित करें।',
  },
  submit: { en: 'Submit application for the caller', hi: 'कॉलर की ओर से आवेदन जमा करें' },
} satisfies Record<string, Bilingual>;

/** The console's look of the generated fields: "a-" ids, the caller's mobile, the declaration read out. */
const CONSOLE_FIELDS: FieldOptions = {
  idPrefix: 'a',
  mobileHint: T.mobileHint,
  consentHint: T.declarationHint,
  forCaller: true,
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
    ${applicationFields(pc, a, { ...CONSOLE_FIELDS, focus: a.autofocus && first ? first.name : null })}
    <button type="submit">${say(pc, T.submit)}</button>
  </form>`;
}

/** The id of a field's first input, for the error summary's links. */
export function consoleInputId(service: ServiceDefinition, field: string): string {
  return applicationInputId(service, field, CONSOLE_FIELDS.idPrefix);
}
