// Routing a complaint: from department + subject + place to the officer of each level, by the
// jurisdictions in officer_roles. No L1 officer mapped → the district's fallback queue (flagged),
// never dropped.
import type { Knex } from 'knex';
import type { Level } from '../lib/ladder';
import type { OfficerRef } from '../workflows/application-messages';
import type { ComplaintPlace, ComplaintRouting } from '../workflows/complaint-messages';

function holderQuery(db: Knex, role: string, department: string) {
  return db('officerRoles')
    .join('officers', 'officers.id', 'officerRoles.officerId')
    .join('departments', 'departments.id', 'officerRoles.departmentId')
    .where({ 'officerRoles.role': role, 'departments.code': department, 'officers.active': true })
    .orderBy('officers.code')
    .first('officers.code', 'officers.nameEn', 'officers.nameHi', 'officers.designation');
}

export async function routeComplaint(
  db: Knex,
  request: { department: string; subject: string; place: ComplaintPlace },
): Promise<ComplaintRouting> {
  const { department, place } = request;
  const subject = await db('complaintSubjects').where({ code: request.subject }).first('l1Scope');
  const scope: 'tehsil' | 'block' =
    subject?.l1Scope === 'tehsil' || (!subject && !place.block) ? 'tehsil' : 'block';

  let l1: OfficerRef | undefined;
  if (scope === 'tehsil' && place.tehsil) {
    l1 = await holderQuery(db, 'complaint_l1', department)
      .join('tehsils', 'tehsils.id', 'officerRoles.tehsilId')
      .andWhere('tehsils.code', place.tehsil);
  } else if (scope === 'block' && place.block) {
    l1 = await holderQuery(db, 'complaint_l1', department)
      .join('blocks', 'blocks.id', 'officerRoles.blockId')
      .andWhere('blocks.code', place.block);
  }
  const l2: OfficerRef | undefined = await holderQuery(db, 'complaint_l2', department)
    .join('districts', 'districts.id', 'officerRoles.districtId')
    .andWhere('districts.code', place.district);
  const division = await db('districts')
    .join('divisions', 'divisions.id', 'districts.divisionId')
    .where('districts.code', place.district)
    .first('divisions.id');
  const l3: OfficerRef | undefined =
    (await holderQuery(db, 'complaint_l3', department).andWhere(
      'officerRoles.divisionId',
      division?.id ?? -1,
    )) ??
    (await holderQuery(db, 'complaint_l3', department)
      .whereNull('officerRoles.divisionId')
      .whereNull('officerRoles.districtId'));
  const l4: OfficerRef | undefined = await holderQuery(db, 'complaint_l4', department);

  const officers: Record<Level, OfficerRef | null> = {
    L1: l1 ?? null,
    L2: l2 ?? null,
    L3: l3 ?? null,
    L4: l4 ?? null,
  };
  return { officers, fallbackQueue: l1 ? null : `district:${place.district}` };
}
