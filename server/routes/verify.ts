// Public certificate verification: by serial (JSON; the page is in server/pages/public.ts), and the public keys that let anyone
// check a certificate's QR code offline (bin/verify-certificate.ts).
import Router from '@koa/router';
import type { KeyObject } from 'node:crypto';
import type { SignedFacts } from '../../lib/documents';
import type { AppDeps } from '../app';

export interface Verdict {
  serial: string;
  status: 'valid' | 'revoked' | 'unknown';
  facts: SignedFacts | null;
  revokedReason: string | null;
}

/** What the register says about a certificate serial: valid, revoked, or unknown. */
export function findVerdict(deps: Pick<AppDeps, 'db'>) {
  return async function verdict(serial: string): Promise<Verdict> {
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
  };
}

export function verifyRoutes(deps: AppDeps, publicKeys: { keyId: string; publicKey: KeyObject }[]): Router {
  const verdict = findVerdict(deps);
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

  return api;
}
