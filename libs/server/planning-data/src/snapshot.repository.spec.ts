import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { generateScenario, PlanningSnapshot } from '@telework/planning';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { readPlanningSnapshot, SnapshotOptions } from './snapshot.repository';

jest.setTimeout(60_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';

/**
 * Continuity events in the snapshot read from the database: v1 byte for byte while no event
 * meets the horizon; v2 with the events (org units resolved into agents, the units below
 * included; pools by code; sites by id; the pool of each agent made eligible) and every agent's
 * org unit when one does.
 */
describe.each(TEST_DATABASE_MODES)('continuity events in the planning snapshot on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const options: SnapshotOptions = { from: FROM, to: TO, maxGroupSize: 300, rotation: { kind: 'none' } };
  const read = (extra: Partial<SnapshotOptions> = {}) => readPlanningSnapshot(dataSource.manager, { ...options, ...extra });
  let v1: PlanningSnapshot;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('tiny', 3), 'not-a-real-hash');
    v1 = await read();
  });

  afterAll(async () => {
    await dataSource.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database.drop();
  });

  async function insertEvent(fields: Record<string, unknown>): Promise<string> {
    const columns = Object.keys(fields);
    const [{ id }] = await dataSource.query(
      `INSERT INTO continuity_events (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(fields),
    );
    return id;
  }

  const base = { label: 'Grève', kind: 'STRIKE', from_date: '2026-12-10', from_period: 'AM', to_date: '2026-12-10', to_period: 'PM' };

  it('stays the v1 snapshot, byte for byte, while no ACTIVE event meets the horizon', async () => {
    expect(v1.version).toBe(1);
    expect(v1.events).toBeUndefined();
    expect(v1.agents.some((agent) => 'orgUnitId' in agent)).toBe(false);
    const draft = await insertEvent(base);
    const outside = await insertEvent({ ...base, status: 'ACTIVE', from_date: '2027-01-05', to_date: '2027-01-06' });
    const ended = await insertEvent({ ...base, status: 'ENDED' });
    expect(JSON.stringify(await read())).toBe(JSON.stringify(v1));
    await dataSource.query(`DELETE FROM continuity_events WHERE id = ANY($1::uuid[])`, [[draft, outside, ended]]);
  });

  it('is v2 with the event and every agent’s org unit when an ACTIVE event meets it, the rest unchanged', async () => {
    const [site] = await dataSource.query(`SELECT s.id FROM sites s ORDER BY (SELECT count(*) FROM agents a WHERE a.site_id = s.id) DESC LIMIT 1`);
    const pools: { id: string; code: string }[] = await dataSource.query(`SELECT id, code FROM capacity_pools ORDER BY code`);
    const vdi = pools.find((pool) => pool.code === 'VDI') as { id: string };
    const id = await insertEvent({
      ...base, status: 'ACTIVE',
      sites: JSON.stringify([{ siteId: site.id, capacity: 0 }, { siteId: '00000000-0000-0000-0000-000000000000', capacity: 3 }]),
      pools: JSON.stringify([{ poolId: vdi.id, capacity: 999 }]),
    });
    try {
      const v2 = await read();
      expect(v2.version).toBe(2);
      expect(v2.events).toEqual([{
        id, label: 'Grève', kind: 'STRIKE', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
        // the site nobody knows is left out; the pool is named by its code
        sites: [{ siteId: site.id, capacity: 0 }], pools: [{ poolId: 'VDI', capacity: 999 }],
      }]);
      const units = new Map<string, string | null>((await dataSource.query(`SELECT id, org_unit_id FROM agents`)).map((a: { id: string; org_unit_id: string | null }) => [a.id, a.org_unit_id]));
      expect(v2.agents.every((agent) => agent.orgUnitId === units.get(agent.id))).toBe(true);
      // without the v2 additions it is the v1 snapshot
      const back = structuredClone(v2);
      delete back.events;
      back.version = 1;
      for (const agent of back.agents) delete agent.orgUnitId;
      expect(back).toEqual(v1);
    } finally {
      await dataSource.query(`DELETE FROM continuity_events WHERE id = $1`, [id]);
    }
  });

  it('previews a DRAFT as if active, its org units resolved into agents with the units below, tiers kept, eligible-for-now agents on a pool', async () => {
    // a unit with a unit below it, both with agents
    const [parent] = await dataSource.query(
      `SELECT p.id FROM org_units p WHERE EXISTS (SELECT 1 FROM org_units c JOIN agents a ON a.org_unit_id = c.id WHERE c.parent_id = p.id)
         AND EXISTS (SELECT 1 FROM agents a WHERE a.org_unit_id = p.id) ORDER BY p.code LIMIT 1`,
    );
    const inScope: { id: string }[] = await dataSource.query(
      `WITH RECURSIVE below(id) AS (SELECT $1::uuid UNION SELECT o.id FROM org_units o JOIN below b ON o.parent_id = b.id)
       SELECT a.id FROM agents a JOIN below b ON b.id = a.org_unit_id ORDER BY a.id`,
      [parent.id],
    );
    const [direct] = await dataSource.query(`SELECT count(*)::int AS n FROM agents WHERE org_unit_id = $1`, [parent.id]);
    expect(inScope.length).toBeGreaterThan(direct.n);
    const [withPool] = await dataSource.query(
      `SELECT a.id, p.code FROM agents a JOIN capacity_pools p ON p.id = a.access_pool_id ORDER BY a.employee_number LIMIT 1`,
    );
    const [withoutPool] = await dataSource.query(`SELECT id FROM agents WHERE access_pool_id IS NULL ORDER BY employee_number LIMIT 1`);
    const [vpn] = await dataSource.query(`SELECT id FROM capacity_pools WHERE code = 'VPN'`);
    const [emptyUnit] = await dataSource.query(
      `INSERT INTO org_units (code, name) VALUES ('EMPTY-UNIT', 'Service sans agent') RETURNING id`,
    );
    const id = await insertEvent({
      ...base,
      weekly_max: 10, weekly_max_org_unit_ids: [parent.id],
      extra_eligible_agent_ids: [withPool.id, withoutPool.id], extra_eligible_pool_id: vpn.id,
      on_site_tiers: ['ELECTED', 'DIRECTOR'], on_site_org_unit_ids: [emptyUnit.id],
    });
    const other = await insertEvent({ ...base, weekly_max: 8, weekly_max_org_unit_ids: [emptyUnit.id] });
    try {
      expect(JSON.stringify(await read())).toBe(JSON.stringify(v1));
      const preview = await read({ previewEventId: id });
      expect(preview.version).toBe(2);
      expect(preview.events).toHaveLength(1);
      const [event] = preview.events ?? [];
      expect(event.regime).toEqual({ weeklyMax: 10, scope: { agentIds: inScope.map((a) => a.id) } });
      expect(event.extraEligible).toEqual([{ agentId: withPool.id, pool: withPool.code }, { agentId: withoutPool.id, pool: 'VPN' }]);
      // the empty unit adds nobody; the tiers stay tiers
      expect(event.onSite).toEqual({ tiers: ['ELECTED', 'DIRECTOR'] });
      // a regime whose only scope is an empty unit applies to nobody: no regime (an absent scope would mean everyone)
      const empty = await read({ previewEventId: other });
      expect(empty.events?.[0].regime).toBeUndefined();
      // without a pool of its own or of the event, the pool with the most seats
      await dataSource.query(`UPDATE continuity_events SET extra_eligible_pool_id = NULL WHERE id = $1`, [id]);
      const [largest] = await dataSource.query(`SELECT code FROM capacity_pools ORDER BY pool_capacity_on(id, $1::date) DESC, code LIMIT 1`, [FROM]);
      expect((await read({ previewEventId: id })).events?.[0].extraEligible?.[1]).toEqual({ agentId: withoutPool.id, pool: largest.code });
    } finally {
      await dataSource.query(`DELETE FROM continuity_events WHERE id = ANY($1::uuid[])`, [[id, other]]);
      await dataSource.query(`DELETE FROM org_units WHERE id = $1`, [emptyUnit.id]);
    }
  });
});
