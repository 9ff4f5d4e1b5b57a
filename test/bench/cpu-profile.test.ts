// The CPU accounting the scale-out benchmark states its bound with: a process tree's CPU time
// (a child that has exited included) and V8 profile summaries (self time, window, places).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, cpuSnapshot, summariseCpuProfiles, type CpuProfile } from '../../bench/cpu-profile';
import { projectRoot } from '../../lib/paths';

/** Burns `ms` of CPU time (not wall time: the machine may be busy). */
const burn = (ms: number) =>
  `const u0 = process.cpuUsage(); while ((process.cpuUsage(u0).user + process.cpuUsage(u0).system) / 1000 < ${ms}) {}`;

describe('bench CPU accounting', () => {
  it('counts a process tree, a grandchild that has exited included, and a process alone', async function () {
    this.timeout(60_000);
    // The child burns 200 ms itself, and runs a grandchild that burns 600 ms and exits.
    const script = `
      const { spawnSync } = require('node:child_process');
      process.stdin.once('data', () => {
        ${burn(200)}
        spawnSync(process.execPath, ['-e', ${JSON.stringify(burn(600))}]);
        process.stdout.write('done');
        process.stdin.once('data', () => process.exit(0));
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const groups = [
        { name: 'tree', pid: child.pid, tree: true },
        { name: 'alone', pid: child.pid, tree: false },
      ];
      await new Promise((r) => setTimeout(r, 300)); // node has started
      const before = cpuSnapshot(groups, performance.now());
      const beforeUngrouped = cpuSnapshot([], performance.now());
      const done = new Promise((r) => child.stdout.once('data', r));
      child.stdin.write('go\n');
      await done;
      const used = cpuSeconds(before, cpuSnapshot(groups, performance.now()));
      const ungrouped = cpuSeconds(beforeUngrouped, cpuSnapshot([], performance.now()));
      expect(used.tree).to.be.within(0.75, 2);
      expect(used.alone).to.be.within(0.18, 0.5);
      // A child of this process in no group counts among its other children, with its own children.
      expect(used['other children']).to.be.below(0.05);
      expect(ungrouped['other children']).to.be.at.least(0.75);
      expect(used.machine).to.be.at.least(0.75);
    } finally {
      child.stdin.write('exit\n');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('sums self time per function within the window, with project and package places', () => {
    const frame = (functionName: string, url: string, lineNumber = -1) => ({
      functionName,
      url,
      lineNumber,
      columnNumber: 0,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        {
          id: 3,
          callFrame: frame('encrypt', `file://${path.join(projectRoot, 'dist/lib/temporal/codec.js')}`, 64),
        },
        { id: 4, callFrame: frame('handleTrailers', '/x/node_modules/@grpc/grpc-js/build/src/call.js', 9) },
        { id: 5, callFrame: frame('(garbage collector)', '') },
      ],
      startTime: 1_000,
      endTime: 2_000,
      // Samples at 1100, 1200, …; each weighs the time until the next (100 µs).
      samples: [3, 3, 4, 2, 5, 3, 4, 4],
      timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
    };
    const all = summariseCpuProfiles([profile]);
    expect(all.sampledMs).to.be.closeTo(0.7, 1e-9); // the last sample has no successor
    expect(all.idleMs).to.be.closeTo(0.1, 1e-9);
    expect(all.functions.map((f) => [f.functionName, f.location, Math.round(f.selfMs * 1000)])).to.deep.equal(
      [
        ['encrypt', 'dist/lib/temporal/codec.js:65', 300],
        ['handleTrailers', '@grpc/grpc-js build/src/call.js:10', 200],
        ['(garbage collector)', '', 100],
      ],
    );
    expect(all.functions[0]!.share).to.be.closeTo(0.5, 1e-9);
    expect(all.areas.map((a) => a.area)).to.deep.equal([
      'Jan Setu',
      '@grpc/grpc-js',
      'V8 (garbage collector)',
    ]);

    // Only the samples at 1300..1600: handleTrailers, idle, GC, encrypt.
    const window = summariseCpuProfiles([profile, profile], { fromUs: 1_300, toUs: 1_600 });
    expect(window.sampledMs).to.be.closeTo(0.8, 1e-9); // both copies
    expect(window.functions.map((f) => f.functionName).sort()).to.deep.equal([
      '(garbage collector)',
      'encrypt',
      'handleTrailers',
    ]);
  });
});
