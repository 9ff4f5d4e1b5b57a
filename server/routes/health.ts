// Liveness, readiness and metrics for load balancers and Prometheus.
import Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { AppDeps } from '../app';
import { databaseReachable } from '../../db/knex';
import { temporalReachable } from '../../lib/temporal/connection';

export function healthRoutes(deps: AppDeps, registry: Registry): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const [postgres, temporal] = await Promise.all([
      databaseReachable(deps.db),
      temporalReachable(deps.temporal.connection),
    ]);
    ctx.status = postgres && temporal ? 200 : 503;
    ctx.body = {
      status: postgres && temporal ? 'ready' : 'not ready',
      postgres: postgres ? 'ok' : 'unreachable',
      temporal: temporal ? 'ok' : 'unreachable',
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}
