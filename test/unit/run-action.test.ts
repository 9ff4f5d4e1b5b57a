// How a case's Temporal update failing shows to the caller: a validator's refusal is 409 with its
// words, a closed case 409, and an update the workflow did not answer in time 503 with Retry-After
// (the action may still be applied) — never a 500.
import {
  ApplicationFailure,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { expect } from 'chai';
import { AppError } from '../../server/errors';
import { runAction } from '../../server/routes/applications';
import { REFUSAL_TYPE } from '../../workflows/application-messages';

async function failureOf(err: Error): Promise<AppError> {
  try {
    await runAction('LSG/INC/2026/000001', () => Promise.reject(err));
  } catch (caught) {
    if (caught instanceof AppError) return caught;
    throw caught;
  }
  throw new Error('runAction did not fail');
}

describe('runAction: update failures as HTTP answers', () => {
  it('turns a validator refusal into 409 with the refusal code and both languages', async () => {
    const refusal = ApplicationFailure.create({
      type: REFUSAL_TYPE,
      message: 'not now',
      details: [{ code: 'not-now', en: 'Not now.', hi: 'अभी नहीं।' }],
    });
    const err = await failureOf(new WorkflowUpdateFailedError('refused', refusal));
    expect([err.status, err.code]).to.deep.equal([409, 'refused_not-now']);
    expect(err.messages).to.deep.equal({ en: 'Not now.', hi: 'अभी नहीं।' });
  });

  it('turns an update the workflow did not answer in time into 503 case_busy with Retry-After', async () => {
    const err = await failureOf(
      new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded', { cause: new Error('4') }),
    );
    expect([err.status, err.code, err.retryAfterSeconds]).to.deep.equal([503, 'case_busy', 5]);
    expect(err.messages.hi).to.match(/[\u0900-\u097F]/);
  });

  it('lets any other error through unchanged (the error middleware answers 500 and logs it)', async () => {
    const other = new Error('boom');
    let seen: unknown;
    try {
      await runAction('LSG/INC/2026/000001', () => Promise.reject(other));
    } catch (err) {
      seen = err;
    }
    expect(seen).to.equal(other);
  });
});
