// The escalation ladder of CM Helpline 181 (policy kind "escalation-ladder"): levels with their
// limits, what happens when a limit expires, feedback and closure rules. Pure types and helpers,
// so workflow code may import them; values live in the policy data, never here.
import type { Mark } from './policy';

export type Level = 'L1' | 'L2' | 'L3' | 'L4';

export interface LadderLevel {
  level: Level;
  nameEn: string;
  nameHi: string;
  role: string;
  scope: string;
  limitWorkingDays: number | null;
  /** A limit in hours instead of working days (a short test policy, or a level run round the clock). */
  limitHours?: number;
  /** escalate: move up automatically when the limit expires; stay: remain (breached) at this level. */
  onExpiry: 'escalate' | 'stay';
  mark: Mark;
}

export interface EscalationLadder {
  levels: LadderLevel[];
  manualEscalation: { from: Level; to: Level; reasonRequired: boolean; sendBackTo: Level; mark: Mark };
  reminderAtFraction: { value: number; mark: Mark };
  overallTargetDays: { value: number; mark: Mark };
  feedback: { waitDays: number; onNoAnswer: string; onDissatisfied: string; mark: Mark };
  specialClose: { allowedFrom: Level; proposeFrom: Level[]; mark: Mark };
  dailyComplaintLimitPerMobile: { value: number; mark: Mark };
  mahila: {
    priority: boolean;
    counsellingFirst: boolean;
    levelLimitHours: Partial<Record<Level, number>>;
    mark: Mark;
  };
  cpgrams: {
    overallLimitDays: number;
    interimReplyRequired: boolean;
    notPertainingCloseAllowed: boolean;
    mark: Mark;
  };
  grading: {
    weights: {
      closedWithSatisfaction: number;
      disposalOfPendingOver50Days: number;
      lowQualityClosures: number;
      nonAttended: number;
    };
    pendingAgeDays: number;
    grades: { grade: string; minScore: number }[];
    mark: Mark;
  };
}

export const LEVELS: Level[] = ['L1', 'L2', 'L3', 'L4'];

export function levelRule(ladder: EscalationLadder, level: Level): LadderLevel {
  const rule = ladder.levels.find((l) => l.level === level);
  if (!rule) throw new Error(`the escalation ladder has no level ${level}`);
  return rule;
}

export function levelAbove(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i < LEVELS.length - 1 ? LEVELS[i + 1]! : null;
}

/** A rank for comparing levels: L1 = 1 … L4 = 4. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level) + 1;
}
