import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/**
 * The knex migrations of this plugin (`plugins/metal3-backend/migrations`,
 * shipped through the package's `files`, so the production install has them).
 */
export function migrationsDirectory(): string {
  return resolvePackagePath(
    '@metal3-fleet/plugin-metal3-backend',
    'migrations',
  );
}

/** Migrates the plugin's tables to the latest schema. */
export async function migrateToLatest(knex: Knex): Promise<void> {
  // knex takes a migration lock: replicas starting at once migrate once.
  await knex.migrate.latest({ directory: migrationsDirectory() });
}

/**
 * The plugin's database, migrated unless the operator migrates separately
 * (`backend.database.skipMigrations` or
 * `backend.database.plugin.metal3.skipMigrations`).
 */
export async function migratedDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) await migrateToLatest(knex);
  return knex;
}
