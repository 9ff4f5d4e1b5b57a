// The Koa application, built from its dependencies; listening happens in bin/server.ts.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { TemporalClient } from '../lib/temporal/connection';
import { errorMiddleware } from './errors';
import { negotiateLang } from './i18n';
import { createMetrics } from './metrics';
import { renderTemplate } from './render';
import { healthRoutes } from './routes/health';
import { applicationRoutes } from './routes/applications';
import { attachmentRoutes } from './routes/attachments';
import { complaintRoutes } from './routes/complaints';
import { gradeRoutes } from './routes/grades';
import { documentAdminRoutes } from './routes/documents';
import { placeRoutes } from './routes/places';
import { verifyRoutes } from './routes/verify';

export interface AppDeps {
  config: Config;
  db: Knex;
  temporal: TemporalClient;
  logger: Logger;
  staffTokenSecret: string;
  /** Public keys of certificate signing (current first); published for offline verification. */
  publicKeys: { keyId: string; publicKey: KeyObject }[];
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: false });
  const metrics = createMetrics();

  app.on('error', (err: unknown, ctx?: Koa.Context) => {
    deps.logger.error({ err, method: ctx?.method, path: ctx?.path }, 'request failed');
  });

  app.use(metrics.middleware);
  app.use(errorMiddleware);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb' }));

  const root = new Router();
  root.use(healthRoutes(deps, metrics.registry).routes());
  root.get('/', (ctx) => {
    const lang = negotiateLang(ctx);
    ctx.type = 'html';
    ctx.set('Content-Language', lang);
    ctx.body = renderTemplate('home.html', {
      lang,
      intro:
        lang === 'hi'
          ? 'नागरिक सेवाओं के आवेदन और शिकायतें, समय-सीमा के साथ।'
          : 'Applications for public services and complaints, each with its statutory clock.',
      districts: lang === 'hi' ? 'जिले और कार्य-दिवस कैलेंडर' : 'Districts and working-day calendars',
      ready: lang === 'hi' ? 'सिस्टम की स्थिति' : 'System status',
    });
  });

  const verify = verifyRoutes(deps, deps.publicKeys);
  root.use(verify.pages.routes());
  const api = new Router({ prefix: '/api/v1' });
  api.use(placeRoutes().routes());
  api.use(applicationRoutes(deps).routes());
  api.use(documentAdminRoutes(deps).routes());
  api.use(complaintRoutes(deps).routes());
  api.use(gradeRoutes(deps).routes());
  api.use(attachmentRoutes(deps).routes());
  api.use(verify.api.routes());
  root.use(api.routes(), api.allowedMethods());

  app.use(root.routes());
  app.use(root.allowedMethods());
  return app;
}
