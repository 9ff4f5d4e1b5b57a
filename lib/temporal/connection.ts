// The one place Temporal clients are made: connection, namespace and data converter together,
// so the server, the worker and the tests cannot disagree on how payloads are encoded.
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';

/** Payload conversion for every client and worker. Plain JSON today; the PII codec plugs in here. */
export const dataConverter: DataConverter = {};

export interface TemporalClient {
  connection: Connection;
  client: Client;
  namespace: string;
  taskQueue: string;
}

export function connectTemporal(
  config: Pick<Config, 'temporalTarget' | 'temporalNamespace' | 'taskQueue'>,
): TemporalClient {
  // Lazy: the HTTP server starts (and /readyz says why it is not ready) even while Temporal is down.
  const connection = Connection.lazy({ address: config.temporalTarget, connectTimeout: '10s' });
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter });
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
