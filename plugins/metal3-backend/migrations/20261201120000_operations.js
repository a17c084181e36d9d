// @ts-check

/**
 * Long host operations (maintenance drains), kept in the plugin's database
 * so that every replica of the portal sees them and one replica can take
 * over what another started (docs/architecture.md, "Operations").
 *
 * - `claim` is `<action> <cluster>/<namespace>/<name>` while the operation
 *   runs and NULL once it ended: its unique index is the "one drain per host
 *   at a time" rule across replicas (a second request fails the insert and
 *   joins the running one). NULLs never collide, on SQLite and PostgreSQL.
 * - `runner`, `lease_generation` and `lease_expires_at` are the lease of the
 *   replica running it. Every write of a runner is conditional on its
 *   generation; a takeover bumps it, so a replica that lost the lease cannot
 *   write over its successor. `lease_expires_at` is epoch milliseconds of the
 *   database's clock, so replicas on machines whose clocks differ agree on
 *   when a lease has expired.
 * - Times shown to people (`started_at`, `finished_at`, log `at`) are ISO
 *   8601 strings in UTC, comparable as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('metal3_operations', table => {
    table.string('id', 36).primary().notNullable();
    table.string('action', 64).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('name', 253).notNullable();
    table.string('claim', 900).nullable().unique();
    table.string('state', 16).notNullable();
    table.string('started_by', 512).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.text('result').nullable();
    table.text('error').nullable();
    // JSON: the facts a resume needs (the node, what was cordoned, pods at start).
    table.text('checkpoint').nullable();
    table.string('runner', 255).nullable();
    table.integer('lease_generation').notNullable().defaultTo(1);
    table.bigInteger('lease_expires_at').nullable();
    // How often another replica took the operation over.
    table.integer('takeovers').notNullable().defaultTo(0);
    table.index(['state', 'lease_expires_at'], 'metal3_operations_lease_idx');
    table.index(['finished_at'], 'metal3_operations_finished_idx');
  });
  await knex.schema.createTable('metal3_operation_log', table => {
    table.bigIncrements('id').primary();
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('metal3_operations')
      .onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.text('message').notNullable();
    table.index(['operation_id'], 'metal3_operation_log_operation_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('metal3_operation_log');
  await knex.schema.dropTable('metal3_operations');
};
