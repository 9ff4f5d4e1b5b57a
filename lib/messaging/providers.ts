// The message providers configured for this deployment: the SMS gateway and the WhatsApp Cloud
// API (their stand-ins when SMS_GATEWAY_URL / WHATSAPP_API_URL are unset).
import type { Config } from '../config';
import type { Channel, MessageProvider } from './provider';
import { createSmsGateway } from './sms-gateway';
import { createWhatsAppCloud } from './whatsapp-cloud';

/** Where the SMS gateway posts delivery reports (server/routes/sms.ts). */
export const smsDeliveryReportUrl = (config: Pick<Config, 'publicUrl'>): string =>
  `${config.publicUrl.replace(/\/+$/, '')}/api/v1/sms/delivery-reports`;

export function createProviders(config: Config): Record<Channel, MessageProvider> {
  return {
    sms: createSmsGateway({
      baseUrl: config.smsGatewayUrl,
      apiKey: config.smsGatewayKey,
      senderId: config.smsSenderId,
      reportUrl: smsDeliveryReportUrl(config),
    }),
    whatsapp: createWhatsAppCloud({
      apiUrl: config.whatsappApiUrl,
      phoneNumberId: config.whatsappPhoneNumberId,
      accessToken: config.whatsappAccessToken,
    }),
  };
}
