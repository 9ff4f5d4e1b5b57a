// Pages of the 181 agent console: caller lookup by mobile, intake on the caller's behalf, read-back of the number.
import Router from '@koa/router';
import type { AppDeps } from '../app';

export function agentPages(_deps: AppDeps): Router {
  const router = new Router();
  return router;
}
