// Test harnesses on real Temporal servers, from the binaries scripts/setup.sh installs (nothing
// is downloaded at test time): the time-skipping test server for workflow logic (a 30-day
// deadline passes in milliseconds) and the CLI dev server for behaviour that needs a full server
// (visibility, search attributes).
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  Runtime,
  DefaultLogger,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../../lib/config';
import { installedTool, projectRoot } from '../../lib/paths';
import { dataConverterFor } from '../../lib/temporal/connection';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

// The workflow harnesses exchange plain JSON payloads: each test builds its own worker with fake
// activities, and the histories they record (test/histories/) must replay without any key. The
// PII codec runs outside the workflow sandbox, so it cannot change what a workflow does; it is
// proven by test/unit/codec.test.ts and, with the real worker and server, by test/e2e/pii.test.ts.
const dataConverter = {};

export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: installedTool('temporal-test-server') } },
    client: { dataConverter },
  });
}

export async function devServerEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: installedTool('temporal') }, ui: false },
    client: { dataConverter },
  });
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** Bundles a workflows module once per test run (webpack takes seconds; tests reuse the result). */
export function workflowBundle(relativePath: string): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(relativePath);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: path.join(projectRoot, relativePath),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: console.error,
      },
    });
    bundles.set(relativePath, bundle);
  }
  return bundle;
}

let queue = 0;
export function uniqueTaskQueue(name: string): string {
  queue += 1;
  return `test-${name}-${process.pid}-${queue}`;
}

/**
 * A client of a test stack's Temporal that encodes and decodes as its server and worker do (the
 * stack's key ring in its DATA_DIR/keys): workflow results, schedule actions and queries read as
 * values, not as ciphertext. Close the connection it returns.
 */
export async function stackClient(
  config: Pick<Config, 'piiEncryptionKeys' | 'dataDir' | 'temporalNamespace'>,
  address: string,
): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address });
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: dataConverterFor(config),
  });
  return { client, connection };
}
