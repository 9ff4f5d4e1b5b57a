// Search attributes are indexed by Temporal in plaintext (the payload codec cannot encrypt them), so
// none may carry personal data: an explicit allow-list of non-personal keys, checked against the
// definitions, every place a key is defined or set, and the values in the recorded histories.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot } from '../../lib/paths';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

/**
 * Each key and why it is not personal. Adding one means adding it here, after checking that no
 * value of it can name, locate or identify a person (no name, mobile, address, village, Aadhaar,
 * Samagra id, income, land record or complaint text).
 */
const ALLOWED: Record<string, string> = {
  CaseKind: 'application | complaint',
  CaseStatus: 'a workflow state such as pending-decision',
  ServiceCode: 'INC, DOM, KHS, MAP',
  DistrictCode: 'one of 55 districts',
  DepartmentCode: 'a department code',
  EscalationLevel: 'L1–L4',
  DueAt: 'a due date',
  Breached: 'true or false',
};

/** Temporal's own, set by the SDK: the patch ids of patched() (not personal either). */
const SYSTEM = ['TemporalChangeVersion'];

const sourceFiles = (dir: string): string[] =>
  fs
    .readdirSync(path.join(projectRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));

describe('search attributes carry no personal data', () => {
  it('defines exactly the allow-listed keys', () => {
    expect(ALL_SEARCH_ATTRIBUTES.map((k) => k.name)).to.have.members(Object.keys(ALLOWED));
  });

  it('defines and sets search attributes only through workflows/search-attributes.ts', () => {
    const definitions = path.join(projectRoot, 'workflows', 'search-attributes.ts');
    for (const file of ['workflows', 'activities', 'server', 'lib', 'bin'].flatMap(sourceFiles)) {
      const code = fs.readFileSync(file, 'utf8');
      if (file !== definitions) {
        expect(code, `${file} defines a search attribute`).not.to.match(/defineSearchAttributeKey\s*\(/);
      }
      // The deprecated untyped record would bypass the typed keys (and so this allow-list).
      expect(code, `${file} sets untyped search attributes`).not.to.match(/searchAttributes\s*:\s*\{/);
    }
  });

  it('holds no applicant or complainant name or mobile in the recorded histories', () => {
    const dir = path.join(projectRoot, 'test', 'histories');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(10);
    let checked = 0;
    for (const file of files) {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      const input = started?.input?.payloads?.[0]
        ? JSON.stringify(defaultPayloadConverter.fromPayload(started.input.payloads[0]))
        : '';
      const personal = [...input.matchAll(/"(?:name|applicantName|mobile|line|description)":"([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      for (const event of history.events ?? []) {
        const fields = {
          ...(event.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ?? {}),
          ...(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}),
        };
        for (const [name, payload] of Object.entries(fields)) {
          expect([...Object.keys(ALLOWED), ...SYSTEM], `${file}: ${name}`).to.include(name);
          const value = JSON.stringify(defaultPayloadConverter.fromPayload(payload));
          for (const p of personal) expect(value, `${file}: ${name}`).not.to.contain(p);
          expect(value, `${file}: ${name}`).not.to.match(/[6-9]\d{9}/);
          checked += 1;
        }
      }
    }
    expect(checked, 'search attribute values seen in the histories').to.be.greaterThan(20);
  });
});
