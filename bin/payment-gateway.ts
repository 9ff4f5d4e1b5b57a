// Entry point: the stand-in payment gateway on loopback, so fees for land-record copies can be
// paid in development and demos without a real gateway account. Moves no money.
import { loadConfigOrExit } from '../lib/config';
import { createLogger } from '../lib/logger';
import { startStandInGateway } from '../lib/payment-gateway/stand-in';
import { onShutdown } from '../lib/shutdown';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('payment-gateway', config.logLevel);
  const gateway = await startStandInGateway({
    port: config.paymentGatewayPort,
    secret: config.paymentGatewaySecret,
    logger,
  });
  logger.info({ url: gateway.url }, 'stand-in payment gateway listening (no money moves)');
  onShutdown(logger, () => gateway.close());
}

main().catch((err: unknown) => {
  process.stderr.write(`payment gateway failed to start: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
