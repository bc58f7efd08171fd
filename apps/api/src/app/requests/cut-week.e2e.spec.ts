import { DataSource } from 'typeorm';
import { PlanningSnapshot, planSnapshot } from '@telework/planning';
import {
  allocationSettings, createAllocationRun, publishEngineRotation, readAllocationRunSnapshot, runAllocation,
} from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(240_000);

/** weeks 50 and 51 of 2026 */
const FROM = '2026-12-07';
const TO = '2026-12-18';
/** Monday of week 50: the freeze window (2 working days) keeps Monday and Tuesday, a run plans from Wednesday 9 */
const TODAY = '2026-12-07';
const MONDAY_TUESDAY = ['2026-12-07', '2026-12-08'];

/**
 * The nightly run on the day the freeze window cuts week 50 (issue 13): the snapshot carries
 * each agent's frozen Monday and Tuesday (v2 `agents[].carried`), so the week's minimum and
 * maximum are the ISO week's. Checked against the plan written (SQL over the whole ISO weeks),
 * and against what the run did before (the same snapshot planned without `carried`).
 */
describe.each(TEST_DATABASE_MODES)('weekly rules across the freeze window on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;

  beforeAll(async () => {
    api = await startApi(mode, { PLANNING_TODAY: TODAY });
    db = api.app.get(DataSource);
    hr = await api.login(api.startup.demoLogins.find((login) => login.role === 'HR')?.email as string);
    await db.query(`DELETE FROM telework_requests`);
    // seats are not what this is about: no pool may refuse anything here
    await db.query(`DELETE FROM capacity_changes`);
    await db.query(`UPDATE capacity_pools SET capacity = 1000, reserve = 0`);
    await db.query(`UPDATE agents SET weekly_min = 4, weekly_max = 6 WHERE eligible`);
    const calendar = await publishEngineRotation(db, FROM, TO);
    // one group remote on Monday AM and PM, Tuesday AM and Wednesday AM in week 50 (4 of 10
    // half-days: its minimum, 3 of them before the run's start), the rest of the rotation as built
    const [group] = await db.query(
      `SELECT group_id AS id FROM agents WHERE eligible AND group_id IS NOT NULL AND off_half_days = '{}'
       GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT 1`,
    );
    await db.query(`DELETE FROM rotation_cells WHERE calendar_id = $1 AND group_id = $2 AND date BETWEEN '2026-12-07' AND '2026-12-11'`, [calendar, group.id]);
    await db.query(
      `INSERT INTO rotation_cells (calendar_id, group_id, date, period)
       VALUES ($1, $2, '2026-12-07', 'AM'), ($1, $2, '2026-12-07', 'PM'), ($1, $2, '2026-12-08', 'AM'), ($1, $2, '2026-12-09', 'AM')`,
      [calendar, group.id],
    );
    // the plan of that rotation, written by a run from a day nothing of the horizon was frozen
    expect((await run('2026-11-30')).status).toBe('SUCCEEDED');
  });

  afterAll(async () => api?.close());

  async function run(today: string) {
    const created = await createAllocationRun(db, 'MANUAL', FROM, TO, null);
    const result = await runAllocation(db, created.id, allocationSettings(api.config), { today });
    const [row] = await db.query(`SELECT metrics FROM allocation_runs WHERE id = $1`, [created.id]);
    return { ...result, metrics: row.metrics, snapshot: (await readAllocationRunSnapshot(db, created.id)) as PlanningSnapshot };
  }

  /** Eligible agent-weeks of the plan written below their minimum, each ISO week counted whole (DESIGN.md: floor(weeklyMin × W / 10)). */
  async function shortfallsWritten(): Promise<number> {
    const [{ short }] = await db.query(
      `SELECT count(*)::int AS short FROM (
         SELECT s.agent_id, date_trunc('week', s.date) AS week, count(*) FILTER (WHERE s.mode = 'REMOTE') AS remote,
                floor(a.weekly_min * count(*) FILTER (WHERE s.mode <> 'OFF') / 10.0) AS min
         FROM assignments s JOIN agents a ON a.id = s.agent_id
         WHERE a.eligible AND a.group_id IS NOT NULL AND s.date BETWEEN $1 AND $2
         GROUP BY s.agent_id, a.weekly_min, date_trunc('week', s.date)
       ) weeks WHERE remote < min`,
      [FROM, TO],
    );
    return short;
  }

  /** Agents REMOTE more than their weekly max in an ISO week of the plan written. */
  async function overMaxWritten(): Promise<{ agent_id: string; remote: number; max: number }[]> {
    return db.query(
      `SELECT s.agent_id, count(*)::int AS remote, a.weekly_max AS max FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.mode = 'REMOTE' AND s.date BETWEEN $1 AND $2
       GROUP BY s.agent_id, a.weekly_max, date_trunc('week', s.date) HAVING count(*) > a.weekly_max`,
      [FROM, TO],
    );
  }

  /** The run's snapshot as the run read it before issue 13: without the frozen part's counts. */
  function withoutCarried(snapshot: PlanningSnapshot): PlanningSnapshot {
    return {
      ...snapshot,
      agents: snapshot.agents.map((agent) => {
        const copy = { ...agent };
        delete copy.carried;
        return copy;
      }),
    };
  }

  /** Approves a REMOTE request of the agent (HR decides): the instant grant's answer. */
  async function askAndApprove(agentId: string, date: string, period: 'AM' | 'PM') {
    const [user] = await db.query(`SELECT email FROM users WHERE agent_id = $1`, [agentId]);
    const token = await api.login(user.email);
    const asked = await api.call('POST', '/api/requests', { token, body: { kind: 'REMOTE', date, period } });
    expect(asked.status).toBe(201);
    const approved = await api.call('POST', `/api/requests/${asked.body.items[0].id}/approve`, { token: hr, body: {} });
    expect(approved.status).toBe(200);
    return approved.body as { id: string; allocationStatus: string; allocationRefusal: { code: string; max?: number; week?: number } | null };
  }

  async function remoteInWeek50(agentId: string): Promise<number> {
    const [{ remote }] = await db.query(
      `SELECT count(*)::int AS remote FROM assignments WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN '2026-12-07' AND '2026-12-13'`,
      [agentId],
    );
    return remote;
  }

  it('grants in the planned part of the cut week only what the ISO week leaves (instant grant), and the nightly run from Wednesday keeps every ISO week within the max and reports no false shortfall', async () => {
    // an eligible agent with an account, on site on a half-day from Wednesday on, whose frozen
    // Monday and Tuesday were all granted remote (instant grants of those days)
    const [agent] = await db.query(
      `SELECT a.id, to_char(s.date, 'YYYY-MM-DD') AS date, s.period FROM agents a JOIN users u ON u.agent_id = a.id
       JOIN assignments s ON s.agent_id = a.id
       WHERE a.eligible AND a.role = 'AGENT' AND a.off_half_days = '{}' AND s.mode = 'ON_SITE' AND s.date BETWEEN '2026-12-09' AND '2026-12-11'
       ORDER BY a.employee_number, s.date, s.period LIMIT 1`,
    );
    expect(agent).toBeDefined();
    await db.query(
      `UPDATE assignments SET mode = 'REMOTE', source = 'REQUEST', pool_id = (SELECT access_pool_id FROM agents WHERE id = $1)
       WHERE agent_id = $1 AND date = ANY($2::date[])`,
      [agent.id, MONDAY_TUESDAY],
    );
    const inWeek = await remoteInWeek50(agent.id);
    expect(inWeek).toBeGreaterThanOrEqual(5); // 4 frozen + the rotation's from Wednesday
    // a max the ISO week already reaches: the grant counts Monday and Tuesday too
    await db.query(`UPDATE agents SET weekly_min = 0, weekly_max = $2 WHERE id = $1`, [agent.id, inWeek]);
    const refused = await askAndApprove(agent.id, agent.date, agent.period);
    expect(refused.allocationStatus).toBe('WAITLISTED');
    expect(refused.allocationRefusal).toEqual({ code: 'WEEKLY_MAX', max: inWeek, week: 50 });
    expect(await remoteInWeek50(agent.id)).toBe(inWeek);
    // one more allowed: granted, and the week reaches the max, not beyond
    await db.query(`UPDATE agents SET weekly_max = $2 WHERE id = $1`, [agent.id, inWeek + 1]);
    const [other] = await db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments
       WHERE agent_id = $1 AND mode = 'ON_SITE' AND date BETWEEN '2026-12-09' AND '2026-12-11' AND NOT (date = $2::date AND period = $3)
       ORDER BY date, period LIMIT 1`,
      [agent.id, agent.date, agent.period],
    );
    expect(other).toBeDefined();
    const granted = await askAndApprove(agent.id, other.date, other.period);
    expect(granted.allocationStatus).toBe('GRANTED');
    expect(await remoteInWeek50(agent.id)).toBe(inWeek + 1);
    // the refused request stays APPROVED and waits for the run

    // the nightly run of the day: it plans from Wednesday 9 December, Monday and Tuesday frozen
    const nightly = await run(TODAY);
    expect(nightly.status).toBe('SUCCEEDED');
    const { snapshot, metrics } = nightly;
    expect(snapshot.horizon.from).toBe('2026-12-09');
    expect(snapshot.version).toBe(2);
    expect(snapshot.agents.find((a) => a.id === agent.id)?.carried).toEqual({ remote: 4, working: 4 });
    const [{ carriedAgents }] = await db.query(
      `SELECT count(DISTINCT s.agent_id)::int AS "carriedAgents" FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE a.eligible AND a.group_id IS NOT NULL AND s.mode <> 'OFF' AND s.date = ANY($1::date[])`,
      [MONDAY_TUESDAY],
    );
    expect(snapshot.agents.filter((a) => a.carried).length).toBe(carriedAgents);

    // weekly max: no ISO week over; of the two requests competing for the week's last half-day,
    // one is granted and the other refused WEEKLY_MAX with the ISO week's figures
    expect(await overMaxWritten()).toEqual([]);
    expect(await remoteInWeek50(agent.id)).toBe(inWeek + 1);
    const decided: { status: string; refusal: { code: string; max: number; week: number } | null }[] = await db.query(
      `SELECT allocation_status AS status, allocation_refusal AS refusal FROM telework_requests WHERE id = ANY($1::uuid[]) ORDER BY allocation_status`,
      [[refused.id, granted.id]],
    );
    expect(decided.map((d) => d.status)).toEqual(['GRANTED', 'REFUSED']);
    expect(decided[1].refusal).toMatchObject({ code: 'WEEKLY_MAX', max: inWeek + 1, week: 50 });

    // weekly minimum: the run's count is the whole ISO weeks' count of the plan written
    const after = metrics.weeklyMinShortfalls;
    expect(after).toBe(await shortfallsWritten());

    // the run as it was: blind to Monday and Tuesday
    const blind = planSnapshot(withoutCarried(snapshot), { rotationConflicts: 'keep-on-site' });
    const before = blind.metrics.weeklyMinShortfalls;
    const blindAgent = blind.agents.find((a) => a.id === agent.id)?.modes ?? '';
    const blindWeek50 = [...blindAgent.slice(0, blind.halfDays.filter((h) => h <= '2026-12-11PM').length)].filter((m) => m === 'R').length;
    // it granted both requests: 4 frozen + what it planned goes over the ISO week's max
    expect(4 + blindWeek50).toBeGreaterThan(inWeek + 1);
    expect([refused.id, granted.id].map((id) => blind.requests.find((r) => r.id === id)?.status)).toEqual(['GRANTED', 'GRANTED']);
    // and it counted false shortfalls: the group remote on Monday and Tuesday, once on Wednesday
    expect(before).toBeGreaterThan(after);
    console.info(`[${mode}] cut week 50 (run from 2026-12-09): weekly-min shortfalls ${before} → ${after}; agent ${agent.id} ISO week 50: ${4 + blindWeek50} R before (max ${inWeek + 1}) → ${inWeek + 1}`);
  });
});
