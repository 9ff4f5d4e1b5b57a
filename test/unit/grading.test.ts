import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { gradeMonth } from '../../lib/grading';
import type { EscalationLadder } from '../../lib/ladder';
import { projectRoot } from '../../lib/paths';

const ladder = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', 'escalation-ladder.json'), 'utf8'),
) as EscalationLadder;

describe('monthly grading of CM Helpline performance', () => {
  it('gives 100 and grade A when every closure satisfied the citizen and nothing old is pending', () => {
    const g = gradeMonth(
      { closed: 40, closedSatisfied: 40, lowQuality: 0, notAttended: 0, oldDisposed: 5, oldPending: 0 },
      ladder.grading,
    );
    expect(g).to.deep.equal({
      score: 100,
      grade: 'A',
      components: { satisfaction: 60, oldDisposal: 20, lowQuality: 10, nonAttended: 10 },
    });
  });

  it('weighs each component as the policy says (60/20/10/10)', () => {
    // 100 closed: 50 satisfied, 10 force/special, 20 not attended; 30 old disposed, 10 old pending.
    const g = gradeMonth(
      { closed: 100, closedSatisfied: 50, lowQuality: 10, notAttended: 20, oldDisposed: 30, oldPending: 10 },
      ladder.grading,
    );
    expect(g.components).to.deep.equal({ satisfaction: 30, oldDisposal: 15, lowQuality: 9, nonAttended: 8 });
    expect(g.score).to.equal(62);
    expect(g.grade).to.equal('B');
  });

  it('grades C below 50', () => {
    const g = gradeMonth(
      { closed: 10, closedSatisfied: 1, lowQuality: 5, notAttended: 4, oldDisposed: 0, oldPending: 20 },
      ladder.grading,
    );
    expect(g.score).to.equal(6 + 0 + 5 + 6);
    expect(g.grade).to.equal('C');
  });
});
