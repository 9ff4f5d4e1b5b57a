// The admin's timeline of one workflow's Temporal history (an application or a complaint): an HTML
// fragment for an admin page — one table row per event, decoded data folded away in <details>,
// failures and retries marked, workflow-task bookkeeping hidden unless asked for.
import type { HistoryRow } from '../../server/admin/history';
import type { Bilingual, Lang } from '../../server/i18n';
import { html, type Html } from '../html';
import { formatInstant } from '../format';

export interface HistoryTimelineOptions {
  lang: Lang;
  workflowId: string;
  /** The workflow in the Temporal Web UI (see temporalUiLink), or null when no UI is configured. */
  uiLink: string | null;
  /** Show WorkflowTaskScheduled/Started/Completed rows too (a failed workflow task is always shown). */
  showTasks: boolean;
}

const LABELS = {
  heading: { en: 'Workflow history', hi: 'वर्कफ़्लो इतिहास' },
  openInUi: { en: 'Open in Temporal Web UI', hi: 'Temporal वेब UI में खोलें' },
  caption: { en: 'Events in the order Temporal recorded them', hi: 'Temporal द्वारा दर्ज क्रम में घटनाएँ' },
  eventId: { en: 'No.', hi: 'क्रमांक' },
  time: { en: 'Time (IST)', hi: 'समय (IST)' },
  event: { en: 'Event', hi: 'घटना' },
  name: { en: 'Name', hi: 'नाम' },
  summary: { en: 'What happened', hi: 'क्या हुआ' },
  data: { en: 'Data', hi: 'डेटा' },
  showData: { en: 'Show data', hi: 'डेटा देखें' },
  failure: { en: 'Failure', hi: 'विफलता' },
  notRetryable: { en: 'will not be retried', hi: 'पुनः प्रयास नहीं होगा' },
  attempt: { en: 'Attempt', hi: 'प्रयास' },
  relatedTo: { en: 'in reply to event', hi: 'संबंधित घटना' },
  tasksHidden: {
    en: 'workflow-task events are hidden',
    hi: 'वर्कफ़्लो-टास्क घटनाएँ छिपाई गई हैं',
  },
  noEvents: { en: 'No events.', hi: 'कोई घटना नहीं।' },
} satisfies Record<string, Bilingual>;

const anchor = (eventId: number): string => `history-event-${eventId}`;

function eventRow(row: HistoryRow, lang: Lang, shownIds: Set<number>): Html {
  const t = (label: keyof typeof LABELS): string => LABELS[label][lang];
  const classes = ['ev', `ev-${row.category}`, row.failure ? 'ev-failure' : null].filter(Boolean).join(' ');
  const time = row.time ? html`<time datetime="${row.time}">${formatInstant(lang, row.time)}</time>` : '—';
  const attempt =
    row.attempt !== null &&
    row.attempt > 1 &&
    html`<strong class="attempt">${t('attempt')} ${row.attempt}</strong>`;
  const failure =
    row.failure &&
    html`<p class="failure">
      <strong>${t('failure')}:</strong> ${row.failure.message}
      ${row.failure.type && html`<code>${row.failure.type}</code>`}
      ${row.failure.nonRetryable && html`<em>(${t('notRetryable')})</em>`}
    </p>`;
  const related = row.relatedEventId;
  const relatedLink =
    related !== null &&
    html`<small>
      ${t('relatedTo')}
      ${shownIds.has(related) ? html`<a href="#${anchor(related)}">${related}</a>` : related}
    </small>`;
  const data =
    row.details !== null &&
    row.details !== undefined &&
    html`<details>
      <summary>${t('showData')}</summary>
      <pre>${JSON.stringify(row.details, null, 2)}</pre>
    </details>`;
  return html`<tr id="${anchor(row.eventId)}" class="${classes}">
    <td>${row.eventId}</td>
    <td>${time}</td>
    <td>${row.type}</td>
    <td>${row.name ?? '—'}</td>
    <td>
      <p>${row.summary}</p>
      ${attempt} ${failure} ${relatedLink}
    </td>
    <td>${data}</td>
  </tr>`;
}

/** The history of `workflowId` as a table of events, labelled in the page's language. */
export function historyTimeline(rows: HistoryRow[], opts: HistoryTimelineOptions): Html {
  const t = (label: keyof typeof LABELS): string => LABELS[label][opts.lang];
  const shown = rows.filter((r) => opts.showTasks || r.category !== 'task' || r.failure !== null);
  const hiddenTasks = rows.length - shown.length;
  const shownIds = new Set(shown.map((r) => r.eventId));
  return html`<section class="workflow-history" aria-labelledby="workflow-history-heading">
    <h2 id="workflow-history-heading">${t('heading')}: <code>${opts.workflowId}</code></h2>
    ${opts.uiLink && html`<p><a href="${opts.uiLink}" rel="noopener noreferrer">${t('openInUi')}</a></p>`}
    ${hiddenTasks > 0 && html`<p class="muted">${hiddenTasks} ${t('tasksHidden')}</p>`}
    ${
      shown.length === 0
        ? html`<p>${t('noEvents')}</p>`
        : html`<table class="history">
            <caption>
              ${t('caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('eventId')}</th>
                <th scope="col">${t('time')}</th>
                <th scope="col">${t('event')}</th>
                <th scope="col">${t('name')}</th>
                <th scope="col">${t('summary')}</th>
                <th scope="col">${t('data')}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map((r) => eventRow(r, opts.lang, shownIds))}
            </tbody>
          </table>`
    }
  </section>`;
}
