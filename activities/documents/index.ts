// The PDF renderer of the Lok Seva Guarantee documents, built once per worker over its signing
// key. Pure apart from the key: data in, PDF bytes out; no clock, no network, no files.
import type crypto from 'node:crypto';
import { signedFactsOf, signFacts } from '../../lib/certificate-signing';
import type { CertificateData, ReceiptData } from '../../lib/documents';
import { renderDomicileCertificate } from './domicile-certificate';
import { renderIncomeCertificate } from './income-certificate';
import { renderLandRecordCopy } from './land-record-copy';
import { renderMapCopy } from './map-copy';
import { renderReceipt } from './receipt';

export interface DocumentRendererOptions {
  signingKey: { privateKey: crypto.KeyObject; keyId: string };
}

export interface DocumentRenderer {
  /** The acknowledgement (पावती) of an accepted application. */
  receipt(data: ReceiptData): Promise<Buffer>;
  /** An issued document, with its facts signed into the QR code. */
  certificate(data: CertificateData): Promise<Buffer>;
}

export function createDocumentRenderer({ signingKey }: DocumentRendererOptions): DocumentRenderer {
  return {
    receipt: (data) => renderReceipt(data),
    certificate: (data) => {
      const payload = signFacts(signedFactsOf(data), signingKey.privateKey, signingKey.keyId);
      switch (data.kind) {
        case 'income-certificate':
          return renderIncomeCertificate(data, payload);
        case 'domicile-certificate':
          return renderDomicileCertificate(data, payload);
        case 'khasra-khatauni-copy':
          return renderLandRecordCopy(data, payload);
        case 'current-map-copy':
          return renderMapCopy(data, payload);
        default:
          return Promise.reject(new Error(`no document layout for ${(data as { kind: string }).kind}`));
      }
    },
  };
}
