// Working days (कार्य दिवस) by a district's calendar: the unit every statutory time limit is counted in.
// Pure and deterministic (no clock, no I/O, no Node modules), so workflow code may import it too.

/** A calendar date 'YYYY-MM-DD' as the office counts it (India Standard Time), with no time of day. */
export type IsoDate = string;

/** The days a district's offices are shut, as loaded from the holiday-calendar policy. */
export interface WorkingDayCalendar {
  /** District code; a calendar is per district because each Collector declares local holidays. */
  district: string;
  /** Years whose holidays are loaded. Counting into any other year throws instead of guessing. */
  years: number[];
  /** Weekly days off, 0 = Sunday … 6 = Saturday (MP offices: Saturday and Sunday). */
  weeklyOff: number[];
  /** State declared holidays and the district's local holidays. */
  holidays: IsoDate[];
}

export class CalendarRangeError extends Error {
  constructor(
    public readonly district: string,
    public readonly year: number,
  ) {
    super(`the working-day calendar of ${district} has no holidays loaded for ${year}`);
    this.name = 'CalendarRangeError';
  }
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws on anything else (e.g. 2026-02-30). */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

function checker(calendar: WorkingDayCalendar): (day: number) => boolean {
  const holidays = new Set(calendar.holidays.map(dayNumber));
  const years = new Set(calendar.years);
  const weeklyOff = new Set(calendar.weeklyOff);
  return (day) => {
    const year = new Date(day * MS_PER_DAY).getUTCFullYear();
    if (!years.has(year)) throw new CalendarRangeError(calendar.district, year);
    return !weeklyOff.has((((day + 4) % 7) + 7) % 7) && !holidays.has(day);
  };
}

export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar): boolean {
  return checker(calendar)(dayNumber(date));
}

/**
 * The due date of a limit of `days` working days counted from `from` (the day of receipt).
 * The day of receipt does not count, so 1 working day from a Friday is the next Monday
 * (or the first working day after it). A limit of 0 is due the same day.
 */
export function addWorkingDays(from: IsoDate, days: number, calendar: WorkingDayCalendar): IsoDate {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const working = checker(calendar);
  let day = dayNumber(from);
  for (let left = days; left > 0;) {
    day += 1;
    if (working(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Working days d with from < d ≤ to (0 when to ≤ from): e.g. the days of delay past a due date. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): number {
  const working = checker(calendar);
  let count = 0;
  for (let day = dayNumber(from) + 1, end = dayNumber(to); day <= end; day += 1) {
    if (working(day)) count += 1;
  }
  return count;
}

/** How many working days a calendar year has in this district. */
export function workingDaysInYear(year: number, calendar: WorkingDayCalendar): number {
  const working = checker(calendar);
  let count = 0;
  for (let day = dayNumber(`${year}-01-01`), end = dayNumber(`${year}-12-31`); day <= end; day += 1) {
    if (working(day)) count += 1;
  }
  return count;
}

/** India Standard Time is UTC+05:30 all year (no daylight saving), so a fixed offset is exact. */
const IST_OFFSET_MS = 330 * 60_000;

/** The calendar date in India at an instant (epoch milliseconds). */
export function istDate(epochMs: number): IsoDate {
  return new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a date in India: a limit due on that date is breached after it. */
export function endOfDayIst(date: IsoDate): number {
  return (dayNumber(date) + 1) * MS_PER_DAY - IST_OFFSET_MS - 1;
}
