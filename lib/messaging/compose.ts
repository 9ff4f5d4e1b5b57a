// How an outbox message is laid out on each channel, and the number it goes to. Citizens get the
// Hindi text first, then the English, in one message (no language preference is stored for a
// mobile number). An SMS must fit a concatenated SMS of at most MAX_SMS_SEGMENTS parts.

/** Indian mobile numbers: 10 digits from 6 to 9; written with +91, 91 or 0 in front, or spaces. */
export function indianMobile(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+91|91|0)(?=\d{10}$)/, '');
  return /^[6-9]\d{9}$/.test(digits) ? digits : null;
}

/** The GSM 03.38 default alphabet; the extension table's characters count twice. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsText {
  text: string;
  /** UCS-2 coding (any character outside the GSM alphabet, e.g. Devanagari). */
  unicode: boolean;
  segments: number;
}

/** Segments of a concatenated SMS: 160/153 GSM characters, or 70/67 UCS-2 code units. */
export function smsText(text: string): SmsText {
  let gsmLength = 0;
  let unicode = false;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) gsmLength += 1;
    else if (GSM_EXTENDED.includes(ch)) gsmLength += 2;
    else {
      unicode = true;
      break;
    }
  }
  const [length, single, part] = unicode ? [text.length, 70, 67] : [gsmLength, 160, 153];
  return { text, unicode, segments: length <= single ? 1 : Math.ceil(length / part) };
}

/** Ten parts: what Indian gateways accept in one submission, and the most worth paying for. */
export const MAX_SMS_SEGMENTS = 10;

/**
 * The SMS for a bilingual message: Hindi then English; if the two are too long together, Hindi
 * alone; if even that is too long (a very long officer's question), Hindi cut short with "…".
 */
export function composeSms(bodyHi: string, bodyEn: string): SmsText & { layout: 'both' | 'hindi' | 'cut' } {
  const both = smsText(`${bodyHi}\n${bodyEn}`);
  if (both.segments <= MAX_SMS_SEGMENTS) return { ...both, layout: 'both' };
  const hindi = smsText(bodyHi);
  if (hindi.segments <= MAX_SMS_SEGMENTS) return { ...hindi, layout: 'hindi' };
  const room = 67 * MAX_SMS_SEGMENTS - 1; // UCS-2 code units, less one for the ellipsis
  let cut = '';
  for (const ch of bodyHi) {
    if (cut.length + ch.length > room) break;
    cut += ch; // whole code points: never half of a surrogate pair
  }
  return { ...smsText(`${cut.trimEnd()}…`), layout: 'cut' };
}

/** WhatsApp text bodies may be 4,096 characters: both languages always fit our templates. */
export const WHATSAPP_MAX_TEXT = 4096;

export function composeWhatsApp(bodyHi: string, bodyEn: string): string {
  const text = `${bodyHi}\n\n${bodyEn}`;
  return text.length <= WHATSAPP_MAX_TEXT ? text : `${text.slice(0, WHATSAPP_MAX_TEXT - 1)}…`;
}
