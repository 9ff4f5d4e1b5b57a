// Entry point: the stand-ins for outside systems on loopback (SMS gateway, WhatsApp Cloud API,
// CPGRAMS), which the start command runs when their URLs are unset. See lib/stand-ins/.
import { loadConfigOrExit } from '../lib/config';
import { createLogger } from '../lib/logger';
import { onShutdown } from '../lib/shutdown';
import { startStandIns, type StandInPart } from '../lib/stand-ins/server';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('stand-ins', config.logLevel);
  const parts: StandInPart[] = [];
  const server = await startStandIns({ parts, port: config.standInsPort, logger });
  logger.info({ url: server.url, parts: parts.map((p) => p.prefix) }, 'stand-ins listening');
  onShutdown(logger, () => server.close());
}

main().catch((err: unknown) => {
  process.stderr.write(`stand-ins failed to start: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
