import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES, TestDatabaseMode } from '@telework/persistence/testing';
import {
  AllocationPlanner, allocationSettings, createAllocationRun, planInline, publishEngineRotation, readAllocationRunSnapshot, runAllocation,
} from '@telework/planning-data';
import { startApi } from '../../testing/api-harness';

jest.setTimeout(120_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';
const TODAY = '2026-11-30';

/**
 * Item 11: a decision committed between a run's snapshot read and its write is never lost.
 * The planner is injected so that approvals and cancellations commit exactly while the run
 * plans (between its snapshot and its write), through the real HTTP routes.
 */
async function setUp(mode: TestDatabaseMode) {
  const api = await startApi(mode);
  const db = api.app.get(DataSource);
  const email = (role: string) => api.startup.demoLogins.find((login) => login.role === role)?.email as string;
  const hr = await api.login(email('HR'));
  const agentToken = await api.login(email('AGENT'));
  const [{ agent_id: demoAgent }] = await db.query(`SELECT agent_id FROM users WHERE email = $1`, [email('AGENT')]);
  // the demo agent can telework (so a request of its own takes a seat), then a rotation is published
  await db.query(
    `UPDATE agents SET eligible = true, access_pool_id = (SELECT id FROM capacity_pools WHERE code = 'VDI'), weekly_max = 10,
            group_id = coalesce(group_id, (SELECT id FROM rotation_groups ORDER BY code LIMIT 1))
     WHERE id = $1`,
    [demoAgent],
  );
  await publishEngineRotation(db, FROM, TO);
  return { api, db, hr, agentToken, demoAgent: demoAgent as string };
}

/** A PENDING REMOTE request of an eligible agent on a working half-day it spends on site, with room in its week. */
async function pendingOnSiteRequest(db: DataSource, options: { agentId?: string; exclude?: string[] } = {}): Promise<{ id: string; agentId: string; date: string; period: string }> {
  const [slot] = await db.query(
    `SELECT s.agent_id, to_char(s.date, 'YYYY-MM-DD') AS date, s.period
     FROM assignments s JOIN agents a ON a.id = s.agent_id
     WHERE s.mode = 'ON_SITE' AND s.date BETWEEN $1 AND $2 AND a.eligible AND a.access_pool_id IS NOT NULL AND a.group_id IS NOT NULL
       AND ($3::uuid IS NULL OR a.id = $3) AND NOT (a.id = ANY($4::uuid[]))
       AND NOT EXISTS (SELECT 1 FROM telework_requests r WHERE r.agent_id = s.agent_id AND r.date = s.date AND r.period = s.period)
       AND (SELECT count(*) FROM assignments w WHERE w.agent_id = s.agent_id AND w.mode = 'REMOTE'
            AND date_trunc('week', w.date) = date_trunc('week', s.date)) + 1 < a.weekly_max
     ORDER BY s.date, s.period, a.employee_number LIMIT 1`,
    [FROM, TO, options.agentId ?? null, options.exclude ?? []],
  );
  if (!slot) throw new Error('no on-site half-day to ask for');
  const [{ id }] = await db.query(
    `INSERT INTO telework_requests (agent_id, date, period, kind) VALUES ($1, $2, $3, 'REMOTE') RETURNING id`,
    [slot.agent_id, slot.date, slot.period],
  );
  return { id, agentId: slot.agent_id, date: slot.date, period: slot.period };
}

/** Every approved request agrees with the schedule, and every half-day taken by a request has one behind it. */
async function disagreements(db: DataSource): Promise<unknown[]> {
  return db.query(
    `SELECT r.id, r.status, r.allocation_status, s.mode, s.source FROM telework_requests r
     JOIN assignments s ON s.agent_id = r.agent_id AND s.date = r.date AND s.period = r.period
     WHERE r.date BETWEEN $1 AND $2 AND r.status = 'APPROVED' AND r.allocation_status = 'GRANTED' AND s.mode <> r.kind
     UNION ALL
     SELECT NULL, 'NO REQUEST', NULL, s.mode, s.source FROM assignments s
     WHERE s.date BETWEEN $1 AND $2 AND s.source = 'REQUEST' AND NOT EXISTS (
       SELECT 1 FROM telework_requests r WHERE r.agent_id = s.agent_id AND r.date = s.date AND r.period = s.period
         AND r.status = 'APPROVED' AND r.allocation_status = 'GRANTED')`,
    [FROM, TO],
  );
}

/** pool_usage equals the count of REMOTE assignments, per pool and half-day. */
async function countersOff(db: DataSource): Promise<unknown[]> {
  return db.query(
    `SELECT u.pool_id, u.date, u.period, u.remote_count, count(s.agent_id)::int AS remote
     FROM pool_usage u LEFT JOIN assignments s ON s.pool_id = u.pool_id AND s.date = u.date AND s.period = u.period AND s.mode = 'REMOTE'
     WHERE u.date BETWEEN $1 AND $2 GROUP BY u.pool_id, u.date, u.period, u.remote_count HAVING u.remote_count <> count(s.agent_id)`,
    [FROM, TO],
  );
}

describe.each(TEST_DATABASE_MODES)('an allocation run whose data changes while it plans, on %s', (mode) => {
  let ctx: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    ctx = await setUp(mode);
  });

  afterAll(async () => ctx?.api.close());

  it('re-plans when an approval and a cancellation commit between its snapshot and its write: neither is lost', async () => {
    const { api, db, hr, agentToken, demoAgent } = ctx;
    // B: the demo agent's request, granted at once before the run; cancelled while the run plans
    const b = await pendingOnSiteRequest(db, { agentId: demoAgent });
    const approvedB = await api.call('POST', `/api/requests/${b.id}/approve`, { token: hr, body: {} });
    expect(approvedB.body.allocationStatus).toBe('GRANTED');
    // A: pending when the run reads its snapshot; approved (granted at once) while it plans
    const a = await pendingOnSiteRequest(db, { exclude: [demoAgent] });

    const calls: number[] = [];
    const planner: AllocationPlanner = async (snapshot, options) => {
      calls.push(snapshot.requests?.length ?? 0);
      if (calls.length === 1) {
        const approvedA = await api.call('POST', `/api/requests/${a.id}/approve`, { token: hr, body: {} });
        expect(approvedA.body.allocationStatus).toBe('GRANTED');
        const cancelledB = await api.call('POST', `/api/requests/${b.id}/cancel`, { token: agentToken });
        expect(cancelledB.body.status).toBe('CANCELLED');
      }
      return planInline(snapshot, options);
    };
    const run = await createAllocationRun(db, 'MANUAL', FROM, TO, null);
    const result = await runAllocation(db, run.id, allocationSettings(api.config), { today: TODAY, planner });

    expect(result).toMatchObject({ status: 'SUCCEEDED', planAttempts: 2 });
    expect(calls).toHaveLength(2);
    const [stored] = await db.query(`SELECT metrics FROM allocation_runs WHERE id = $1`, [run.id]);
    stored.input_snapshot = await readAllocationRunSnapshot(db, run.id);
    expect(stored.metrics.planAttempts).toBe(2);
    // the stored snapshot is the one planned: A approved, B cancelled (so no longer in it)
    const inSnapshot = new Map((stored.input_snapshot.requests as { id: string; status: string }[]).map((r) => [r.id, r.status]));
    expect(inSnapshot.get(a.id)).toBe('APPROVED');
    expect(inSnapshot.has(b.id)).toBe(false);

    const [requestA] = await db.query(`SELECT status, allocation_status FROM telework_requests WHERE id = $1`, [a.id]);
    const [slotA] = await db.query(`SELECT mode FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`, [a.agentId, a.date, a.period]);
    expect({ ...requestA, mode: slotA.mode }).toEqual({ status: 'APPROVED', allocation_status: 'GRANTED', mode: 'REMOTE' });
    const [slotB] = await db.query(`SELECT mode, source FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`, [b.agentId, b.date, b.period]);
    expect(slotB.source).not.toBe('REQUEST');
    expect(await disagreements(db)).toEqual([]);
    expect(await countersOff(db)).toEqual([]);
  });

  if (mode === 'postgres') {
    it('a reservation that locked its seat counter before the run wrote neither deadlocks with the write nor is lost', async () => {
      const { api, db } = ctx;
      // the lock sequence of POST /api/reservations (lockHalfDay, then the INSERT), on a connection of its own
      const [pool] = await db.query(`SELECT id FROM capacity_pools WHERE code = 'VPN'`);
      const at = { date: '2026-12-15', period: 'PM' };
      const reservation = db.createQueryRunner();
      await reservation.connect();
      let committed: Promise<string> | undefined;
      const planner: AllocationPlanner = async (snapshot, options) => {
        if (!committed) {
          await reservation.startTransaction('READ COMMITTED');
          await reservation.query(`SELECT id FROM capacity_pools WHERE id = $1 FOR SHARE`, [pool.id]);
          await reservation.query(`INSERT INTO pool_usage (pool_id, date, period) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [pool.id, at.date, at.period]);
          await reservation.query(`SELECT 1 FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3 FOR UPDATE`, [pool.id, at.date, at.period]);
          // the run's write starts meanwhile; then the reservation goes on with its INSERT
          committed = new Promise((resolve) => setTimeout(resolve, 1_500)).then(async () => {
            await reservation.query(
              `INSERT INTO reservations (pool_id, date, period, seats, label) VALUES ($1, $2, $3, 1, 'stale-snapshot test')`,
              [pool.id, at.date, at.period],
            );
            await reservation.commitTransaction();
            return 'committed';
          }).catch(async (error: Error) => {
            await reservation.rollbackTransaction().catch(() => undefined);
            return error.message;
          });
        }
        return planInline(snapshot, options);
      };
      try {
        const run = await createAllocationRun(db, 'MANUAL', FROM, TO, null);
        const result = await runAllocation(db, run.id, allocationSettings(api.config), { today: TODAY, planner });
        expect(await committed).toBe('committed');
        expect(result).toMatchObject({ status: 'SUCCEEDED', planAttempts: 2 });
        const stored = { input_snapshot: (await readAllocationRunSnapshot(db, run.id)) as { reservations: { label: string }[] } };
        expect(stored.input_snapshot.reservations.map((r: { label: string }) => r.label)).toContain('stale-snapshot test');
        expect(await countersOff(db)).toEqual([]);
      } finally {
        await reservation.release();
      }
    });

    it('cannot starve: when the data changes at every attempt, the last one plans under the lock and a decision made meanwhile waits for it', async () => {
      const { api, db, hr, demoAgent } = ctx;
      const asked: { id: string; agentId: string }[] = [];
      for (let i = 0; i < 3; i++) asked.push(await pendingOnSiteRequest(db, { exclude: [demoAgent, ...asked.map((r) => r.agentId)] }));
      let lateApproval: Promise<{ status: number; body: any; at: number }> | undefined;
      const planner: AllocationPlanner = async (snapshot, options) => {
        const request = asked.shift();
        if (!request) throw new Error('planned more often than expected');
        if (asked.length > 0) {
          // attempts 1 and 2: a decision commits while the run plans
          expect((await api.call('POST', `/api/requests/${request.id}/approve`, { token: hr, body: {} })).status).toBe(200);
        } else {
          // attempt 3 holds the planning-data lock: this approval must wait for the run's commit
          lateApproval = api.call('POST', `/api/requests/${request.id}/approve`, { token: hr, body: {} })
            .then((response) => ({ ...response, at: Date.now() }));
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return planInline(snapshot, options);
      };
      const run = await createAllocationRun(db, 'MANUAL', FROM, TO, null);
      const result = await runAllocation(db, run.id, allocationSettings(api.config), { today: TODAY, planner });
      const committedAt = Date.now();
      expect(result).toMatchObject({ status: 'SUCCEEDED', planAttempts: 3 });
      const late = await (lateApproval as Promise<{ status: number; body: any; at: number }>);
      expect(late.status).toBe(200);
      expect(late.at).toBeGreaterThanOrEqual(committedAt - 5);
      // the late approval applied on top of the run's plan
      expect(late.body.allocationStatus).toBe('GRANTED');
      expect(await disagreements(db)).toEqual([]);
      expect(await countersOff(db)).toEqual([]);
    });
  }
});
