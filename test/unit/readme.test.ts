// The README is the newcomer's contract: two commands, and a configuration table that matches
// the variables the code reads.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { variables } from '../../lib/config';
import { projectRoot } from '../../lib/paths';

const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).to.be.greaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README', () => {
  it('has a quick start of exactly two commands: start, then test', () => {
    const blocks = [...section('Quick start').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const commands = blocks[0]!.split('\n').filter((line) => line.trim() !== '');
    expect(commands).to.deep.equal(['bin/jansetu start', 'bin/jansetu test']);
  });

  it('is what CI runs: .ci/run calls exactly the test command', () => {
    const ci = fs.readFileSync(path.join(projectRoot, '.ci', 'run'), 'utf8');
    const lines = ci
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '));
    // The one switch CI may add: the long fault run (test/faults/), then exactly the test command.
    expect(lines).to.deep.equal(['export JANSETU_FAULT_RUNS=1', 'bin/jansetu test']);
  });

  it('documents every configuration variable, and no other, with its default', () => {
    const rows = [...section('Configuration').matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*([^|]+?)\s*\|/gm)].map(
      (m) => [m[1]!, m[2]!.trim()],
    );
    const documented = Object.fromEntries(rows) as Record<string, string>;
    const expected = Object.fromEntries(
      Object.values(variables).map((v) => [
        v.name,
        'default' in v && v.default !== undefined ? `\`${v.default}\`` : '(unset)',
      ]),
    );
    expect(documented).to.deep.equal(expected);
  });
});
