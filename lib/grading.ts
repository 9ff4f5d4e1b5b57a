// The monthly grading of CM Helpline 181 (domain.md §3): a score out of 100 per district and per
// department from four components, weighted by the ladder's policy (60/20/10/10), then a grade.
// Pure: the counts come from the read model.
import type { EscalationLadder } from './ladder';

/** What happened to one district's (or department's) complaints in the month. */
export interface MonthCounts {
  closed: number; // complaints closed in the month
  closedSatisfied: number; // … with the citizen's satisfaction
  lowQuality: number; // … by force or special closure
  notAttended: number; // … because the citizen never answered
  oldDisposed: number; // complaints older than the age limit closed in the month
  oldPending: number; // complaints older than the age limit still open at the month's end
}

export interface Grade {
  score: number; // 0–100, two decimals
  grade: string;
  components: { satisfaction: number; oldDisposal: number; lowQuality: number; nonAttended: number };
}

const share = (part: number, whole: number, ifNone: number) => (whole === 0 ? ifNone : part / whole);
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Satisfaction: weight × satisfied / closed. Old disposal: weight × old disposed / (old disposed +
 * old still pending). Low-quality and non-attended closures: weight × (1 − their share of closed).
 * A unit with nothing to measure in a component gets that component in full.
 */
export function gradeMonth(counts: MonthCounts, grading: EscalationLadder['grading']): Grade {
  const w = grading.weights;
  const components = {
    satisfaction: round2(w.closedWithSatisfaction * share(counts.closedSatisfied, counts.closed, 1)),
    oldDisposal: round2(
      w.disposalOfPendingOver50Days * share(counts.oldDisposed, counts.oldDisposed + counts.oldPending, 1),
    ),
    lowQuality: round2(w.lowQualityClosures * (1 - share(counts.lowQuality, counts.closed, 0))),
    nonAttended: round2(w.nonAttended * (1 - share(counts.notAttended, counts.closed, 0))),
  };
  const score = round2(
    components.satisfaction + components.oldDisposal + components.lowQuality + components.nonAttended,
  );
  const grade =
    [...grading.grades].sort((a, b) => b.minScore - a.minScore).find((g) => score >= g.minScore)?.grade ??
    '-';
  return { score, grade, components };
}
