// What officers do on a Lok Seva Guarantee application, shared by the JSON API
// (server/routes/applications.ts) and the officer pages (server/pages/officer.ts): who may see a
// case (lib/authorization.ts over the read model), running an officer's action or an appeal decision as a Temporal update, and — for the
// pages — which actions the projected state allows now. The workflow's update validators stay the
// authority: a form shown here may still be refused (409) if the case moved on meanwhile.
import type { Knex } from 'knex';
import { authorize, type ApplicationFacts } from '../../lib/authorization';
import type { PenaltyRules, ServiceDefinition } from '../../lib/catalogue';
import type { TemporalClient } from '../../lib/temporal/connection';
import { istDate, workingDaysBetween, type IsoDate, type WorkingDayCalendar } from '../../lib/working-days';
import {
  appealWorkflowId,
  decideAppeal,
  OFFICER_ACTIONS,
  type AppealState,
  type AppealSummary,
  type ApplicationInput,
  type ApplicationState,
  appealOfficer,
} from '../../workflows/application-messages';
import { NotFound } from '../errors';
import { runAction } from '../routes/applications';

export type OfficerActionName = keyof typeof OFFICER_ACTIONS;
export type AppealLevel = 'first' | 'second';

/** The update behind an action's API name; 404 unknown_action for any other name. */
export function officerAction(name: string | undefined): OfficerActionName {
  if (name && Object.hasOwn(OFFICER_ACTIONS, name)) return name as OfficerActionName;
  throw new NotFound(
    {
      en: `No action "${name}". Actions: ${Object.keys(OFFICER_ACTIONS).join(', ')}.`,
      hi: `"${name}" नाम की कोई कार्यवाही नहीं है।`,
    },
    'unknown_action',
  );
}

/** "first" or "second"; 404 for anything else. */
export function appealLevel(param: string | undefined): AppealLevel {
  if (param === 'first' || param === 'second') return param;
  throw new NotFound({ en: 'Appeal level is first or second.', hi: 'अपील का स्तर first या second है।' });
}

/** An officer's action as the workflow update; a refusal becomes 409 with the validator's words. */
export function runOfficerAction(
  temporal: TemporalClient,
  number: string,
  action: OfficerActionName,
  body: Record<string, unknown>,
  officerCode: string,
): Promise<ApplicationState> {
  return runAction(number, () =>
    temporal.client.workflow
      .getHandle(number)
      .executeUpdate(OFFICER_ACTIONS[action] as typeof OFFICER_ACTIONS.reject, {
        args: [{ ...body, officerCode } as never],
      }),
  );
}

/** The appellate authority's order on an open appeal (outcome, optional penalty, remarks). */
export function decideAppealAction(
  temporal: TemporalClient,
  number: string,
  level: AppealLevel,
  body: Record<string, unknown>,
  officerCode: string,
): Promise<AppealState> {
  return runAction(number, () =>
    temporal.client.workflow.getHandle(appealWorkflowId(number, level)).executeUpdate(decideAppeal, {
      args: [{ ...body, officerCode } as never],
    }),
  );
}

/** The read-model columns the authorization facts of an application come from. */
type ApplicationRow = {
  number: string;
  applicantMobile: string;
  designatedOfficerCode: string;
  state: unknown;
  workflowInput: unknown;
};

/**
 * What lib/authorization.ts looks at on an application, from its read-model row. A row read with
 * `applicationWithTaskOfficers` carries its earlier task officers; any other is looked up here.
 */
export async function applicationFacts(
  db: Knex,
  row: ApplicationRow & { taskOfficerCodes?: string[] },
): Promise<ApplicationFacts> {
  const state = row.state as ApplicationState | null;
  const officers = (row.workflowInput as ApplicationInput | null)?.officers;
  const earlier: string[] =
    row.taskOfficerCodes ??
    (await db('officerTasks').where({ applicationNumber: row.number }).pluck('officerCode'));
  return {
    applicantMobile: row.applicantMobile,
    designatedOfficer: row.designatedOfficerCode,
    fieldOfficer: officers?.fieldOfficer?.code ?? null,
    taskOfficers: [...earlier, ...(state?.tasks ?? []).map((t) => t.officerCode)],
    appeals: officers
      ? (state?.appeals ?? []).map((a) => ({
          level: a.level,
          officer: appealOfficer(officers, a.level).code,
        }))
      : [],
  };
}

/**
 * An application's row with the officers of its earlier tasks (`taskOfficerCodes`), in one query:
 * every API read of an application asks for both, and a round trip to PostgreSQL is most of its cost.
 */
export function applicationWithTaskOfficers(
  db: Knex,
  number: string,
): Promise<(Record<string, unknown> & ApplicationRow & { taskOfficerCodes: string[] }) | undefined> {
  return db('applications')
    .where({ number })
    .first(
      'applications.*',
      db.raw(
        'array(select t.officer_code from officer_tasks t where t.application_number = applications.number) as task_officer_codes',
      ),
    );
}

/** Whether a staff member may see an application (lib/authorization.ts, application.read). */
export async function staffOnApplication(
  db: Knex,
  row: ApplicationRow,
  staff: { code: string; roles: string[] },
): Promise<boolean> {
  const subject = { kind: 'staff' as const, code: staff.code, roles: staff.roles };
  return authorize('application.read', subject, await applicationFacts(db, row)).allow;
}

/** The permission an officer's action needs: the field report is the field officer's, the rest the designated officer's. */
export const actionPermission = (action: OfficerActionName) =>
  action === 'submit-field-report' ? ('application.field-report' as const) : ('application.decide' as const);

// ---- What the projected state allows now (for the pages' forms) ---------------------------------

export interface AppealChoice {
  level: AppealLevel;
  summary: AppealSummary;
  /** Outcomes the appeal's validator accepts now. */
  outcomes: ('order-delivery' | 'uphold-rejection' | 'dispose')[];
  /** Working days of delay past the service's due date (0: no delay penalty can be ordered). */
  daysOfDelay: number;
  penalty: PenaltyRules;
  serviceDueDate: IsoDate;
  deliveredOn: IsoDate | null;
}

export interface AllowedApplicationActions {
  actions: OfficerActionName[];
  appeals: AppealChoice[];
}

/**
 * The actions `officerCode` may take on the application now, read from the projected state and the
 * workflow's input with the same conditions the workflow's validators check (officer, status,
 * service steps); the texts a form carries are checked by the validators themselves.
 */
export function allowedApplicationActions(
  row: { state: unknown; workflowInput: unknown; status: string },
  officerCode: string,
  events: { type: string; at: string | Date }[],
  now = Date.now(),
): AllowedApplicationActions {
  const state = row.state as ApplicationState | null;
  const input = row.workflowInput as ApplicationInput | null;
  if (!state || !input) return { actions: [], appeals: [] };
  const { officers } = input;
  const service: ServiceDefinition = input.service;
  const actions: OfficerActionName[] = [];
  if (officers.designatedOfficer.code === officerCode && state.status === 'pending-decision') {
    actions.push('approve');
    if (!state.deliveryOrdered) actions.push('reject');
    actions.push('request-information');
    if (
      service.steps.includes('field-report-optional') &&
      officers.fieldOfficer &&
      state.fieldReport === null
    )
      actions.push('forward-for-field-report');
  }
  if (officers.fieldOfficer?.code === officerCode && state.status === 'field-report') {
    actions.push('submit-field-report');
  }
  const issued = events.find((e) => e.type === 'certificate-issued');
  const deliveredOn = issued ? istDate(new Date(issued.at).getTime()) : null;
  const appeals: AppealChoice[] = [];
  for (const summary of state.appeals.filter((a) => a.status === 'open')) {
    const officer =
      summary.level === 'first' ? officers.firstAppealOfficer : officers.secondAppellateAuthority;
    if (officer.code !== officerCode) continue;
    const outcomes: AppealChoice['outcomes'] = [];
    if (!deliveredOn) outcomes.push('order-delivery');
    if (state.rejectionReason !== null) outcomes.push('uphold-rejection');
    outcomes.push('dispose');
    appeals.push({
      level: summary.level,
      summary,
      outcomes,
      daysOfDelay: safeWorkingDaysBetween(input.dueDate, deliveredOn ?? istDate(now), input.calendar),
      penalty: input.penalty,
      serviceDueDate: input.dueDate,
      deliveredOn,
    });
  }
  return { actions, appeals };
}

function safeWorkingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): number {
  try {
    return workingDaysBetween(from, to, calendar);
  } catch {
    return 0; // a calendar without that year: the validator will say so if a penalty is asked for
  }
}
