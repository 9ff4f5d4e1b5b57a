// Entry point: the Koa HTTP server alone. Run N of these behind a load balancer.
import { databaseUrl, loadConfigOrExit } from '../lib/config';
import { createKnex } from '../db/knex';
import { createLogger } from '../lib/logger';
import { onShutdown } from '../lib/shutdown';
import { connectTemporal } from '../lib/temporal/connection';
import { createApp } from '../server/app';
import { loadOrCreateSigningKey } from '../lib/certificate-signing';
import { staffTokenSecret } from '../lib/secrets';

function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger('server', config.logLevel);
  const db = createKnex(databaseUrl(config), config.dbPoolMax);
  const temporal = connectTemporal(config);
  const signingKey = loadOrCreateSigningKey(config.signingKeyFile);
  const app = createApp({
    config,
    db,
    temporal,
    logger,
    staffTokenSecret: staffTokenSecret(config),
    publicKeys: [{ keyId: signingKey.keyId, publicKey: signingKey.publicKey }],
  });
  const server = app.listen(config.port, config.host, () => {
    logger.info(
      { url: `http://${config.host}:${config.port}`, temporal: config.temporalTarget },
      'HTTP server listening',
    );
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'HTTP server could not listen');
    process.exit(1);
  });
  onShutdown(logger, async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([db.destroy(), temporal.connection.close()]);
  });
}

main();
