import { DataSource } from 'typeorm';
import { generateScenario, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TestDatabase } from '@telework/persistence/testing';
import { readPlanningSnapshot } from './snapshot.repository';
import { writePlan } from './plan.writer';

/**
 * What the SCHEDULE_CHANGED mails cost a plan's write on the département (5,000 agents, 4 weeks,
 * the real PostgreSQL): the same plan change, every agent's half-days changed, written with mail
 * off and on, alternately, each in its own transaction (commit included). Opt-in, a measurement:
 *   cd libs/server/planning-data && PLAN_WRITER_MAIL_COST=1 NODE_OPTIONS=--experimental-vm-modules \
 *     npx jest -c jest.config.cts plan.writer.mail-cost
 */
const measure = process.env['PLAN_WRITER_MAIL_COST'] === '1' ? describe : describe.skip;
const ROUNDS = Number(process.env['PLAN_WRITER_MAIL_COST_ROUNDS'] ?? 5);

jest.setTimeout(900_000);

measure('plan writer: the cost of SCHEDULE_CHANGED mails on the département (postgres)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let snapshot: PlanningSnapshot;
  let baseline: Plan;
  let changed: Plan;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = createDataSource(database.config);
    await db.initialize();
    await db.runMigrations();
    await seedDemoDepartement(db, generateScenario('departement', 1), 'not-a-real-hash');
    snapshot = await readPlanningSnapshot(db.manager, { from: '2026-12-07', to: '2027-01-03', maxGroupSize: 300, rotation: { kind: 'none' } });
    baseline = planSnapshot(snapshot);
    // every agent's first two worked half-days change: remote ↔ on site (on site → off for an agent without a pool)
    const pooled = new Set(snapshot.agents.filter((agent) => agent.pool).map((agent) => agent.id));
    changed = {
      ...baseline,
      agents: baseline.agents.map((agent) => {
        const worked = [...agent.modes].flatMap((m, i) => (m === 'R' || m === 'S' ? [i] : [])).slice(0, 2);
        const swap = (m: string) => (m === 'R' ? 'S' : pooled.has(agent.id) ? 'R' : 'O');
        return { ...agent, modes: [...agent.modes].map((m, i) => (worked.includes(i) ? swap(m) : m)).join('') };
      }),
    };
    await db.transaction((manager) => writePlan(manager, { snapshot, plan: baseline, kind: 'ALLOCATION', notify: false }));
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('reports the extra milliseconds of the write with mail on', async () => {
    const timed = async (plan: Plan, mail: boolean) => {
      const t0 = performance.now();
      const result = await db.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: true, mail }));
      return { ms: performance.now() - t0, ...result };
    };
    const off: number[] = [];
    const on: number[] = [];
    let agents = 0;
    let mails = 0;
    let lines = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // each measured write changes every agent: the one before it put the baseline back
      const a = await timed(changed, false);
      await timed(baseline, false);
      const b = await timed(changed, true);
      await timed(baseline, false);
      off.push(a.ms);
      on.push(b.ms);
      agents = b.changedAgentIds.length;
      mails = b.mailsWritten;
      expect(a.mailsWritten).toBe(0);
      const [row] = await db.query(
        `SELECT count(*)::int AS mails, sum(jsonb_array_length(payload->'changes'))::int AS lines FROM mail_outbox WHERE (payload->>'planVersion')::int = $1`,
        [b.version]);
      lines = row.lines;
      expect(row.mails).toBe(b.mailsWritten);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
    const figures = {
      agentsChanged: agents, mailsWritten: mails, changeLines: lines, rounds: ROUNDS,
      writeMsMailOff: Math.round(median(off)), writeMsMailOn: Math.round(median(on)), extraMs: Math.round(median(on) - median(off)),
    };
    console.log(`plan writer on the département, ${agents} agents changed (${lines} half-days), median of ${ROUNDS}: ` +
      `mail off ${figures.writeMsMailOff} ms, mail on ${figures.writeMsMailOn} ms (${mails} SCHEDULE_CHANGED rows): +${figures.extraMs} ms\n` +
      JSON.stringify(figures));
    expect(agents).toBeGreaterThanOrEqual(4_900);
    expect(mails).toBe(agents);
  });
});
