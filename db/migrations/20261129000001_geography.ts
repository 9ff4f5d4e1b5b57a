// The administrative hierarchy of Madhya Pradesh: division → district → tehsil / block → village.
import type { Knex } from 'knex';

function names(t: Knex.CreateTableBuilder): void {
  t.text('name_en').notNullable();
  t.text('name_hi').notNullable();
  t.timestamps(true, true);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('divisions', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    names(t);
  });
  await knex.schema.createTable('districts', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.integer('division_id').notNullable().references('divisions.id').index();
    names(t);
  });
  for (const table of ['tehsils', 'blocks']) {
    await knex.schema.createTable(table, (t) => {
      t.increments('id');
      t.text('code').notNullable().unique();
      t.integer('district_id').notNullable().references('districts.id').index();
      names(t);
    });
  }
  await knex.schema.createTable('villages', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.integer('tehsil_id').notNullable().references('tehsils.id').index();
    t.integer('block_id').references('blocks.id').index(); // null for an urban ward
    names(t);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['villages', 'blocks', 'tehsils', 'districts', 'divisions']) {
    await knex.schema.dropTable(table);
  }
}
