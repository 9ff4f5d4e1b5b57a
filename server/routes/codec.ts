// The codec endpoint of the Temporal Web UI ("codec server" protocol): the UI posts the encrypted
// payloads it shows to /codec/decode (and what it would send to /codec/encode) as
// {"payloads":[{"metadata":{k: base64},"data": base64}]}, with the namespace in X-Namespace, and shows
// what comes back. Only signed-in admins may decode: the UI sends the admin's Jan Setu session
// cookie (its codec setting "include cross-origin credentials"), scripts an admin's bearer token.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Payload } from '@temporalio/common';
import { authorize, type Subject } from '../../lib/authorization';
import { decodePayloads, encodePayloads } from '../../lib/temporal/codec';
import type { AppDeps } from '../app';
import { apiSubject, enforce, type Actor } from '../auth';
import { AppError, BadRequest } from '../errors';
import { currentViewer } from '../web/session';

/** A page of the UI's event history rarely holds more; larger batches are refused, not parsed. */
const MAX_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const badBody = (en: string, hi: string) => new BadRequest({ en, hi }, undefined, 'bad_codec_request');

function bytes(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value))
    throw badBody(`${where} must be base64.`, `${where} base64 में होना चाहिए।`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** The request's payloads, proto3 JSON → Payload; anything else is a 400 naming what is wrong. */
function payloadsOf(body: unknown): Payload[] {
  const list = (body as { payloads?: unknown } | null | undefined)?.payloads;
  if (!Array.isArray(list)) throw badBody('Send {"payloads": [...]}.', '{"payloads": [...]} भेजें।');
  if (list.length > MAX_PAYLOADS)
    throw badBody(`At most ${MAX_PAYLOADS} payloads at once.`, `एक बार में अधिकतम ${MAX_PAYLOADS} पेलोड।`);
  return list.map((item: unknown, i): Payload => {
    if (typeof item !== 'object' || item === null)
      throw badBody(`payloads[${i}] must be an object.`, `payloads[${i}] एक ऑब्जेक्ट होना चाहिए।`);
    const { metadata = {}, data = '' } = item as { metadata?: unknown; data?: unknown };
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
      throw badBody(
        `payloads[${i}].metadata must be an object.`,
        `payloads[${i}].metadata एक ऑब्जेक्ट होना चाहिए।`,
      );
    return {
      metadata: Object.fromEntries(
        Object.entries(metadata).map(([k, v]) => [k, bytes(v, `payloads[${i}].metadata.${k}`)]),
      ),
      data: bytes(data, `payloads[${i}].data`),
    };
  });
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** The codecs of the server's own Temporal client: the endpoint decodes exactly as the server does. */
const codecsOf = (deps: AppDeps) => deps.temporal.client.options.loadedDataConverter.payloadCodecs;

export function codecRoutes(deps: AppDeps): Router {
  const router = new Router({ prefix: '/codec' });
  // The Web UI calls from its own origin (another port of the same host in development).
  const uiOrigin = deps.config.temporalUiUrl ? new URL(deps.config.temporalUiUrl).origin : null;

  function cors(ctx: Context): void {
    ctx.vary('Origin');
    if (!uiOrigin || ctx.get('origin') !== uiOrigin) return;
    ctx.set('Access-Control-Allow-Origin', uiOrigin);
    ctx.set('Access-Control-Allow-Credentials', 'true');
  }

  /** An admin by web session (the UI) or bearer token (scripts); 401 for nobody, 403 for anyone else. */
  async function requireAdmin(ctx: Context): Promise<void> {
    const viewer = await currentViewer(ctx, deps.db);
    let subject: Subject;
    if (viewer?.kind === 'staff') {
      ctx.state.actor = { kind: 'staff', code: viewer.code, roles: viewer.roles } satisfies Actor;
      subject = { kind: 'staff', code: viewer.code, roles: viewer.roles };
    } else if (viewer?.kind === 'citizen') {
      subject = { kind: 'citizen', mobile: viewer.mobile };
    } else {
      subject = await apiSubject(ctx, deps);
    }
    enforce(authorize('history.read', subject));
  }

  function checkNamespace(ctx: Context): void {
    const namespace = ctx.get('x-namespace');
    if (namespace && namespace !== deps.config.temporalNamespace) {
      throw new AppError(400, 'wrong_namespace', {
        en: `This codec serves namespace "${deps.config.temporalNamespace}", not "${namespace}".`,
        hi: `यह कोडेक नेमस्पेस "${deps.config.temporalNamespace}" के लिए है, "${namespace}" के लिए नहीं।`,
      });
    }
  }

  router.options(['/decode', '/encode'], (ctx) => {
    cors(ctx);
    ctx.set('Access-Control-Allow-Methods', 'POST, OPTIONS');
    ctx.set('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
    ctx.set('Access-Control-Max-Age', '600');
    ctx.status = 204;
  });

  const json = bodyParser({ enableTypes: ['json'], jsonLimit: '8mb' });

  router.post('/decode', json, async (ctx) => {
    cors(ctx);
    await requireAdmin(ctx);
    checkNamespace(ctx);
    const payloads = payloadsOf(ctx.request.body);
    let decoded: Payload[];
    try {
      decoded = await decodePayloads(codecsOf(deps), payloads);
    } catch (err) {
      // An unknown key id or a tampered payload: say so, never answer with the ciphertext as if decoded.
      throw new AppError(422, 'undecodable', {
        en: `A payload could not be decrypted: ${(err as Error).message}`,
        hi: `एक पेलोड डिक्रिप्ट नहीं हो सका: ${(err as Error).message}`,
      });
    }
    ctx.state.audit = { details: { payloads: payloads.length } };
    ctx.body = { payloads: decoded.map(toJson) };
  });

  router.post('/encode', json, async (ctx) => {
    cors(ctx);
    await requireAdmin(ctx);
    checkNamespace(ctx);
    const payloads = payloadsOf(ctx.request.body);
    ctx.state.audit = { details: { payloads: payloads.length } };
    ctx.body = { payloads: (await encodePayloads(codecsOf(deps), payloads)).map(toJson) };
  });

  return router;
}
