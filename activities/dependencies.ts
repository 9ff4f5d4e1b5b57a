// The real dependencies of the activities, from configuration: the worker process uses these;
// tests replace only the external systems.
import type { Knex } from 'knex';
import type { Config } from '../lib/config';
import { loadOrCreateSigningKey } from '../lib/certificate-signing';
import type { Logger } from '../lib/logger';
import { createPaymentGatewayClient } from '../lib/payment-gateway/client';
import type { ActivityDependencies } from '.';
import { createCpgramsDependencies } from './cpgrams-dependencies';
import { createDocumentRenderer } from './documents';
import { createSeededLandRecords } from './land-records';

export function createActivityDependencies(config: Config, db: Knex, logger: Logger): ActivityDependencies {
  const signingKey = loadOrCreateSigningKey(config.signingKeyFile);
  return {
    db,
    logger,
    renderer: createDocumentRenderer({ signingKey }),
    signingKey,
    landRecords: createSeededLandRecords(),
    paymentGateway: createPaymentGatewayClient({
      baseUrl: config.paymentGatewayUrl,
      merchantId: config.paymentMerchantId,
      secret: config.paymentGatewaySecret,
    }),
    publicUrl: config.publicUrl,
    ...createCpgramsDependencies(config, db),
  };
}
