// Activities of the complaint workflows: the read model (idempotent, stale writes lose) and
// routing after an approved transfer.
import type { Knex } from 'knex';
import { routeComplaint } from '../db/complaint-routing';
import type {
  ComplaintEvent,
  ComplaintInput,
  ComplaintPlace,
  ComplaintRouting,
  ComplaintState,
} from '../workflows/complaint-messages';

export function createComplaintActivities(deps: { db: Knex }) {
  const { db } = deps;
  return {
    async projectComplaint(p: {
      input: ComplaintInput;
      state: ComplaintState;
      events: ComplaintEvent[];
      seq: number;
    }): Promise<void> {
      const { input, state } = p;
      await db.transaction(async (trx) => {
        await trx('complaints')
          .insert({
            number: input.complaintNumber,
            callType: input.callType,
            subType: input.subType,
            channel: input.channel,
            citizenName: input.citizen.name,
            citizenMobile: input.citizen.mobile,
            districtCode: input.place.district,
            tehsilCode: input.place.tehsil,
            blockCode: input.place.block,
            villageCode: input.place.village,
            departmentCode: state.department,
            subjectCode: input.subject,
            description: input.description,
            status: state.status,
            level: state.level,
            assignedOfficerCode: state.assignedTo,
            queue: state.queue,
            routingFlagged: state.queue !== null,
            levelDueAt: state.levelDueAt,
            breached: state.breached,
            closure: state.closure,
            hidden: input.counsellor !== null,
            ladderVersion: input.ladderVersion,
            state: JSON.stringify(state),
            projectionSeq: p.seq,
            receivedAt: input.receivedAt,
            closedAt: state.status === 'closed' ? trx.fn.now() : null,
          })
          .onConflict('number')
          .merge([
            'status',
            'level',
            'departmentCode',
            'assignedOfficerCode',
            'queue',
            'routingFlagged',
            'levelDueAt',
            'breached',
            'closure',
            'state',
            'projectionSeq',
            'closedAt',
            'updatedAt',
          ])
          .where('complaints.projection_seq', '<=', p.seq);
        if (p.events.length > 0) {
          await trx('complaintEvents')
            .insert(
              p.events.map((e) => ({
                complaintNumber: input.complaintNumber,
                seq: e.seq,
                at: e.at,
                type: e.type,
                actor: e.actor,
                details: JSON.stringify(e.details),
              })),
            )
            .onConflict(['complaintNumber', 'seq'])
            .ignore();
        }
      });
    },

    /** Stores the Action Taken Report for the CPGRAMS exchange to send (once per grievance). */
    async recordActionTakenReport(report: {
      registrationNumber: string;
      complaintNumber: string;
      closure: string;
      resolution: string | null;
      interimReplies: number;
      escalations: number;
      closedAt: string;
    }): Promise<void> {
      await db('cpgramsActionTakenReports')
        .insert({
          registrationNumber: report.registrationNumber,
          complaintNumber: report.complaintNumber,
          report: JSON.stringify(report),
        })
        .onConflict('registrationNumber')
        .ignore();
    },

    async routeComplaint(request: {
      department: string;
      subject: string;
      place: ComplaintPlace;
    }): Promise<ComplaintRouting> {
      return routeComplaint(db, request);
    },
  };
}
