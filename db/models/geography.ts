// The administrative hierarchy: Division → District → Tehsil / Block → Village.
import { Model, type RelationMappingsThunk } from 'objection';
import { BaseModel, bilingualName } from './base';

export class Division extends BaseModel {
  static override tableName = 'divisions';
  id!: number;
  code!: string;
  nameEn!: string;
  nameHi!: string;
  districts?: District[];

  static override jsonSchema = {
    type: 'object',
    required: ['code', 'nameEn', 'nameHi'],
    properties: { code: { type: 'string', pattern: '^[a-z][a-z-]*$' }, ...bilingualName },
  };

  static override relationMappings: RelationMappingsThunk = () => ({
    districts: {
      relation: Model.HasManyRelation,
      modelClass: District,
      join: { from: 'divisions.id', to: 'districts.divisionId' },
    },
  });
}

export class District extends BaseModel {
  static override tableName = 'districts';
  id!: number;
  code!: string;
  divisionId!: number;
  nameEn!: string;
  nameHi!: string;
  division?: Division;
  tehsils?: Tehsil[];
  blocks?: Block[];

  static override jsonSchema = {
    type: 'object',
    required: ['code', 'divisionId', 'nameEn', 'nameHi'],
    properties: {
      code: { type: 'string', pattern: '^[a-z][a-z-]*$' },
      divisionId: { type: 'integer' },
      ...bilingualName,
    },
  };

  static override relationMappings: RelationMappingsThunk = () => ({
    division: {
      relation: Model.BelongsToOneRelation,
      modelClass: Division,
      join: { from: 'districts.divisionId', to: 'divisions.id' },
    },
    tehsils: {
      relation: Model.HasManyRelation,
      modelClass: Tehsil,
      join: { from: 'districts.id', to: 'tehsils.districtId' },
    },
    blocks: {
      relation: Model.HasManyRelation,
      modelClass: Block,
      join: { from: 'districts.id', to: 'blocks.districtId' },
    },
  });
}

export class Tehsil extends BaseModel {
  static override tableName = 'tehsils';
  id!: number;
  code!: string;
  districtId!: number;
  nameEn!: string;
  nameHi!: string;
  district?: District;
  villages?: Village[];

  static override relationMappings: RelationMappingsThunk = () => ({
    district: {
      relation: Model.BelongsToOneRelation,
      modelClass: District,
      join: { from: 'tehsils.districtId', to: 'districts.id' },
    },
    villages: {
      relation: Model.HasManyRelation,
      modelClass: Village,
      join: { from: 'tehsils.id', to: 'villages.tehsilId' },
    },
  });
}

export class Block extends BaseModel {
  static override tableName = 'blocks';
  id!: number;
  code!: string;
  districtId!: number;
  nameEn!: string;
  nameHi!: string;
  district?: District;

  static override relationMappings: RelationMappingsThunk = () => ({
    district: {
      relation: Model.BelongsToOneRelation,
      modelClass: District,
      join: { from: 'blocks.districtId', to: 'districts.id' },
    },
  });
}

export class Village extends BaseModel {
  static override tableName = 'villages';
  id!: number;
  code!: string;
  tehsilId!: number;
  blockId!: number | null;
  nameEn!: string;
  nameHi!: string;
  tehsil?: Tehsil;

  static override relationMappings: RelationMappingsThunk = () => ({
    tehsil: {
      relation: Model.BelongsToOneRelation,
      modelClass: Tehsil,
      join: { from: 'villages.tehsilId', to: 'tehsils.id' },
    },
  });
}
