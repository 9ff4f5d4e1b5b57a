// Who holds a role where: the officers a new application is assigned to, by its jurisdiction.
import type { Knex } from 'knex';
import type { AssignedOfficers, OfficerRef } from '../workflows/application-messages';

async function holder(
  db: Knex,
  role: string,
  where: { tehsil?: string; district?: string },
): Promise<OfficerRef | null> {
  const query = db('officerRoles')
    .join('officers', 'officers.id', 'officerRoles.officerId')
    .where('officerRoles.role', role)
    .andWhere('officers.active', true)
    .orderBy('officers.code')
    .first('officers.code', 'officers.nameEn', 'officers.nameHi', 'officers.designation');
  if (where.tehsil)
    query.join('tehsils', 'tehsils.id', 'officerRoles.tehsilId').andWhere('tehsils.code', where.tehsil);
  if (where.district)
    query
      .join('districts', 'districts.id', 'officerRoles.districtId')
      .andWhere('districts.code', where.district);
  return ((await query) as OfficerRef | undefined) ?? null;
}

/** The officers for a Lok Seva Guarantee application in a tehsil; null names the missing role. */
export async function assignApplicationOfficers(
  db: Knex,
  place: { tehsil: string; district: string },
): Promise<{ officers: AssignedOfficers } | { missingRole: string }> {
  const designatedOfficer = await holder(db, 'designated_officer', { tehsil: place.tehsil });
  if (!designatedOfficer) return { missingRole: 'designated_officer' };
  const firstAppealOfficer = await holder(db, 'first_appeal_officer', { tehsil: place.tehsil });
  if (!firstAppealOfficer) return { missingRole: 'first_appeal_officer' };
  const secondAppellateAuthority = await holder(db, 'second_appellate_authority', {
    district: place.district,
  });
  if (!secondAppellateAuthority) return { missingRole: 'second_appellate_authority' };
  const fieldOfficer = await holder(db, 'field_officer', { tehsil: place.tehsil });
  return { officers: { designatedOfficer, fieldOfficer, firstAppealOfficer, secondAppellateAuthority } };
}

export interface StaffMember {
  code: string;
  nameEn: string;
  nameHi: string;
  designation: string;
  roles: string[];
}

/** An active officer with their roles (one query: every staff request asks for it). */
export async function staffMember(db: Knex, code: string): Promise<StaffMember | null> {
  const officer: StaffMember | undefined = await db('officers')
    .where({ code, active: true })
    .first(
      'code',
      'nameEn',
      'nameHi',
      'designation',
      db.raw('array(select distinct r.role from officer_roles r where r.officer_id = officers.id) as roles'),
    );
  return officer ?? null;
}
