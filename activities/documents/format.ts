// How dates, instants, money and areas read on a document: the forms MP revenue offices print.
import type { IsoDate } from '../../lib/working-days';

const IST_OFFSET_MS = 330 * 60_000;

/** 2026-03-15 → 15-03-2026, the day-first form every Indian office reads. */
export function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
}

/** An instant as the office clock showed it: 15-03-2026 14:05 IST. */
export function formatInstantIst(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${instant}`);
  const ist = new Date(ms + IST_OFFSET_MS).toISOString(); // shifted so its UTC fields are IST
  return `${formatDate(ist.slice(0, 10))} ${ist.slice(11, 16)} IST`;
}

const indianGrouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** ₹ 1,20,000: lakh grouping. */
export function formatRupees(amount: number): string {
  return `₹ ${indianGrouping.format(amount)}`;
}

/** Areas in hectares to three places, as khasra entries are kept. */
export function formatHectare(area: number): string {
  return area.toFixed(3);
}
