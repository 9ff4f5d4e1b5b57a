// Child process of the certificate benchmark: renders one certificate in a fresh process (fonts
// parsed, nothing shaped yet) and prints its times as one JSON line.
import { performance } from 'node:perf_hooks';
import { createDocumentRenderer } from '../activities/documents';
import { generateSigningKey } from '../lib/certificate-signing';
import { sampleIncomeCertificate } from '../test/fixtures/certificates';

async function main(): Promise<void> {
  const loaded = performance.now(); // modules loaded
  const renderer = createDocumentRenderer({ signingKey: generateSigningKey() });
  const start = performance.now();
  const pdf = await renderer.certificate(sampleIncomeCertificate(1));
  const firstMs = performance.now() - start;
  const second = performance.now();
  await renderer.certificate(sampleIncomeCertificate(2));
  process.stdout.write(
    `${JSON.stringify({ firstMs, secondMs: performance.now() - second, loadMs: loaded, bytes: pdf.length })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
