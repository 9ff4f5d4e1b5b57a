// Base for every Objection model: timestamps kept by the model, not by each caller.
import { Model } from 'objection';

export class BaseModel extends Model {
  createdAt?: string;
  updatedAt?: string;

  override $beforeInsert(): void {
    this.createdAt = new Date().toISOString();
    this.updatedAt = this.createdAt;
  }

  override $beforeUpdate(): void {
    this.updatedAt = new Date().toISOString();
  }
}

/** JSON schema of the bilingual name every place, office and officer has. */
export const bilingualName = {
  nameEn: { type: 'string', minLength: 1 },
  nameHi: { type: 'string', minLength: 1 },
} as const;
