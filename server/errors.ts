// Errors a route may throw, and the one middleware that turns every error into a clear answer:
// a status, a stable code, and a message in the response's language (both languages included).
import type { Context, Next } from 'koa';
import { NotFoundError, UniqueViolationError, ValidationError } from 'objection';
import { html } from '../templates/html';
import { layout, type PageContext } from '../templates/layout';
import { negotiateLang, type Bilingual } from './i18n';

export interface FieldProblem {
  field: string;
  message: Bilingual;
}

export class AppError extends Error {
  /** With 429/503: when to try again, sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;

  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly messages: Bilingual,
    public readonly details?: FieldProblem[],
  ) {
    super(messages.en);
    this.name = 'AppError';
  }
}

export class BadRequest extends AppError {
  constructor(messages: Bilingual, details?: FieldProblem[], code = 'bad_request') {
    super(400, code, messages, details);
  }
}

export class NotFound extends AppError {
  constructor(messages: Bilingual, code = 'not_found') {
    super(404, code, messages);
  }
}

export class Conflict extends AppError {
  constructor(messages: Bilingual, code = 'conflict') {
    super(409, code, messages);
  }
}

/** 429 with `Retry-After`: the caller may try again after `seconds`. */
export class TooManyRequests extends AppError {
  constructor(messages: Bilingual, code: string, seconds: number) {
    super(429, code, messages);
    this.retryAfterSeconds = seconds;
  }
}

export class ServiceUnavailable extends AppError {
  constructor(messages: Bilingual, code = 'unavailable') {
    super(503, code, messages);
  }
}

const INTERNAL: Bilingual = {
  en: 'Something went wrong on our side. Please try again in a minute.',
  hi: 'हमारी ओर से कोई समस्या हुई। कृपया एक मिनट बाद फिर से प्रयास करें।',
};

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof ValidationError) {
    return new BadRequest(
      { en: 'Some fields are not valid.', hi: 'कुछ जानकारी सही नहीं है।' },
      undefined,
      'validation_failed',
    );
  }
  if (err instanceof NotFoundError) return new NotFound({ en: 'Not found.', hi: 'नहीं मिला।' });
  if (err instanceof UniqueViolationError) {
    return new Conflict({ en: 'This already exists.', hi: 'यह पहले से मौजूद है।' });
  }
  // Koa's own client errors (e.g. a body that is not JSON, one that is too large).
  const status = (err as { status?: number; expose?: boolean }).status;
  if (status === 413) return tooLarge((err as { limit?: number }).limit);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (err as Error).message;
    return new AppError(status, 'bad_request', { en: message, hi: `अनुरोध सही नहीं है: ${message}` });
  }
  return undefined;
}

/** 413 for a body over a parser's limit (given in bytes when known). */
export function tooLarge(limitBytes?: number): AppError {
  const size =
    limitBytes === undefined
      ? undefined
      : limitBytes >= 1024 * 1024
        ? `${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MB`
        : `${Math.round(limitBytes / 1024)} kB`;
  return new AppError(
    413,
    'too_large',
    size
      ? {
          en: `The request is too large: at most ${size} is accepted here.`,
          hi: `अनुरोध बहुत बड़ा है: यहाँ अधिकतम ${size} स्वीकार है।`,
        }
      : { en: 'The request is too large.', hi: 'अनुरोध बहुत बड़ा है।' },
  );
}

export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new NotFound({ en: `There is no page at ${ctx.path}.`, hi: `${ctx.path} पर कोई पृष्ठ नहीं है।` });
    }
    // The router's allowedMethods() answers 405 (or 501 for a method it does not know, such as
    // TRACE) with an Allow header and no body: the path exists, so it is 405 with the JSON shape.
    if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
      const allow = ctx.response.get('Allow');
      throw new AppError(405, 'method_not_allowed', {
        en: `${ctx.method} is not allowed on ${ctx.path}${allow ? `; use ${allow}` : ''}.`,
        hi: `${ctx.path} पर ${ctx.method} की अनुमति नहीं है${allow ? `; ${allow} का उपयोग करें` : ''}।`,
      });
    }
  } catch (err) {
    const appError = toAppError(err);
    const lang = negotiateLang(ctx);
    const status = appError?.status ?? 500;
    const messages = appError?.messages ?? INTERNAL;
    ctx.status = status;
    ctx.set('Content-Language', lang);
    if (appError?.retryAfterSeconds)
      ctx.set('Retry-After', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
    if (wantsPage(ctx)) {
      ctx.type = 'html';
      ctx.body = errorPage(ctx, lang, status, messages, appError?.details);
    } else
      ctx.body = {
        error: {
          code: appError?.code ?? 'internal',
          message: messages[lang],
          messages,
          ...(appError?.details
            ? { details: appError.details.map((d) => ({ ...d, text: d.message[lang] })) }
            : {}),
        },
      };
    if (!appError) ctx.app.emit('error', err, ctx);
  }
}

/** Browsers asking for a page get an HTML error page; API clients get JSON. */
function wantsPage(ctx: Context): boolean {
  return !ctx.path.startsWith('/api/') && ctx.accepts(['json', 'html']) === 'html';
}

const TITLES: Record<number, Bilingual> = {
  403: { en: 'Not allowed', hi: 'अनुमति नहीं है' },
  404: { en: 'Not found', hi: 'नहीं मिला' },
};

function errorPage(
  ctx: Context,
  lang: 'hi' | 'en',
  status: number,
  messages: Bilingual,
  details?: FieldProblem[],
): string {
  const pc: PageContext = (ctx.state.page as PageContext | undefined) ?? {
    lang,
    viewer: null,
    csrf: '',
    here: ctx.path,
  };
  const title =
    TITLES[status] ??
    (status >= 500 ? { en: 'Sorry', hi: 'क्षमा करें' } : { en: 'Please check', hi: 'कृपया जाँचें' });
  return layout(
    { ...pc, flash: undefined },
    title,
    html`<p class="flash error" role="alert">${messages[pc.lang]}</p>
      ${
        details?.length
          ? html`<ul>
              ${details.map((d) => html`<li>${d.message[pc.lang]}</li>`)}
            </ul>`
          : ''
      }
      <p><a href="/">${pc.lang === 'hi' ? 'मुख्य पृष्ठ पर जाएँ' : 'Go to the home page'}</a></p>`,
  );
}
