// Pages of the citizen portal: apply, complain, my cases, case pages, downloads, feedback, appeals, public status lookup.
import Router from '@koa/router';
import type { AppDeps } from '../app';

export function citizenPages(_deps: AppDeps): Router {
  const router = new Router();
  return router;
}
