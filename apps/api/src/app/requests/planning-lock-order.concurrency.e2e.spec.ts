import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { lockPlanningData, publishEngineRotation } from '@telework/planning-data';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(120_000);

/**
 * A plan's write (allocation run, publication) holds the planning-data lock EXCLUSIVE and then
 * writes requests, assignments and seat counters. A writer that locked one of those rows first and only then
 * wanted the lock (SHARED, through its first change's trigger) deadlocked with it, and
 * PostgreSQL aborted one of the two. Each writer below must take the lock before its row locks:
 * it then waits for the plan's write and succeeds. PostgreSQL only: PGlite has one session.
 */
describe('writers of planning data take the planning-data lock before their row locks (PostgreSQL)', () => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    api = await startApi('postgres');
    db = api.app.get(DataSource);
    const email = (role: string) => api.startup.demoLogins.find((login) => login.role === role)?.email as string;
    tokens = { HR: await api.login(email('HR')), AGENT: await api.login(email('AGENT')) };
    await publishEngineRotation(db, '2026-12-07', '2026-12-20');
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Runs `call` while another session holds the lock EXCLUSIVE as a plan's write does, then writes `row` as it would. */
  async function raceAPlanWrite(call: () => Promise<{ status: number; body: unknown }>, writeRow: (client: Client) => Promise<unknown>) {
    const options = api.config.database as { url: string };
    const planWrite = new Client({ connectionString: options.url });
    await planWrite.connect();
    try {
      await planWrite.query('BEGIN');
      await lockPlanningData({ query: (sql: string) => planWrite.query(sql) } as never);
      const pending = call();
      // give the API's transaction the time to take whatever it takes before it waits
      await new Promise((resolve) => setTimeout(resolve, 400));
      await writeRow(planWrite);
      await planWrite.query('COMMIT');
      return await pending;
    } finally {
      await planWrite.end();
    }
  }

  it('an agent cancelling a request while a run writes its decision: both go through, no deadlock', async () => {
    const me = (await api.call('GET', '/api/auth/me', { token: tokens.AGENT })).body;
    const [slot] = await db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments WHERE agent_id = $1 AND date >= '2026-12-07' ORDER BY date, period LIMIT 1`,
      [me.agentId],
    );
    const [{ id }] = await db.query(
      `INSERT INTO telework_requests (agent_id, date, period, kind) VALUES ($1, $2, $3, 'REMOTE') RETURNING id`,
      [me.agentId, slot.date, slot.period],
    );
    const cancelled = await raceAPlanWrite(
      () => api.call('POST', `/api/requests/${id}/cancel`, { token: tokens.AGENT }),
      (client) => client.query(`UPDATE telework_requests SET allocation_reason = 'planned by the run' WHERE id = $1`, [id]),
    );
    expect(cancelled.status).toBe(200);
    const [row] = await db.query(`SELECT status, allocation_reason FROM telework_requests WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'CANCELLED', allocation_reason: 'planned by the run' });
  });
});
