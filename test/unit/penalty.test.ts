import { expect } from 'chai';
import { delayPenaltyRupees, PenaltyError, penaltyAmountRupees } from '../../lib/penalty';
import { catalogue } from '../helpers/applications';

const rules = catalogue.penalty;

describe('penalty on the designated officer (Lok Seva Guarantee Act)', () => {
  it('is ₹250 per working day of delay', () => {
    expect(delayPenaltyRupees(0, rules)).to.equal(0);
    expect(delayPenaltyRupees(1, rules)).to.equal(250);
    expect(delayPenaltyRupees(7, rules)).to.equal(1750);
  });

  it('reaches the ₹5,000 cap on the 20th day and stays there', () => {
    expect(delayPenaltyRupees(19, rules)).to.equal(4750);
    expect(delayPenaltyRupees(20, rules)).to.equal(5000);
    expect(delayPenaltyRupees(21, rules)).to.equal(5000);
    expect(delayPenaltyRupees(400, rules)).to.equal(5000);
  });

  it('takes a lump sum for failure without cause only within ₹500–₹5,000', () => {
    expect(penaltyAmountRupees({ kind: 'lump-sum', amountRupees: 500 }, rules)).to.equal(500);
    expect(penaltyAmountRupees({ kind: 'lump-sum', amountRupees: 5000 }, rules)).to.equal(5000);
    expect(() => penaltyAmountRupees({ kind: 'lump-sum', amountRupees: 499 }, rules)).to.throw(
      PenaltyError,
      /500 to 5000/,
    );
    expect(() => penaltyAmountRupees({ kind: 'lump-sum', amountRupees: 5001 }, rules)).to.throw(PenaltyError);
    expect(() => penaltyAmountRupees({ kind: 'lump-sum', amountRupees: 750.5 }, rules)).to.throw(
      PenaltyError,
    );
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => delayPenaltyRupees(-1, rules)).to.throw(PenaltyError);
    expect(() => delayPenaltyRupees(2.5, rules)).to.throw(PenaltyError);
  });

  it('reads its amounts from the policy, not from code', () => {
    const doubled = { ...rules, perDayOfDelayRupees: 500, maxForDelayRupees: 10_000 };
    expect(delayPenaltyRupees(3, doubled)).to.equal(1500);
    expect(delayPenaltyRupees(30, doubled)).to.equal(10_000);
  });
});
