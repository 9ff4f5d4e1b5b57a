// The admin's workflow-history inspector, checked against the recorded real histories in
// test/histories/ (and a small synthetic history for what those never contain: failures, retries,
// patch markers, signals, undecodable payloads and HTML in payloads).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot } from '../../lib/paths';
import {
  fetchReadableHistory,
  readableHistory,
  temporalUiLink,
  UNDECODABLE,
  type HistoryRow,
} from '../../server/admin/history';
import { historyTimeline } from '../../templates/admin/history';

const HISTORIES = path.join(projectRoot, 'test', 'histories');

function recordedJSON(name: string): { events: { eventId: string; eventTime: string; eventType: string }[] } {
  return JSON.parse(fs.readFileSync(path.join(HISTORIES, `${name}.json`), 'utf8'));
}

function recorded(name: string): HistoryRow[] {
  return readableHistory(historyFromJSON(recordedJSON(name)));
}

function byId(rows: HistoryRow[], eventId: number | null): HistoryRow {
  const row = rows.find((r) => r.eventId === eventId);
  if (!row) throw new Error(`no event ${eventId}`);
  return row;
}

// A synthetic history in the JSON form `temporal workflow show --output json` writes.
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const json = (value: unknown) => ({
  metadata: { encoding: b64('json/plain') },
  data: b64(JSON.stringify(value)),
});
const at = (second: number): string => new Date(Date.UTC(2036, 10, 26, 4, 0, second)).toISOString();

const APPLICATION = 'LSG/INC/2036/430009';
const syntheticEvents: Record<string, unknown>[] = [
  {
    eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
    workflowExecutionStartedEventAttributes: {
      workflowType: { name: 'applicationWorkflow' },
      input: { payloads: [json({ applicationNumber: APPLICATION })] },
      attempt: 1,
    },
  },
  { eventType: 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', workflowTaskScheduledEventAttributes: { attempt: 1 } },
  {
    eventType: 'EVENT_TYPE_WORKFLOW_TASK_STARTED',
    workflowTaskStartedEventAttributes: { scheduledEventId: '2' },
  },
  {
    eventType: 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
    workflowTaskCompletedEventAttributes: { scheduledEventId: '2' },
  },
  {
    eventType: 'EVENT_TYPE_MARKER_RECORDED',
    markerRecordedEventAttributes: {
      markerName: 'core_patch',
      details: { 'patch-data': { payloads: [json({ id: 'certificate-qr-v2', deprecated: false })] } },
    },
  },
  {
    eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    activityTaskScheduledEventAttributes: {
      activityId: '1',
      activityType: { name: 'issueCertificate' },
      input: { payloads: [json({ input: { applicationNumber: APPLICATION } })] },
    },
  },
  {
    // Written once, for the last attempt: attempts 1 and 2 failed with the renderer down.
    eventType: 'EVENT_TYPE_ACTIVITY_TASK_STARTED',
    activityTaskStartedEventAttributes: {
      scheduledEventId: '6',
      attempt: 3,
      lastFailure: {
        message: 'PDF renderer <img src=x onerror=alert(1)> unavailable',
        applicationFailureInfo: { type: 'RendererUnavailable' },
      },
    },
  },
  {
    eventType: 'EVENT_TYPE_ACTIVITY_TASK_FAILED',
    activityTaskFailedEventAttributes: {
      scheduledEventId: '6',
      startedEventId: '7',
      retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE',
      failure: {
        message: 'signing key missing',
        applicationFailureInfo: { type: 'SigningKeyMissing', nonRetryable: true },
      },
    },
  },
  {
    eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED',
    workflowExecutionSignaledEventAttributes: {
      signalName: 'citizenNote',
      input: { payloads: [json({ note: '<script>alert("x")</script>' })] },
    },
  },
  {
    eventType: 'EVENT_TYPE_TIMER_STARTED',
    timerStartedEventAttributes: { timerId: '1', startToFireTimeout: `${3 * 86400 + 4 * 3600}s` },
  },
  { eventType: 'EVENT_TYPE_TIMER_FIRED', timerFiredEventAttributes: { timerId: '1', startedEventId: '10' } },
  {
    eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    activityTaskScheduledEventAttributes: {
      activityType: { name: 'notify' },
      input: { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('{not json') }] },
    },
  },
  {
    eventType: 'EVENT_TYPE_WORKFLOW_TASK_FAILED',
    workflowTaskFailedEventAttributes: { scheduledEventId: '2', failure: { message: 'nondeterminism' } },
  },
  {
    eventType: 'EVENT_TYPE_NEXUS_OPERATION_SCHEDULED',
    nexusOperationScheduledEventAttributes: {
      endpoint: 'land-records',
      service: 'bhulekh',
      operation: 'khasra',
    },
  },
  {
    eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED',
    workflowExecutionFailedEventAttributes: {
      failure: {
        message: 'Activity task failed',
        activityFailureInfo: { activityType: { name: 'issueCertificate' } },
        cause: {
          message: 'signing key missing',
          applicationFailureInfo: { type: 'SigningKeyMissing', nonRetryable: true },
        },
      },
    },
  },
];
const synthetic = () =>
  readableHistory(
    historyFromJSON({
      events: syntheticEvents.map((e, i) => ({ eventId: String(i + 1), eventTime: at(i), ...e })),
    }),
  );

const render = (rows: HistoryRow[], more: Partial<Parameters<typeof historyTimeline>[1]> = {}): string =>
  historyTimeline(rows, {
    lang: 'en',
    workflowId: APPLICATION,
    uiLink: temporalUiLink('http://127.0.0.1:8233', 'default', APPLICATION),
    showTasks: false,
    ...more,
  }).toString();

describe('workflow history inspector', () => {
  describe('readable rows from recorded histories', () => {
    it('keeps every event, with its id, ISO time and PascalCase type', () => {
      const raw = recordedJSON('complaint-unattended-escalation').events;
      const rows = recorded('complaint-unattended-escalation');
      expect(rows.map((r) => r.eventId)).to.deep.equal(raw.map((e) => Number(e.eventId)));
      expect(rows.map((r) => r.time)).to.deep.equal(raw.map((e) => e.eventTime));
      expect(rows[0]!.type).to.equal('WorkflowExecutionStarted');
      expect(byId(rows, 5).type).to.equal('ActivityTaskScheduled');
      expect(rows.every((r) => /^[A-Z][A-Za-z]+$/.test(r.type))).to.be.true;
    });

    it('puts workflow-task bookkeeping in the task category', () => {
      const raw = recordedJSON('complaint-unattended-escalation').events;
      const rows = recorded('complaint-unattended-escalation');
      const taskIds = raw
        .filter((e) => e.eventType.startsWith('EVENT_TYPE_WORKFLOW_TASK_'))
        .map((e) => Number(e.eventId));
      expect(taskIds).to.have.length(72);
      expect(rows.filter((r) => r.category === 'task').map((r) => r.eventId)).to.deep.equal(taskIds);
    });

    it('shows an unattended complaint escalating to L2 when its L1 timer fires', () => {
      const rows = recorded('complaint-unattended-escalation');
      const fired = rows.filter((r) => r.type === 'TimerFired');
      expect(fired).to.have.length(6);
      for (const f of fired) {
        const started = byId(rows, f.relatedEventId);
        expect(started.type).to.equal('TimerStarted');
        expect(f.name).to.equal(started.name);
      }
      // Timer 1 waited 622375.292 s = 7 days 4 h 52 min: the reminder for the L1 officer.
      expect(fired[0]!).to.include({ category: 'timer', name: '1 (7d 4h)', summary: 'fired after 7d 4h' });

      const story = rows.filter((r) => r.category !== 'task');
      const escalated = story.findIndex(
        (r) =>
          r.type === 'ActivityTaskScheduled' &&
          r.name === 'notify' &&
          (r.details as { template?: string }).template === 'complaint-escalated',
      );
      expect(escalated).to.be.greaterThan(0);
      expect(story[escalated]!).to.include({
        type: 'ActivityTaskScheduled',
        summary: 'scheduled notify: complaint-escalated',
      });
      expect(story[escalated]!.details).to.deep.include({
        params: { complaintNumber: 'CMH/2036/039002', level: 'L2' },
      });
      // …and it is the firing of timer 2 (the L1 deadline) that caused it.
      expect(story[escalated - 1]!).to.include({ type: 'TimerFired', name: '2 (2d 9h)' });
    });

    it('decodes the certificate activity input and names its completion after the scheduled event', () => {
      const rows = recorded('application-delivered-in-time');
      const scheduled = rows.filter(
        (r) => r.type === 'ActivityTaskScheduled' && r.name === 'issueCertificate',
      );
      expect(scheduled).to.have.length(1);
      expect(scheduled[0]!.summary).to.equal('scheduled issueCertificate');
      expect(scheduled[0]!.details).to.have.nested.property('input.applicationNumber', 'LSG/INC/2026/430001');
      expect(scheduled[0]!.details).to.have.nested.property('input.service.code', 'INC');

      const completed = rows.filter(
        (r) => r.type === 'ActivityTaskCompleted' && r.relatedEventId === scheduled[0]!.eventId,
      );
      expect(completed).to.have.length(1);
      expect(completed[0]!).to.include({ category: 'activity', name: 'issueCertificate', attempt: 1 });
      expect(completed[0]!.summary).to.equal('completed issueCertificate');
      expect(completed[0]!.details).to.deep.equal({
        serial: 'JS-TEST-1',
        verifyUrl: 'http://test/verify/JS-TEST-1',
      });
    });

    it('names every activity completion and update completion after the event it answers, in all histories', () => {
      const files = fs.readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));
      expect(files.length).to.be.greaterThan(20);
      let completions = 0;
      let updates = 0;
      for (const file of files) {
        const rows = recorded(file.replace(/\.json$/, ''));
        for (const r of rows.filter((x) => x.type === 'ActivityTaskCompleted')) {
          const scheduled = byId(rows, r.relatedEventId);
          expect(scheduled.type, file).to.equal('ActivityTaskScheduled');
          expect(r.name, `${file} #${r.eventId}`).to.be.a('string').and.equal(scheduled.name);
          completions++;
        }
        for (const r of rows.filter((x) => x.type === 'WorkflowExecutionUpdateCompleted')) {
          const accepted = byId(rows, r.relatedEventId);
          expect(accepted.type, file).to.equal('WorkflowExecutionUpdateAccepted');
          expect(r.name, `${file} #${r.eventId}`).to.be.a('string').and.equal(accepted.name);
          expect(r.summary).to.equal(`update ${r.name} completed`);
          updates++;
        }
        expect(
          rows.filter((r) => r.category === 'other').map((r) => r.type),
          file,
        ).to.deep.equal([]);
      }
      expect(completions).to.be.greaterThan(300);
      expect(updates).to.be.greaterThan(30);
    });

    it('shows an officer update with its decoded arguments and the child appeal workflow', () => {
      const rows = recorded('application-breach-suo-motu');
      const accepted = rows.find((r) => r.type === 'WorkflowExecutionUpdateAccepted');
      expect(accepted).to.include({
        category: 'update',
        name: 'approve',
        summary: 'update approve accepted',
      });
      expect(accepted!.details).to.deep.equal({ officerCode: 'DO-1' });

      const child = rows.filter((r) => r.category === 'child');
      expect(child.map((r) => r.type)).to.deep.equal([
        'StartChildWorkflowExecutionInitiated',
        'ChildWorkflowExecutionStarted',
        'ChildWorkflowExecutionCompleted',
      ]);
      expect(child.every((r) => r.name === 'appealWorkflow')).to.be.true;
      expect(child[2]!.relatedEventId).to.equal(child[0]!.eventId);
      expect(child[2]!.details).to.include({ level: 'first', penaltyRupees: 1000 });
    });

    it('decodes search attributes a workflow upserts', () => {
      const rows = recorded('application-dev-server-delivered');
      const upserts = rows.filter((r) => r.type === 'UpsertWorkflowSearchAttributes');
      expect(upserts).to.have.length(5);
      expect(upserts[0]!.details).to.include({ CaseStatus: 'received', Breached: false });
      expect(upserts.at(-1)!.details).to.include({ CaseStatus: 'delivered' });
    });
  });

  describe('failures, retries, patches and other events (synthetic history)', () => {
    it('shows the retried attempt with the previous failure, then the final non-retryable failure', () => {
      const rows = synthetic();
      const started = byId(rows, 7);
      expect(started).to.include({ name: 'issueCertificate', attempt: 3, relatedEventId: 6 });
      expect(started.failure).to.deep.equal({
        message: 'PDF renderer <img src=x onerror=alert(1)> unavailable',
        type: 'RendererUnavailable',
        nonRetryable: false,
      });
      expect(started.summary).to.match(/^started issueCertificate, attempt 3 after failure: PDF renderer/);

      const failed = byId(rows, 8);
      expect(failed).to.include({
        category: 'activity',
        name: 'issueCertificate',
        attempt: 3,
        relatedEventId: 6,
      });
      expect(failed.failure).to.deep.equal({
        message: 'signing key missing',
        type: 'SigningKeyMissing',
        nonRetryable: true,
      });
      expect(failed.summary).to.equal('failed: signing key missing (not retryable)');
    });

    it('reads a workflow failure through its cause', () => {
      const failed = synthetic().at(-1)!;
      expect(failed).to.include({ type: 'WorkflowExecutionFailed', category: 'workflow' });
      expect(failed.failure).to.deep.equal({
        message: 'Activity task failed: signing key missing',
        type: 'SigningKeyMissing',
        nonRetryable: true,
      });
    });

    it('shows the patch id of a patch marker, signals, timers and unknown events', () => {
      const rows = synthetic();
      expect(byId(rows, 5)).to.include({ category: 'marker', name: 'certificate-qr-v2' });
      expect(byId(rows, 9)).to.include({
        category: 'signal',
        name: 'citizenNote',
        summary: 'signal citizenNote received',
      });
      expect(byId(rows, 9).details).to.deep.equal({ note: '<script>alert("x")</script>' });
      expect(byId(rows, 10)).to.include({ name: '1 (3d 4h)', summary: 'started for 3d 4h' });
      expect(byId(rows, 11)).to.include({
        name: '1 (3d 4h)',
        summary: 'fired after 3d 4h',
        relatedEventId: 10,
      });
      expect(byId(rows, 14)).to.include({ type: 'NexusOperationScheduled', category: 'other' });
    });

    it("shows '<undecodable>' for a payload the default converter cannot read", () => {
      expect(byId(synthetic(), 12)).to.include({ name: 'notify', details: UNDECODABLE });
    });
  });

  describe('the Temporal Web UI link', () => {
    it('points at the workflow (latest run) with its id escaped as one path segment', () => {
      expect(temporalUiLink('http://127.0.0.1:8233/', 'default', 'LSG/INC/2026/430001')).to.equal(
        'http://127.0.0.1:8233/namespaces/default/workflows/LSG%2FINC%2F2026%2F430001',
      );
    });
  });

  describe('fetchReadableHistory', () => {
    it('reads the history of the workflow it was asked about', async () => {
      const asked: string[] = [];
      const history = historyFromJSON(recordedJSON('complaint-information'));
      const client = {
        workflow: {
          getHandle: (id: string) => {
            asked.push(id);
            return { fetchHistory: () => Promise.resolve(history) };
          },
        },
      } as unknown as Client;
      const rows = await fetchReadableHistory(client, 'CMH/2036/000001');
      expect(asked).to.deep.equal(['CMH/2036/000001']);
      expect(rows).to.deep.equal(readableHistory(history));
      expect(rows.at(-1)!.type).to.equal('WorkflowExecutionCompleted');
    });
  });

  describe('the HTML timeline', () => {
    it('escapes HTML from payloads, failures and names instead of rendering it', () => {
      const page = render(synthetic());
      expect(page).not.to.include('<script>');
      expect(page).not.to.include('<img');
      expect(page).to.include('&#60;script&#62;alert(\\&#34;x\\&#34;)&#60;/script&#62;');
      expect(page).to.include('PDF renderer &#60;img src=x onerror=alert(1)&#62; unavailable');
    });

    it('hides workflow-task events unless asked, but never a failed workflow task', () => {
      const rows = recorded('complaint-unattended-escalation');
      const hidden = render(rows);
      expect(hidden).not.to.match(/ev-task/);
      expect(hidden).to.include('72 workflow-task events are hidden');
      expect(hidden.match(/<tr id=/g)).to.have.length(rows.length - 72);

      const shown = render(rows, { showTasks: true });
      expect(shown.match(/class="ev ev-task"/g)).to.have.length(72);
      expect(shown).to.include('WorkflowTaskCompleted');

      const withFailedTask = render(synthetic());
      expect(withFailedTask).to.include('class="ev ev-task ev-failure"');
      expect(withFailedTask).not.to.include('WorkflowTaskScheduled');
    });

    it('marks rows by category and failure, and shows the attempt only when retried', () => {
      const page = render(synthetic());
      const rowOf = (id: number): string =>
        page.match(new RegExp(`<tr id="history-event-${id}"[\\s\\S]*?</tr>`))![0];
      expect(rowOf(6)).to.include('class="ev ev-activity"');
      expect(rowOf(8)).to.include('class="ev ev-activity ev-failure"');
      expect(rowOf(8)).to.include('Attempt 3');
      expect(rowOf(8)).to.include('<code>SigningKeyMissing</code>');
      expect(rowOf(8)).to.include('will not be retried');
      expect(rowOf(8)).to.include('<a href="#history-event-6">6</a>');
      expect(rowOf(11)).to.include('class="ev ev-timer"');
      expect(rowOf(9)).to.include('class="ev ev-signal"');
      expect(rowOf(5)).to.include('class="ev ev-marker"');
      expect(rowOf(6)).to.match(
        /<details>\s*<summary>Show data<\/summary>\s*<pre>\{\n {2}&#34;input&#34;: \{/,
      );

      const recordedPage = render(recorded('complaint-unattended-escalation'));
      expect(recordedPage).to.include('class="ev ev-timer"');
      expect(recordedPage).not.to.include('Attempt ');
    });

    it('shows times in India Standard Time', () => {
      // The escalation history starts at 2036-11-26T03:59:26.092Z = 09:29:26 IST.
      const page = render(recorded('complaint-unattended-escalation'));
      expect(page).to.include('<time datetime="2036-11-26T03:59:26.092Z">26 Nov 2036, 09:29:26</time>');
    });

    it('labels the page in Hindi or English and links to the Temporal Web UI', () => {
      const en = render(synthetic());
      expect(en).to.include(
        '<a href="http://127.0.0.1:8233/namespaces/default/workflows/LSG%2FINC%2F2036%2F430009" rel="noopener noreferrer">Open in Temporal Web UI</a>',
      );
      expect(en).to.include('<th scope="col">What happened</th>');

      const hi = render(synthetic(), { lang: 'hi' });
      expect(hi).to.include('Temporal वेब UI में खोलें');
      expect(hi).to.include('<th scope="col">क्या हुआ</th>');
      expect(hi).to.include('प्रयास 3');
      expect(hi).not.to.include('What happened');

      expect(render(synthetic(), { uiLink: null })).not.to.include('Temporal Web UI');
    });
  });
});
