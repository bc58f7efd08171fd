import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { generateScenario, validateSnapshot } from '@telework/planning';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { publishEngineRotation } from './publish-rotation';
import { readCarriedWeek, readPlanningSnapshot, SnapshotOptions } from './snapshot.repository';

jest.setTimeout(120_000);

/**
 * The frozen part of a cut week in the snapshot read from the database: per eligible agent, its
 * half-days of the plan between the Monday of horizon.from's week and horizon.from (REMOTE ones,
 * and those not OFF). Nothing, and the v1 snapshot as before, when the horizon starts on a Monday.
 */
describe.each(TEST_DATABASE_MODES)('the cut week’s frozen half-days in the planning snapshot on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const options: SnapshotOptions = { from: '2026-12-07', to: '2026-12-18', maxGroupSize: 300, rotation: { kind: 'published' } };

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('tiny', 3), 'not-a-real-hash');
    await publishEngineRotation(dataSource, '2026-12-07', '2026-12-18');
  });

  afterAll(async () => {
    await dataSource.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database.drop();
  });

  it('carries nothing from a Monday, a Saturday or a Sunday: the snapshot stays v1', async () => {
    for (const from of ['2026-12-07', '2026-12-12', '2026-12-13']) expect((await readCarriedWeek(dataSource.manager, from)).size).toBe(0);
    const snapshot = await readPlanningSnapshot(dataSource.manager, options);
    expect(snapshot.version).toBe(1);
    expect(snapshot.agents.some((agent) => 'carried' in agent || 'orgUnitId' in agent)).toBe(false);
  });

  it('carries each eligible agent’s Monday and Tuesday into a snapshot from Wednesday (v2), counted as the plan holds them', async () => {
    const expected: { agent_id: string; remote: number; working: number }[] = await dataSource.query(
      `SELECT s.agent_id, count(*) FILTER (WHERE s.mode = 'REMOTE')::int AS remote, count(*) FILTER (WHERE s.mode <> 'OFF')::int AS working
       FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE a.eligible AND a.group_id IS NOT NULL AND s.date IN ('2026-12-07', '2026-12-08')
       GROUP BY s.agent_id HAVING count(*) FILTER (WHERE s.mode <> 'OFF') > 0 ORDER BY s.agent_id`,
    );
    expect(expected.some((row) => row.remote > 0)).toBe(true);
    expect(expected.some((row) => row.working < 4)).toBe(true); // part-time agents off on one of them
    const snapshot = await readPlanningSnapshot(dataSource.manager, { ...options, from: '2026-12-09' });
    expect(snapshot.version).toBe(2);
    expect(snapshot.events).toBeUndefined();
    const carried = snapshot.agents.filter((agent) => agent.carried).map((agent) => ({ agent_id: agent.id, ...agent.carried }))
      .sort((a, b) => (a.agent_id < b.agent_id ? -1 : 1));
    expect(carried).toEqual(expected);
    // ineligible agents carry nothing; every agent has its org unit, as in any v2 snapshot
    expect(snapshot.agents.filter((agent) => !agent.eligible).every((agent) => agent.carried === undefined)).toBe(true);
    expect(snapshot.agents.every((agent) => 'orgUnitId' in agent)).toBe(true);
    expect(validateSnapshot(snapshot).ok).toBe(true);
  });
});
