// The bare Temporal baseline of the intake benchmark: a workflow that does nothing, started
// through the same dev server as Jan Setu's, so the ratio shows what Jan Setu adds to a start.
export function benchNoopWorkflow(): Promise<void> {
  return Promise.resolve();
}
