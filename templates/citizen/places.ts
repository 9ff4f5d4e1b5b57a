// Place pickers for the citizen forms: a district select, and tehsil / block / village selects
// listing every place grouped (<optgroup>) by the district or tehsil it lies in. Server-rendered
// and complete, so they work without JavaScript; the validators check that the choices fit.
import type { Bilingual, Lang } from '../../server/i18n';
import { html, type Html } from '../html';
import { say } from '../layout';

export interface Place {
  code: string;
  nameEn: string;
  nameHi: string;
}

export interface PlaceOptions {
  districts: Place[];
  tehsils: (Place & { district: string })[];
  blocks: (Place & { district: string })[];
  villages: (Place & { tehsil: string })[];
}

export const placeName = (lang: Lang, p: Place): string => (lang === 'hi' ? p.nameHi : p.nameEn);

/** The id of a form's input: its name after the form's prefix ("f-citizen-name", "c-place-district"). */
export const inputId = (prefix: string, name: string): string => `${prefix}-${name.replace(/[^\w-]/g, '-')}`;

const OPTIONAL = { en: '(optional)', hi: '(वैकल्पिक)' };

/** An input's label, marked optional and with a hint where asked. */
export function fieldLabel(
  pc: { lang: Lang },
  id: string,
  text: Bilingual,
  opts: { optional?: boolean; hint?: Bilingual } = {},
): Html {
  return html`<label for="${id}"
    >${say(pc, text)} ${opts.optional && html`<span class="hint">${say(pc, OPTIONAL)}</span>`}
    ${opts.hint && html`<span class="hint">${say(pc, opts.hint)}</span>`}</label
  >`;
}

/** Attributes of an input whose error message is `errorId` (or none when there is no error). */
export function invalid(error: string | undefined, errorId: string): Html {
  return error ? html`aria-invalid="true" aria-describedby="${errorId}"` : html``;
}

export function fieldError(error: string | undefined, errorId: string): Html {
  return error ? html`<p id="${errorId}" class="field-error">${error}</p>` : html``;
}

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}" ${value === selected ? html`selected` : ''}>${label}</option>`;
}

/** A select of places grouped under their parents (districts or tehsils), with a first empty choice. */
function groupedSelect(
  pc: { lang: Lang },
  a: {
    id: string;
    name: string;
    selected: string;
    empty: string;
    required: boolean;
    error?: string | undefined;
    errorId: string;
    groups: { label: string; items: Place[] }[];
  },
): Html {
  return html`<select
    id="${a.id}"
    name="${a.name}"
    ${a.required ? html`required` : ''}
    ${invalid(a.error, a.errorId)}
  >
    ${option('', a.empty, a.selected)}
    ${a.groups
      .filter((g) => g.items.length > 0)
      .map(
        (g) =>
          html`<optgroup label="${g.label}">
            ${g.items.map((p) => option(p.code, placeName(pc.lang, p), a.selected))}
          </optgroup>`,
      )}
  </select>`;
}

const CHOOSE = { en: '— choose —', hi: '— चुनें —' };
const NOT_SURE = { en: '— not sure / not applicable —', hi: '— पता नहीं / लागू नहीं —' };

export function districtSelect(
  pc: { lang: Lang },
  places: PlaceOptions,
  a: { id: string; name: string; selected: string; error?: string | undefined; errorId: string },
): Html {
  return html`<select id="${a.id}" name="${a.name}" required ${invalid(a.error, a.errorId)}>
    ${option('', say(pc, CHOOSE), a.selected)}
    ${places.districts.map((d) => option(d.code, placeName(pc.lang, d), a.selected))}
  </select>`;
}

function byDistrict<T extends { district: string }>(pc: { lang: Lang }, places: PlaceOptions, items: T[]) {
  return places.districts.map((d) => ({
    label: placeName(pc.lang, d),
    items: items.filter((i) => i.district === d.code),
  }));
}

export function tehsilSelect(
  pc: { lang: Lang },
  places: PlaceOptions,
  a: {
    id: string;
    name: string;
    selected: string;
    required: boolean;
    error?: string | undefined;
    errorId: string;
  },
): Html {
  return groupedSelect(pc, {
    ...a,
    empty: say(pc, a.required ? CHOOSE : NOT_SURE),
    groups: byDistrict(pc, places, places.tehsils),
  });
}

export function blockSelect(
  pc: { lang: Lang },
  places: PlaceOptions,
  a: { id: string; name: string; selected: string; error?: string | undefined; errorId: string },
): Html {
  return groupedSelect(pc, {
    ...a,
    required: false,
    empty: say(pc, NOT_SURE),
    groups: byDistrict(pc, places, places.blocks),
  });
}

/** Villages and wards grouped by "tehsil, district". */
export function villageSelect(
  pc: { lang: Lang },
  places: PlaceOptions,
  a: {
    id: string;
    name: string;
    selected: string;
    required: boolean;
    error?: string | undefined;
    errorId: string;
  },
): Html {
  const districtOf = new Map(places.districts.map((d) => [d.code, d]));
  return groupedSelect(pc, {
    ...a,
    empty: say(pc, a.required ? CHOOSE : NOT_SURE),
    groups: places.tehsils.map((t) => {
      const d = districtOf.get(t.district);
      return {
        label: d ? `${placeName(pc.lang, t)}, ${placeName(pc.lang, d)}` : placeName(pc.lang, t),
        items: places.villages.filter((v) => v.tehsil === t.code),
      };
    }),
  });
}
