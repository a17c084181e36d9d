// @ts-check

/**
 * A host's power and temperature over time (the host page's 24 h chart),
 * sampled from its BMC by one replica per interval (docs/architecture.md,
 * "Telemetry history").
 *
 * - `slot` is the start of the sampling interval the reading belongs to
 *   (epoch ms, rounded down to `sampleIntervalSeconds`). The unique index on
 *   host and slot is the claim: if two replicas ever sample the same
 *   interval (a scheduler lock that lapsed), the second insert is ignored
 *   and the host keeps one reading per interval.
 * - Readings are bounded per host (`maxReadingsPerHost`) and pruned by age
 *   (`retentionHours`) after each pass; the `slot` index serves both.
 * - Only numbers and a time are stored: never an address, user or password.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('metal3_telemetry_readings', table => {
    table.bigIncrements('id').primary();
    table.string('cluster', 253).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('name', 253).notNullable();
    table.bigInteger('slot').notNullable();
    // When the BMC was read (ISO 8601, UTC).
    table.string('read_at', 32).notNullable();
    table.double('power_watts').nullable();
    // The hottest temperature sensor of the reading.
    table.double('temperature_celsius').nullable();
    table.unique(['cluster', 'namespace', 'name', 'slot'], {
      indexName: 'metal3_telemetry_readings_host_slot_uq',
    });
    table.index(['slot'], 'metal3_telemetry_readings_slot_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('metal3_telemetry_readings');
};
