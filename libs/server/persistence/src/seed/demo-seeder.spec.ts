import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { generateScenario, RequestSnapshot } from '@telework/planning';
import { createDataSource } from '../data-source';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '../testing/test-database';
import { tableSchema } from '../testing/table-schema';
import { seedDemoDepartement } from './demo-seeder';

// PGlite boots a WebAssembly Postgres per file: seconds on a loaded 2-core machine
jest.setTimeout(60_000);

describe.each(TEST_DATABASE_MODES)('demo seeder on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let schemaBefore: Record<'agents' | 'users' | 'org_units', string[]>;
  const count = async (table: string) => (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    schemaBefore = {
      agents: await tableSchema(dataSource, 'agents'), users: await tableSchema(dataSource, 'users'), org_units: await tableSchema(dataSource, 'org_units'),
    };
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database?.drop();
  });

  it('refuses a rotation group over its maximum size, naming it, and writes nothing', async () => {
    const scenario = generateScenario('tiny', 5);
    const oversized = { ...scenario, snapshot: { ...scenario.snapshot, maxGroupSize: 1 } };
    await expect(seedDemoDepartement(dataSource, oversized, 'unused-hash')).rejects.toThrow(/over their maximum size: \S+ has \d+ members, more than 1/);
    expect([await count('agents'), await count('users'), await count('org_units'), await count('rotation_groups')]).toEqual([0, 0, 0, 0]);
    expect(await tableSchema(dataSource, 'agents')).toEqual(schemaBefore.agents);
  });

  it('hands beforeRequests, inside its transaction, the requests it then writes: their ids, agents, half-days and statuses', async () => {
    await dataSource.query(`TRUNCATE agents, users, org_units, rotation_groups, sites, capacity_pools, telework_requests CASCADE`);
    const scenario = generateScenario('tiny', 11);
    let handed: RequestSnapshot[] = [];
    let agentsSeen = 0;
    let requestsSeen = -1;
    const timings: Record<string, number> = {};
    await seedDemoDepartement(dataSource, scenario, 'unused-hash', {
      timings,
      beforeRequests: async (manager, requests) => {
        handed = [...requests];
        // the seed's own transaction: its agents are there, its requests not yet
        agentsSeen = (await manager.query(`SELECT count(*)::int AS n FROM agents`))[0].n;
        requestsSeen = (await manager.query(`SELECT count(*)::int AS n FROM telework_requests`))[0].n;
      },
    });
    expect([agentsSeen, requestsSeen]).toEqual([scenario.snapshot.agents.length, 0]);
    expect(handed.length).toBeGreaterThan(0);
    const written: RequestSnapshot[] = await dataSource.query(
      `SELECT id, agent_id AS "agentId", to_char(date, 'YYYY-MM-DD') AS date, period, kind, status FROM telework_requests ORDER BY id`);
    expect(written).toEqual([...handed].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(timings['snapshot read']).toBeGreaterThanOrEqual(0);
    await dataSource.query(`TRUNCATE agents, users, org_units, rotation_groups, sites, capacity_pools, telework_requests CASCADE`);
  });

  it('writes every agent, account and org-unit manager, and leaves the tables with every index, key and trigger as before', async () => {
    const scenario = generateScenario('tiny', 5);
    const timings: Record<string, number> = {};
    const summary = await seedDemoDepartement(dataSource, scenario, 'unused-hash', { timings });
    expect(summary.agents).toBe(scenario.snapshot.agents.length);
    expect([await count('agents'), await count('users')]).toEqual([scenario.snapshot.agents.length, scenario.people.length]);
    const managers: { code: string; manager: string | null }[] = await dataSource.query(
      `SELECT o.code, a.employee_number AS manager FROM org_units o LEFT JOIN agents a ON a.id = o.manager_agent_id ORDER BY o.code`);
    const employeeNumber = new Map(scenario.people.map((person) => [person.agentId, person.employeeNumber]));
    expect(managers).toEqual(
      [...scenario.orgUnits].sort((a, b) => (a.code < b.code ? -1 : 1))
        .map((unit) => ({ code: unit.code, manager: unit.managerAgentId ? employeeNumber.get(unit.managerAgentId) ?? null : null })),
    );
    expect(await tableSchema(dataSource, 'agents')).toEqual(schemaBefore.agents);
    expect(await tableSchema(dataSource, 'users')).toEqual(schemaBefore.users);
    expect(await tableSchema(dataSource, 'org_units')).toEqual(schemaBefore.org_units);
    expect(Object.keys(timings)).toEqual(['pools, sites, groups', 'org units', 'agents', 'reservations', 'events', 'requests', 'users', 'commit']);
    // the group-size trigger is back on: one agent too many is refused at commit
    const [group] = await dataSource.query(`SELECT g.id, count(a.id)::int AS members FROM rotation_groups g JOIN agents a ON a.group_id = g.id GROUP BY g.id LIMIT 1`);
    await dataSource.query(`UPDATE rotation_groups SET max_size = $2 WHERE id = $1`, [group.id, group.members]);
    await expect(dataSource.query(
      `UPDATE agents SET group_id = $1 WHERE id = (SELECT id FROM agents WHERE eligible AND group_id IS DISTINCT FROM $1 LIMIT 1)`, [group.id],
    )).rejects.toThrow(/rotation group .* would have \d+ members/);
  });
});
