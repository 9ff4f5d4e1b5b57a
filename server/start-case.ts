// Starting a case's workflow (application or complaint) with its business id: idempotent, so a
// retried intake after a crash between storing the case and starting it starts it exactly once.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { TemporalClient } from '../lib/temporal/connection';

/** True if this call started it; false if it had been started before. */
export async function startCaseWorkflow(
  temporal: TemporalClient,
  workflowType: 'applicationWorkflow' | 'complaintWorkflow',
  workflowId: string,
  input: unknown,
): Promise<boolean> {
  try {
    await temporal.client.workflow.start(workflowType, {
      workflowId,
      taskQueue: temporal.taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return false; // already started (and perhaps finished): nothing to do
  }
}
