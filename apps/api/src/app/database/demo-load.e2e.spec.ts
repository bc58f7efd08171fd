import { DataSource } from 'typeorm';
import { planSnapshot } from '@telework/planning';
import { readRotationSnapshot } from '@telework/planning-data';
import { assignmentCountsAgainstRows, TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

/**
 * The demo load with its first rotation (DEMO_DATA=auto): planned in a thread during the seed,
 * from the snapshot read inside the seed's transaction, and published only because the snapshot
 * read again after the commit is the same.
 */
describe.each(TEST_DATABASE_MODES)('demo load with its first rotation on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi(mode, { DEMO_DATA: 'auto' });
    db = api.app.get(DataSource);
  });

  afterAll(async () => api?.close());

  it('publishes the plan made during the seed, which is the engine plan of the database as it now is', async () => {
    expect(api.startup.demoLoad).toMatchObject({ plannedDuringSeed: true });
    expect(Object.keys(api.startup.demoLoad?.timings ?? {})).toEqual(expect.arrayContaining(['snapshot read', 'plan (waited for)', 'indexesRebuilt']));
    const [{ from, to }] = await db.query(
      `SELECT to_char(horizon_from, 'YYYY-MM-DD') AS from, to_char(horizon_to, 'YYYY-MM-DD') AS to FROM plan_versions ORDER BY version LIMIT 1`);
    const snapshot = await readRotationSnapshot(db.manager, from, to, { maxGroupSize: api.config.maxGroupSize, withRequests: true });
    const plan = planSnapshot(snapshot);
    const rows: { agent_id: string; modes: string }[] = await db.query(
      `SELECT agent_id, string_agg(CASE mode WHEN 'REMOTE' THEN 'R' WHEN 'ON_SITE' THEN 'S' WHEN 'OFF' THEN 'O' ELSE 'N' END, '' ORDER BY date, period) AS modes
       FROM assignments GROUP BY agent_id`);
    expect(rows.length).toBe(snapshot.agents.length);
    expect(new Map(rows.map((row) => [row.agent_id, row.modes]))).toEqual(new Map(plan.agents.map((agent) => [agent.id, agent.modes])));
    expect(plan.agents.some((agent) => agent.modes.includes('R'))).toBe(true);
    // the approved requests were in the snapshot planned: their decisions are stored
    const [{ decided }] = await db.query(`SELECT count(*)::int AS decided FROM telework_requests WHERE allocation_status IS NOT NULL`);
    expect(decided).toBe(plan.requests.filter((request) => request.status !== 'IGNORED').length);
  });

  it('writes the half-day counts of the first publication as the counting trigger would have', async () => {
    expect(await assignmentCountsAgainstRows(db)).toEqual([]);
    const [{ counted }] = await db.query(`SELECT coalesce(sum(n), 0)::int AS counted FROM assignment_counts`);
    expect(counted).toBeGreaterThan(0);
  });
});
