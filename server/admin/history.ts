// The admin's workflow-history inspector: a Temporal event history (of an application or a complaint)
// turned into readable rows — what happened, to which activity, timer, update, signal, child workflow
// or patch, with decoded inputs and results, failures and retry attempts — and a link to the same
// workflow in the Temporal Web UI. readableHistory() is pure; fetchReadableHistory() asks Temporal.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { maskPersonalData } from '../../lib/masking';
import { decodePayloadsIn } from '../../lib/temporal/codec';

export type HistoryCategory =
  'workflow' | 'task' | 'activity' | 'timer' | 'update' | 'signal' | 'child' | 'marker' | 'other';

export interface HistoryFailure {
  message: string;
  type: string | null;
  nonRetryable: boolean;
}

export interface HistoryRow {
  eventId: number;
  /** ISO 8601, or '' when the event carries no time. */
  time: string;
  /** The event type without its EVENT_TYPE_ prefix, in PascalCase: 'ActivityTaskScheduled'. */
  type: string;
  category: HistoryCategory;
  /** Activity type, timer id and duration, update/signal name, child workflow type or patch id. */
  name: string | null;
  /** One short English line: 'scheduled issueCertificate', 'fired after 7d 4h', 'update approve accepted'. */
  summary: string;
  /** Decoded payloads (input, result, update or signal arguments, memo…) as plain JSON, or null. */
  details: unknown;
  failure: HistoryFailure | null;
  attempt: number | null;
  /** The event this one answers, e.g. an activity's completion → its ActivityTaskScheduled event. */
  relatedEventId: number | null;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;
type Payloads = temporal.api.common.v1.IPayloads;
type Failure = temporal.api.failure.v1.IFailure;
type RetryState = temporal.api.enums.v1.RetryState;
type LongLike = number | string | { toNumber(): number };

const { EventType } = temporal.api.enums.v1;
const { RetryState: RetryStates } = temporal.api.enums.v1;

export const UNDECODABLE = '<undecodable>';

/** Markers the SDK records: patched()/deprecatePatch() and local activity results. */
const PATCH_MARKER = 'core_patch';
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

function toNumber(value: LongLike | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}

function isoTime(ts: { seconds?: LongLike | null; nanos?: number | null } | null | undefined): string {
  const seconds = toNumber(ts?.seconds);
  if (seconds === null) return '';
  return new Date(seconds * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

/** A protobuf duration as its two largest units: '7d 4h', '2h 30m', '45s', '250ms'. */
export function readableDuration(
  d: { seconds?: LongLike | null; nanos?: number | null } | null | undefined,
): string {
  const totalMs = (toNumber(d?.seconds) ?? 0) * 1000 + Math.floor((d?.nanos ?? 0) / 1e6);
  if (totalMs < 1000) return `${totalMs}ms`;
  let rest = Math.floor(totalMs / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}

/** 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' → 'ActivityTaskScheduled'. */
function eventTypeName(type: HistoryEvent['eventType'] | string): string {
  const raw = typeof type === 'string' ? type : type === null || type === undefined ? '' : EventType[type];
  return (raw ?? '')
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** JSON-safe: bytes (binary/plain payloads) are shown by their size, undefined (binary/null) as null. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Uint8Array) return `<binary ${value.length} bytes>`;
  return value;
}

/** One property of a decoded JSON value, if it is an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A payload's value, identity numbers masked (admins see histories, not Aadhaar numbers). */
function decodePayload(payload: Payload): unknown {
  try {
    return maskPersonalData(plain(defaultPayloadConverter.fromPayload(payload)));
  } catch {
    return UNDECODABLE;
  }
}

/** No payload → null, one → its value, several → an array of values. */
function decodePayloads(payloads: Payloads | null | undefined): unknown {
  const list = payloads?.payloads ?? [];
  if (list.length === 0) return null;
  if (list.length === 1) return decodePayload(list[0]!);
  return list.map(decodePayload);
}

/** A protobuf map of payloads (memo, search attributes, marker details) decoded key by key, or null. */
function decodeMap<T>(
  map: Record<string, T> | null | undefined,
  decode: (value: T) => unknown,
): Record<string, unknown> | null {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return Object.fromEntries(entries.map(([k, v]): [string, unknown] => [k, decode(v)]));
}

function failureMessage(f: Failure): string {
  // With encodeCommonAttributes the real message travels in an encoded payload.
  if (f.encodedAttributes) {
    const message = field(decodePayload(f.encodedAttributes), 'message');
    if (typeof message === 'string') return message;
  }
  return f.message ?? '';
}

function failureType(f: Failure): string | null {
  if (f.applicationFailureInfo) return f.applicationFailureInfo.type || 'ApplicationFailure';
  if (f.timeoutFailureInfo) return 'TimeoutFailure';
  if (f.canceledFailureInfo) return 'CancelledFailure';
  if (f.terminatedFailureInfo) return 'TerminatedFailure';
  if (f.serverFailureInfo) return 'ServerFailure';
  if (f.activityFailureInfo) return 'ActivityFailure';
  if (f.childWorkflowExecutionFailureInfo) return 'ChildWorkflowFailure';
  return null;
}

/** A failure and its causes as one line; type and retryability from the first application failure. */
function readFailure(failure: Failure | null | undefined): HistoryFailure | null {
  if (!failure) return null;
  const chain: Failure[] = [];
  for (let f: Failure | null | undefined = failure; f && chain.length < 8; f = f.cause) chain.push(f);
  const messages = chain.map(failureMessage).filter((m, i, all) => m !== '' && all.indexOf(m) === i);
  const application = chain.find((f) => f.applicationFailureInfo);
  return {
    message: messages.join(': ') || '(no message)',
    type: application ? failureType(application) : failureType(failure),
    nonRetryable: Boolean(
      application?.applicationFailureInfo?.nonRetryable ?? failure.serverFailureInfo?.nonRetryable,
    ),
  };
}

const RETRY_STATE_NOTE: Partial<Record<RetryState, string>> = {
  [RetryStates.RETRY_STATE_NON_RETRYABLE_FAILURE]: 'not retryable',
  [RetryStates.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED]: 'no attempts left',
  [RetryStates.RETRY_STATE_TIMEOUT]: 'retry time ran out',
};

function retryNote(state: RetryState | null | undefined): string {
  const note = state === null || state === undefined ? undefined : RETRY_STATE_NOTE[state];
  return note ? ` (${note})` : '';
}

/** What earlier events told us, so later events can be named after them. */
interface Seen {
  /** By the ActivityTaskScheduled event id (completions may point at an inexact started event id). */
  activityNames: Map<number, string>;
  activityAttempts: Map<number, number>;
  timers: Map<number, { id: string; duration: string }>;
  updates: Map<string, { name: string; acceptedEventId: number | null }>;
  childTypes: Map<number, string>;
  externalSignals: Map<number, string>;
}

type Described = Omit<HistoryRow, 'eventId' | 'time' | 'type'>;

function row(category: HistoryRow['category'], summary: string, more: Partial<Described> = {}): Described {
  return {
    category,
    name: null,
    summary,
    details: null,
    failure: null,
    attempt: null,
    relatedEventId: null,
    ...more,
  };
}

function patchMarker(details: Record<string, Payloads> | null | undefined) {
  // Current SDKs: 'patch-data' = {"id", "deprecated"} as JSON; older ones: 'patch_id' as raw bytes.
  const data = details?.['patch-data']?.payloads?.[0];
  if (data) {
    const decoded = decodePayload(data);
    const id = field(decoded, 'id');
    if (typeof id === 'string') return { id, deprecated: field(decoded, 'deprecated') === true };
  }
  const raw = details?.['patch_id']?.payloads?.[0]?.data;
  if (raw) return { id: Buffer.from(raw).toString('utf8'), deprecated: false };
  return null;
}

function describe(type: string, e: HistoryEvent, seen: Seen): Described {
  switch (type) {
    case 'WorkflowExecutionStarted': {
      const a = e.workflowExecutionStartedEventAttributes ?? {};
      const wfType = a.workflowType?.name ?? null;
      const attempt = a.attempt ?? null;
      const parent = a.parentWorkflowExecution?.workflowId;
      const details = Object.fromEntries(
        Object.entries({
          input: decodePayloads(a.input),
          memo: decodeMap(a.memo?.fields, decodePayload),
          searchAttributes: decodeMap(a.searchAttributes?.indexedFields, decodePayload),
        }).filter(([, v]) => v !== null),
      );
      return row('workflow', `started ${wfType ?? 'workflow'}${parent ? ` as a child of ${parent}` : ''}`, {
        name: wfType,
        details,
        attempt,
      });
    }
    case 'WorkflowExecutionCompleted':
      return row('workflow', 'workflow completed', {
        details: decodePayloads(e.workflowExecutionCompletedEventAttributes?.result),
      });
    case 'WorkflowExecutionFailed': {
      const a = e.workflowExecutionFailedEventAttributes ?? {};
      const failure = readFailure(a.failure);
      return row('workflow', `workflow failed: ${failure?.message ?? ''}${retryNote(a.retryState)}`, {
        failure,
      });
    }
    case 'WorkflowExecutionTimedOut':
      return row(
        'workflow',
        `workflow timed out${retryNote(e.workflowExecutionTimedOutEventAttributes?.retryState)}`,
      );
    case 'WorkflowExecutionCancelRequested': {
      const cause = e.workflowExecutionCancelRequestedEventAttributes?.cause;
      return row('workflow', `cancellation requested${cause ? `: ${cause}` : ''}`);
    }
    case 'WorkflowExecutionCanceled':
      return row('workflow', 'workflow canceled', {
        details: decodePayloads(e.workflowExecutionCanceledEventAttributes?.details),
      });
    case 'WorkflowExecutionTerminated': {
      const a = e.workflowExecutionTerminatedEventAttributes ?? {};
      return row(
        'workflow',
        `terminated${a.reason ? `: ${a.reason}` : ''}${a.identity ? ` by ${a.identity}` : ''}`,
        {
          details: decodePayloads(a.details),
        },
      );
    }
    case 'WorkflowExecutionContinuedAsNew': {
      const a = e.workflowExecutionContinuedAsNewEventAttributes ?? {};
      return row(
        'workflow',
        `continued as new${a.newExecutionRunId ? ` (run ${a.newExecutionRunId})` : ''}`,
        {
          name: a.workflowType?.name ?? null,
          details: decodePayloads(a.input),
          failure: readFailure(a.failure),
        },
      );
    }
    case 'UpsertWorkflowSearchAttributes': {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      const details = decodeMap(fields, decodePayload);
      return row('workflow', `search attributes set: ${Object.keys(details ?? {}).join(', ')}`, { details });
    }
    case 'WorkflowPropertiesModified': {
      const details = decodeMap(
        e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields,
        decodePayload,
      );
      return row('workflow', `memo updated: ${Object.keys(details ?? {}).join(', ')}`, { details });
    }

    case 'WorkflowTaskScheduled': {
      const attempt = e.workflowTaskScheduledEventAttributes?.attempt ?? null;
      return row('task', 'workflow task scheduled', { attempt });
    }
    case 'WorkflowTaskStarted':
      return row('task', 'workflow task started', {
        relatedEventId: toNumber(e.workflowTaskStartedEventAttributes?.scheduledEventId),
      });
    case 'WorkflowTaskCompleted':
      return row('task', 'workflow task completed', {
        relatedEventId: toNumber(e.workflowTaskCompletedEventAttributes?.scheduledEventId),
      });
    case 'WorkflowTaskTimedOut':
      return row('task', 'workflow task timed out', {
        relatedEventId: toNumber(e.workflowTaskTimedOutEventAttributes?.scheduledEventId),
      });
    case 'WorkflowTaskFailed': {
      const a = e.workflowTaskFailedEventAttributes ?? {};
      const failure = readFailure(a.failure);
      return row('task', `workflow task failed: ${failure?.message ?? 'unknown cause'}`, {
        failure,
        relatedEventId: toNumber(a.scheduledEventId),
      });
    }

    case 'ActivityTaskScheduled': {
      const a = e.activityTaskScheduledEventAttributes ?? {};
      const name = a.activityType?.name ?? null;
      if (name !== null) seen.activityNames.set(toNumber(e.eventId) ?? 0, name);
      const details = decodePayloads(a.input);
      // A message's template says what it is about (e.g. notify: complaint-escalated).
      const template = (details as { template?: unknown } | null)?.template;
      const about = typeof template === 'string' ? `: ${template}` : '';
      return row('activity', `scheduled ${name ?? 'activity'}${about}`, { name, details });
    }
    case 'ActivityTaskStarted': {
      // Temporal writes this event once, for the attempt that ended: attempt > 1 means earlier
      // attempts failed, and lastFailure is the most recent of those failures.
      const a = e.activityTaskStartedEventAttributes ?? {};
      const scheduled = toNumber(a.scheduledEventId);
      const name = scheduled === null ? null : (seen.activityNames.get(scheduled) ?? null);
      const attempt = a.attempt ?? null;
      if (attempt !== null && scheduled !== null) seen.activityAttempts.set(scheduled, attempt);
      const failure = readFailure(a.lastFailure);
      const retried = attempt !== null && attempt > 1 ? `, attempt ${attempt}` : '';
      const after = failure ? ` after failure: ${failure.message}` : '';
      return row('activity', `started ${name ?? 'activity'}${retried}${after}`, {
        name,
        attempt,
        failure,
        relatedEventId: scheduled,
      });
    }
    case 'ActivityTaskCompleted': {
      const a = e.activityTaskCompletedEventAttributes ?? {};
      return activityOutcome(seen, a.scheduledEventId, (name) => `completed ${name}`, {
        details: decodePayloads(a.result),
      });
    }
    case 'ActivityTaskFailed': {
      const a = e.activityTaskFailedEventAttributes ?? {};
      const failure = readFailure(a.failure);
      return activityOutcome(
        seen,
        a.scheduledEventId,
        () => `failed: ${failure?.message ?? ''}${retryNote(a.retryState)}`,
        { failure },
      );
    }
    case 'ActivityTaskTimedOut': {
      const a = e.activityTaskTimedOutEventAttributes ?? {};
      const failure = readFailure(a.failure);
      return activityOutcome(
        seen,
        a.scheduledEventId,
        () => `timed out: ${failure?.message ?? ''}${retryNote(a.retryState)}`,
        { failure },
      );
    }
    case 'ActivityTaskCancelRequested': {
      const a = e.activityTaskCancelRequestedEventAttributes ?? {};
      return activityOutcome(seen, a.scheduledEventId, (name) => `cancellation of ${name} requested`);
    }
    case 'ActivityTaskCanceled': {
      const a = e.activityTaskCanceledEventAttributes ?? {};
      return activityOutcome(seen, a.scheduledEventId, (name) => `${name} canceled`, {
        details: decodePayloads(a.details),
      });
    }

    case 'TimerStarted': {
      const a = e.timerStartedEventAttributes ?? {};
      const timer = { id: a.timerId ?? '?', duration: readableDuration(a.startToFireTimeout) };
      seen.timers.set(toNumber(e.eventId) ?? 0, timer);
      return row('timer', `started for ${timer.duration}`, { name: `${timer.id} (${timer.duration})` });
    }
    case 'TimerFired':
    case 'TimerCanceled': {
      const a = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes ?? {};
      const started = toNumber(a.startedEventId);
      const timer = started === null ? undefined : seen.timers.get(started);
      const name = timer ? `${timer.id} (${timer.duration})` : (a.timerId ?? null);
      const summary =
        type === 'TimerFired'
          ? `fired${timer ? ` after ${timer.duration}` : ''}`
          : `canceled${timer ? ` before ${timer.duration} passed` : ''}`;
      return row('timer', summary, { name, relatedEventId: started });
    }

    case 'WorkflowExecutionUpdateAdmitted': {
      const request = e.workflowExecutionUpdateAdmittedEventAttributes?.request;
      const name = rememberUpdate(seen, request, null);
      return row('update', `update ${name ?? '?'} admitted`, {
        name,
        details: decodePayloads(request?.input?.args),
      });
    }
    case 'WorkflowExecutionUpdateAccepted': {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes ?? {};
      const name = rememberUpdate(seen, a.acceptedRequest, toNumber(e.eventId));
      return row('update', `update ${name ?? '?'} accepted`, {
        name,
        details: decodePayloads(a.acceptedRequest?.input?.args),
      });
    }
    case 'WorkflowExecutionUpdateCompleted': {
      const a = e.workflowExecutionUpdateCompletedEventAttributes ?? {};
      const update = seen.updates.get(a.meta?.updateId ?? '');
      const name = update?.name ?? null;
      const failure = readFailure(a.outcome?.failure);
      return row(
        'update',
        failure ? `update ${name ?? '?'} failed: ${failure.message}` : `update ${name ?? '?'} completed`,
        {
          name,
          failure,
          details: decodePayloads(a.outcome?.success),
          relatedEventId: toNumber(a.acceptedEventId) ?? update?.acceptedEventId ?? null,
        },
      );
    }
    case 'WorkflowExecutionUpdateRejected': {
      const a = e.workflowExecutionUpdateRejectedEventAttributes ?? {};
      const name = a.rejectedRequest?.input?.name ?? null;
      const failure = readFailure(a.failure);
      return row('update', `update ${name ?? '?'} rejected${failure ? `: ${failure.message}` : ''}`, {
        name,
        failure,
        details: decodePayloads(a.rejectedRequest?.input?.args),
      });
    }

    case 'WorkflowExecutionSignaled': {
      const a = e.workflowExecutionSignaledEventAttributes ?? {};
      const name = a.signalName ?? null;
      return row('signal', `signal ${name ?? '?'} received`, { name, details: decodePayloads(a.input) });
    }
    case 'SignalExternalWorkflowExecutionInitiated': {
      const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes ?? {};
      const name = a.signalName ?? null;
      if (name !== null) seen.externalSignals.set(toNumber(e.eventId) ?? 0, name);
      const target = a.workflowExecution?.workflowId ?? '?';
      return row('signal', `signal ${name ?? '?'} sent to ${target}`, {
        name,
        details: decodePayloads(a.input),
      });
    }
    case 'ExternalWorkflowExecutionSignaled': {
      const a = e.externalWorkflowExecutionSignaledEventAttributes ?? {};
      const initiated = toNumber(a.initiatedEventId);
      const name = initiated === null ? null : (seen.externalSignals.get(initiated) ?? null);
      const target = a.workflowExecution?.workflowId ?? '?';
      return row('signal', `signal ${name ?? '?'} delivered to ${target}`, {
        name,
        relatedEventId: initiated,
      });
    }
    case 'SignalExternalWorkflowExecutionFailed': {
      const a = e.signalExternalWorkflowExecutionFailedEventAttributes ?? {};
      const initiated = toNumber(a.initiatedEventId);
      const name = initiated === null ? null : (seen.externalSignals.get(initiated) ?? null);
      return row('signal', `signal ${name ?? '?'} could not be delivered`, {
        name,
        relatedEventId: initiated,
      });
    }

    case 'MarkerRecorded': {
      const a = e.markerRecordedEventAttributes ?? {};
      const failure = readFailure(a.failure);
      if (a.markerName === PATCH_MARKER) {
        const patch = patchMarker(a.details);
        return row(
          'marker',
          `patch ${patch?.id ?? '?'} recorded${patch?.deprecated ? ' (deprecated)' : ''}`,
          {
            name: patch?.id ?? null,
            failure,
          },
        );
      }
      const details = decodeMap(a.details, decodePayloads);
      if (a.markerName === LOCAL_ACTIVITY_MARKER) {
        const activityType = field(details?.data, 'activity_type');
        const name = typeof activityType === 'string' ? activityType : null;
        const localAttempt = field(details?.data, 'attempt');
        const attempt = typeof localAttempt === 'number' ? localAttempt : null;
        return row('marker', `local activity ${name ?? '?'} ${failure ? 'failed' : 'completed'}`, {
          name,
          details,
          failure,
          attempt,
        });
      }
      return row('marker', `marker ${a.markerName ?? '?'} recorded`, {
        name: a.markerName ?? null,
        details,
        failure,
      });
    }

    case 'StartChildWorkflowExecutionInitiated': {
      const a = e.startChildWorkflowExecutionInitiatedEventAttributes ?? {};
      const name = a.workflowType?.name ?? null;
      if (name !== null) seen.childTypes.set(toNumber(e.eventId) ?? 0, name);
      return row('child', `starting child ${name ?? 'workflow'} ${a.workflowId ?? ''}`.trim(), {
        name,
        details: decodePayloads(a.input),
      });
    }
    case 'StartChildWorkflowExecutionFailed': {
      const a = e.startChildWorkflowExecutionFailedEventAttributes ?? {};
      const name = a.workflowType?.name ?? null;
      return row('child', `child ${name ?? 'workflow'} ${a.workflowId ?? ''} could not start`, {
        name,
        relatedEventId: toNumber(a.initiatedEventId),
      });
    }
    case 'ChildWorkflowExecutionStarted':
    case 'ChildWorkflowExecutionCompleted':
    case 'ChildWorkflowExecutionFailed':
    case 'ChildWorkflowExecutionCanceled':
    case 'ChildWorkflowExecutionTimedOut':
    case 'ChildWorkflowExecutionTerminated':
      return childOutcome(type, e, seen);

    default:
      return row('other', type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  }
}

function rememberUpdate(
  seen: Seen,
  request: temporal.api.update.v1.IRequest | null | undefined,
  acceptedEventId: number | null,
): string | null {
  const name = request?.input?.name ?? null;
  const id = request?.meta?.updateId;
  if (name !== null && id) seen.updates.set(id, { name, acceptedEventId });
  return name;
}

function activityOutcome(
  seen: Seen,
  scheduledEventId: LongLike | null | undefined,
  summary: (name: string) => string,
  more: Partial<Described> = {},
): Described {
  const scheduled = toNumber(scheduledEventId);
  const name = scheduled === null ? null : (seen.activityNames.get(scheduled) ?? null);
  const attempt = scheduled === null ? null : (seen.activityAttempts.get(scheduled) ?? null);
  return row('activity', summary(name ?? 'activity'), { name, attempt, relatedEventId: scheduled, ...more });
}

function childOutcome(type: string, e: HistoryEvent, seen: Seen): Described {
  const a =
    e.childWorkflowExecutionStartedEventAttributes ??
    e.childWorkflowExecutionCompletedEventAttributes ??
    e.childWorkflowExecutionFailedEventAttributes ??
    e.childWorkflowExecutionCanceledEventAttributes ??
    e.childWorkflowExecutionTimedOutEventAttributes ??
    e.childWorkflowExecutionTerminatedEventAttributes ??
    {};
  const initiated = toNumber(a.initiatedEventId);
  const name = a.workflowType?.name ?? (initiated === null ? null : (seen.childTypes.get(initiated) ?? null));
  const child = `child ${name ?? 'workflow'}`;
  const more = { name, relatedEventId: initiated };
  switch (type) {
    case 'ChildWorkflowExecutionStarted':
      return row('child', `${child} started as ${a.workflowExecution?.workflowId ?? '?'}`, more);
    case 'ChildWorkflowExecutionCompleted':
      return row('child', `${child} completed`, {
        ...more,
        details: decodePayloads(e.childWorkflowExecutionCompletedEventAttributes?.result),
      });
    case 'ChildWorkflowExecutionFailed': {
      const failure = readFailure(e.childWorkflowExecutionFailedEventAttributes?.failure);
      return row('child', `${child} failed: ${failure?.message ?? ''}`, { ...more, failure });
    }
    case 'ChildWorkflowExecutionCanceled':
      return row('child', `${child} canceled`, more);
    case 'ChildWorkflowExecutionTimedOut':
      return row('child', `${child} timed out`, more);
    default:
      return row('child', `${child} terminated`, more);
  }
}

/** Every event of a history as a readable row, in history order. */
export function readableHistory(history: temporal.api.history.v1.IHistory): HistoryRow[] {
  const seen: Seen = {
    activityNames: new Map(),
    activityAttempts: new Map(),
    timers: new Map(),
    updates: new Map(),
    childTypes: new Map(),
    externalSignals: new Map(),
  };
  return (history.events ?? []).map((e) => {
    const type = eventTypeName(e.eventType);
    return {
      eventId: toNumber(e.eventId) ?? 0,
      time: isoTime(e.eventTime),
      type,
      ...describe(type, e, seen),
    };
  });
}

/**
 * The readable history of the latest run of a workflow (an application or complaint number),
 * decrypted with the client's own payload codecs (the history Temporal holds is ciphertext).
 */
export async function fetchReadableHistory(client: Client, workflowId: string): Promise<HistoryRow[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  // A client made without options (a test double) has no codecs: its history is read as it is.
  const codecs = (client.options as Partial<Client['options']> | undefined)?.loadedDataConverter
    ?.payloadCodecs;
  return readableHistory(await decodePayloadsIn(history, codecs ?? []));
}

/**
 * The workflow's page in the Temporal Web UI (v2). Without a run id the UI opens the latest run:
 * /namespaces/<ns>/workflows/<id> redirects to /namespaces/<ns>/workflows/<id>/<runId>.
 */
export function temporalUiLink(uiBaseUrl: string, namespace: string, workflowId: string): string {
  const base = uiBaseUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
