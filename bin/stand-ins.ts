// Entry point: the stand-ins for outside systems on loopback (SMS gateway, WhatsApp Cloud API,
// CPGRAMS), which the start command runs when their URLs are unset. See lib/stand-ins/.
import { loadConfigOrExit } from '../lib/config';
import { createLogger } from '../lib/logger';
import { onShutdown } from '../lib/shutdown';
import { createCpgramsStandIn } from '../lib/stand-ins/cpgrams';
import { startStandIns, type StandInPart } from '../lib/stand-ins/server';
import { createSmsGatewayStandIn } from '../lib/stand-ins/sms';
import { createWhatsAppCloudStandIn } from '../lib/stand-ins/whatsapp';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('stand-ins', config.logLevel);
  const parts: StandInPart[] = [];
  parts.push(createSmsGatewayStandIn({ apiKey: config.smsGatewayKey, logger }));
  parts.push(
    createWhatsAppCloudStandIn({
      accessToken: config.whatsappAccessToken,
      phoneNumberId: config.whatsappPhoneNumberId,
      appSecret: config.whatsappAppSecret,
      verifyToken: config.whatsappVerifyToken,
      webhookUrl: `${config.publicUrl}/webhooks/whatsapp`,
      logger,
    }),
  );
  parts.push(createCpgramsStandIn({ apiKey: config.cpgramsApiKey, demo: config.nodeEnv === 'development' }));
  const server = await startStandIns({ parts, port: config.standInsPort, logger });
  logger.info({ url: server.url, parts: parts.map((p) => p.prefix) }, 'stand-ins listening');
  onShutdown(logger, () => server.close());
}

main().catch((err: unknown) => {
  process.stderr.write(`stand-ins failed to start: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
