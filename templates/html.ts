// A tagged template for server-rendered pages: every interpolated value is HTML-escaped unless it
// is already Html (built by `html` itself), so a citizen's text can never become markup.
//   html`<p>${name}</p>`            → name escaped
//   html`<ul>${items.map(i => html`<li>${i}</li>`)}</ul>`   → arrays are joined
//   null, undefined and false render as nothing (handy for `${cond && html`…`}`).

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new Error(`html: cannot render a ${typeof value}`);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup that is trusted as it is (e.g. an SVG chart built by html`` pieces). Never user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
