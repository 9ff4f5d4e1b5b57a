// The Koa application, built from its dependencies; listening happens in bin/server.ts.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { TemporalClient } from '../lib/temporal/connection';
import { auditLog } from './audit';
import { errorMiddleware } from './errors';
import { securityHeaders } from './security-headers';
import { createMetrics } from './metrics';
import { healthRoutes } from './routes/health';
import { applicationRoutes } from './routes/applications';
import { attachmentRoutes } from './routes/attachments';
import { complaintRoutes } from './routes/complaints';
import { gradeRoutes } from './routes/grades';
import { documentAdminRoutes } from './routes/documents';
import { placeRoutes } from './routes/places';
import { smsRoutes } from './routes/sms';
import { verifyRoutes } from './routes/verify';
import { whatsappRoutes } from './routes/whatsapp';
import { open311Routes } from './routes/open311';
import { codecRoutes } from './routes/codec';
import { pageRoutes } from './pages';
import { openApiRoutes } from './openapi/routes';
import { openApiDocument } from './openapi/document';
import { refuseControlCharactersInUrl, validateRequests } from './openapi/validate';
import { overloadProtection } from './overload';

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
  // An https public URL means a TLS-terminating proxy in front: trust its X-Forwarded-Proto so
  // cookies are marked Secure.
  const app = new Koa({ proxy: deps.config.publicUrl.startsWith('https:') });
  const metrics = createMetrics();

  app.on('error', (err: unknown, ctx?: Koa.Context) => {
    deps.logger.error({ err, method: ctx?.method, path: ctx?.path }, 'request failed');
  });

  app.use(securityHeaders({ https: deps.config.publicUrl.startsWith('https:') }));
  app.use(metrics.middleware);
  app.use(auditLog({ db: deps.db, logger: deps.logger, writeFailures: metrics.auditWriteFailures }));
  app.use(errorMiddleware);
  app.use(overloadProtection({ maxInFlight: deps.config.maxInFlightRequests, registry: metrics.registry }));
  app.use(refuseControlCharactersInUrl);

  const root = new Router();
  root.use(healthRoutes(deps, metrics.registry).routes());
  root.use(openApiRoutes().routes());
  root.use(open311Routes(deps).routes()); // Open311 GeoReport v2, outside /api/v1: its own formats and errors
  root.use(codecRoutes(deps).routes()); // the Temporal Web UI's payload codec, admins only; before the pages' CSRF check
  root.use(pageRoutes(deps).routes());
  const api = new Router({ prefix: '/api/v1' });
  api.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb' }));
  api.use(validateRequests(openApiDocument));
  api.use(placeRoutes().routes());
  api.use(applicationRoutes(deps).routes());
  api.use(documentAdminRoutes(deps).routes());
  api.use(complaintRoutes(deps).routes());
  api.use(gradeRoutes(deps).routes());
  api.use(attachmentRoutes(deps).routes());
  api.use(verifyRoutes(deps, deps.publicKeys).routes());
  api.use(smsRoutes(deps).routes());
  root.use(api.routes(), api.allowedMethods());

  app.use(whatsappRoutes(deps).routes()); // outside /api/v1 and the pages: raw body, Meta's signature
  app.use(root.routes());
  app.use(root.allowedMethods());
  return app;
}
