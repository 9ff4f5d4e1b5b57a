// Pages of the admin console: dashboards, case search, a case's workflow history (the Temporal
// event history made readable, with a link to the Temporal Web UI) and the policy versions
// (service catalogue, escalation ladder, holiday calendar), editable as new versions.
import Router from '@koa/router';
import type { Context } from 'koa';
import { auditLogView } from '../../templates/admin/audit';
import { historyTimeline } from '../../templates/admin/history';
import { dashboardView } from '../../templates/admin/dashboard';
import { formatDateTime } from '../../templates/format';
import { html, type Html } from '../../templates/html';
import { csrfField, say, type PageContext } from '../../templates/layout';
import { POLICY_KINDS, type PolicyKind } from '../../lib/policy';
import { policyProblems } from '../../lib/policy-check';
import { currentPolicy, publishPolicy } from '../../db/policies';
import { STATUS_LABELS } from '../../workflows/application-messages';
import type { AppDeps } from '../app';
import { auditPage, type AuditFilters } from '../audit';
import { searchCases, SEARCH_LIMIT, type CaseFilters } from '../admin/case-search';
import { dashboardData } from '../admin/dashboard';
import { fetchReadableHistory, temporalUiLink } from '../admin/history';
import { BadRequest, NotFound } from '../errors';
import { safeDecode } from '../routes/applications';
import { formText, pageContext, redirect, render, requireStaffPermission } from './context';

const T = {
  dashboard: { en: 'Admin dashboard', hi: 'प्रशासन डैशबोर्ड' },
  cases: { en: 'Find a case', hi: 'प्रकरण खोजें' },
  policies: { en: 'Policies', hi: 'नीतियाँ' },
  audit: { en: 'Audit log', hi: 'ऑडिट लॉग' },
  number: { en: 'Number contains', hi: 'क्रमांक में' },
  kind: { en: 'Kind', hi: 'प्रकार' },
  any: { en: 'any', hi: 'कोई भी' },
  application: { en: 'application', hi: 'आवेदन' },
  complaint: { en: 'complaint', hi: 'शिकायत' },
  status: { en: 'Status', hi: 'स्थिति' },
  service: { en: 'Service code', hi: 'सेवा कोड' },
  district: { en: 'District code', hi: 'ज़िला कोड' },
  level: { en: 'Level', hi: 'स्तर' },
  breached: { en: 'Past the time limit', hi: 'समय-सीमा से बाहर' },
  yes: { en: 'yes', hi: 'हाँ' },
  no: { en: 'no', hi: 'नहीं' },
  search: { en: 'Search', hi: 'खोजें' },
  results: { en: 'Cases found', hi: 'मिले प्रकरण' },
  none: { en: 'No case matches.', hi: 'कोई प्रकरण नहीं मिला।' },
  limited: { en: `Only the newest ${SEARCH_LIMIT} are shown.`, hi: `केवल नवीनतम ${SEARCH_LIMIT} दिखाए गए हैं।` },
  due: { en: 'Due', hi: 'नियत' },
  received: { en: 'Received', hi: 'प्राप्त' },
  what: { en: 'Service / subject', hi: 'सेवा / विषय' },
  facts: { en: 'Case', hi: 'प्रकरण' },
  showTasks: { en: 'Show workflow tasks too', hi: 'वर्कफ़्लो टास्क भी दिखाएँ' },
  hideTasks: { en: 'Hide workflow tasks', hi: 'वर्कफ़्लो टास्क छिपाएँ' },
  related: { en: 'Related workflows', hi: 'संबंधित वर्कफ़्लो' },
  noHistory: {
    en: 'Temporal holds no history for this workflow (not started yet, or removed after its retention period).',
    hi: 'Temporal में इस वर्कफ़्लो का इतिहास नहीं है (अभी शुरू नहीं हुआ, या अवधि पूरी होने पर हटाया गया)।',
  },
  version: { en: 'Version', hi: 'संस्करण' },
  by: { en: 'Published by', hi: 'प्रकाशक' },
  at: { en: 'Published at', hi: 'प्रकाशन समय' },
  note: { en: 'Note', hi: 'टिप्पणी' },
  current: { en: 'Current version', hi: 'वर्तमान संस्करण' },
  publish: { en: 'Publish as a new version', hi: 'नए संस्करण के रूप में प्रकाशित करें' },
  body: { en: 'Policy (JSON)', hi: 'नीति (JSON)' },
  bodyHint: {
    en: 'Running cases keep the version they started with; only new cases use the new version.',
    hi: 'चल रहे प्रकरण अपने आरंभ वाले संस्करण पर ही चलेंगे; नया संस्करण केवल नए प्रकरणों पर लागू होगा।',
  },
  confirmPublish: {
    en: 'Publish this as the new version for all new cases?',
    hi: 'क्या इसे सभी नए प्रकरणों हेतु नए संस्करण के रूप में प्रकाशित करें?',
  },
  notJson: { en: 'This is not valid JSON: ', hi: 'यह मान्य JSON नहीं है: ' },
  problems: { en: 'The policy cannot be published:', hi: 'नीति प्रकाशित नहीं हो सकती:' },
  published: { en: 'Published version ', hi: 'प्रकाशित संस्करण ' },
  versions: { en: 'All versions', hi: 'सभी संस्करण' },
  kinds: {
    'service-catalogue': { en: 'Service catalogue', hi: 'सेवा सूची' },
    'escalation-ladder': { en: 'Escalation ladder', hi: 'एस्केलेशन सीढ़ी' },
    'holiday-calendar': { en: 'Holiday calendar', hi: 'अवकाश कैलेंडर' },
  } as Record<PolicyKind, { en: string; hi: string }>,
};

function adminNav(pc: PageContext): Html {
  return html`<nav aria-label="${say(pc, { en: 'Admin', hi: 'प्रशासन' })}" class="subnav">
    <a href="/admin">${say(pc, T.dashboard)}</a> · <a href="/admin/cases">${say(pc, T.cases)}</a> ·
    <a href="/admin/policies">${say(pc, T.policies)}</a> · <a href="/admin/audit">${say(pc, T.audit)}</a>
  </nav>`;
}

function statusLabel(pc: PageContext, kind: string, status: string): string {
  const label = kind === 'application' ? STATUS_LABELS[status as keyof typeof STATUS_LABELS] : undefined;
  return label ? say(pc, label) : status;
}

function filtersFrom(ctx: Context): CaseFilters {
  const q = (name: string) => (typeof ctx.query[name] === 'string' ? ctx.query[name].trim() : '');
  const kind = q('kind');
  const breached = q('breached');
  return {
    ...(q('number') ? { number: q('number').toUpperCase() } : {}),
    ...(kind === 'application' || kind === 'complaint' ? { kind } : {}),
    ...(q('status') ? { status: q('status') } : {}),
    ...(q('service') ? { service: q('service').toUpperCase() } : {}),
    ...(q('district') ? { district: q('district').toUpperCase() } : {}),
    ...(/^L[1-4]$/.test(q('level').toUpperCase()) ? { level: q('level').toUpperCase() } : {}),
    ...(breached === 'yes' ? { breached: true } : breached === 'no' ? { breached: false } : {}),
  };
}

function searchForm(pc: PageContext, f: CaseFilters): Html {
  const text = (name: string, label: { en: string; hi: string }, value?: string) =>
    html`<div>
      <label for="f-${name}">${say(pc, label)}</label
      ><input id="f-${name}" name="${name}" type="text" value="${value ?? ''}" />
    </div>`;
  const choice = (
    name: string,
    label: { en: string; hi: string },
    options: [string, string][],
    value?: string,
  ) =>
    html`<div>
      <label for="f-${name}">${say(pc, label)}</label
      ><select id="f-${name}" name="${name}">
        ${options.map(([v, l]) => html`<option value="${v}" ${v === (value ?? '') ? 'selected' : ''}>${l}</option>`)}
      </select>
    </div>`;
  return html`<form method="get" action="/admin/cases" class="filters">
    ${text('number', T.number, f.number)}
    ${choice(
      'kind',
      T.kind,
      [
        ['', say(pc, T.any)],
        ['application', say(pc, T.application)],
        ['complaint', say(pc, T.complaint)],
      ],
      f.kind,
    )}
    ${text('status', T.status, f.status)} ${text('service', T.service, f.service)}
    ${text('district', T.district, f.district)}
    ${choice('level', T.level, [['', say(pc, T.any)], ...['L1', 'L2', 'L3', 'L4'].map((l): [string, string] => [l, l])], f.level)}
    ${choice(
      'breached',
      T.breached,
      [
        ['', say(pc, T.any)],
        ['yes', say(pc, T.yes)],
        ['no', say(pc, T.no)],
      ],
      f.breached === undefined ? '' : f.breached ? 'yes' : 'no',
    )}
    <button type="submit">${say(pc, T.search)}</button>
  </form>`;
}

const caseLink = (number: string) => `/admin/cases/${number.replace(/\//g, '-')}`;

function caseNumberFrom(param: string | undefined): string {
  const value = safeDecode(param ?? '').toUpperCase();
  if (/^(LSG-[A-Z]{3}-\d{4}-\d{6,}|CMH-\d{4}-\d{6,})$/.test(value)) return value.replace(/-/g, '/');
  throw new NotFound({ en: `"${param}" is not a case number.`, hi: `"${param}" प्रकरण क्रमांक नहीं है।` });
}

/** The audit page's filters and cursor from its query; a malformed date or cursor is a 400. */
function auditFiltersFrom(ctx: Context): {
  filters: AuditFilters;
  cursor: { before?: number; after?: number };
} {
  const q = (name: string) => (typeof ctx.query[name] === 'string' ? ctx.query[name].trim() : '');
  const bad = (name: string, en: string, hi: string): never => {
    throw new BadRequest({ en, hi }, [{ field: name, message: { en, hi } }]);
  };
  const date = (name: string) => {
    const v = q(name);
    if (v && !(/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
      bad(name, `"${v}" is not a date (YYYY-MM-DD).`, `"${v}" तिथि (YYYY-MM-DD) नहीं है।`);
    return v;
  };
  const id = (name: string) => {
    const v = q(name);
    if (v && !/^[1-9]\d{0,15}$/.test(v))
      bad(name, `"${v}" is not a page of the log.`, `"${v}" लॉग का पृष्ठ नहीं है।`);
    return v ? Number(v) : undefined;
  };
  const target = q('target').slice(0, 100);
  const filters: AuditFilters = {
    ...(q('officer') ? { officer: q('officer').toUpperCase().slice(0, 40) } : {}),
    ...(q('action') ? { action: q('action').slice(0, 100) } : {}),
    ...(target
      ? { target: CASE_IN_URL.test(target) ? target.toUpperCase().replace(/-/g, '/') : target }
      : {}),
    ...(date('from') ? { from: date('from') } : {}),
    ...(date('to') ? { to: date('to') } : {}),
  };
  const before = id('before');
  const after = id('after');
  return { filters, cursor: { ...(before ? { before } : {}), ...(after && !before ? { after } : {}) } };
}

const CASE_IN_URL = /^(LSG-[A-Z]{3}-\d{4}-\d{6,}|CMH-\d{4}-\d{6,})$/i;

export function adminPages(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;

  router.get('/admin', async (ctx) => {
    requireStaffPermission(ctx, 'dashboard.read');
    const pc = pageContext(ctx);
    const data = await dashboardData(db, { months: 6, now: new Date() });
    render(ctx, T.dashboard, html`${adminNav(pc)} ${dashboardView(data, pc.lang)}`);
  });

  router.get('/admin/cases', async (ctx) => {
    requireStaffPermission(ctx, 'case.search');
    const pc = pageContext(ctx);
    const filters = filtersFrom(ctx);
    const searched = Object.keys(ctx.query).some((k) => k !== 'lang');
    const rows = searched ? await searchCases(db, filters) : [];
    const results = !searched
      ? null
      : rows.length === 0
        ? html`<p>${say(pc, T.none)}</p>`
        : html`<h2>${say(pc, T.results)} (${rows.length})</h2>
            ${rows.length === SEARCH_LIMIT && html`<p class="hint">${say(pc, T.limited)}</p>`}
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">${say(pc, T.kind)}</th>
                    <th scope="col">${say(pc, T.what)}</th>
                    <th scope="col">${say(pc, T.district)}</th>
                    <th scope="col">${say(pc, T.status)}</th>
                    <th scope="col">${say(pc, T.level)}</th>
                    <th scope="col">${say(pc, T.due)}</th>
                    <th scope="col">${say(pc, T.received)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr class="${r.breached ? 'breached' : 'on-time'}">
                        <td><a href="${caseLink(r.number)}">${r.number}</a></td>
                        <td>${say(pc, r.kind === 'application' ? T.application : T.complaint)}</td>
                        <td>${r.what}</td>
                        <td>${r.districtCode}</td>
                        <td>
                          ${statusLabel(pc, r.kind, r.status)}
                          ${r.breached && html`<span class="badge breached">${say(pc, T.breached)}</span>`}
                        </td>
                        <td>${r.level ?? '—'}</td>
                        <td>${formatDateTime(pc.lang, r.dueAt)}</td>
                        <td>${formatDateTime(pc.lang, r.receivedAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`;
    render(ctx, T.cases, html`${adminNav(pc)} ${searchForm(pc, filters)} ${results}`);
  });

  router.get('/admin/cases/:number', async (ctx) => {
    requireStaffPermission(ctx, 'history.read');
    const pc = pageContext(ctx);
    const number = caseNumberFrom(ctx.params.number);
    const isApplication = number.startsWith('LSG/');
    const row = await db(isApplication ? 'applications' : 'complaints')
      .where({ number })
      .first();
    if (!row) throw new NotFound({ en: `There is no case ${number}.`, hi: `प्रकरण ${number} नहीं है।` });
    // The case's own workflow, or one of its appeal workflows (their ids start with the number).
    const asked = typeof ctx.query.workflow === 'string' ? ctx.query.workflow : number;
    const workflowId = asked === number || asked.startsWith(`${number}/`) ? asked : number;
    const related = isApplication ? [number, `${number}/appeal-first`, `${number}/appeal-second`] : [number];
    const showTasks = ctx.query.tasks === '1';
    let timeline: Html;
    try {
      const rows = await fetchReadableHistory(deps.temporal.client, workflowId);
      const ui = deps.config.temporalUiUrl
        ? temporalUiLink(deps.config.temporalUiUrl, deps.config.temporalNamespace, workflowId)
        : null;
      timeline = historyTimeline(rows, { lang: pc.lang, workflowId, uiLink: ui, showTasks });
    } catch (err) {
      if (
        (err as { name?: string }).name !== 'WorkflowNotFoundError' &&
        (err as { code?: number }).code !== 5
      )
        throw err;
      timeline = html`<p>${say(pc, T.noHistory)}</p>`;
    }
    const base = `${caseLink(number)}?workflow=${encodeURIComponent(workflowId)}`;
    render(
      ctx,
      { en: `Case ${number}`, hi: `प्रकरण ${number}` },
      html`${adminNav(pc)}
        <section aria-labelledby="facts">
          <h2 id="facts">${say(pc, T.facts)}</h2>
          <dl class="facts">
            <dt>${say(pc, T.status)}</dt>
            <dd>${statusLabel(pc, isApplication ? 'application' : 'complaint', row.status)}</dd>
            <dt>${say(pc, T.district)}</dt>
            <dd>${row.districtCode}</dd>
            ${
              !isApplication &&
              html`<dt>${say(pc, T.level)}</dt>
                <dd>${row.level}</dd>`
            }
            <dt>${say(pc, T.breached)}</dt>
            <dd>${say(pc, row.breached ? T.yes : T.no)}</dd>
          </dl>
        </section>
        ${
          related.length > 1 &&
          html`<p>
            ${say(pc, T.related)}:
            ${related.map((id) =>
              id === workflowId
                ? html`<strong>${id}</strong> `
                : html`<a href="${caseLink(number)}?workflow=${encodeURIComponent(id)}">${id}</a> `,
            )}
          </p>`
        }
        <p>
          <a href="${base}${showTasks ? '' : '&tasks=1'}"
            >${say(pc, showTasks ? T.hideTasks : T.showTasks)}</a
          >
        </p>
        ${timeline}`,
    );
  });

  router.get('/admin/policies', async (ctx) => {
    requireStaffPermission(ctx, 'policy.read');
    const pc = pageContext(ctx);
    const current = await Promise.all(
      POLICY_KINDS.map(async (kind) => ({ kind, v: await currentPolicy(kind, db) })),
    );
    render(
      ctx,
      T.policies,
      html`${adminNav(pc)}
        <ul>
          ${current.map(
            ({ kind, v }) =>
              html`<li>
                <a href="/admin/policies/${kind}">${say(pc, T.kinds[kind])}</a> — ${say(pc, T.version)}
                ${v?.version ?? '—'}
                (${formatDateTime(pc.lang, v ? new Date(v.createdAt).toISOString() : null)})
              </li>`,
          )}
        </ul>`,
    );
  });

  async function policyPage(
    ctx: Context,
    kind: PolicyKind,
    draft?: string,
    problems: string[] = [],
    status = 200,
  ) {
    const pc = pageContext(ctx);
    const versions = await db('policyVersions')
      .where({ kind })
      .orderBy('version', 'desc')
      .select('version', 'createdBy', 'createdAt', 'note');
    const current = await currentPolicy(kind, db);
    const text = draft ?? JSON.stringify(current?.body ?? {}, null, 2);
    render(
      ctx,
      T.kinds[kind],
      html`${adminNav(pc)}
        <p>${say(pc, T.current)}: <strong>${current?.version ?? '—'}</strong></p>
        <form method="post" action="/admin/policies/${kind}" data-confirm="${say(pc, T.confirmPublish)}">
          ${csrfField(pc)}
          ${
            problems.length > 0 &&
            html`<div class="flash error" role="alert" id="policy-problems">
              <p>${say(pc, T.problems)}</p>
              <ul>
                ${problems.map((p) => html`<li>${p}</li>`)}
              </ul>
            </div>`
          }
          <label for="body">${say(pc, T.body)} <span class="hint">${say(pc, T.bodyHint)}</span></label>
          <textarea
            id="body"
            name="body"
            rows="24"
            spellcheck="false"
            class="code"
            ${problems.length > 0 ? html`aria-invalid="true" aria-describedby="policy-problems"` : ''}
          >
${text}</textarea>
          <label for="note">${say(pc, T.note)}</label>
          <input id="note" name="note" type="text" maxlength="300" />
          <button type="submit">${say(pc, T.publish)}</button>
        </form>
        <h2>${say(pc, T.versions)}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${say(pc, T.version)}</th>
                <th scope="col">${say(pc, T.by)}</th>
                <th scope="col">${say(pc, T.at)}</th>
                <th scope="col">${say(pc, T.note)}</th>
              </tr>
            </thead>
            <tbody>
              ${versions.map(
                (v) =>
                  html`<tr>
                    <td>${v.version}</td>
                    <td>${v.createdBy}</td>
                    <td>${formatDateTime(pc.lang, new Date(v.createdAt).toISOString())}</td>
                    <td>${v.note ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
      status,
    );
  }

  const kindFrom = (param: string | undefined): PolicyKind => {
    if ((POLICY_KINDS as readonly string[]).includes(param ?? '')) return param as PolicyKind;
    throw new NotFound({ en: `There is no policy "${param}".`, hi: `"${param}" नाम की कोई नीति नहीं है।` });
  };

  router.get('/admin/policies/:kind', async (ctx) => {
    requireStaffPermission(ctx, 'policy.read');
    await policyPage(ctx, kindFrom(ctx.params.kind));
  });

  router.post('/admin/policies/:kind', async (ctx) => {
    const admin = requireStaffPermission(ctx, 'policy.edit');
    const pc = pageContext(ctx);
    const kind = kindFrom(ctx.params.kind);
    const draft = formText(ctx, 'body');
    let body: unknown;
    try {
      body = JSON.parse(draft);
    } catch (err) {
      return policyPage(ctx, kind, draft, [say(pc, T.notJson) + (err as Error).message], 400);
    }
    const problems = policyProblems(kind, body);
    if (problems.length > 0) return policyPage(ctx, kind, draft, problems, 400);
    const published = await publishPolicy(
      db,
      kind,
      body as object,
      admin.code,
      formText(ctx, 'note') || undefined,
    );
    ctx.state.audit = { target: `${kind} v${published.version}` };
    redirect(ctx, `/admin/policies/${kind}`, {
      kind: 'ok',
      text: { en: `${T.published.en}${published.version}.`, hi: `${T.published.hi}${published.version}।` },
    });
  });

  /** The audit log (server/audit.ts): newest first, filtered, 50 rows a page by keyset on id. */
  router.get('/admin/audit', async (ctx) => {
    requireStaffPermission(ctx, 'audit.read');
    const pc = pageContext(ctx);
    const { filters, cursor } = auditFiltersFrom(ctx);
    const page = await auditPage(db, filters, cursor);
    render(ctx, T.audit, html`${adminNav(pc)} ${auditLogView(page, filters, pc.lang)}`);
  });
  return router;
}
