// The per-address limit on sign-in code sends (server/web/otp.ts): a script asking codes for many
// numbers from one connection is stopped with 429 and told when to come back; others are not.
import { expect } from 'chai';
import { AppError } from '../../server/errors';
import { createSendLimiter } from '../../server/web/otp';

describe('sign-in code sends per address', () => {
  it('refuses the 4th send in the window from one address with 429 and Retry-After, not another address', () => {
    let now = 1_000_000;
    const limiter = createSendLimiter({ perWindow: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) limiter.take('10.0.0.1');
    now += 10_000;
    let refused: unknown;
    try {
      limiter.take('10.0.0.1');
    } catch (err) {
      refused = err;
    }
    expect(refused).to.be.instanceOf(AppError);
    expect((refused as AppError).status).to.equal(429);
    // The oldest send leaves the window 50 s from now.
    expect((refused as AppError).retryAfterSeconds).to.equal(50);
    expect((refused as AppError).messages.hi).to.be.a('string').and.not.be.empty;
    expect(() => limiter.take('10.0.0.2')).to.not.throw();
  });

  it('lets the address send again once its oldest send has left the window', () => {
    let now = 0;
    const limiter = createSendLimiter({ perWindow: 2, windowMs: 60_000, now: () => now });
    limiter.take('10.0.0.1');
    now = 30_000;
    limiter.take('10.0.0.1');
    expect(() => limiter.take('10.0.0.1')).to.throw(AppError);
    now = 60_001;
    expect(() => limiter.take('10.0.0.1')).to.not.throw();
    expect(() => limiter.take('10.0.0.1')).to.throw(AppError);
  });

  it('allows 30 sends in 15 minutes from one address by default', () => {
    const limiter = createSendLimiter({ now: () => 0 });
    for (let i = 0; i < 30; i++) limiter.take('10.0.0.9');
    expect(() => limiter.take('10.0.0.9')).to.throw(AppError);
  });
});
