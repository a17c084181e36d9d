// @ts-check

/**
 * Fleet events shared by the replicas (docs/architecture.md, "Fleet events"):
 *
 * - `metal3_fleet_lease`: one row per job that one replica at a time does
 *   (`notifier`): the holder, a generation bumped at each takeover, and when
 *   the lease ends in epoch milliseconds of the database's clock. Every write
 *   of the holder is conditional on its generation.
 * - `metal3_fleet_conditions`: the conditions the notifier has acted on, one
 *   row per condition in force (`key` = `<kind> <cluster>/<namespace>/<name>`).
 *   Inserting the row is the claim of the "entered" edge; `notified_at` is
 *   set once the notification went out (NULL: to send or retry); the row is
 *   deleted when the condition clears, so a later episode is a new edge.
 * - `metal3_fleet_baselines`: the first time the notifier looked at a
 *   cluster (or at the operations): what was already in force then was
 *   recorded without notifying.
 * - `metal3_notifications_sent`: one-shot notifications (an operation or a
 *   scaffolder task that finished): the unique key is the claim.
 *
 * Times are ISO 8601 strings in UTC, comparable as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('metal3_fleet_lease', table => {
    table.string('name', 64).primary().notNullable();
    table.string('holder', 255).notNullable();
    table.integer('generation').notNullable();
    table.bigInteger('expires_at').notNullable();
  });
  await knex.schema.createTable('metal3_fleet_conditions', table => {
    table.string('key', 768).primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('entered_at', 32).notNullable();
    table.string('notified_at', 32).nullable();
    table.index(['cluster'], 'metal3_fleet_conditions_cluster_idx');
  });
  await knex.schema.createTable('metal3_fleet_baselines', table => {
    table.string('scope', 300).primary().notNullable();
    table.string('recorded_at', 32).notNullable();
  });
  await knex.schema.createTable('metal3_notifications_sent', table => {
    table.string('key', 768).primary().notNullable();
    table.string('claimed_at', 32).notNullable();
    table.index(['claimed_at'], 'metal3_notifications_sent_claimed_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('metal3_notifications_sent');
  await knex.schema.dropTable('metal3_fleet_baselines');
  await knex.schema.dropTable('metal3_fleet_conditions');
  await knex.schema.dropTable('metal3_fleet_lease');
};
