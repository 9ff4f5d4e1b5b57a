// The PII payload codec: AES-256-GCM under a key ring, as every Jan Setu client and worker uses it
// (lib/temporal/codec.ts), its keys (lib/secrets.ts) and the admin history page reading through it.
import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../lib/config';
import { projectRoot } from '../../lib/paths';
import {
  newEncryptionKey,
  parseEncryptionKeys,
  piiEncryptionKeys,
  piiKeyFile,
  type EncryptionKey,
} from '../../lib/secrets';
import {
  decodePayloadsIn,
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  isEncrypted,
  METADATA_KEY_ID,
} from '../../lib/temporal/codec';
import { janSetuDataConverter } from '../../lib/temporal/connection';
import { fetchReadableHistory, readableHistory, UNDECODABLE } from '../../server/admin/history';

const key = (id: string): EncryptionKey => ({ id, key: crypto.randomBytes(32) });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const APPLICANT = { applicantName: 'सुनीता शर्मा', mobile: '9876543210', aadhaar: '234123412346' };

async function roundTrip(
  codec: EncryptionCodec,
  value: unknown,
): Promise<{ sealed: Payload; back: unknown }> {
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
  const [opened] = await codec.decode([sealed!]);
  return { sealed: sealed!, back: defaultPayloadConverter.fromPayload(opened!) };
}

describe('PII payload codec (AES-256-GCM)', () => {
  it('round-trips a payload, metadata included, and leaves no plaintext in what Temporal stores', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const { sealed, back } = await roundTrip(codec, APPLICANT);
    expect(back).to.deep.equal(APPLICANT);
    expect(text(sealed.metadata?.encoding)).to.equal(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.[METADATA_KEY_ID])).to.equal('k1');
    expect(Object.keys(sealed.metadata ?? {})).to.have.members(['encoding', METADATA_KEY_ID]);
    const stored = Buffer.from(sealed.data!);
    for (const secret of ['सुनीता', '9876543210', '234123412346', 'json/plain']) {
      expect(stored.includes(Buffer.from(secret, 'utf8')), secret).to.be.false;
      expect(stored.toString('base64')).not.to.contain(Buffer.from(secret).toString('base64'));
    }
    // 12-byte IV + protobuf of the original payload + 16-byte tag.
    const original = temporal.api.common.v1.Payload.encode(
      defaultPayloadConverter.toPayload(APPLICANT),
    ).finish();
    expect(stored.length).to.equal(12 + original.length + 16);
  });

  it('encrypts the same value twice to different ciphertexts (a fresh IV each time)', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const [a, b] = await codec.encode([
      defaultPayloadConverter.toPayload('9876543210'),
      defaultPayloadConverter.toPayload('9876543210'),
    ]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).to.be.false;
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).to.be.false;
  });

  it('refuses a tampered payload: any flipped bit in IV, ciphertext or tag fails authentication', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(APPLICANT)]);
    const length = sealed!.data!.length;
    for (const at of [0, 11, 12, Math.floor(length / 2), length - 17, length - 1]) {
      const data = new Uint8Array(sealed!.data!);
      data[at]! ^= 0x01;
      let error: Error | undefined;
      await codec.decode([{ ...sealed!, data }]).catch((err: Error) => (error = err));
      expect(error?.message, `bit flipped at byte ${at}`).to.match(/failed authentication/);
    }
    const truncated = { ...sealed!, data: sealed!.data!.subarray(0, 20) };
    expect(await codec.decode([truncated]).catch((err: Error) => err.message)).to.match(
      /too short|authentication/,
    );
  });

  it('rotates: a payload sealed with the old key opens with a ring that has a new key in front', async () => {
    const old = key('k2025');
    const sealedBefore = (
      await new EncryptionCodec([old]).encode([defaultPayloadConverter.toPayload(APPLICANT)])
    )[0]!;
    const rotated = new EncryptionCodec([key('k2026'), old]);
    expect(rotated.currentKeyId).to.equal('k2026');
    const [opened] = await rotated.decode([sealedBefore]);
    expect(defaultPayloadConverter.fromPayload(opened!)).to.deep.equal(APPLICANT);
    const [sealedAfter] = await rotated.encode([defaultPayloadConverter.toPayload(APPLICANT)]);
    expect(text(sealedAfter!.metadata?.[METADATA_KEY_ID])).to.equal('k2026');
    // The old ring alone cannot read what the new key sealed: it names the key it lacks.
    const error = await new EncryptionCodec([old]).decode([sealedAfter!]).catch((err: Error) => err);
    expect((error as Error).message)
      .to.contain('"k2026"')
      .and.to.contain('not in the key ring');
  });

  it('fails loudly on an unknown key id, and on a key of the right id but the wrong bytes', async () => {
    const [sealed] = await new EncryptionCodec([key('k1')]).encode([defaultPayloadConverter.toPayload('x')]);
    expect(
      await new EncryptionCodec([key('k9')]).decode([sealed!]).catch((err: Error) => err.message),
    ).to.match(/key "k1", which is not in the key ring/);
    expect(
      await new EncryptionCodec([key('k1')]).decode([sealed!]).catch((err: Error) => err.message),
    ).to.match(/failed authentication/);
  });

  it('passes payloads that were never encrypted through decode unchanged (histories from before the codec)', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const plain = defaultPayloadConverter.toPayload(APPLICANT);
    const [out] = await codec.decode([plain]);
    expect(out).to.equal(plain);
    expect(isEncrypted(plain)).to.be.false;
  });

  it('is the data converter of clients and workers: one codec over the whole key ring', async () => {
    const ring = [key('new'), key('old')];
    const converter = janSetuDataConverter(ring);
    expect(converter.payloadCodecs).to.have.length(1);
    const codec = converter.payloadCodecs![0] as EncryptionCodec;
    expect(codec.currentKeyId).to.equal('new');
    expect((await roundTrip(codec, 'ok')).back).to.equal('ok');
  });

  it('refuses a key ring with no key, a short key or a repeated id', () => {
    expect(() => new EncryptionCodec([])).to.throw(/at least one key/);
    expect(() => new EncryptionCodec([{ id: 'a', key: crypto.randomBytes(16) }])).to.throw(/32 bytes/);
    const k = key('a');
    expect(() => new EncryptionCodec([k, { ...k }])).to.throw(/appears twice/);
  });
});

describe('PII key ring: PII_ENCRYPTION_KEYS and the generated key file', () => {
  const b64 = () => crypto.randomBytes(32).toString('base64');

  it('parses "id:base64key,…" in order: the first encrypts', () => {
    const [a, b] = [b64(), b64()];
    const ring = parseEncryptionKeys(`k2026:${a}, k2025:${b}`);
    expect(ring.map((k) => k.id)).to.deep.equal(['k2026', 'k2025']);
    expect(ring[0]!.key.equals(Buffer.from(a, 'base64'))).to.be.true;
  });

  it('names what is wrong without echoing the key: length, repeated id, bad id, not base64', () => {
    expect(() => parseEncryptionKeys(`a:${crypto.randomBytes(16).toString('base64')}`)).to.throw(/32 bytes/);
    expect(() => parseEncryptionKeys(`a:${b64()},a:${b64()}`)).to.throw(/"a" appears twice/);
    expect(() => parseEncryptionKeys(`bad id:${b64()}`)).to.throw(/id of letters/);
    expect(() => parseEncryptionKeys('a:not*base64')).to.throw(/base64/);
    expect(() => parseEncryptionKeys(' , ')).to.throw(/at least one key/);
    const secret = crypto.randomBytes(20).toString('base64');
    const problems = (() => {
      try {
        loadConfig({ PII_ENCRYPTION_KEYS: `k1:${secret}` });
      } catch (err) {
        return (err as { problems?: string[] }).problems ?? [];
      }
      return [];
    })();
    expect(problems).to.have.length(1);
    expect(problems[0])
      .to.contain('PII_ENCRYPTION_KEYS')
      .and.to.contain('32 bytes')
      .and.not.to.contain(secret);
  });

  it('generates one key into DATA_DIR/keys once, private to the owner, and reuses it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-keys-'));
    try {
      const config = { dataDir, piiEncryptionKeys: undefined };
      const first = piiEncryptionKeys(config);
      expect(first).to.have.length(1);
      expect(first[0]!.key).to.have.length(32);
      expect(fs.statSync(piiKeyFile(config)).mode & 0o777).to.equal(0o600);
      expect(piiEncryptionKeys(config)[0]!.key.equals(first[0]!.key)).to.be.true;
      // Rotation without the variable: a new key written in front of the file.
      fs.writeFileSync(
        piiKeyFile(config),
        `${newEncryptionKey()}\n${fs.readFileSync(piiKeyFile(config), 'utf8')}`,
      );
      const rotated = piiEncryptionKeys(config);
      expect(rotated.map((k) => k.id)).to.have.length(2);
      expect(rotated[1]!.id).to.equal(first[0]!.id);
      // The variable wins over the file.
      const ring = piiEncryptionKeys({ dataDir, piiEncryptionKeys: `env:${b64()}` });
      expect(ring.map((k) => k.id)).to.deep.equal(['env']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('reading encrypted histories', () => {
  const recordedJSON = (name: string): unknown =>
    JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'histories', `${name}.json`), 'utf8'));

  /** A recorded history with every payload sealed, as Temporal holds it once the codec is on. */
  async function sealedHistory(codec: EncryptionCodec, name: string) {
    const history = historyFromJSON(recordedJSON(name));
    const payloads: Payload[] = [];
    const visit = (v: unknown, key: string): void => {
      // Search attributes are indexed by the server, never encoded: they stay as they are.
      if (key === 'searchAttributes' || typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return;
      if (Array.isArray(v)) return v.forEach((item) => visit(item, ''));
      if ((v as Payload).metadata?.encoding instanceof Uint8Array) return void payloads.push(v);
      for (const [k, item] of Object.entries(v)) visit(item, k);
    };
    visit(history, '');
    const sealed = await codec.encode(payloads);
    payloads.forEach((p, i) => {
      p.metadata = sealed[i]!.metadata;
      p.data = sealed[i]!.data;
    });
    return history;
  }

  it('decodes every payload of a history in place, and the admin page shows the same rows as before', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const expected = readableHistory(historyFromJSON(recordedJSON('application-delivered-in-time')));
    const sealed = await sealedHistory(codec, 'application-delivered-in-time');
    const raw = Buffer.from(temporal.api.history.v1.History.encode(sealed).finish());
    for (const secret of ['सुनीता शर्मा', '9876543210'])
      expect(raw.includes(Buffer.from(secret)), secret).to.be.false;
    expect(JSON.stringify(readableHistory(sealed)))
      .to.contain(UNDECODABLE)
      .and.not.to.contain('9876543210');

    const client = {
      options: { loadedDataConverter: { payloadCodecs: [codec] } },
      workflow: { getHandle: () => ({ fetchHistory: () => Promise.resolve(sealed) }) },
    } as unknown as Client;
    expect(await fetchReadableHistory(client, 'LSG/INC/2026/000001')).to.deep.equal(expected);
  });

  it('leaves a history without encrypted payloads as it is', async () => {
    const history = historyFromJSON(recordedJSON('complaint-information'));
    const before = JSON.stringify(history);
    await decodePayloadsIn(history, [new EncryptionCodec([key('k1')])]);
    expect(JSON.stringify(history)).to.equal(before);
  });
});
