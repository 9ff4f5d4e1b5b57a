// What officers do on a CM Helpline 181 complaint, shared by the JSON API
// (server/routes/complaints.ts) and the officer pages (server/pages/officer.ts): who may see a
// complaint (lib/authorization.ts over the read model), running an officer's action as a Temporal update (with the resolution's attachment),
// and — for the pages — which actions the projected state allows now. The workflow's update
// validators stay the authority: a form shown here may still be refused (409).
import type { Knex } from 'knex';
import { authorize, type ComplaintFacts } from '../../lib/authorization';
import { levelRank, type EscalationLadder, type Level } from '../../lib/ladder';
import type { TemporalClient } from '../../lib/temporal/connection';
import {
  COMPLAINT_ACTIONS,
  type ComplaintInput,
  type ComplaintState,
} from '../../workflows/complaint-messages';
import { BadRequest, NotFound } from '../errors';
import { runAction } from '../routes/applications';

export type ComplaintActionName = keyof typeof COMPLAINT_ACTIONS;

/** The update behind an action's API name; 404 unknown_action for any other name. */
export function complaintAction(name: string | undefined): ComplaintActionName {
  if (name && Object.hasOwn(COMPLAINT_ACTIONS, name)) return name as ComplaintActionName;
  throw new NotFound(
    {
      en: `No action "${name}". Actions: ${Object.keys(COMPLAINT_ACTIONS).join(', ')}.`,
      hi: `"${name}" नाम की कोई कार्यवाही नहीं है।`,
    },
    'unknown_action',
  );
}

/**
 * An officer's action as the workflow update; a refusal becomes 409 with the validator's words.
 * An `attachmentId` (the resolution's file) must be one this officer uploaded and nobody has cited.
 */
export async function runComplaintAction(
  deps: { db: Knex; temporal: TemporalClient },
  number: string,
  action: ComplaintActionName,
  body: Record<string, unknown>,
  officerCode: string,
): Promise<ComplaintState> {
  if (body.attachmentId !== undefined) {
    const linked = await deps
      .db('complaintAttachments')
      .where({
        id:
          typeof body.attachmentId === 'string' &&
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(body.attachmentId)
            ? body.attachmentId
            : '00000000-0000-0000-0000-000000000000',
        uploadedBy: officerCode,
      })
      .whereNull('complaintNumber')
      .update({ complaintNumber: number });
    if (linked !== 1) {
      throw new BadRequest(
        {
          en: 'Attach a file you uploaded to /api/v1/attachments and have not used yet.',
          hi: 'वह फ़ाइल संलग्न करें जो आपने /api/v1/attachments पर अपलोड की है और अभी उपयोग नहीं हुई।',
        },
        [
          {
            field: 'attachmentId',
            message: { en: 'unknown or already used', hi: 'अज्ञात या पहले से उपयोग में' },
          },
        ],
      );
    }
  }
  return runAction(number, () =>
    deps.temporal.client.workflow
      .getHandle(number)
      .executeUpdate(COMPLAINT_ACTIONS[action] as typeof COMPLAINT_ACTIONS.resolve, {
        args: [{ ...body, officerCode } as never],
      }),
  );
}

interface ComplaintRow {
  citizenMobile?: string;
  assignedOfficerCode: string | null;
  hidden: boolean;
  state: unknown;
  workflowInput: unknown;
}

/**
 * What lib/authorization.ts looks at on a complaint, from its read-model row. The transfer approver
 * is the L2 officer of the routing as registered (a re-routed complaint's new approver is known to
 * the workflow only; its validator then decides with the workflow's own facts).
 */
export function complaintFacts(row: ComplaintRow): ComplaintFacts {
  const state = row.state as ComplaintState | null;
  const input = (row.workflowInput ?? {}) as {
    routing?: { officers: Record<string, { code: string } | null> };
    counsellor?: { code: string } | null;
  };
  const chain = Object.values(input.routing?.officers ?? {}).flatMap((o) => (o ? [o.code] : []));
  return {
    citizenMobile: row.citizenMobile ?? '',
    assignedOfficer: row.assignedOfficerCode,
    routingOfficers: chain,
    transferApprover: state?.transferRequest ? (input.routing?.officers.L2?.code ?? null) : null,
    counsellor: input.counsellor?.code ?? null,
    hidden: row.hidden,
  };
}

/** Whether a staff member may see a complaint (lib/authorization.ts, complaint.read). */
export function staffOnComplaint(row: ComplaintRow, staff: { code: string; roles: string[] }): boolean {
  return authorize(
    'complaint.read',
    { kind: 'staff', code: staff.code, roles: staff.roles },
    complaintFacts(row),
  ).allow;
}

/** The permission an officer's action on a complaint needs. */
export function complaintActionPermission(
  action: ComplaintActionName,
): 'complaint.act' | 'complaint.decide-transfer' | 'complaint.counsel' {
  if (action === 'decide-transfer') return 'complaint.decide-transfer';
  if (action === 'complete-counselling') return 'complaint.counsel';
  return 'complaint.act';
}

/**
 * The actions `officerCode` may take on the complaint now, read from the projected state and the
 * pinned ladder with the same conditions the workflow's validators check (assignment, status,
 * level); the reasons a form carries are checked by the validators themselves. The transfer
 * approver is the L2 officer of the complaint's routing as registered (a re-routed complaint's new
 * approver is known to the workflow only; the validator then decides).
 */
export function allowedComplaintActions(row: ComplaintRow, officerCode: string): ComplaintActionName[] {
  const state = row.state as ComplaintState | null;
  const input = row.workflowInput as ComplaintInput | null;
  if (!state || !input) return [];
  const ladder: EscalationLadder = input.ladder;
  const level: Level = state.level;
  const actions: ComplaintActionName[] = [];
  if (state.assignedTo === officerCode && state.status === 'open') {
    if (!state.accepted) actions.push('accept');
    // resolve: an overdue CPGRAMS grievance needs an interim reply first; the validator says so.
    actions.push('interim-reply', 'ask-citizen', 'resolve', 'not-my-department');
    if (ladder.specialClose.proposeFrom.includes(level)) actions.push('propose-special-close');
    if (levelRank(level) >= levelRank(ladder.specialClose.allowedFrom)) actions.push('special-close');
    actions.push('force-close');
    if (level === ladder.manualEscalation.from) actions.push('escalate-to-l4');
    if (level === ladder.manualEscalation.to) actions.push('send-back-to-l3');
  }
  if (state.status === 'transfer-requested' && input.routing.officers.L2?.code === officerCode) {
    actions.push('decide-transfer');
  }
  if (state.status === 'counselling' && input.counsellor?.code === officerCode) {
    actions.push('complete-counselling');
  }
  return actions;
}
