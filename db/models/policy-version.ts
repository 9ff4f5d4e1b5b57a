// One numbered, immutable version of a policy document.
import { Model } from 'objection';
import { POLICY_KINDS, type PolicyKind } from '../../lib/policy';

export class PolicyVersion extends Model {
  static override tableName = 'policy_versions';
  id!: number;
  kind!: PolicyKind;
  version!: number;
  body!: unknown;
  note!: string | null;
  createdBy!: string;
  createdAt!: string;

  static override jsonAttributes = ['body'];

  static override jsonSchema = {
    type: 'object',
    required: ['kind', 'version', 'body', 'createdBy'],
    properties: {
      kind: { type: 'string', enum: [...POLICY_KINDS] },
      version: { type: 'integer', minimum: 1 },
      body: { type: 'object' },
      note: { type: ['string', 'null'] },
      createdBy: { type: 'string', minLength: 1 },
    },
  };
}
