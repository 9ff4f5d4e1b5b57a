import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSigningKey, publicKeyToPem, signFacts } from '../../lib/certificate-signing';
import { canonicalJson } from '../../lib/canonical-json';
import type { SignedFacts } from '../../lib/documents';
import { projectRoot } from '../../lib/paths';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source the way a verifier would run it, offline, with `stdin` piped in. */
function verifyCli(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bin/verify-certificate.ts', ...args], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const facts: SignedFacts = {
  serial: 'JS-INC-2026-000123-1',
  kind: 'income-certificate',
  applicationNumber: 'LSG/INC/2026/000123',
  holder: 'रामकृष्ण त्रिपाठी',
  issuedOn: '2026-03-16',
  validUntil: '2027-03-15',
  issuer: 'MP-REV-0031',
  district: 'bhopal',
  dataDigest: 'x3Jm2k1N0oV9pYh4aQe8sT6uW5rZ7cB1dF2gH3jK4lM',
};

describe('verify-certificate CLI', function () {
  this.timeout(60_000);
  const key = generateSigningKey();
  const older = generateSigningKey();
  const payload = signFacts(facts, key.privateKey, key.keyId);
  let dir: string;
  let keyFile: string;
  let olderKeyFile: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-verify-'));
    keyFile = path.join(dir, 'current.pem');
    olderKeyFile = path.join(dir, 'older.pem');
    fs.writeFileSync(keyFile, publicKeyToPem(key.publicKey));
    fs.writeFileSync(olderKeyFile, publicKeyToPem(older.publicKey));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the signed facts and VALID, exit 0, for a genuine payload given as an argument', async () => {
    const run = await verifyCli(['--public-key', keyFile, payload]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('JS-INC-2026-000123-1');
    expect(run.stdout).to.include('रामकृष्ण त्रिपाठी');
    expect(run.stdout).to.include(key.keyId);
    expect(run.stdout.trim().split('\n').pop()).to.equal('VALID');
  });

  it('reads the payload from stdin, as piped from a QR scanner, and finds the signing key among several', async () => {
    const olderPayload = signFacts(facts, older.privateKey, older.keyId);
    const run = await verifyCli(['--public-key', keyFile, '--public-key', olderKeyFile], `${olderPayload}\n`);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(older.keyId);
    expect(run.stdout).to.match(/VALID\n$/);
  });

  it('says INVALID with the reason, exit 1, for a payload whose facts were altered', async () => {
    const [prefix, keyId, , signature] = payload.split('.');
    const altered = Buffer.from(canonicalJson({ ...facts, holder: 'कोई और' })).toString('base64url');
    const run = await verifyCli(['--public-key', keyFile, [prefix, keyId, altered, signature].join('.')]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/^INVALID: bad-signature/);
    expect(run.stdout).to.not.include('कोई और');
  });

  it('says INVALID, exit 1, for a payload signed by a key it was not given', async () => {
    const run = await verifyCli(['--public-key', olderKeyFile, payload]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/^INVALID: unknown-key-id/);
  });

  it('exits 2 with usage when no public key is given', async () => {
    const run = await verifyCli([payload]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('--public-key');
  });
});
