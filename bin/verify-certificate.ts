// Checks the QR payload of a Jan Setu document offline, against one or more trusted public keys:
//   node dist/bin/verify-certificate.js --public-key key.pem [--public-key old.pem] "<payload>"
//   zbarimg --raw -q scan.png | node dist/bin/verify-certificate.js --public-key key.pem
// Prints the signed facts and VALID (exit 0), or INVALID and the reason (exit 1); 2 on bad usage.
import fs from 'node:fs';
import type crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { keyIdOf, publicKeyFromPem, verifyPayload } from '../lib/certificate-signing';

const USAGE =
  'usage: verify-certificate --public-key <key.pem> [--public-key <old.pem> …] [<payload>]  (payload on stdin if not given)';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'public-key': { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const keyFiles = parsed.values['public-key'] ?? [];
  if (keyFiles.length === 0) return usage('at least one --public-key is needed');
  if (parsed.positionals.length > 1) return usage('give one payload');

  // Keyed by id, as the payload names the key that signed it: a verifier keeps old keys after a rotation.
  const keys: Record<string, crypto.KeyObject> = {};
  for (const file of keyFiles) {
    try {
      const key = publicKeyFromPem(fs.readFileSync(file, 'utf8'));
      keys[keyIdOf(key)] = key;
    } catch (err) {
      return usage(`cannot read an Ed25519 public key from ${file}: ${(err as Error).message}`);
    }
  }

  const payload = (parsed.positionals[0] ?? fs.readFileSync(0, 'utf8')).trim();
  if (!payload) return usage('no payload given');

  const result = verifyPayload(payload, keys);
  if (!result.valid) {
    process.stdout.write(`INVALID: ${result.reason} (${result.detail})\n`);
    return 1;
  }
  const { facts } = result;
  const rows: [string, string][] = [
    ['serial', facts.serial],
    ['kind', facts.kind],
    ['application', facts.applicationNumber],
    ['holder', facts.holder],
    ['issued on', facts.issuedOn],
    ['valid until', facts.validUntil ?? 'no expiry'],
    ['issuer', facts.issuer],
    ['district', facts.district],
    ['data digest', facts.dataDigest],
    ['signed by key', result.keyId],
  ];
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(14)}${value}\n`);
  // The signature stays genuine after expiry; whoever relies on the document must know it lapsed.
  const todayIst = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
  if (facts.validUntil !== null && facts.validUntil < todayIst)
    process.stdout.write(`note: the document's validity ended on ${facts.validUntil}\n`);
  process.stdout.write('VALID\n');
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`verify-certificate: ${problem}\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
