// The checks a new policy version must pass before it is published from the admin console: the
// shape the workflows rely on, and values that make sense. Running cases keep their pinned version,
// so a mistake here would only hit new cases — but it would hit all of them.
import { LEVELS } from './ladder';
import type { PolicyKind } from './policy';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const wholeDays = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkLadder(body: Json, problems: string[]): void {
  const levels = body.levels;
  if (!Array.isArray(levels)) return void problems.push('levels: a list of L1..L4 is required');
  LEVELS.forEach((level, i) => {
    const rule: unknown = levels[i];
    if (!isObject(rule) || rule.level !== level)
      return void problems.push(`levels[${i}]: must be level ${level}`);
    if (rule.limitWorkingDays !== null && !wholeDays(rule.limitWorkingDays))
      problems.push(`levels[${i}].limitWorkingDays: a whole number of working days, or null for no limit`);
    if (rule.limitHours !== undefined && !positive(rule.limitHours))
      problems.push(`levels[${i}].limitHours: a number of hours above 0`);
    if (rule.onExpiry !== 'escalate' && rule.onExpiry !== 'stay')
      problems.push(`levels[${i}].onExpiry: "escalate" or "stay"`);
    if (typeof rule.role !== 'string' || !rule.role)
      problems.push(`levels[${i}].role: the role that holds the level`);
  });
  if (levels.length !== LEVELS.length) problems.push(`levels: exactly ${LEVELS.length} levels`);
  for (const key of ['manualEscalation', 'reminderAtFraction', 'feedback', 'mahila', 'cpgrams', 'grading'])
    if (!isObject(body[key])) problems.push(`${key}: required`);
  const fraction = isObject(body.reminderAtFraction) ? body.reminderAtFraction.value : undefined;
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1))
    problems.push('reminderAtFraction.value: between 0 and 1');
}

function checkCatalogue(body: Json, problems: string[]): void {
  const services = body.services;
  if (!Array.isArray(services) || services.length === 0)
    return void problems.push('services: a non-empty list');
  const codes = new Set<string>();
  services.forEach((s: unknown, i) => {
    if (!isObject(s)) return void problems.push(`services[${i}]: an object`);
    if (typeof s.code !== 'string' || !/^[A-Z]{3}$/.test(s.code))
      problems.push(`services[${i}].code: three capitals`);
    else if (codes.has(s.code)) problems.push(`services[${i}].code: ${s.code} appears twice`);
    else codes.add(s.code);
    for (const key of ['timeLimit', 'timeLimitVia181'] as const) {
      const limit = s[key];
      if (!isObject(limit) || !wholeDays(limit.workingDays) || (limit.workingDays as number) < 1)
        problems.push(`services[${i}].${key}.workingDays: a whole number of at least 1`);
    }
    if (!Array.isArray(s.fields)) problems.push(`services[${i}].fields: a list`);
    if (!Array.isArray(s.steps)) problems.push(`services[${i}].steps: a list`);
  });
  for (const key of ['appeals', 'penalty', 'applicantResponseDays', 'reminderAtFraction'])
    if (!isObject(body[key])) problems.push(`${key}: required`);
}

function checkCalendar(body: Json, problems: string[]): void {
  if (!Array.isArray(body.weeklyOff) || !body.weeklyOff.every((d) => Number.isInteger(d) && d >= 0 && d <= 6))
    problems.push('weeklyOff: days 0 (Sunday) to 6 (Saturday)');
  if (!Array.isArray(body.years) || !body.years.every((y) => Number.isInteger(y)))
    problems.push('years: the years whose holidays are complete');
  for (const key of ['state', 'local'] as const) {
    const list = body[key];
    if (!Array.isArray(list)) {
      problems.push(`${key}: a list of holidays`);
      continue;
    }
    list.forEach((h: unknown, i) => {
      if (!isObject(h) || typeof h.date !== 'string' || !ISO_DATE.test(h.date))
        problems.push(`${key}[${i}].date: YYYY-MM-DD`);
      else if (typeof h.nameEn !== 'string' || typeof h.nameHi !== 'string')
        problems.push(`${key}[${i}]: nameEn and nameHi`);
      else if (key === 'local' && typeof h.district !== 'string')
        problems.push(`${key}[${i}].district: a district code`);
    });
  }
}

/** What is wrong with a proposed policy body, as lines a person can act on; empty when it is fine. */
export function policyProblems(kind: PolicyKind, body: unknown): string[] {
  if (!isObject(body)) return ['the policy must be a JSON object'];
  const problems: string[] = [];
  if (kind === 'escalation-ladder') checkLadder(body, problems);
  else if (kind === 'service-catalogue') checkCatalogue(body, problems);
  else checkCalendar(body, problems);
  return problems;
}
