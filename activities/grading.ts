// Computes and stores the monthly grades from the complaints read model (idempotent per month).
import type { Knex } from 'knex';
import { currentPolicy } from '../db/policies';
import { gradeMonth, type MonthCounts } from '../lib/grading';
import type { EscalationLadder } from '../lib/ladder';

const IST = "interval '5 hours 30 minutes'";

export function createGradingActivities(deps: { db: Knex }) {
  const { db } = deps;
  return {
    /** Grades every district and department for a month (YYYY-MM, in India time); returns how many. */
    async computeMonthlyGrades({ month }: { month: string }): Promise<{ month: string; graded: number }> {
      const ladderRow = await currentPolicy('escalation-ladder', db);
      const ladder = ladderRow!.body as EscalationLadder;
      const ageDays = ladder.grading.pendingAgeDays;
      const start = `${month}-01`;
      let graded = 0;
      for (const scope of ['district', 'department'] as const) {
        const column = scope === 'district' ? 'district_code' : 'department_code';
        // Information calls are answered, not graded.
        const { rows } = await db.raw<{ rows: Record<string, string>[] }>(
          `with m as (select ?::date as start, (?::date + interval '1 month') as finish)
           select ${column} as code,
             count(*) filter (where closed_at + ${IST} >= m.start and closed_at + ${IST} < m.finish) as closed,
             count(*) filter (where closed_at + ${IST} >= m.start and closed_at + ${IST} < m.finish and closure = 'satisfied') as closed_satisfied,
             count(*) filter (where closed_at + ${IST} >= m.start and closed_at + ${IST} < m.finish and closure in ('force', 'special')) as low_quality,
             count(*) filter (where closed_at + ${IST} >= m.start and closed_at + ${IST} < m.finish and closure = 'not-attended') as not_attended,
             count(*) filter (where closed_at + ${IST} >= m.start and closed_at + ${IST} < m.finish and closed_at - received_at > make_interval(days => ?)) as old_disposed,
             count(*) filter (where received_at + ${IST} < m.finish - make_interval(days => ?) and (closed_at is null or closed_at + ${IST} >= m.finish)) as old_pending
           from complaints, m
           where call_type <> 'information' and received_at + ${IST} < m.finish
           group by ${column}`,
          [start, start, ageDays, ageDays],
        );
        for (const r of rows) {
          const counts: MonthCounts = {
            closed: Number(r.closed),
            closedSatisfied: Number(r.closed_satisfied),
            lowQuality: Number(r.low_quality),
            notAttended: Number(r.not_attended),
            oldDisposed: Number(r.old_disposed),
            oldPending: Number(r.old_pending),
          };
          const g = gradeMonth(counts, ladder.grading);
          await db('complaintGrades')
            .insert({
              month,
              scope,
              code: r.code,
              score: g.score,
              grade: g.grade,
              components: JSON.stringify(g.components),
              counts: JSON.stringify(counts),
              ladderVersion: ladderRow!.version,
            })
            .onConflict(['month', 'scope', 'code'])
            .merge(['score', 'grade', 'components', 'counts', 'ladderVersion', 'computedAt']);
          graded += 1;
        }
      }
      return { month, graded };
    },
  };
}
