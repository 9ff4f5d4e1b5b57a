// Penalty on a designated officer under the Lok Seva Guarantee Act, paid to the applicant as
// compensation: per working day of delay up to a cap, or a lump sum for failure without cause.
import type { PenaltyRules } from './catalogue';

export type PenaltyOrder =
  { kind: 'delay'; daysOfDelay: number } | { kind: 'lump-sum'; amountRupees: number };

export class PenaltyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PenaltyError';
  }
}

/** ₹ per working day of delay (₹250/day), never more than the cap (₹5,000). */
export function delayPenaltyRupees(daysOfDelay: number, rules: PenaltyRules): number {
  if (!Number.isInteger(daysOfDelay) || daysOfDelay < 0) {
    throw new PenaltyError(`days of delay must be a whole number ≥ 0, got ${daysOfDelay}`);
  }
  return Math.min(daysOfDelay * rules.perDayOfDelayRupees, rules.maxForDelayRupees);
}

/** The amount an order imposes; a lump sum outside the rules' range (₹500–₹5,000) is refused. */
export function penaltyAmountRupees(order: PenaltyOrder, rules: PenaltyRules): number {
  if (order.kind === 'delay') return delayPenaltyRupees(order.daysOfDelay, rules);
  const { amountRupees } = order;
  if (
    !Number.isInteger(amountRupees) ||
    amountRupees < rules.lumpSumMinRupees ||
    amountRupees > rules.lumpSumMaxRupees
  ) {
    throw new PenaltyError(
      `a lump-sum penalty must be whole rupees from ${rules.lumpSumMinRupees} to ${rules.lumpSumMaxRupees}, got ${amountRupees}`,
    );
  }
  return amountRupees;
}
