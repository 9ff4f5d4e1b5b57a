// Departments, offices, officers and the roles they hold over a jurisdiction.
import { Model, type RelationMappingsThunk } from 'objection';
import { BaseModel, bilingualName } from './base';
import { Block, District, Division, Tehsil } from './geography';

/** Every role an officer or staff member can hold. */
export const ROLES = [
  'designated_officer', // पदाभिहित अधिकारी: delivers or rejects a Lok Seva Guarantee service
  'field_officer', // Patwari / Revenue Inspector: field report on an application
  'first_appeal_officer', // प्रथम अपील अधिकारी
  'second_appellate_authority', // द्वितीय अपील अधिकारी
  'complaint_l1',
  'complaint_l2',
  'complaint_l3',
  'complaint_l4',
  'counsellor', // Mahila Helpline counselling
  'agent_181', // CM Helpline call-centre agent
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export class Department extends BaseModel {
  static override tableName = 'departments';
  id!: number;
  code!: string;
  nameEn!: string;
  nameHi!: string;

  static override jsonSchema = {
    type: 'object',
    required: ['code', 'nameEn', 'nameHi'],
    properties: { code: { type: 'string', pattern: '^[a-z][a-z-]*$' }, ...bilingualName },
  };
}

export class Office extends BaseModel {
  static override tableName = 'offices';
  id!: number;
  code!: string;
  nameEn!: string;
  nameHi!: string;
  level!: string;
  departmentId!: number | null;
  divisionId!: number | null;
  districtId!: number | null;
  tehsilId!: number | null;
  blockId!: number | null;
  officers?: Officer[];

  static override relationMappings: RelationMappingsThunk = () => ({
    officers: {
      relation: Model.HasManyRelation,
      modelClass: Officer,
      join: { from: 'offices.id', to: 'officers.officeId' },
    },
    department: {
      relation: Model.BelongsToOneRelation,
      modelClass: Department,
      join: { from: 'offices.departmentId', to: 'departments.id' },
    },
  });
}

export class Officer extends BaseModel {
  static override tableName = 'officers';
  id!: number;
  code!: string;
  nameEn!: string;
  nameHi!: string;
  designation!: string;
  officeId!: number;
  mobile!: string | null;
  email!: string | null;
  active!: boolean;
  office?: Office;
  roles?: OfficerRole[];

  static override jsonSchema = {
    type: 'object',
    required: ['code', 'nameEn', 'nameHi', 'designation', 'officeId'],
    properties: {
      code: { type: 'string', minLength: 1 },
      ...bilingualName,
      designation: { type: 'string', minLength: 1 },
      officeId: { type: 'integer' },
      mobile: { type: ['string', 'null'], pattern: '^[6-9][0-9]{9}$' },
      email: { type: ['string', 'null'] },
      active: { type: 'boolean' },
    },
  };

  static override relationMappings: RelationMappingsThunk = () => ({
    office: {
      relation: Model.BelongsToOneRelation,
      modelClass: Office,
      join: { from: 'officers.officeId', to: 'offices.id' },
    },
    roles: {
      relation: Model.HasManyRelation,
      modelClass: OfficerRole,
      join: { from: 'officers.id', to: 'officerRoles.officerId' },
    },
  });
}

export class OfficerRole extends BaseModel {
  static override tableName = 'officerRoles';
  id!: number;
  officerId!: number;
  role!: Role;
  departmentId!: number | null;
  divisionId!: number | null;
  districtId!: number | null;
  tehsilId!: number | null;
  blockId!: number | null;
  scopeKey!: string;
  officer?: Officer;

  static override jsonSchema = {
    type: 'object',
    required: ['officerId', 'role', 'scopeKey'],
    properties: { role: { type: 'string', enum: [...ROLES] }, scopeKey: { type: 'string' } },
  };

  static override relationMappings: RelationMappingsThunk = () => ({
    officer: {
      relation: Model.BelongsToOneRelation,
      modelClass: Officer,
      join: { from: 'officerRoles.officerId', to: 'officers.id' },
    },
    department: {
      relation: Model.BelongsToOneRelation,
      modelClass: Department,
      join: { from: 'officerRoles.departmentId', to: 'departments.id' },
    },
    district: {
      relation: Model.BelongsToOneRelation,
      modelClass: District,
      join: { from: 'officerRoles.districtId', to: 'districts.id' },
    },
    division: {
      relation: Model.BelongsToOneRelation,
      modelClass: Division,
      join: { from: 'officerRoles.divisionId', to: 'divisions.id' },
    },
    tehsil: {
      relation: Model.BelongsToOneRelation,
      modelClass: Tehsil,
      join: { from: 'officerRoles.tehsilId', to: 'tehsils.id' },
    },
    block: {
      relation: Model.BelongsToOneRelation,
      modelClass: Block,
      join: { from: 'officerRoles.blockId', to: 'blocks.id' },
    },
  });
}
