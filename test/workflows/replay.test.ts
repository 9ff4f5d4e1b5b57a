// Recorded histories of released workflow code, replayed against the current code: a change that
// would break running applications (nondeterminism) fails here, not in production.
// Re-record after an intended, patched() change:
//   RECORD_HISTORIES=1 npx mocha test/workflows/application.test.ts test/workflows/complaint.test.ts
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { projectRoot } from '../../lib/paths';
import { workflowBundle } from '../helpers/temporal';

const HISTORIES = path.join(projectRoot, 'test', 'histories');

describe('replay of recorded workflow histories', function () {
  this.timeout(120_000);
  const files = fs.existsSync(HISTORIES)
    ? fs
        .readdirSync(HISTORIES)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

  it('has recorded histories of every application and complaint path', () => {
    const names = files.map((f) => f.replace(/\.json$/, ''));
    expect(names).to.include.members([
      ...[
        'delivered-in-time',
        'breach-suo-motu',
        'rejected-appeal-delivered',
        'second-appeal',
        'first-appeal-lapsed',
      ]
        .concat([
          'information-pause',
          'incomplete',
          'field-report',
          'land-record-paid',
          'land-record-unpaid',
          'land-record-missing',
        ])
        .map((n) => `application-${n}`),
      ...[
        'resolved-satisfied',
        'unattended-escalation',
        'manual-l4',
        'dissatisfied-reopened',
        'feedback-timeout',
        'transfer',
      ]
        .concat(['special-close', 'citizen-asked', 'mahila', 'information', 'cpgrams'])
        .map((n) => `complaint-${n}`),
    ]);
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      const history: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
      await Worker.runReplayHistory(
        { workflowBundle: await workflowBundle('workflows/index.ts') },
        history,
        file,
      );
    });
  }
});
