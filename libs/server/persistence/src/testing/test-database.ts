import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@telework/server-config';

export type TestDatabaseMode = 'postgres' | 'embedded';

/** Both modes run the same suites: the real server, and embedded PGlite in memory. */
export const TEST_DATABASE_MODES: TestDatabaseMode[] = ['postgres', 'embedded'];

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A fresh database per test file on the real PostgreSQL server (dropped afterwards), or a
 * fresh in-memory PGlite. Nothing is shared between runs.
 */
export async function createTestDatabase(mode: TestDatabaseMode): Promise<TestDatabase> {
  if (mode === 'embedded') {
    return { config: { mode: 'embedded', dataDir: null }, drop: async () => undefined };
  }
  const name = `tw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    config: { mode: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
