// The payload codec that keeps personal data (names, mobiles, addresses, incomes, complaint text)
// out of Temporal in plaintext: every payload a client or worker sends is encrypted with
// AES-256-GCM before it leaves the process, and decrypted when it comes back. Codecs run outside the
// workflow sandbox, so workflow code never sees them. Wire format as in Temporal's own samples (Go,
// Python, TypeScript): metadata `encoding: binary/encrypted` + `encryption-key-id`, data = 12-byte
// IV ‖ ciphertext ‖ 16-byte tag, the plaintext being the whole original Payload in protobuf.
import crypto from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { EncryptionKey } from '../secrets';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** True when a payload was encrypted by this codec (any key). */
export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/**
 * AES-256-GCM over whole payloads with a key ring: the first key encrypts, every key decrypts, so a
 * new key goes in front and payloads written under the old one still read. Payloads that are not
 * encrypted pass through decode unchanged (histories begun before the codec).
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  constructor(keys: readonly EncryptionKey[]) {
    const [current] = keys;
    if (!current) throw new ValueError('the payload codec needs at least one key');
    this.byId = new Map();
    for (const { id, key } of keys) {
      if (key.length !== 32)
        throw new ValueError(`encryption key "${id}" must be 32 bytes, not ${key.length}`);
      if (this.byId.has(id)) throw new ValueError(`encryption key id "${id}" appears twice`);
      this.byId.set(id, key);
    }
    this.current = current;
  }

  /** The id new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  // Synchronous work (node:crypto) behind the async interface; a failure is a rejection, not a throw.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() => payloads.map((payload) => this.encrypt(payload)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() =>
      payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload)),
    );
  }

  private encrypt(payload: Payload): Payload {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv(CIPHER, this.current.key, iv);
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
        [METADATA_KEY_ID]: utf8(this.current.id),
      },
      data: new Uint8Array(sealed),
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (keyId === undefined) throw new ValueError('encrypted payload without an encryption-key-id');
    const key = this.byId.get(keyId);
    if (!key) {
      throw new ValueError(
        `encrypted payload under key "${keyId}", which is not in the key ring (${[...this.byId.keys()].join(', ')})`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload too short');
    const decipher = crypto.createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // GCM's tag check: a flipped bit anywhere, or a payload sealed by another key under this id.
      throw new ValueError(
        `encrypted payload under key "${keyId}" failed authentication (tampered or wrong key)`,
      );
    }
    const original = temporal.api.common.v1.Payload.decode(plain);
    return { metadata: original.metadata, data: original.data };
  }
}

/** The payload codecs of every Jan Setu client and worker, built from the key ring. */
export function payloadCodecs(keys: readonly EncryptionKey[]): PayloadCodec[] {
  return [new EncryptionCodec(keys)];
}

/** Runs payloads back through codecs (last applied, first undone), as the SDK does when it decodes. */
export async function decodePayloads(
  codecs: readonly PayloadCodec[],
  payloads: Payload[],
): Promise<Payload[]> {
  let result = payloads;
  for (const codec of [...codecs].reverse()) result = await codec.decode(result);
  return result;
}

export async function encodePayloads(
  codecs: readonly PayloadCodec[],
  payloads: Payload[],
): Promise<Payload[]> {
  let result = payloads;
  for (const codec of codecs) result = await codec.encode(result);
  return result;
}

function isPayloadLike(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    (metadata as Record<string, unknown>)[METADATA_ENCODING_KEY] instanceof Uint8Array
  );
}

/**
 * Decodes, in place, every payload anywhere in a protobuf message (a workflow history: inputs,
 * results, update and signal arguments, memos, failure attributes, marker details) and returns it.
 * Search attributes are never encoded, so they pass through as they are.
 */
export async function decodePayloadsIn<T extends object>(
  message: T,
  codecs: readonly PayloadCodec[],
): Promise<T> {
  if (codecs.length === 0) return message;
  const found: Payload[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (isPayloadLike(value)) {
      found.push(value);
      return;
    }
    for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key]);
  };
  visit(message);
  if (found.length === 0) return message;
  const decoded = await decodePayloads(codecs, found);
  found.forEach((payload, i) => {
    payload.metadata = decoded[i]!.metadata;
    payload.data = decoded[i]!.data;
  });
  return message;
}
