// The two languages of Jan Setu. Every message a person can read is given in both.
import type { Context } from 'koa';

export const LANGUAGES = ['hi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export interface Bilingual {
  en: string;
  hi: string;
}

/** The response language: ?lang=, then the `lang` cookie, then Accept-Language, else English. */
export function negotiateLang(ctx: Context): Lang {
  const asked = ctx.query.lang;
  if (asked === 'hi' || asked === 'en') return asked;
  const cookie = ctx.cookies.get('lang');
  if (cookie === 'hi' || cookie === 'en') return cookie;
  const accepted = ctx.acceptsLanguages('en', 'hi');
  return accepted === 'hi' ? 'hi' : 'en';
}
