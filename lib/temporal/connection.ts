// The one place Temporal clients are made: connection, namespace and data converter together,
// so the server, the worker and the tests cannot disagree on how payloads are encoded.
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { piiEncryptionKeys, type EncryptionKey } from '../secrets';
import { payloadCodecs } from './codec';

/**
 * Payload conversion for every client and worker: JSON, then AES-256-GCM under the key ring
 * (lib/temporal/codec.ts), so names, mobiles and complaint text never reach Temporal in plaintext.
 */
export function janSetuDataConverter(keys: readonly EncryptionKey[]): DataConverter {
  return { payloadCodecs: payloadCodecs(keys) };
}

/** The data converter of this deployment: PII_ENCRYPTION_KEYS, or the key file in DATA_DIR/keys. */
export function dataConverterFor(config: Pick<Config, 'piiEncryptionKeys' | 'dataDir'>): DataConverter {
  return janSetuDataConverter(piiEncryptionKeys(config));
}

export interface TemporalClient {
  connection: Connection;
  client: Client;
  namespace: string;
  taskQueue: string;
}

export function connectTemporal(
  config: Pick<
    Config,
    'temporalTarget' | 'temporalNamespace' | 'taskQueue' | 'piiEncryptionKeys' | 'dataDir'
  >,
): TemporalClient {
  // Lazy: the HTTP server starts (and /readyz says why it is not ready) even while Temporal is down.
  const connection = Connection.lazy({ address: config.temporalTarget, connectTimeout: '10s' });
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: dataConverterFor(config),
  });
  return { connection, client, namespace: config.temporalNamespace, taskQueue: config.taskQueue };
}

/** True when the Temporal frontend answers within `timeoutMs`. */
export async function temporalReachable(connection: Connection, timeoutMs = 2000): Promise<boolean> {
  try {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}
