// The stack under test: the start command's own startStack() on free ports with a fresh data
// folder, exactly as the end-to-end tests run it (test/helpers/stack.ts), with a larger pool of
// the bench's own beside the server's and the worker's. Runs dist/: `npm run build` first.
import { startTestStack, type TestStack } from '../test/helpers/stack';

export type BenchStack = TestStack;

export function startBenchStack(): Promise<BenchStack> {
  return startTestStack('bench', 4);
}
