// Dates and time limits as every page shows them (citizen, officer, 181 agent, admin): dates in the
// reader's language (India time), "days left", and the on-time / at-risk / breached badge (a word,
// not only a colour).
import type { Bilingual, Lang } from '../server/i18n';
import { dayNumber, istDate, type IsoDate } from '../lib/working-days';
import { html, type Html } from './html';
import { say } from './layout';

export type Badge = 'on-time' | 'at-risk' | 'breached';

export const locale = (lang: Lang): string => (lang === 'hi' ? 'hi-IN' : 'en-IN');

/** "3 Dec 2026" / "3 दिस॰ 2026" for a calendar date (YYYY-MM-DD, as offices count it); '—' for none. */
export function formatDate(lang: Lang, isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const d = new Date(`${isoDate.slice(0, 10)}T12:00:00+05:30`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'Asia/Kolkata' }).format(d);
}

/** "3 Dec 2026, 2:05 pm" in India time, for an instant; '—' for none. */
export function formatDateTime(lang: Lang, at: string | Date | null | undefined): string {
  if (!at) return '—';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Kolkata',
  }).format(d);
}

const TO_THE_SECOND: Record<Lang, Intl.DateTimeFormat> = {
  en: toTheSecond('en-IN'),
  hi: toTheSecond('hi-IN'),
};

function toTheSecond(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Kolkata',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** "03 Dec 2026, 14:05:09" in India time: for histories and logs, where seconds matter. */
export function formatInstant(lang: Lang, at: string | Date): string {
  return TO_THE_SECOND[lang].format(at instanceof Date ? at : new Date(at));
}

/** A date column as PostgreSQL/Knex gives it (Date at local midnight, or text) → YYYY-MM-DD. */
export function isoDateOf(value: unknown): IsoDate {
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

/** Where a case stands against its time limit, worked out from its due date in India time. */
export interface DueInfo {
  date: IsoDate;
  /** Calendar days from today (India) to the due date; negative once it has passed. */
  daysLeft: number;
  /** The clock is stopped (waiting for the applicant/citizen, or for the fee). */
  paused: boolean;
  /** Nothing is pending any more (delivered, rejected, closed). */
  final: boolean;
  badge: Badge;
}

export function dueInfo(p: {
  dueDate: IsoDate | null;
  receivedOn: IsoDate;
  breached: boolean;
  paused: boolean;
  final: boolean;
  today?: IsoDate;
}): DueInfo | null {
  if (!p.dueDate) return null;
  const today = p.today ?? istDate(Date.now());
  const daysLeft = dayNumber(p.dueDate) - dayNumber(today);
  const span = Math.max(1, dayNumber(p.dueDate) - dayNumber(p.receivedOn));
  const used = (dayNumber(today) - dayNumber(p.receivedOn)) / span;
  const badge: Badge =
    p.breached || (!p.final && !p.paused && daysLeft < 0)
      ? 'breached'
      : !p.final && !p.paused && (daysLeft <= 1 || used >= 0.75)
        ? 'at-risk'
        : 'on-time';
  return { date: p.dueDate, daysLeft, paused: p.paused, final: p.final, badge };
}

/** The badge's words for citizens and callers ("Due soon")… */
export const DUE_BADGE: Record<Badge, Bilingual> = {
  'on-time': { en: 'On time', hi: 'समय पर' },
  'at-risk': { en: 'Due soon', hi: 'समय-सीमा निकट' },
  breached: { en: 'Time limit passed', hi: 'समय-सीमा पार' },
};

/** …and for the officers who have to act ("At risk"). */
export const TIMELINESS: Record<Badge, Bilingual> = {
  'on-time': { en: 'On time', hi: 'समय पर' },
  'at-risk': { en: 'At risk', hi: 'जोखिम में' },
  breached: { en: 'Time limit passed', hi: 'समय-सीमा पार' },
};

/** The on-time / at-risk / breached badge (nothing when there is no time limit). */
export function badge(
  pc: { lang: Lang },
  b: Badge | null | undefined,
  words: Record<Badge, Bilingual> = DUE_BADGE,
): Html {
  if (!b) return html``;
  return html`<span class="badge ${b}">${say(pc, words[b])}</span>`;
}

/** "3 days left", "Due today", "Overdue by 2 days" (calendar days, India time). */
export function daysLeftText(pc: { lang: Lang }, days: number | null): string {
  if (days === null) return say(pc, { en: 'No time limit now', hi: 'अभी कोई समय-सीमा नहीं' });
  if (days === 0) return say(pc, { en: 'Due today', hi: 'आज देय' });
  if (days > 0)
    return say(pc, {
      en: days === 1 ? '1 day left' : `${days} days left`,
      hi: `${days} दिन शेष`,
    });
  const late = -days;
  return say(pc, {
    en: late === 1 ? 'Overdue by 1 day' : `Overdue by ${late} days`,
    hi: `${late} दिन की देरी`,
  });
}

/** A case's days left for its owner (or the agent on the call): also "clock stopped", "completed". */
export function dueText(pc: { lang: Lang }, due: DueInfo | null): string {
  if (!due) return '—';
  if (due.final) return say(pc, { en: 'Completed', hi: 'पूर्ण' });
  if (due.paused)
    return say(pc, { en: 'Clock stopped while waiting for you', hi: 'आपके उत्तर तक समय-गणना रुकी है' });
  return daysLeftText(pc, due.daysLeft);
}

/** Days left and the badge, as the citizen's and the agent's lists and case pages show them. */
export function dueSummary(pc: { lang: Lang }, due: DueInfo | null): Html {
  return html`${dueText(pc, due)} ${badge(pc, due?.badge)}`;
}
