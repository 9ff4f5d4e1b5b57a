// Open311 GeoReport v2 on the wire: one document as JSON or as the spec's schemaless XML (the Spark
// convention — an array becomes one child element per item, named in ITEM_NAMES), W3C datetimes
// with the IST offset, and the spec's error list `[{ code, description }]` for every failure.
import type { Context, Next } from 'koa';
import { AppError } from '../errors';
import { negotiateLang, type Bilingual, type Lang } from '../i18n';

export type Format = 'json' | 'xml';
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The element name of one item of each list the spec defines. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

/** The format asked for by the path's extension; XML (the spec's required format) otherwise. */
export function formatOf(path: string): Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}

// Characters XML 1.0 cannot carry at all (control characters a client might have sent).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: Value, indent: string): string {
  if (value === null) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    if (value.length === 0) return `${indent}<${name}/>`;
    return [
      `${indent}<${name}>`,
      ...value.map((v) => element(item, v, `${indent}  `)),
      `${indent}</${name}>`,
    ].join('\n');
  }
  if (typeof value === 'object') {
    return [
      `${indent}<${name}>`,
      ...Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `)),
      `${indent}</${name}>`,
    ].join('\n');
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML document with `root` as its root element, preceded by the UTF-8 declaration. */
export function toXml(root: string, value: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`;
}

/** Answers with `value` in the path's format; `root` names the XML root element. */
export function respond(ctx: Context, root: string, value: Value, status = 200): void {
  ctx.status = status;
  ctx.set('Content-Language', negotiateLang(ctx));
  if (formatOf(ctx.path) === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(value);
  } else {
    ctx.type = 'text/xml; charset=utf-8';
    ctx.body = toXml(root, value);
  }
}

/** A W3C datetime in India Standard Time, e.g. 2026-12-11T23:59:59.999+05:30; null stays null. */
export function w3cIst(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(ms + 19_800_000)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/Z$/, '+05:30');
}

const W3C_DATETIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

/** Parses a W3C date or datetime (a datetime must carry its offset; a bare date is midnight IST). */
export function parseW3c(text: string): Date | null {
  if (!W3C_DATETIME.test(text)) return null;
  const date = new Date(text.includes('T') ? text : `${text}T00:00:00+05:30`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface Open311Problem {
  code: number;
  description: Bilingual;
}

/** A failure answered in the spec's format: HTTP status plus one or more `{ code, description }`. */
export class Open311Error extends Error {
  constructor(
    public readonly status: number,
    public readonly problems: Open311Problem[],
  ) {
    super(problems.map((p) => p.description.en).join(' '));
    this.name = 'Open311Error';
  }
}

export const badRequest = (...descriptions: Bilingual[]) =>
  new Open311Error(
    400,
    descriptions.map((description) => ({ code: 400, description })),
  );
export const forbidden = (description: Bilingual) => new Open311Error(403, [{ code: 403, description }]);
export const notFound = (description: Bilingual) => new Open311Error(404, [{ code: 404, description }]);

const INTERNAL: Bilingual = {
  en: 'The Open311 service failed on our side. Please try again in a minute; tell us if it persists.',
  hi: 'Open311 सेवा में हमारी ओर से त्रुटि हुई। कृपया एक मिनट बाद फिर प्रयास करें; बार-बार हो तो हमें बताएँ।',
};

function toOpen311Error(err: unknown): Open311Error | null {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const problems = err.details?.length
      ? err.details.map((d) => ({ code: err.status, description: d.message }))
      : [{ code: err.status, description: err.messages }];
    return new Open311Error(err.status, problems);
  }
  // Koa's and the body parser's own client errors (a body that is not JSON, one too large).
  const status = (err as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (err as Error).message;
    return new Open311Error(status, [
      { code: status, description: { en: message, hi: `अनुरोध सही नहीं है: ${message}` } },
    ]);
  }
  return null;
}

/** First middleware of the Open311 routes: every error leaves in the spec's format, never as HTML. */
export async function open311Errors(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    const known = toOpen311Error(err);
    const lang: Lang = negotiateLang(ctx);
    const failure = known ?? new Open311Error(500, [{ code: 500, description: INTERNAL }]);
    respond(
      ctx,
      'errors',
      failure.problems.map((p) => ({ code: p.code, description: p.description[lang] })),
      failure.status,
    );
    if (!known) ctx.app.emit('error', err, ctx);
  }
}
