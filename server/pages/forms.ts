// What the pages that take forms share: reading a posted field by its dotted name, and the places
// (districts, tehsils, blocks, villages) the forms' pickers list.
import type { Knex } from 'knex';
import type { Context } from 'koa';
import type { PlaceOptions } from '../../templates/citizen/places';

/**
 * A posted field by its dotted name ("citizen.name", "address.line"): the form parser reads dots
 * as nesting ({ citizen: { name } }); a flat key is accepted as well. Trimmed; '' when missing.
 */
export function formField(ctx: Context, name: string): string {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  const value =
    body?.[name] ??
    name
      .split('.')
      .reduce<unknown>(
        (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
        body,
      );
  return typeof value === 'string' ? value.trim() : '';
}

/** Every place the pickers list, by name, each with the code of the district or tehsil it lies in. */
export async function placeOptions(db: Knex): Promise<PlaceOptions> {
  const cols = (t: string) => [`${t}.code`, `${t}.nameEn`, `${t}.nameHi`];
  const [districts, tehsils, blocks, villages] = await Promise.all([
    db('districts').orderBy('nameEn').select(cols('districts')),
    db('tehsils')
      .join('districts', 'districts.id', 'tehsils.districtId')
      .orderBy('tehsils.nameEn')
      .select([...cols('tehsils'), 'districts.code as district']),
    db('blocks')
      .join('districts', 'districts.id', 'blocks.districtId')
      .orderBy('blocks.nameEn')
      .select([...cols('blocks'), 'districts.code as district']),
    db('villages')
      .join('tehsils', 'tehsils.id', 'villages.tehsilId')
      .orderBy('villages.nameEn')
      .select([...cols('villages'), 'tehsils.code as tehsil']),
  ]);
  return { districts, tehsils, blocks, villages };
}
