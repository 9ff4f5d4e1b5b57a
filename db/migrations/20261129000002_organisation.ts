// Departments, offices and officers, and the roles officers hold over a jurisdiction.
import type { Knex } from 'knex';

export const OFFICE_LEVELS = [
  'state',
  'division',
  'district',
  'subdivision',
  'tehsil',
  'block',
  'call-centre',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name_en').notNullable();
    t.text('name_hi').notNullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('offices', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name_en').notNullable();
    t.text('name_hi').notNullable();
    t.enu('level', OFFICE_LEVELS).notNullable();
    t.integer('department_id').references('departments.id').index();
    t.integer('division_id').references('divisions.id').index();
    t.integer('district_id').references('districts.id').index();
    t.integer('tehsil_id').references('tehsils.id').index();
    t.integer('block_id').references('blocks.id').index();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('officers', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique(); // employee id
    t.text('name_en').notNullable();
    t.text('name_hi').notNullable();
    t.text('designation').notNullable(); // tehsildar, sdm, collector, patwari, …
    t.integer('office_id').notNullable().references('offices.id').index();
    t.text('mobile');
    t.text('email');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  // A role over a jurisdiction: the most specific of division/district/tehsil/block that is set
  // (none = the whole state), optionally limited to one department.
  await knex.schema.createTable('officer_roles', (t) => {
    t.increments('id');
    t.integer('officer_id').notNullable().references('officers.id').onDelete('CASCADE').index();
    t.text('role').notNullable();
    t.integer('department_id').references('departments.id').index();
    t.integer('division_id').references('divisions.id').index();
    t.integer('district_id').references('districts.id').index();
    t.integer('tehsil_id').references('tehsils.id').index();
    t.integer('block_id').references('blocks.id').index();
    // Natural key of the jurisdiction, e.g. "district:bhopal/department:revenue", for idempotent upserts.
    t.text('scope_key').notNullable();
    t.timestamps(true, true);
    t.unique(['officer_id', 'role', 'scope_key']);
    t.index(['role', 'district_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['officer_roles', 'officers', 'offices', 'departments'])
    await knex.schema.dropTable(table);
}
