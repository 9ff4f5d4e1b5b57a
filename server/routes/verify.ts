// Public certificate verification: by serial (page and JSON), and the public keys that let anyone
// check a certificate's QR code offline (bin/verify-certificate.ts).
import Router from '@koa/router';
import type { KeyObject } from 'node:crypto';
import type { SignedFacts } from '../../lib/documents';
import type { AppDeps } from '../app';
import { negotiateLang } from '../i18n';
import { renderTemplate } from '../render';

interface Verdict {
  serial: string;
  status: 'valid' | 'revoked' | 'unknown';
  facts: SignedFacts | null;
  revokedReason: string | null;
}

export function verifyRoutes(
  deps: AppDeps,
  publicKeys: { keyId: string; publicKey: KeyObject }[],
): { api: Router; pages: Router } {
  async function verdict(serial: string): Promise<Verdict> {
    const doc = await deps
      .db('documents')
      .where({ serial })
      .whereNot({ kind: 'receipt' })
      .first('serial', 'status', 'facts', 'revokedReason');
    if (!doc) return { serial, status: 'unknown', facts: null, revokedReason: null };
    return {
      serial,
      status: doc.status as 'valid' | 'revoked',
      facts: doc.facts as SignedFacts,
      revokedReason: doc.revokedReason as string | null,
    };
  }

  const api = new Router();
  api.get('/verify/public-keys', (ctx) => {
    ctx.body = {
      keys: publicKeys.map((k) => ({
        keyId: k.keyId,
        algorithm: 'Ed25519',
        pem: k.publicKey.export({ type: 'spki', format: 'pem' }),
      })),
    };
  });
  api.get('/verify/:serial', async (ctx) => {
    ctx.body = await verdict(ctx.params.serial ?? '');
  });

  const pages = new Router();
  pages.get('/verify/:serial', async (ctx) => {
    const lang = negotiateLang(ctx);
    const v = await verdict(ctx.params.serial ?? '');
    const f: Partial<SignedFacts> = v.facts ?? {};
    const words = {
      valid: {
        en: 'VALID — this certificate was issued by Jan Setu',
        hi: 'मान्य — यह प्रमाण पत्र जन सेतु द्वारा जारी किया गया है',
      },
      revoked: {
        en: 'REVOKED — this certificate is no longer valid',
        hi: 'निरस्त — यह प्रमाण पत्र अब मान्य नहीं है',
      },
      unknown: {
        en: 'UNKNOWN — no certificate has this serial number',
        hi: 'अज्ञात — इस क्रमांक का कोई प्रमाण पत्र नहीं है',
      },
    }[v.status];
    ctx.status = v.status === 'unknown' ? 404 : 200;
    ctx.type = 'html';
    ctx.set('Content-Language', lang);
    ctx.body = renderTemplate('verify.html', {
      lang,
      title: lang === 'hi' ? 'प्रमाण पत्र सत्यापन' : 'Certificate verification',
      status: v.status,
      verdict: words[lang],
      verdictOther: words[lang === 'hi' ? 'en' : 'hi'],
      serial: v.serial,
      holder: f.holder ?? '—',
      kind: f.kind ?? '—',
      applicationNumber: f.applicationNumber ?? '—',
      issuedOn: f.issuedOn ?? '—',
      validUntil: f.validUntil ?? (lang === 'hi' ? 'कोई समाप्ति नहीं' : 'no expiry'),
      revokedReason: v.revokedReason ?? '',
      labelHolder: lang === 'hi' ? 'धारक' : 'Holder',
      labelKind: lang === 'hi' ? 'प्रकार' : 'Document',
      labelNumber: lang === 'hi' ? 'आवेदन क्रमांक' : 'Application number',
      labelIssued: lang === 'hi' ? 'जारी दिनांक' : 'Issued on',
      labelValid: lang === 'hi' ? 'वैधता' : 'Valid until',
    });
  });
  return { api, pages };
}
