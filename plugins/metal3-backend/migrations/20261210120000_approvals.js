// @ts-check
/**
 * Risky operations waiting for a second person (`metal3.approvals`), kept in
 * the plugin's database: a restart or another replica sees the same
 * requests, and every state change is one conditional UPDATE, so of two
 * approvers clicking at once on two replicas exactly one wins and the
 * operation runs once (docs/architecture.md, "Approvals").
 *
 * - `state`: pending → approved → running → succeeded | failed, or pending →
 *   rejected | expired | withdrawn. Each transition names the state it
 *   leaves in its WHERE clause.
 * - `open_claim` is `<kind> <cluster>/<namespace>/<name>` while the request
 *   is pending, approved or running, NULL after: its unique index keeps one
 *   open request per operation and object, so a double submit joins the
 *   first instead of queueing a second run. NULLs never collide.
 * - `expires_at` is epoch milliseconds of the database's clock (replicas
 *   agree on when a request expired, whatever their own clocks say); times
 *   shown to people are ISO 8601 strings in UTC.
 * - `parameters` and `impact` are JSON: the requester's parameters (run as
 *   given) and what the operation would do, computed at request time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('metal3_approvals', table => {
    table.string('id', 36).primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('target_type', 8).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('name', 253).notNullable();
    table.text('parameters').notNullable();
    table.string('title', 600).notNullable();
    // api: the backend runs it when approved; task: a scaffolder task waits.
    table.string('via', 8).notNullable();
    table.string('task_id', 64).nullable();
    table.string('open_claim', 900).nullable().unique();
    table.string('state', 16).notNullable();
    table.string('requested_by', 512).notNullable();
    table.string('requested_at', 32).notNullable();
    table.bigInteger('expires_at').notNullable();
    table.text('impact').notNullable();
    table.string('decided_by', 512).nullable();
    table.string('decided_at', 32).nullable();
    table.text('comment').nullable();
    // The replica (or task) running it, and when it started.
    table.string('runner', 255).nullable();
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.text('result').nullable();
    table.text('error').nullable();
    table.index(['state', 'expires_at'], 'metal3_approvals_state_idx');
    table.index(
      ['cluster', 'namespace', 'name'],
      'metal3_approvals_target_idx',
    );
    table.index(['requested_at'], 'metal3_approvals_requested_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('metal3_approvals');
};
