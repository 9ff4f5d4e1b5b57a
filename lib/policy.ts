// Policy documents: the rules that change by notification, not by release. Stored as numbered
// versions (db/policies.ts); a case is started with one version and keeps it for life.
// Pure types and helpers only, so workflow code can import them.
import type { IsoDate, WorkingDayCalendar } from './working-days';

export const POLICY_KINDS = ['service-catalogue', 'escalation-ladder', 'holiday-calendar'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** How well a value is established (../shared/domain.md): firm, reported, or a project default. */
export type Mark = 'firm' | 'reported' | 'default';

export interface Holiday {
  date: IsoDate;
  nameEn: string;
  nameHi: string;
  mark: Mark;
}

export interface HolidayCalendarPolicy {
  /** Weekly days off, 0 = Sunday … 6 = Saturday. */
  weeklyOff: number[];
  /** Years whose holiday lists are complete. */
  years: number[];
  /** Holidays declared by the state government: every district observes them. */
  state: Holiday[];
  /** Holidays each Collector declares for the district (three a year). */
  local: (Holiday & { district: string })[];
  source?: string;
}

/** The working-day calendar of one district: the state's holidays plus the district's own. */
export function districtCalendar(policy: HolidayCalendarPolicy, district: string): WorkingDayCalendar {
  return {
    district,
    years: [...policy.years],
    weeklyOff: [...policy.weeklyOff],
    holidays: [
      ...policy.state.map((h) => h.date),
      ...policy.local.filter((h) => h.district === district).map((h) => h.date),
    ],
  };
}

/** The state-wide calendar without any district's local holidays. */
export function stateCalendar(policy: HolidayCalendarPolicy): WorkingDayCalendar {
  return {
    district: 'state',
    years: [...policy.years],
    weeklyOff: [...policy.weeklyOff],
    holidays: policy.state.map((h) => h.date),
  };
}

export interface PolicyRef {
  kind: PolicyKind;
  version: number;
}
