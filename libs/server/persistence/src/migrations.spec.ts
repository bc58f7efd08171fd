import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { createDataSource } from './data-source';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from './testing/test-database';

// PGlite boots a WebAssembly Postgres per file: seconds on a loaded 2-core machine
jest.setTimeout(60_000);

const DOMAIN_TABLES = [
  'agents', 'allocation_runs', 'assignment_counts', 'assignments', 'audit_log', 'capacity_changes', 'capacity_pools', 'continuity_events', 'engine_jobs',
  'mail_outbox', 'notices', 'oidc_sign_ins', 'org_units', 'plan_versions', 'pool_usage', 'request_status_history', 'reservations', 'rotation_calendars',
  'rotation_cells', 'rotation_groups', 'sites', 'telework_requests', 'users',
];

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe.each(TEST_DATABASE_MODES)('migrations on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await PGliteInstance.close();
    await database.drop();
  });

  it('run all the way up on an empty database, then all the way down', async () => {
    expect(await tableNames(dataSource)).toEqual([]);
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await tableNames(dataSource)).toEqual(DOMAIN_TABLES);
    // the agents search's trigram index: PGlite loads pg_trgm too (createDataSource)
    expect(await dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname = 'agents_search_trgm_idx'`))
      .toEqual([{ indexname: 'agents_search_trgm_idx' }]);

    for (let i = 0; i < applied.length; i++) {
      await dataSource.undoLastMigration();
    }
    expect(await tableNames(dataSource)).toEqual([]);
    const functions = await dataSource.query(
      `SELECT proname FROM pg_proc WHERE proname = 'enforce_rotation_group_size'`,
    );
    expect(functions).toEqual([]);

    // and up again: down left nothing behind that would block a second run
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toEqual(DOMAIN_TABLES);
  });

  it('keep coded warnings and a run\'s coded error beside their English text, and take them away when undone', async () => {
    const columns = async (): Promise<string[]> => (await dataSource.query(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '-') AS c
       FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN ('coded_warnings', 'error_code') ORDER BY 1`,
    )).map((row: { c: string }) => row.c);
    expect(await columns()).toEqual([
      "allocation_runs.coded_warnings jsonb NO '[]'::jsonb",
      'allocation_runs.error_code jsonb YES -',
      "rotation_calendars.coded_warnings jsonb NO '[]'::jsonb",
    ]);
    await undoThrough('CodedWarnings1765065600000');
    expect(await columns()).toEqual([]);
    await dataSource.runMigrations();
    expect(await columns()).toHaveLength(3);
  });

  /** Undoes the migrations applied after `name`, then `name` itself. */
  async function undoThrough(name: string): Promise<void> {
    for (;;) {
      const [last] = await dataSource.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
      await dataSource.undoLastMigration();
      if (!last || last.name === name) return;
    }
  }

  it('keep a NO_WORKPLACE half-day only with its reason, and give it back as ON_SITE when continuity mode is undone', async () => {
    const [{ id: siteId }] = await dataSource.query(`INSERT INTO sites (code, name, capacity) VALUES ('CS', 'Site', 10) RETURNING id`);
    const [{ id: unitId }] = await dataSource.query(`INSERT INTO org_units (code, name) VALUES ('CU', 'Unit') RETURNING id`);
    const [{ id: agentId }] = await dataSource.query(
      `INSERT INTO agents (employee_number, first_name, last_name, email, site_id, org_unit_id) VALUES ('C1', 'A', 'B', 'c1@x.fr', $1, $2) RETURNING id`,
      [siteId, unitId],
    );
    await dataSource.query(`INSERT INTO plan_versions (version, horizon_from, horizon_to) VALUES (900, '2026-12-07', '2026-12-11')`);
    const insert = (reason: string | null) => dataSource.query(
      `INSERT INTO assignments (agent_id, date, period, mode, source, site_id, plan_version, reason)
       VALUES ($1, '2026-12-10', 'AM', 'NO_WORKPLACE', 'CONTINUITY', $2, 900, $3)`,
      [agentId, siteId, reason],
    );
    await expect(insert(null)).rejects.toThrow(/assignments_no_workplace_has_reason/);
    await insert(JSON.stringify({ code: 'NO_WORKPLACE_NOT_ELIGIBLE' }));
    await expect(dataSource.query(
      `INSERT INTO continuity_events (label, kind, from_date, from_period, to_date, to_period) VALUES ('x', 'STRIKE', '2026-12-10', 'PM', '2026-12-10', 'AM')`,
    )).rejects.toThrow(/continuity_events_order/);

    await undoThrough('ContinuityEvents1765152000000');
    const [row] = await dataSource.query(`SELECT mode, source FROM assignments WHERE agent_id = $1`, [agentId]);
    expect(row).toEqual({ mode: 'ON_SITE', source: 'DEFAULT' });
    expect(await tableNames(dataSource)).not.toContain('continuity_events');
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toContain('continuity_events');
    await dataSource.query(`DELETE FROM assignments WHERE plan_version = 900`);
    await dataSource.query(`DELETE FROM plan_versions WHERE version = 900`);
    await dataSource.query(`DELETE FROM agents WHERE id = $1`, [agentId]);
    await dataSource.query(`DELETE FROM org_units WHERE id = $1`, [unitId]);
    await dataSource.query(`DELETE FROM sites WHERE id = $1`, [siteId]);
  });

  it('keep one account per sign-on identity and mail rows within their kinds, and undo both cleanly', async () => {
    const [{ id: userId }] = await dataSource.query(
      `INSERT INTO users (email, password_hash, role, oidc_issuer, oidc_subject) VALUES ('sso1@x.fr', '!', 'AGENT', 'https://idp', 'sub-1') RETURNING id`,
    );
    await expect(dataSource.query(
      `INSERT INTO users (email, password_hash, role, oidc_issuer, oidc_subject) VALUES ('sso2@x.fr', '!', 'AGENT', 'https://idp', 'sub-1')`,
    )).rejects.toThrow(/users_oidc_identity_unique/);
    await expect(dataSource.query(`UPDATE users SET mail_opt_outs = '{ACTIVATION}' WHERE id = $1`, [userId])).rejects.toThrow(/users_mail_opt_outs_valid/);
    await expect(dataSource.query(`UPDATE users SET language = 'de' WHERE id = $1`, [userId])).rejects.toThrow(/users_language_valid/);
    const mail = (dedupe: string) => dataSource.query(
      `INSERT INTO mail_outbox (kind, user_id, recipient, language, payload, dedupe_key) VALUES ('MANAGER_DIGEST', $1, 'sso1@x.fr', 'fr', '{}', $2)`,
      [userId, dedupe],
    );
    await mail('digest:1');
    await expect(mail('digest:1')).rejects.toThrow(/mail_outbox_dedupe_unique/);

    await undoThrough('SingleSignOn1765238400000');
    expect(await tableNames(dataSource)).not.toContain('mail_outbox');
    expect(await tableNames(dataSource)).not.toContain('oidc_sign_ins');
    await dataSource.runMigrations();
    expect(await tableNames(dataSource)).toEqual(expect.arrayContaining(['mail_outbox', 'oidc_sign_ins']));
    await dataSource.query(`DELETE FROM users WHERE email = 'sso1@x.fr'`);
  });

  describe('rules enforced by the database', () => {
    let siteId: string;
    let unitId: string;
    let poolId: string;

    beforeAll(async () => {
      [{ id: siteId }] = await dataSource.query(`INSERT INTO sites (code, name, capacity) VALUES ('S1', 'Site', 10) RETURNING id`);
      [{ id: unitId }] = await dataSource.query(`INSERT INTO org_units (code, name) VALUES ('U1', 'Unit') RETURNING id`);
      [{ id: poolId }] = await dataSource.query(`INSERT INTO capacity_pools (code, name, capacity, reserve) VALUES ('VDI', 'VDI', 10, 2) RETURNING id`);
    });

    const insertAgent = (employeeNumber: string, extra: Record<string, unknown> = {}) => {
      const columns = { employee_number: employeeNumber, first_name: 'A', last_name: 'B', email: `${employeeNumber}@x.fr`, site_id: siteId, org_unit_id: unitId, ...extra };
      const names = Object.keys(columns);
      return dataSource.query(
        `INSERT INTO agents (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(columns),
      );
    };

    it('refuses a duplicate employee number and a duplicate e-mail whatever its case', async () => {
      await insertAgent('E1');
      await expect(insertAgent('E1', { email: 'other@x.fr' })).rejects.toThrow(/agents_employee_number_unique/);
      await expect(insertAgent('E2', { email: 'E1@X.FR' })).rejects.toThrow(/agents_email_unique/);
    });

    it('refuses weekly min above weekly max, a bad period and a negative capacity', async () => {
      await expect(insertAgent('E3', { weekly_min: 7, weekly_max: 6 })).rejects.toThrow(/agents_weekly_bounds/);
      await expect(dataSource.query(`INSERT INTO reservations (pool_id, date, period, seats, label) VALUES ($1, '2026-12-08', 'XX', 1, 'x')`, [poolId]))
        .rejects.toThrow(/reservations_period_valid/);
      await expect(dataSource.query(`INSERT INTO sites (code, name, capacity) VALUES ('S2', 'S', -1)`)).rejects.toThrow(/sites_capacity_non_negative/);
      await expect(dataSource.query(`UPDATE capacity_pools SET reserve = 11`)).rejects.toThrow(/capacity_pools_reserve_within_capacity/);
    });

    it('refuses an eligible agent without a pool', async () => {
      await expect(insertAgent('E4', { eligible: true })).rejects.toThrow(/agents_eligible_needs_pool/);
    });

    it('keeps a rotation group within its maximum size', async () => {
      const [{ id: groupId }] = await dataSource.query(`INSERT INTO rotation_groups (code, name, max_size) VALUES ('G1', 'G', 2) RETURNING id`);
      await insertAgent('E5', { eligible: true, access_pool_id: poolId, group_id: groupId });
      await insertAgent('E6', { eligible: true, access_pool_id: poolId, group_id: groupId });
      await expect(insertAgent('E7', { eligible: true, access_pool_id: poolId, group_id: groupId })).rejects.toThrow(
        /more than its maximum of 2/,
      );
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM agents WHERE group_id = $1`, [groupId]);
      expect(count).toBe(2);
    });
  });
});
