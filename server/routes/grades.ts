// The monthly grading table (CM Helpline 181), by district or department.
import Router from '@koa/router';
import type { AppDeps } from '../app';
import { BadRequest } from '../errors';

export function gradeRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.get('/grades', async (ctx) => {
    const month = ctx.query.month;
    const scope = ctx.query.scope ?? 'district';
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw new BadRequest(
        { en: 'Give the month as YYYY-MM, e.g. 2026-10.', hi: 'माह YYYY-MM रूप में दें, जैसे 2026-10।' },
        [{ field: 'month', message: { en: 'YYYY-MM', hi: 'YYYY-MM' } }],
      );
    }
    if (scope !== 'district' && scope !== 'department') {
      throw new BadRequest(
        { en: 'scope is district or department.', hi: 'scope district या department होना चाहिए।' },
        [{ field: 'scope', message: { en: 'district or department', hi: 'district या department' } }],
      );
    }
    const rows = await deps
      .db('complaintGrades')
      .where({ month, scope })
      .orderBy([{ column: 'score', order: 'desc' }, 'code'])
      .select('code', 'score', 'grade', 'components', 'counts', 'ladderVersion', 'computedAt');
    ctx.body = { month, scope, grades: rows.map((r) => ({ ...r, score: Number(r.score) })) };
  });
  return router;
}
