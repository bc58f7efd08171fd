import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { addDays, capacityOn, normaliseSnapshot, PlanningSnapshot } from '@telework/planning';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { readPoolHalfDayCapacities } from './pool-capacity.repository';
import { readPlanningSnapshot } from './snapshot.repository';

jest.setTimeout(180_000);

/** Dates are day offsets from this Monday, inside a window small enough for dates to collide often. */
const DAY_ZERO = '2026-11-02';
const WINDOW = 60;

const day = (offset: number) => addDays(DAY_ZERO, offset);

interface DrawnPool {
  capacity: number;
  reserve: number;
  changes: { at: number; capacity: number }[];
  reservations: { at: number; period: 'AM' | 'PM'; seats: number }[];
}

const drawnPool: fc.Arbitrary<DrawnPool> = fc.record({
  capacity: fc.integer({ min: 0, max: 3000 }),
  changes: fc.uniqueArray(fc.record({ at: fc.integer({ min: 0, max: WINDOW }), capacity: fc.integer({ min: 0, max: 3000 }) }), {
    maxLength: 6, selector: (change) => change.at,
  }),
  reservations: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: WINDOW }), period: fc.constantFrom('AM' as const, 'PM' as const), seats: fc.integer({ min: 0, max: 50 }) }),
    { maxLength: 8 },
  ),
  reserveShare: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ reserveShare, ...pool }) => ({ ...pool, reserve: Math.floor(pool.capacity * reserveShare) }));

const drawn = fc.record({
  pools: fc.array(drawnPool, { minLength: 1, maxLength: 3 }),
  dates: fc.array(fc.integer({ min: -3, max: WINDOW + 3 }), { minLength: 1, maxLength: 12 }),
  horizon: fc.tuple(fc.integer({ min: -3, max: WINDOW + 3 }), fc.integer({ min: 0, max: 20 })),
});

/**
 * The database's rules of a pool's capacity on a date (`pool_capacity_on`) and its reserved
 * seats (`pool_reserved_seats`, migration PlanningRules), and the readers built on them, against
 * the engine's definitions on random pools: `capacityOn` on the engine's normalised pool, and the
 * engine's sum of a half-day's reservations (model/context.ts, done here the same way: the
 * engine does not export it).
 */
describe.each(TEST_DATABASE_MODES)('a pool’s capacity and reserved seats, SQL against the engine, on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database.drop();
  });

  /** Stores the pools (codes P0, P1…) with their dated changes and reservations; answers their ids. */
  async function store(pools: DrawnPool[]): Promise<string[]> {
    await dataSource.query(`DELETE FROM capacity_pools`); // cascades to changes and reservations
    const ids: string[] = [];
    for (const [i, pool] of pools.entries()) {
      const [{ id }] = await dataSource.query(
        `INSERT INTO capacity_pools (code, name, capacity, reserve) VALUES ($1, $1, $2, $3) RETURNING id`,
        [`P${i}`, pool.capacity, pool.reserve],
      );
      ids.push(id);
      if (pool.changes.length > 0) {
        await dataSource.query(
          `INSERT INTO capacity_changes (pool_id, effective_from, capacity)
           SELECT $1, d::date, c FROM unnest($2::text[], $3::int[]) AS x(d, c)`,
          [id, pool.changes.map((c) => day(c.at)), pool.changes.map((c) => c.capacity)],
        );
      }
      if (pool.reservations.length > 0) {
        await dataSource.query(
          `INSERT INTO reservations (pool_id, date, period, seats, label)
           SELECT $1, d::date, p, s, 'event' FROM unnest($2::text[], $3::text[], $4::int[]) AS x(d, p, s)`,
          [id, pool.reservations.map((r) => day(r.at)), pool.reservations.map((r) => r.period), pool.reservations.map((r) => r.seats)],
        );
      }
    }
    return ids;
  }

  /** The pools as the engine sees them: normalised (changes sorted), by code. */
  function enginePools(pools: DrawnPool[]) {
    const snapshot: PlanningSnapshot = {
      version: 1,
      horizon: { from: day(0), to: day(WINDOW) },
      pools: pools.map((pool, i) => ({
        id: `P${i}`, capacity: pool.capacity, reserve: pool.reserve,
        capacityChanges: pool.changes.map((c) => ({ from: day(c.at), capacity: c.capacity })),
      })),
      sites: [],
      groups: [],
      agents: [],
    };
    return normaliseSnapshot(snapshot).pools;
  }

  function enginePool(pools: ReturnType<typeof enginePools>, code: string) {
    const pool = pools.find((p) => p.id === code);
    if (!pool) throw new Error(`no pool ${code} drawn`);
    return pool;
  }

  /** The engine's reserved seats of a half-day: the sum of the reservations' seats (model/context.ts). */
  function engineReserved(reservations: { pool: string; date: string; period: string; seats: number }[], pool: string, date: string, period: string) {
    return reservations.filter((r) => r.pool === pool && r.date === date && r.period === period).reduce((sum, r) => sum + r.seats, 0);
  }

  it('pool_capacity_on(pool, date) is the engine’s capacityOn, on random pools, changes and dates', async () => {
    await fc.assert(
      fc.asyncProperty(drawn, async ({ pools, dates }) => {
        const ids = await store(pools);
        const engine = enginePools(pools);
        // the dates drawn, and every change date with the day before it: the edges of the rule
        const asked = [...new Set([
          ...dates.map(day),
          ...pools.flatMap((pool) => pool.changes.flatMap((c) => [day(c.at), day(c.at - 1)])),
        ])];
        const rows: { pool: string; date: string; capacity: number }[] = await dataSource.query(
          `SELECT p.code AS pool, to_char(d, 'YYYY-MM-DD') AS date, pool_capacity_on(p.id, d) AS capacity
           FROM capacity_pools p CROSS JOIN unnest($1::date[]) AS d WHERE p.id = ANY($2::uuid[])`,
          [asked, ids],
        );
        expect(rows).toHaveLength(asked.length * pools.length);
        for (const row of rows) {
          const pool = enginePool(engine, row.pool);
          expect({ ...row, capacity: Number(row.capacity) }).toEqual({ ...row, capacity: capacityOn(pool, row.date) });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('pool_reserved_seats(pool, date, period) is the engine’s sum of the half-day’s reservations', async () => {
    await fc.assert(
      fc.asyncProperty(drawn, async ({ pools, dates }) => {
        const ids = await store(pools);
        const reservations = pools.flatMap((pool, i) => pool.reservations.map((r) => ({ pool: `P${i}`, date: day(r.at), period: r.period, seats: r.seats })));
        const asked = [...new Set([...dates.map(day), ...reservations.map((r) => r.date)])];
        const rows: { pool: string; date: string; period: string; reserved: number }[] = await dataSource.query(
          `SELECT p.code AS pool, to_char(d, 'YYYY-MM-DD') AS date, h.period, pool_reserved_seats(p.id, d, h.period) AS reserved
           FROM capacity_pools p CROSS JOIN unnest($1::date[]) AS d CROSS JOIN (VALUES ('AM'), ('PM')) AS h(period)
           WHERE p.id = ANY($2::uuid[])`,
          [asked, ids],
        );
        expect(rows).toHaveLength(asked.length * 2 * pools.length);
        for (const row of rows) {
          expect({ ...row, reserved: Number(row.reserved) })
            .toEqual({ ...row, reserved: engineReserved(reservations, row.pool, row.date, row.period) });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the readers built on them agree with the engine: the planning snapshot and the half-day capacities', async () => {
    await fc.assert(
      fc.asyncProperty(drawn, async ({ pools, horizon: [start, length] }) => {
        await store(pools);
        const engine = enginePools(pools);
        const from = day(start);
        const to = day(start + length);
        const snapshot = await readPlanningSnapshot(dataSource.manager, { from, to, maxGroupSize: 300, rotation: { kind: 'none' } });
        const read = normaliseSnapshot(snapshot).pools;
        const dates = Array.from({ length: length + 1 }, (_, i) => day(start + i));
        // the snapshot starts from the capacity in force on `from`: the same capacity on every date of its horizon
        for (const date of dates) {
          expect(read.map((pool) => [pool.id, date, capacityOn(pool, date)])).toEqual(engine.map((pool) => [pool.id, date, capacityOn(pool, date)]));
        }
        const halfDays = await readPoolHalfDayCapacities(dataSource.manager, dates);
        expect(halfDays).toHaveLength(dates.length * 2 * pools.length);
        for (const row of halfDays) {
          const pool = enginePool(engine, row.code);
          expect(row).toMatchObject({
            capacity: capacityOn(pool, row.date),
            reserve: pool.reserve,
            reserved: engineReserved(snapshot.reservations ?? [], row.code, row.date, row.period),
          });
        }
      }),
      { numRuns: 50 },
    );
  });
});
