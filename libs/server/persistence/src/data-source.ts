import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { Extension } from '@electric-sql/pglite';
import { PGliteDriver } from 'typeorm-pglite';
import type { DatabaseConfig } from '@telework/server-config';
import { MIGRATIONS } from '@telework/migrations';

/**
 * One data source for both modes: PostgreSQL over `pg` when DATABASE_URL is set, embedded
 * PostgreSQL (PGlite) in DATA_DIR otherwise. Same migrations, never synchronize. No entity
 * classes: the schema is the migrations', and the SQL lives in the repositories of each area.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // ids come from gen_random_uuid() (core PostgreSQL); PGlite has no uuid-ossp
    installExtensions: false,
    logging: false,
  };
  if (database.mode === 'postgres') {
    return { ...common, url: database.url, extra: { max: 20 } };
  }
  let dataDir: string | undefined;
  if (database.dataDir) {
    dataDir = resolve(database.dataDir, 'pgdata');
    mkdirSync(dataDir, { recursive: true });
  }
  // pg_trgm: the agents search's trigram index (migration 1765324800000), as on PostgreSQL. Required
  // through the package's exports map, which TypeScript's 'node' module resolution does not read
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  return { ...common, driver: new PGliteDriver({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } }).driver };
}

export function createDataSource(database: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(database));
}
