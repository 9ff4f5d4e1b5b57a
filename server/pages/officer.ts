// Pages of the officer inbox: tasks by due date, case pages, allowed actions, appeals and penalty orders.
import Router from '@koa/router';
import type { AppDeps } from '../app';

export function officerPages(_deps: AppDeps): Router {
  const router = new Router();
  return router;
}
