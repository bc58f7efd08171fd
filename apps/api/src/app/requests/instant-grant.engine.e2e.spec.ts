import { DataSource } from 'typeorm';
import { recordText, Refusal } from '@telework/contracts';
import { PlanRequest, planSnapshot, RotationCell } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

/** two whole ISO weeks (50 and 51 of 2026): the engine sees the same weeks as the grant */
const FROM = '2026-12-07';
const TO = '2026-12-20';

interface HalfDay { date: string; period: 'AM' | 'PM' }
interface Agent { id: string; access_pool_id: string }

/**
 * The instant grant (SQL, under its locks) and the engine (allocate.ts) answer the same request
 * on the same data with the same refusal, code and figures: the weekly max and the STANDARD
 * share are one rule each, written twice only because the grant must read under its locks.
 */
describe.each(TEST_DATABASE_MODES)('the instant grant and the engine agree on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;
  /** the published plan's rotation, given back to the engine so that it plans the same half-days remote */
  let rotation: RotationCell[];

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    hr = await api.login(api.startup.demoLogins.find((login) => login.role === 'HR')?.email as string);
    await db.query(`DELETE FROM telework_requests`);
    const snapshot = await readPlanningSnapshot(db.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    const plan = planSnapshot(snapshot);
    rotation = plan.rotation;
    await db.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', notify: false }));
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Asks for `at` as the agent, approves it as HR: the grant's answer. */
  async function grant(agent: Agent, at: HalfDay): Promise<{ id: string; allocationStatus: string; allocationRefusal: Refusal; allocationReason: string }> {
    const [user] = await db.query(`SELECT email FROM users WHERE agent_id = $1`, [agent.id]);
    const token = await api.login(user.email);
    const asked = await api.call('POST', '/api/requests', { token, body: { kind: 'REMOTE', date: at.date, period: at.period } });
    expect(asked.status).toBe(201);
    const approved = await api.call('POST', `/api/requests/${asked.body.items[0].id}/approve`, { token: hr, body: {} });
    expect(approved.status).toBe(200);
    return approved.body;
  }

  /** The engine's answer to the same request, on the data as it is now, with the published rotation kept. */
  async function engine(requestId: string): Promise<PlanRequest | undefined> {
    const snapshot = await readPlanningSnapshot(db.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    const plan = planSnapshot({ ...snapshot, rotation }, { rotationConflicts: 'keep-on-site' });
    return plan.requests.find((r) => r.id === requestId);
  }

  /** An eligible STANDARD agent with an account, on site on a half-day of the horizon and remote on another of the same week. */
  async function agentOnSite(): Promise<{ agent: Agent; at: HalfDay; remoteInWeek: number }> {
    const [row] = await db.query(
      `SELECT a.id, a.access_pool_id, to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
              (SELECT count(*)::int FROM assignments w WHERE w.agent_id = a.id AND w.mode = 'REMOTE'
                 AND w.date BETWEEN date_trunc('week', s.date) AND date_trunc('week', s.date) + interval '6 days') AS remote
       FROM agents a JOIN users u ON u.agent_id = a.id JOIN assignments s ON s.agent_id = a.id
       WHERE a.eligible AND a.tier = 'STANDARD' AND a.role = 'AGENT' AND a.access_pool_id IS NOT NULL AND a.group_id IS NOT NULL
         AND s.mode = 'ON_SITE' AND s.date BETWEEN $1 AND $2
         AND NOT EXISTS (SELECT 1 FROM telework_requests r WHERE r.agent_id = a.id)
         AND EXISTS (SELECT 1 FROM assignments w WHERE w.agent_id = a.id AND w.mode = 'REMOTE'
                       AND w.date BETWEEN date_trunc('week', s.date) AND date_trunc('week', s.date) + interval '6 days')
       ORDER BY a.employee_number, s.date, s.period LIMIT 1`,
      [FROM, TO],
    );
    expect(row).toBeDefined();
    return { agent: { id: row.id, access_pool_id: row.access_pool_id }, at: { date: row.date, period: row.period }, remoteInWeek: row.remote };
  }

  it('refuses at the weekly max with the engine’s WEEKLY_MAX: same max, same ISO week', async () => {
    const { agent, at, remoteInWeek } = await agentOnSite();
    // the rotation's own count in that week is the max: one more is one too many, for both (the
    // agent's other week, if remote more often, is a rotation conflict the engine keeps on site)
    await db.query(`UPDATE agents SET weekly_min = 0, weekly_max = $2 WHERE id = $1`, [agent.id, remoteInWeek]);
    try {
      const granted = await grant(agent, at);
      expect(granted.allocationStatus).toBe('WAITLISTED');
      expect(granted.allocationRefusal.code).toBe('WEEKLY_MAX');
      const decided = await engine(granted.id);
      expect(decided).toMatchObject({ status: 'REFUSED', refusal: granted.allocationRefusal, reason: granted.allocationReason });
      await db.query(`UPDATE telework_requests SET status = 'CANCELLED' WHERE id = $1`, [granted.id]);
    } finally {
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
    }
  });

  it('refuses a STANDARD agent past capacity − reserve with the engine’s STANDARD_SHARE_FULL, figure for figure', async () => {
    const { agent, at } = await agentOnSite();
    const pool = agent.access_pool_id;
    await db.query(`UPDATE agents SET weekly_min = 0, weekly_max = 10 WHERE id = $1`, [agent.id]);
    // an event's seats count in both figures: `used` and the pool's load
    const [event] = await db.query(
      `INSERT INTO reservations (pool_id, date, period, seats, label) VALUES ($1, $2, $3, 3, 'Séance') RETURNING id`,
      [pool, at.date, at.period],
    );
    const [usage] = await db.query(
      `SELECT u.remote_count AS remote, u.standard_count AS standard, p.reserve, p.code, pool_reserved_seats(p.id, $2::date, $3) AS reserved
       FROM capacity_pools p LEFT JOIN pool_usage u ON u.pool_id = p.id AND u.date = $2::date AND u.period = $3 WHERE p.id = $1`,
      [pool, at.date, at.period],
    );
    const [remote, standard, reserved] = [Number(usage.remote ?? 0), Number(usage.standard ?? 0), Number(usage.reserved)];
    expect(reserved).toBeGreaterThanOrEqual(3);
    const reserve = 5;
    // STANDARD agents and events fill capacity − reserve exactly, and the pool itself is not full
    const capacity = standard + reserved + reserve;
    expect(remote + reserved).toBeLessThan(capacity);
    const next = new Date(Date.parse(`${at.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const [{ current }] = await db.query(`SELECT pool_capacity_on($1, $2::date) AS current`, [pool, next]);
    const changes = await db.query(
      `INSERT INTO capacity_changes (pool_id, effective_from, capacity) VALUES ($1, $2, $3), ($1, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [pool, at.date, capacity, next, current],
    );
    await db.query(`UPDATE capacity_pools SET reserve = $2 WHERE id = $1`, [pool, reserve]);
    try {
      const granted = await grant(agent, at);
      const expected: Refusal = {
        code: 'STANDARD_SHARE_FULL', pool: usage.code, date: at.date, period: at.period,
        used: standard + reserved, open: capacity - reserve, capacity, reserve,
      };
      expect(granted).toMatchObject({ allocationStatus: 'WAITLISTED', allocationRefusal: expected, allocationReason: recordText(expected) });
      const decided = await engine(granted.id);
      expect(decided).toMatchObject({ status: 'REFUSED', refusal: expected, reason: granted.allocationReason });
    } finally {
      await db.query(`UPDATE capacity_pools SET reserve = $2 WHERE id = $1`, [pool, usage.reserve]);
      await db.query(`DELETE FROM capacity_changes WHERE id = ANY($1::uuid[])`, [changes.map((row: { id: string }) => row.id)]);
      await db.query(`DELETE FROM reservations WHERE id = $1`, [event.id]);
    }
  });
});
