// Pages of the admin console: case search, workflow history inspector, dashboards, policy versions.
import Router from '@koa/router';
import type { AppDeps } from '../app';

export function adminPages(_deps: AppDeps): Router {
  const router = new Router();
  return router;
}
