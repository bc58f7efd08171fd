import { getISOWeek } from 'date-fns';
import { DataSource } from 'typeorm';
import { formatMessage, recordText, Refusal } from '@telework/contracts';
import { planSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { TEAM_UNITS_CTE } from '../directory/team-scope';

jest.setTimeout(120_000);

/** the tiny demo département's horizon: the published plan of these tests covers it */
const FROM = '2026-12-07';
const TO = '2026-12-20';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

type Role = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
interface AgentRow { id: string; email: string; access_pool_id: string | null; tier: string }
interface HalfDay { date: string; period: 'AM' | 'PM' }

describe.each(TEST_DATABASE_MODES)('requests and approvals on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<Role, string>;
  let emails: Record<Role, string>;
  let ids: Record<Role, { userId: string; agentId: string }>;
  /** the demo AGENT, made part-time (off on Wednesday afternoons) before the plan is written */
  let asker: string;
  let teamMember: AgentRow;
  let outsider: AgentRow;
  let spare: AgentRow[];
  const agentTokens = new Map<string, string>();

  const tokenOf = async (agent: { id: string; email?: string }) => {
    if (!agentTokens.has(agent.id)) {
      const [row] = await db.query(`SELECT email FROM users WHERE agent_id = $1`, [agent.id]);
      agentTokens.set(agent.id, await api.login(row.email));
    }
    return agentTokens.get(agent.id) as string;
  };
  const ask = async (agent: { id: string }, body: Record<string, unknown>) =>
    api.call('POST', '/api/requests', { token: await tokenOf(agent), body });
  const askOne = async (agent: { id: string }, kind: 'REMOTE' | 'ON_SITE', at: HalfDay) => {
    const response = await ask(agent, { kind, date: at.date, period: at.period });
    expect(response.status).toBe(201);
    return response.body.items[0] as { id: string; status: string };
  };
  const halfDayOf = async (agentId: string, modeWanted: 'REMOTE' | 'ON_SITE', after = FROM): Promise<HalfDay> => {
    const [row] = await db.query(
      `SELECT to_char(s.date, 'YYYY-MM-DD') AS date, s.period FROM assignments s
       WHERE s.agent_id = $1 AND s.mode = $2 AND s.date >= $3
         AND NOT EXISTS (SELECT 1 FROM telework_requests r WHERE r.agent_id = s.agent_id AND r.date = s.date
                           AND r.period = s.period AND r.status IN ('PENDING', 'APPROVED'))
       ORDER BY s.date, s.period LIMIT 1`,
      [agentId, modeWanted, after],
    );
    if (!row) throw new Error(`agent ${agentId} has no ${modeWanted} half-day from ${after}`);
    return row;
  };
  const assignment = async (agentId: string, at: HalfDay) =>
    (await db.query(`SELECT mode, source, pool_id FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`,
      [agentId, at.date, at.period]))[0];
  const usage = async (poolId: string, at: HalfDay) => {
    const [row] = await db.query(
      `SELECT remote_count, standard_count FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3`,
      [poolId, at.date, at.period],
    );
    const [{ recount }] = await db.query(
      `SELECT count(*)::int AS recount FROM assignments WHERE pool_id = $1 AND date = $2 AND period = $3 AND mode = 'REMOTE'`,
      [poolId, at.date, at.period],
    );
    return { remote: row?.remote_count ?? 0, standard: row?.standard_count ?? 0, recount };
  };
  /** a dated capacity on one day only (a change on the day, the old capacity back the day after), undone afterwards */
  const withCapacityOn = async (poolId: string, date: string, capacity: number, run: () => Promise<void>) => {
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const [{ current }] = await db.query(
      `SELECT coalesce((SELECT capacity FROM capacity_changes WHERE pool_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1),
                       (SELECT capacity FROM capacity_pools WHERE id = $1)) AS current`,
      [poolId, next],
    );
    const added = await db.query(
      `INSERT INTO capacity_changes (pool_id, effective_from, capacity) VALUES ($1, $2, $3), ($1, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [poolId, date, capacity, next, current],
    );
    try {
      await run();
    } finally {
      await db.query(`DELETE FROM capacity_changes WHERE id = ANY($1::uuid[])`, [added.map((row: { id: string }) => row.id)]);
    }
  };
  const nextSpare = () => {
    const agent = spare.shift();
    if (!agent) throw new Error('no spare eligible agent left');
    return agent;
  };

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    emails = Object.fromEntries(logins.map((login) => [login.role, login.email])) as typeof emails;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (login) => [login.role, await api.login(login.email)]))) as typeof tokens;
    ids = Object.fromEntries(await Promise.all(logins.map(async (login) => {
      const [row] = await db.query(`SELECT id AS "userId", agent_id AS "agentId" FROM users WHERE lower(email) = lower($1)`, [login.email]);
      return [login.role, row];
    }))) as typeof ids;
    asker = ids.AGENT.agentId;

    // a clean slate: no demo request, the asker part-time, then a published plan of the horizon
    await db.query(`DELETE FROM telework_requests`);
    await db.query(`UPDATE agents SET off_half_days = '{WED_PM}' WHERE id = $1`, [asker]);
    const snapshot = await readPlanningSnapshot(db.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    const plan = planSnapshot(snapshot);
    await db.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', notify: false }));

    const team: AgentRow[] = await db.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE}
       SELECT a.id, a.email, a.access_pool_id, a.tier FROM agents a
       WHERE a.org_unit_id IN (SELECT id FROM team_units) AND a.id <> ALL($2::uuid[]) AND a.role = 'AGENT'
       ORDER BY a.employee_number`,
      [ids.MANAGER.agentId, [ids.MANAGER.agentId, asker]],
    );
    const others: AgentRow[] = await db.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE}
       SELECT a.id, a.email, a.access_pool_id, a.tier FROM agents a
       WHERE a.org_unit_id NOT IN (SELECT id FROM team_units) AND a.id <> ALL($2::uuid[]) AND a.role = 'AGENT'
       ORDER BY a.employee_number`,
      [ids.MANAGER.agentId, [ids.MANAGER.agentId, asker]],
    );
    teamMember = team[0];
    outsider = others[0];
    expect(teamMember).toBeDefined();
    expect(outsider).toBeDefined();
    // eligible STANDARD agents for the allocation tests, each used once
    spare = await db.query(
      `SELECT a.id, a.email, a.access_pool_id, a.tier FROM agents a
       WHERE a.eligible AND a.tier = 'STANDARD' AND a.role = 'AGENT' AND a.id <> ALL($1::uuid[])
         AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'ON_SITE')
         AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'REMOTE')
       ORDER BY a.employee_number`,
      [[asker, teamMember.id, outsider.id, ids.MANAGER.agentId]],
    );
    expect(spare.length).toBeGreaterThanOrEqual(6);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('creation', () => {
    it('creates one PENDING request for a half-day, with its history row, for the caller only', async () => {
      const response = await ask({ id: asker }, { kind: 'REMOTE', date: '2026-12-08', period: 'PM' });
      expect(response.status).toBe(201);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject({
        agentId: asker, date: '2026-12-08', period: 'PM', kind: 'REMOTE', status: 'PENDING', allocationStatus: null,
      });
      expect(response.body.duplicates).toEqual([]);
      const history = await db.query(`SELECT status, actor_user_id FROM request_status_history WHERE request_id = $1`, [response.body.items[0].id]);
      expect(history).toEqual([{ status: 'PENDING', actor_user_id: ids.AGENT.userId }]);
      // the body has no agent field: asking for someone else is not even expressible
      const forOther = await ask({ id: asker }, { kind: 'REMOTE', date: '2026-12-09', period: 'AM', agentId: outsider.id });
      expect(forOther.status).toBe(400);
      expect(forOther.body.errors.map((e: { field: string }) => e.field)).toContain('agentId');
    });

    it('creates one request per working half-day of a range, skipping weekends, holidays and off half-days', async () => {
      // Mon 21 … Sun 27 December 2026: Friday 25 is Christmas, the asker is off on Wednesday afternoons
      const response = await ask({ id: asker }, { kind: 'REMOTE', from: '2026-12-21', to: '2026-12-27' });
      expect(response.status).toBe(201);
      const made = response.body.items.map((item: HalfDay) => `${item.date} ${item.period}`);
      expect(made).toEqual([
        '2026-12-21 AM', '2026-12-21 PM', '2026-12-22 AM', '2026-12-22 PM', '2026-12-23 AM', '2026-12-24 AM', '2026-12-24 PM',
      ]);
      const skipped = Object.fromEntries(response.body.skipped.map((s: HalfDay & { refusal: Refusal }) => [`${s.date} ${s.period}`, s.refusal]));
      const off = (why: string, date: string, period: string) => ({ code: 'NOT_WORKING', why, date, period });
      expect(skipped).toEqual({
        '2026-12-23 PM': off('PART_TIME', '2026-12-23', 'PM'),
        '2026-12-25 AM': off('PUBLIC_HOLIDAY', '2026-12-25', 'AM'), '2026-12-25 PM': off('PUBLIC_HOLIDAY', '2026-12-25', 'PM'),
        '2026-12-26 AM': off('WEEKEND', '2026-12-26', 'AM'), '2026-12-26 PM': off('WEEKEND', '2026-12-26', 'PM'),
        '2026-12-27 AM': off('WEEKEND', '2026-12-27', 'AM'), '2026-12-27 PM': off('WEEKEND', '2026-12-27', 'PM'),
      });
      for (const report of response.body.skipped) expect(report.reason).toBe(recordText(report.refusal));
      expect(response.body.skipped[1].reason).toBe('not a working half-day: 2026-12-25 is a public holiday');
      const [{ rows }] = await db.query(
        `SELECT count(*)::int AS rows FROM request_status_history h JOIN telework_requests r ON r.id = h.request_id
         WHERE r.agent_id = $1 AND r.date BETWEEN '2026-12-21' AND '2026-12-27'`,
        [asker],
      );
      expect(rows).toBe(7);
    });

    it('reports the half-days that already have a live request instead of doubling them', async () => {
      const again = await ask({ id: asker }, { kind: 'ON_SITE', from: '2026-12-22', to: '2026-12-29', periods: ['AM'] });
      expect(again.status).toBe(201);
      expect(again.body.items.map((item: HalfDay) => item.date)).toEqual(['2026-12-28', '2026-12-29']);
      expect(again.body.duplicates.map((d: HalfDay) => d.date)).toEqual(['2026-12-22', '2026-12-23', '2026-12-24']);
      const [existing] = await db.query(`SELECT id FROM telework_requests WHERE agent_id = $1 AND date = '2026-12-22' AND period = 'AM'`, [asker]);
      const exists = { code: 'REQUEST_EXISTS', status: 'PENDING', date: '2026-12-22', period: 'AM', requestId: existing.id };
      expect(again.body.duplicates[0]).toEqual({
        date: '2026-12-22', period: 'AM', requestId: existing.id, refusal: exists, reason: '2026-12-22 AM: a PENDING request already exists',
      });
      const [{ live }] = await db.query(
        `SELECT count(*)::int AS live FROM telework_requests WHERE agent_id = $1 AND date = '2026-12-22' AND period = 'AM'`, [asker]);
      expect(live).toBe(1);

      const single = await ask({ id: asker }, { kind: 'REMOTE', date: '2026-12-08', period: 'PM' });
      expect(single.status).toBe(409);
      const [first] = await db.query(`SELECT id FROM telework_requests WHERE agent_id = $1 AND date = '2026-12-08' AND period = 'PM'`, [asker]);
      expect(single.body).toEqual({
        statusCode: 409, code: 'REQUEST_EXISTS', status: 'PENDING', date: '2026-12-08', period: 'PM', requestId: first.id,
        message: '2026-12-08 PM: a PENDING request already exists',
      });
    });

    it('refuses a single half-day that is not a working one, naming the reason', async () => {
      const holiday = await ask({ id: asker }, { kind: 'REMOTE', date: '2026-12-25', period: 'AM' });
      expect(holiday.status).toBe(400);
      expect(holiday.body.code).toBe('INVALID_FIELDS');
      expect(holiday.body.errors).toEqual([{
        field: 'date', code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', date: '2026-12-25', period: 'AM',
        message: 'not a working half-day: 2026-12-25 is a public holiday',
      }]);
      const off = await ask({ id: asker }, { kind: 'REMOTE', date: '2026-12-09', period: 'PM' });
      expect(off.status).toBe(400);
      expect(off.body.errors[0]).toMatchObject({ field: 'date', code: 'NOT_WORKING', why: 'PART_TIME', date: '2026-12-09', period: 'PM' });
      const weekendOnly = await ask({ id: asker }, { kind: 'REMOTE', from: '2026-12-12', to: '2026-12-13' });
      expect(weekendOnly.status).toBe(400);
      expect(weekendOnly.body.errors).toEqual([{
        field: 'from', code: 'NO_WORKING_HALF_DAY', from: '2026-12-12', to: '2026-12-13',
        message: 'no working half-day of yours between 2026-12-12 and 2026-12-13',
      }]);
    });

    // the body's own checks (class-validator, through the validation pipe) name the field
    it.each([
      [{ kind: 'REMOTE', date: '2026-12-08', period: 'XX' }, 'period'],
      [{ kind: 'REMOTE', date: '08/12/2026', period: 'AM' }, 'date'],
      [{ kind: 'REMOTE', date: '2026-02-30', period: 'AM' }, 'date'],
      [{ kind: 'HOLIDAY', date: '2026-12-08', period: 'AM' }, 'kind'],
      [{ kind: 'REMOTE', from: '2026-12-07', to: '2026-12-08', periods: ['AM', 'EVENING'] }, 'periods'],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const response = await ask({ id: asker }, body);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    // the checks of the two forms (one half-day, or a range) name the field with a code and its figures
    it.each([
      [{ kind: 'REMOTE', date: '2026-11-02', period: 'AM' }, { field: 'date', code: 'DATE_IN_PAST', today: '2026-11-30' }],
      [{ kind: 'REMOTE', date: '2026-12-08' }, { field: 'period', code: 'REQUIRED' }],
      [{ kind: 'REMOTE', from: '2026-12-10', to: '2026-12-08' }, { field: 'to', code: 'RANGE_END_BEFORE_START', from: '2026-12-10' }],
      [{ kind: 'REMOTE', from: '2026-12-07', to: '2027-01-15' }, { field: 'to', code: 'RANGE_TOO_LONG', days: 40, max: 31 }],
      [{ kind: 'REMOTE', from: '2026-12-07' }, { field: 'to', code: 'REQUIRED' }],
      [{ kind: 'REMOTE', date: '2026-12-08', period: 'AM', from: '2026-12-08' }, { field: 'from', code: 'DATE_AND_RANGE_MIXED' }],
      [{ kind: 'REMOTE' }, { field: 'date', code: 'DATE_OR_RANGE_REQUIRED' }],
    ])('answers 400 INVALID_FIELDS with the coded check for %j', async (body, check) => {
      const response = await ask({ id: asker }, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_FIELDS');
      const error = response.body.errors.find((e: { field: string }) => e.field === check.field);
      expect(error).toEqual({ ...check, message: recordText(error) });
      expect(formatMessage(error, 'fr')).toBeTruthy();
    });
  });

  describe('visibility', () => {
    let teamRequest: { id: string };
    let outsiderRequest: { id: string };

    beforeAll(async () => {
      teamRequest = await askOne(teamMember, 'REMOTE', await halfDayOf(teamMember.id, 'ON_SITE'));
      outsiderRequest = await askOne(outsider, 'REMOTE', await halfDayOf(outsider.id, 'ON_SITE'));
    });

    it('shows an agent its own requests only; another agent’s id is a 404', async () => {
      const mine = await api.call('GET', '/api/requests?pageSize=500', { token: await tokenOf(outsider) });
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBe(1);
      expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([outsiderRequest.id]);
      expect((await api.call('GET', `/api/requests/${teamRequest.id}`, { token: await tokenOf(outsider) })).status).toBe(404);
      expect((await api.call('GET', `/api/requests/${outsiderRequest.id}`, { token: await tokenOf(outsider) })).status).toBe(200);
    });

    it('shows a manager its team’s requests (and its own), not the others', async () => {
      const own = await askOne({ id: ids.MANAGER.agentId }, 'REMOTE', await halfDayOf(ids.MANAGER.agentId, 'ON_SITE'));
      const list = await api.call('GET', '/api/requests?pageSize=500', { token: tokens.MANAGER });
      const seen = list.body.items.map((r: { id: string }) => r.id);
      expect(seen).toEqual(expect.arrayContaining([teamRequest.id, own.id]));
      expect(seen).not.toContain(outsiderRequest.id);
      const team = new Set((await db.query(
        `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT a.id FROM agents a WHERE a.org_unit_id IN (SELECT id FROM team_units) OR a.id = $1`,
        [ids.MANAGER.agentId],
      )).map((row: { id: string }) => row.id));
      expect(list.body.items.every((r: { agentId: string }) => team.has(r.agentId))).toBe(true);
      expect(list.body.total).toBe(list.body.items.length);
      expect((await api.call('GET', `/api/requests/${outsiderRequest.id}`, { token: tokens.MANAGER })).status).toBe(404);
      expect((await api.call('GET', `/api/requests/${teamRequest.id}`, { token: tokens.MANAGER })).status).toBe(200);
    });

    it('shows HR everything, with filters and pages', async () => {
      const [{ n: all }] = await db.query(`SELECT count(*)::int AS n FROM telework_requests`);
      const list = await api.call('GET', '/api/requests?pageSize=500', { token: tokens.HR });
      expect(list.body.total).toBe(all);
      const byAgent = await api.call('GET', `/api/requests?agentId=${asker}&from=2026-12-21&to=2026-12-22`, { token: tokens.HR });
      expect(byAgent.body.items.map((r: HalfDay) => `${r.date} ${r.period}`)).toEqual(
        ['2026-12-21 AM', '2026-12-21 PM', '2026-12-22 AM', '2026-12-22 PM']);
      const pending = await api.call('GET', '/api/requests?status=PENDING&pageSize=500', { token: tokens.HR });
      expect(pending.body.total).toBe(all);
      const refused = await api.call('GET', '/api/requests?status=REFUSED', { token: tokens.HR });
      expect(refused.body.total).toBe(0);
      const page2 = await api.call('GET', '/api/requests?pageSize=3&page=2', { token: tokens.HR });
      expect(page2.body.items).toEqual(list.body.items.slice(3, 6));
      expect((await api.call('GET', `/api/requests/${outsiderRequest.id}`, { token: tokens.ADMIN })).status).toBe(200);
    });

    it('answers 400 naming the field for bad filters, 404 for an unknown id', async () => {
      const bad = await api.call('GET', '/api/requests?status=MAYBE&from=2026-13-01', { token: tokens.HR });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'status']);
      const unknown = await api.call('GET', `/api/requests/${UNKNOWN}`, { token: tokens.HR });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('REQUEST_NOT_FOUND');
      expect((await api.call('GET', '/api/requests/nope', { token: tokens.HR })).status).toBe(400);
    });
  });

  describe('decisions', () => {
    it('lets the agent’s manager approve and HR refuse (with a comment), with history, audit and a notice', async () => {
      const at = await halfDayOf(teamMember.id, 'ON_SITE', '2026-12-14');
      const request = await askOne(teamMember, 'ON_SITE', at);
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.MANAGER, body: { comment: 'OK' } });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ id: request.id, status: 'APPROVED', allocationStatus: 'GRANTED', comment: 'OK' });
      expect(approved.body.decidedAt).toEqual(expect.any(String));

      const other = await askOne(teamMember, 'REMOTE', await halfDayOf(teamMember.id, 'ON_SITE', '2026-12-15'));
      const noComment = await api.call('POST', `/api/requests/${other.id}/refuse`, { token: tokens.HR, body: {} });
      expect(noComment.status).toBe(400);
      expect(noComment.body.errors[0].field).toBe('comment');
      const tooLong = await api.call('POST', `/api/requests/${other.id}/refuse`, { token: tokens.HR, body: { comment: 'x'.repeat(501) } });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors[0].field).toBe('comment');
      const refused = await api.call('POST', `/api/requests/${other.id}/refuse`, { token: tokens.HR, body: { comment: 'Réunion de service' } });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ status: 'REFUSED', allocationStatus: null, comment: 'Réunion de service' });

      const history = await db.query(
        `SELECT status, actor_user_id FROM request_status_history WHERE request_id = ANY($1::uuid[]) ORDER BY id`,
        [[request.id, other.id]],
      );
      expect(history).toEqual([
        { status: 'PENDING', actor_user_id: expect.any(String) },
        { status: 'APPROVED', actor_user_id: ids.MANAGER.userId },
        { status: 'PENDING', actor_user_id: expect.any(String) },
        { status: 'REFUSED', actor_user_id: ids.HR.userId },
      ]);
      const audit = await db.query(
        `SELECT action, actor_user_id FROM audit_log WHERE entity_id = ANY($1) AND action <> 'request.created' ORDER BY id`,
        [[request.id, other.id]],
      );
      expect(audit).toEqual([
        { action: 'request.approved', actor_user_id: ids.MANAGER.userId },
        { action: 'request.refused', actor_user_id: ids.HR.userId },
      ]);
      const notices = await db.query(
        `SELECT message, details->>'requestId' AS "requestId" FROM notices WHERE agent_id = $1 AND kind = 'REQUEST_DECIDED' ORDER BY id`,
        [teamMember.id],
      );
      expect(notices.map((n: { requestId: string }) => n.requestId)).toEqual([request.id, other.id]);
      expect(notices[1].message).toContain('refusée');
      expect(notices[1].message).toContain('Réunion de service');
    });

    it('answers 403 to a manager outside the team, to an AGENT, and to a manager deciding its own request', async () => {
      const request = await askOne(outsider, 'REMOTE', await halfDayOf(outsider.id, 'ON_SITE', '2026-12-14'));
      const outside = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.MANAGER, body: {} });
      expect(outside.status).toBe(403);
      expect((await api.call('POST', `/api/requests/${request.id}/refuse`, { token: tokens.MANAGER, body: { comment: 'non' } })).status).toBe(403);
      expect((await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.AGENT, body: {} })).status).toBe(403);
      expect((await api.call('POST', `/api/requests/${request.id}/approve`, { token: await tokenOf(outsider), body: {} })).status).toBe(403);
      const own = await askOne({ id: ids.MANAGER.agentId }, 'ON_SITE', await halfDayOf(ids.MANAGER.agentId, 'ON_SITE', '2026-12-15'));
      expect(outside.body.code).toBe('AGENT_NOT_IN_TEAM');
      const self = await api.call('POST', `/api/requests/${own.id}/approve`, { token: tokens.MANAGER, body: {} });
      expect(self.status).toBe(403);
      expect(self.body).toMatchObject({ code: 'OWN_REQUEST_DECISION', message: 'you cannot decide your own request: your manager or HR does' });
      const [{ pending }] = await db.query(
        `SELECT count(*)::int AS pending FROM telework_requests WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [[request.id, own.id]]);
      expect(pending).toBe(2);
      expect((await api.call('POST', `/api/requests/${UNKNOWN}/approve`, { token: tokens.HR, body: {} })).status).toBe(404);
    });

    it('answers 409 naming the status when the request is no longer PENDING', async () => {
      const request = await askOne(outsider, 'ON_SITE', await halfDayOf(outsider.id, 'ON_SITE', '2026-12-16'));
      expect((await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} })).status).toBe(200);
      const again = await api.call('POST', `/api/requests/${request.id}/refuse`, { token: tokens.HR, body: { comment: 'trop tard' } });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        statusCode: 409, code: 'REQUEST_NOT_PENDING', status: 'APPROVED', message: 'the request is APPROVED: only a PENDING request can be decided',
      });
      expect(formatMessage(again.body, 'fr')).toBe('la demande est approuvée : seule une demande en attente peut être décidée');
      const cancelled = await askOne(outsider, 'ON_SITE', await halfDayOf(outsider.id, 'ON_SITE', '2026-12-17'));
      expect((await api.call('POST', `/api/requests/${cancelled.id}/cancel`, { token: await tokenOf(outsider) })).status).toBe(200);
      const late = await api.call('POST', `/api/requests/${cancelled.id}/approve`, { token: tokens.HR, body: {} });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'REQUEST_NOT_PENDING', status: 'CANCELLED' });
    });

    it('decides a list of ids one by one, reporting each', async () => {
      const good = await askOne(teamMember, 'ON_SITE', await halfDayOf(teamMember.id, 'ON_SITE', '2026-12-16'));
      const alsoGood = await askOne(teamMember, 'ON_SITE', await halfDayOf(teamMember.id, 'ON_SITE', '2026-12-17'));
      const notTeam = await askOne(outsider, 'ON_SITE', await halfDayOf(outsider.id, 'ON_SITE', '2026-12-18'));
      await api.call('POST', `/api/requests/${alsoGood.id}/approve`, { token: tokens.HR, body: {} });
      const bulk = await api.call('POST', '/api/requests/approve', {
        token: tokens.MANAGER, body: { ids: [good.id, alsoGood.id, notTeam.id, UNKNOWN], comment: 'lot du lundi' },
      });
      expect(bulk.status).toBe(200);
      expect(bulk.body.results.map((r: { id: string; ok: boolean; statusCode?: number }) => [r.id, r.ok, r.statusCode])).toEqual([
        [good.id, true, undefined],
        [alsoGood.id, false, 409],
        [notTeam.id, false, 403],
        [UNKNOWN, false, 404],
      ]);
      expect(bulk.body.results[0].request).toMatchObject({ status: 'APPROVED', comment: 'lot du lundi' });
      expect(bulk.body.results.slice(1).map((r: { problem: { code: string } }) => r.problem.code))
        .toEqual(['REQUEST_NOT_PENDING', 'AGENT_NOT_IN_TEAM', 'REQUEST_NOT_FOUND']);
      expect(bulk.body.results[1]).toMatchObject({
        error: 'the request is APPROVED: only a PENDING request can be decided', problem: { statusCode: 409, status: 'APPROVED' },
      });

      const refuse = await api.call('POST', '/api/requests/refuse', { token: tokens.HR, body: { ids: [notTeam.id, good.id], comment: 'non' } });
      expect(refuse.body.results.map((r: { ok: boolean; statusCode?: number }) => r.statusCode ?? 200)).toEqual([200, 409]);
      expect((await db.query(`SELECT status FROM telework_requests WHERE id = $1`, [notTeam.id]))[0].status).toBe('REFUSED');

      expect((await api.call('POST', '/api/requests/approve', { token: tokens.AGENT, body: { ids: [good.id] } })).status).toBe(403);
      const empty = await api.call('POST', '/api/requests/approve', { token: tokens.HR, body: { ids: [] } });
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0].field).toBe('ids');
      const tooMany = await api.call('POST', '/api/requests/approve', {
        token: tokens.HR, body: { ids: Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) },
      });
      expect(tooMany.status).toBe(400);
      const notUuid = await api.call('POST', '/api/requests/refuse', { token: tokens.HR, body: { ids: ['x'], comment: 'non' } });
      expect(notUuid.body.errors[0].field).toBe('ids');
    });
  });

  describe('instant allocation on the published plan', () => {
    it('grants a REMOTE request at once when a seat is free: assignment REMOTE by request, counter +1', async () => {
      const agent = nextSpare();
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
      const at = await halfDayOf(agent.id, 'ON_SITE');
      await withCapacityOn(agent.access_pool_id as string, at.date, 5_000, async () => {
        const before = await usage(agent.access_pool_id as string, at);
        const request = await askOne(agent, 'REMOTE', at);
        const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
        expect(approved.status).toBe(200);
        expect(approved.body).toMatchObject({ status: 'APPROVED', allocationStatus: 'GRANTED', allocationRefusal: null, allocationReason: null });
        expect(await assignment(agent.id, at)).toEqual({ mode: 'REMOTE', source: 'REQUEST', pool_id: agent.access_pool_id });
        const after = await usage(agent.access_pool_id as string, at);
        expect(after).toEqual({ remote: before.remote + 1, standard: before.standard + 1, recount: before.recount + 1 });
        expect(after.remote).toBe(after.recount);
      });
    });

    it('waitlists when the pool is full, with the figures (reserved seats and dated capacity included)', async () => {
      const agent = nextSpare();
      const pool = agent.access_pool_id as string;
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
      const at = await halfDayOf(agent.id, 'ON_SITE');
      const before = await usage(pool, at);
      const [{ code }] = await db.query(`SELECT code FROM capacity_pools WHERE id = $1`, [pool]);
      // a council session by video takes every seat left under a 1,700-seat capacity on that day
      const [event] = await db.query(
        `INSERT INTO reservations (pool_id, date, period, seats, label) VALUES ($1, $2, $3, $4, 'Séance') RETURNING id`,
        [pool, at.date, at.period, 1_700 - before.remote - (await reservedOn(pool, at))],
      );
      try {
        await withCapacityOn(pool, at.date, 1_700, async () => {
          const request = await askOne(agent, 'REMOTE', at);
          const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
          const reserved = 1_700 - before.remote;
          const refusal = { code: 'POOL_FULL', pool: code, date: at.date, period: at.period, used: 1_700, capacity: 1_700, reserved };
          expect(approved.body).toMatchObject({
            status: 'APPROVED', allocationStatus: 'WAITLISTED', allocationRefusal: refusal,
            allocationReason: `${code} full on ${at.date} ${at.period}: 1,700 of 1,700 seats (${reserved.toLocaleString('en-US')} reserved for events)`,
          });
          // stored as data, and read back the same by a later GET
          const [row] = await db.query(`SELECT allocation_refusal AS refusal, allocation_reason AS reason FROM telework_requests WHERE id = $1`, [request.id]);
          expect(typeof row.refusal === 'string' ? JSON.parse(row.refusal) : row.refusal).toEqual(refusal);
          expect(row.reason).toBe(approved.body.allocationReason);
          const read = await api.call('GET', `/api/requests/${request.id}`, { token: await tokenOf(agent) });
          expect(read.body).toMatchObject({ allocationRefusal: refusal, allocationReason: approved.body.allocationReason });
          // the agent's notice words the reason in French, then in English
          const [notice] = await db.query(
            `SELECT message, details FROM notices WHERE agent_id = $1 AND kind = 'REQUEST_DECIDED' AND details->>'requestId' = $2`,
            [agent.id, request.id],
          );
          const fr = formatMessage(refusal, 'fr') as string;
          const en = formatMessage(refusal, 'en') as string;
          expect(fr).toContain('complet le');
          expect(notice.message.indexOf(fr)).toBeGreaterThan(0);
          expect(notice.message.indexOf(en)).toBeGreaterThan(notice.message.indexOf(fr));
          expect((typeof notice.details === 'string' ? JSON.parse(notice.details) : notice.details).allocationRefusal).toEqual(refusal);
          expect((await assignment(agent.id, at)).mode).toBe('ON_SITE');
          expect(await usage(pool, at)).toEqual(before);
        });
      } finally {
        await db.query(`DELETE FROM reservations WHERE id = $1`, [event.id]);
      }
    });

    it('waitlists a STANDARD agent when only the reserve is left', async () => {
      const agent = nextSpare();
      const pool = agent.access_pool_id as string;
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
      const at = await halfDayOf(agent.id, 'ON_SITE');
      const before = await usage(pool, at);
      const reserved = await reservedOn(pool, at);
      const [{ reserve }] = await db.query(`SELECT reserve FROM capacity_pools WHERE id = $1`, [pool]);
      await db.query(`UPDATE capacity_pools SET reserve = 5 WHERE id = $1`, [pool]);
      try {
        // standard agents + events fill capacity − reserve exactly; total use is 5 seats under the capacity
        const capacity = before.standard + reserved + 5;
        expect(before.remote + reserved).toBeLessThanOrEqual(capacity - 1);
        await withCapacityOn(pool, at.date, capacity, async () => {
          const request = await askOne(agent, 'REMOTE', at);
          const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
          const [{ code }] = await db.query(`SELECT code FROM capacity_pools WHERE id = $1`, [pool]);
          // the engine's figures: used = STANDARD agents remote + reserved, open = capacity − reserve
          const refusal = {
            code: 'STANDARD_SHARE_FULL', pool: code, date: at.date, period: at.period,
            used: before.standard + reserved, open: capacity - 5, capacity, reserve: 5,
          };
          expect(approved.body).toMatchObject({ allocationStatus: 'WAITLISTED', allocationRefusal: refusal, allocationReason: recordText(refusal) });
          expect(approved.body.allocationReason).toContain(' STANDARD share full on ');
          expect(await usage(pool, at)).toEqual(before);
        });
      } finally {
        await db.query(`UPDATE capacity_pools SET reserve = $2 WHERE id = $1`, [pool, reserve]);
      }
    });

    it('waitlists when the weekly max is reached, naming the week', async () => {
      const agent = nextSpare();
      const at = await halfDayOf(agent.id, 'ON_SITE');
      const [{ remote }] = await db.query(
        `SELECT count(*)::int AS remote FROM assignments WHERE agent_id = $1 AND mode = 'REMOTE'
           AND date BETWEEN date_trunc('week', $2::date) AND date_trunc('week', $2::date) + interval '6 days'`,
        [agent.id, at.date],
      );
      await db.query(`UPDATE agents SET weekly_min = 0, weekly_max = $2 WHERE id = $1`, [agent.id, remote]);
      const before = await usage(agent.access_pool_id as string, at);
      const request = await askOne(agent, 'REMOTE', at);
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      const week = getISOWeek(new Date(`${at.date}T12:00:00`));
      expect(approved.body).toMatchObject({
        allocationStatus: 'WAITLISTED', allocationRefusal: { code: 'WEEKLY_MAX', max: remote, week },
        allocationReason: `weekly max of ${remote} half-days reached in week ${week}`,
      });
      expect((await assignment(agent.id, at)).mode).toBe('ON_SITE');
      expect(await usage(agent.access_pool_id as string, at)).toEqual(before);
    });

    it('grants an ON_SITE request on a REMOTE half-day at once and frees the seat', async () => {
      const agent = nextSpare();
      const at = await halfDayOf(agent.id, 'REMOTE');
      const before = await usage(agent.access_pool_id as string, at);
      const request = await askOne(agent, 'ON_SITE', at);
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(approved.body).toMatchObject({ allocationStatus: 'GRANTED' });
      expect(await assignment(agent.id, at)).toEqual({ mode: 'ON_SITE', source: 'REQUEST', pool_id: null });
      expect(await usage(agent.access_pool_id as string, at)).toEqual({
        remote: before.remote - 1, standard: before.standard - 1, recount: before.recount - 1,
      });
    });

    it('grants a REMOTE request on a half-day already remote without changing anything', async () => {
      const agent = nextSpare();
      const at = await halfDayOf(agent.id, 'REMOTE');
      const before = { assignment: await assignment(agent.id, at), usage: await usage(agent.access_pool_id as string, at) };
      const request = await askOne(agent, 'REMOTE', at);
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(approved.body).toMatchObject({
        allocationStatus: 'GRANTED', allocationRefusal: { code: 'ALREADY_REMOTE' }, allocationReason: 'already remote in the published plan',
      });
      expect(await assignment(agent.id, at)).toEqual(before.assignment);
      expect(await usage(agent.access_pool_id as string, at)).toEqual(before.usage);
    });

    it('leaves a request outside the published horizon to the nightly run', async () => {
      const agent = nextSpare();
      const request = await askOne(agent, 'REMOTE', { date: '2027-01-05', period: 'AM' });
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(approved.body).toMatchObject({
        status: 'APPROVED', allocationStatus: 'WAITLISTED', allocationRefusal: { code: 'WAITING_NIGHTLY' },
        allocationReason: 'waiting for the nightly allocation',
      });
      const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM assignments WHERE agent_id = $1 AND date = '2027-01-05'`, [agent.id]);
      expect(rows).toBe(0);
    });

    it('refuses at once a REMOTE request of an agent who is not eligible', async () => {
      const [agent] = await db.query(
        `SELECT a.id FROM agents a WHERE NOT a.eligible AND a.role = 'AGENT'
           AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'ON_SITE')
         ORDER BY a.employee_number LIMIT 1`,
      );
      const at = await halfDayOf(agent.id, 'ON_SITE');
      const request = await askOne(agent, 'REMOTE', at);
      const approved = await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(approved.body).toMatchObject({
        status: 'APPROVED', allocationStatus: 'REFUSED', allocationRefusal: { code: 'NOT_ELIGIBLE' }, allocationReason: 'agent not eligible',
      });
      expect((await assignment(agent.id, at)).mode).toBe('ON_SITE');
    });

    it('lets the agent cancel a granted request: the half-day goes back to the plan and the seat is freed', async () => {
      const agent = nextSpare();
      const pool = agent.access_pool_id as string;
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
      const at = await halfDayOf(agent.id, 'ON_SITE');
      await withCapacityOn(pool, at.date, 5_000, async () => {
        const before = await usage(pool, at);
        const request = await askOne(agent, 'REMOTE', at);
        await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
        expect((await usage(pool, at)).remote).toBe(before.remote + 1);
        const byHr = await api.call('POST', `/api/requests/${request.id}/cancel`, { token: tokens.HR });
        expect(byHr.status).toBe(403);
        expect(byHr.body.code).toBe('NOT_THE_ASKER');
        expect((await api.call('POST', `/api/requests/${request.id}/cancel`, { token: await tokenOf(outsider) })).status).toBe(404);
        const cancelled = await api.call('POST', `/api/requests/${request.id}/cancel`, { token: await tokenOf(agent) });
        expect(cancelled.status).toBe(200);
        expect(cancelled.body).toMatchObject({ status: 'CANCELLED', planChange: { code: 'PLAN_BACK_ON_SITE' } });
        const [history] = await db.query(
          `SELECT comment FROM request_status_history WHERE request_id = $1 AND status = 'CANCELLED'`, [request.id]);
        expect(history.comment).toBe('back on site in the plan: the seat is freed');
        expect(await assignment(agent.id, at)).toEqual({ mode: 'ON_SITE', source: 'DEFAULT', pool_id: null });
        expect(await usage(pool, at)).toEqual(before);
        const again = await api.call('POST', `/api/requests/${request.id}/cancel`, { token: await tokenOf(agent) });
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ code: 'REQUEST_NOT_CANCELLABLE', status: 'CANCELLED' });
        // the half-day is free again for a new request
        expect((await ask(agent, { kind: 'REMOTE', date: at.date, period: at.period })).status).toBe(201);
      });
    });

    it('puts a cancelled ON_SITE grant back to the published rotation, retaking the seat', async () => {
      const [agent] = await db.query(
        `SELECT a.id, a.email, a.access_pool_id, a.tier, a.group_id FROM agents a
         WHERE a.id = ANY($1::uuid[]) AND a.group_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'REMOTE' AND s.source = 'ROTATION')
         ORDER BY a.employee_number LIMIT 1`,
        [spare.map((a) => a.id)],
      );
      spare = spare.filter((a) => a.id !== agent.id);
      const [at] = await db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments
         WHERE agent_id = $1 AND mode = 'REMOTE' AND source = 'ROTATION' ORDER BY date, period LIMIT 1`,
        [agent.id],
      );
      const [calendar] = await db.query(
        `INSERT INTO rotation_calendars (period_from, period_to, version, status, published_at)
         SELECT $1, $2, coalesce(max(version), 0) + 1, 'PUBLISHED', now() FROM rotation_calendars RETURNING id`,
        [FROM, TO],
      );
      await db.query(`INSERT INTO rotation_cells (calendar_id, group_id, date, period) VALUES ($1, $2, $3, $4)`,
        [calendar.id, agent.group_id, at.date, at.period]);
      const pool = agent.access_pool_id as string;
      const before = await usage(pool, at);
      const request = await askOne(agent, 'ON_SITE', at);
      await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(await assignment(agent.id, at)).toEqual({ mode: 'ON_SITE', source: 'REQUEST', pool_id: null });
      expect((await usage(pool, at)).remote).toBe(before.remote - 1);
      const cancelled = await api.call('POST', `/api/requests/${request.id}/cancel`, { token: await tokenOf(agent) });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.planChange).toEqual({ code: 'PLAN_BACK_TO_REMOTE' });
      expect(await assignment(agent.id, at)).toEqual({ mode: 'REMOTE', source: 'ROTATION', pool_id: pool });
      expect(await usage(pool, at)).toEqual(before);
      const [history] = await db.query(
        `SELECT comment FROM request_status_history WHERE request_id = $1 AND status = 'CANCELLED'`, [request.id]);
      expect(history.comment).toBe('back to remote by the rotation');
    });

    it('keeps a cancelled ON_SITE grant on site when its pool is full, saying why with the figures', async () => {
      const [agent] = await db.query(
        `SELECT a.id, a.email, a.access_pool_id, a.tier, a.group_id FROM agents a
         WHERE a.id = ANY($1::uuid[]) AND a.group_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'REMOTE' AND s.source = 'ROTATION')
         ORDER BY a.employee_number LIMIT 1`,
        [spare.map((a) => a.id)],
      );
      spare = spare.filter((a) => a.id !== agent.id);
      await db.query(`UPDATE agents SET weekly_max = 10 WHERE id = $1`, [agent.id]);
      const [at] = await db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments
         WHERE agent_id = $1 AND mode = 'REMOTE' AND source = 'ROTATION' ORDER BY date, period LIMIT 1`,
        [agent.id],
      );
      const [calendar] = await db.query(
        `INSERT INTO rotation_calendars (period_from, period_to, version, status, published_at)
         SELECT $1, $2, coalesce(max(version), 0) + 1, 'PUBLISHED', now() FROM rotation_calendars RETURNING id`,
        [FROM, TO],
      );
      await db.query(`INSERT INTO rotation_cells (calendar_id, group_id, date, period) VALUES ($1, $2, $3, $4)`,
        [calendar.id, agent.group_id, at.date, at.period]);
      const pool = agent.access_pool_id as string;
      const request = await askOne(agent, 'ON_SITE', at);
      await api.call('POST', `/api/requests/${request.id}/approve`, { token: tokens.HR, body: {} });
      expect(await assignment(agent.id, at)).toEqual({ mode: 'ON_SITE', source: 'REQUEST', pool_id: null });
      // meanwhile the pool's capacity that day drops to what is already used: no seat to go back to
      const used = (await usage(pool, at)).remote + (await reservedOn(pool, at));
      const [{ code }] = await db.query(`SELECT code FROM capacity_pools WHERE id = $1`, [pool]);
      await withCapacityOn(pool, at.date, used, async () => {
        const before = await usage(pool, at);
        const cancelled = await api.call('POST', `/api/requests/${request.id}/cancel`, { token: await tokenOf(agent) });
        expect(cancelled.status).toBe(200);
        const planChange = {
          code: 'PLAN_STAYS_ON_SITE',
          refusal: { code: 'POOL_FULL', pool: code, date: at.date, period: at.period, used, capacity: used, reserved: await reservedOn(pool, at) },
        };
        expect(cancelled.body.planChange).toEqual(planChange);
        expect(await assignment(agent.id, at)).toEqual({ mode: 'ON_SITE', source: 'DEFAULT', pool_id: null });
        expect(await usage(pool, at)).toEqual(before);
        const [history] = await db.query(
          `SELECT comment FROM request_status_history WHERE request_id = $1 AND status = 'CANCELLED'`, [request.id]);
        expect(history.comment).toBe(recordText(planChange));
        expect(history.comment).toContain(`: the nightly run will re-plan it`);
        const [audit] = await db.query(`SELECT details FROM audit_log WHERE action = 'request.cancelled' AND entity_id = $1`, [request.id]);
        expect((typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details).planChange).toEqual(planChange);
      });
    });

    it('answers allocationRefusal null on a row decided before refusals were data, its English reason kept', async () => {
      const agent = nextSpare();
      const request = await askOne(agent, 'REMOTE', await halfDayOf(agent.id, 'ON_SITE'));
      await db.query(
        `UPDATE telework_requests SET status = 'APPROVED', allocation_status = 'WAITLISTED', allocation_refusal = NULL,
                allocation_reason = 'VDI full for standard agents on 2026-12-08 PM: 90 of 90 seats outside the reserve of 10'
         WHERE id = $1`,
        [request.id],
      );
      const read = await api.call('GET', `/api/requests/${request.id}`, { token: tokens.HR });
      expect(read.body).toMatchObject({
        allocationStatus: 'WAITLISTED', allocationRefusal: null,
        allocationReason: 'VDI full for standard agents on 2026-12-08 PM: 90 of 90 seats outside the reserve of 10',
      });
    });

    it('keeps every pool counter equal to a recount of the assignments, and within the caps', async () => {
      const drift = await db.query(
        `SELECT coalesce(u.pool_id, c.pool_id) AS pool, coalesce(u.date, c.date) AS date, u.remote_count, c.n
         FROM pool_usage u
         FULL JOIN (SELECT pool_id, date, period, count(*)::int AS n FROM assignments WHERE mode = 'REMOTE' GROUP BY 1, 2, 3) c
           ON c.pool_id = u.pool_id AND c.date = u.date AND c.period = u.period
         WHERE coalesce(u.remote_count, 0) <> coalesce(c.n, 0)`,
      );
      expect(drift).toEqual([]);
      const over = await db.query(
        `SELECT u.* FROM pool_usage u JOIN capacity_pools p ON p.id = u.pool_id
         WHERE u.remote_count + coalesce((SELECT sum(seats) FROM reservations r WHERE r.pool_id = u.pool_id AND r.date = u.date AND r.period = u.period), 0)
               > coalesce((SELECT c.capacity FROM capacity_changes c WHERE c.pool_id = p.id AND c.effective_from <= u.date
                           ORDER BY c.effective_from DESC LIMIT 1), p.capacity)`,
      );
      expect(over).toEqual([]);
    });
  });

  describe('audit', () => {
    it('gives HR the approvals and refusals, newest first, with the actor’s e-mail', async () => {
      const response = await api.call('GET', '/api/audit?action=request.approved&pageSize=500', { token: tokens.HR });
      expect(response.status).toBe(200);
      const [{ approvals }] = await db.query(`SELECT count(*)::int AS approvals FROM audit_log WHERE action = 'request.approved'`);
      expect(response.body.total).toBe(approvals);
      expect(response.body.items.every((e: { action: string }) => e.action === 'request.approved')).toBe(true);
      const times = response.body.items.map((e: { at: string }) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      const byManager = response.body.items.filter((e: { actorEmail: string }) => e.actorEmail === emails.MANAGER);
      const byHr = response.body.items.filter((e: { actorEmail: string }) => e.actorEmail === emails.HR);
      expect(byManager.length).toBeGreaterThan(0);
      expect(byHr.length).toBeGreaterThan(0);
      expect(byHr[0]).toMatchObject({ actorUserId: ids.HR.userId, entityType: 'telework_request', details: expect.objectContaining({ allocationStatus: expect.any(String) }) });
    });

    it('filters by entity, actor, action prefix and dates', async () => {
      const some = (await api.call('GET', '/api/audit?action=request.refused', { token: tokens.ADMIN })).body.items[0];
      const byEntity = await api.call('GET', `/api/audit?entityType=telework_request&entityId=${some.entityId}`, { token: tokens.HR });
      expect(byEntity.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['request.refused']));
      expect(byEntity.body.items.every((e: { entityId: string }) => e.entityId === some.entityId)).toBe(true);
      const byActor = await api.call('GET', `/api/audit?actorUserId=${ids.MANAGER.userId}&pageSize=500`, { token: tokens.HR });
      expect(byActor.body.total).toBeGreaterThan(0);
      expect(byActor.body.items.every((e: { actorUserId: string }) => e.actorUserId === ids.MANAGER.userId)).toBe(true);
      const prefix = await api.call('GET', '/api/audit?action=request.&pageSize=500', { token: tokens.HR });
      const actions = new Set(prefix.body.items.map((e: { action: string }) => e.action));
      expect([...actions].sort()).toEqual(['request.approved', 'request.cancelled', 'request.created', 'request.refused']);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
      const todays = await api.call('GET', `/api/audit?from=${today}&to=${today}&action=request.`, { token: tokens.HR });
      expect(todays.body.total).toBe(prefix.body.total);
      const past = await api.call('GET', '/api/audit?from=2020-01-01&to=2020-12-31', { token: tokens.HR });
      expect(past.body.total).toBe(0);
    });

    it('refuses AGENT and MANAGER (403) and bad filters (400 naming the field)', async () => {
      expect((await api.call('GET', '/api/audit', { token: tokens.AGENT })).status).toBe(403);
      expect((await api.call('GET', '/api/audit', { token: tokens.MANAGER })).status).toBe(403);
      const bad = await api.call('GET', '/api/audit?from=2026-02-30&actorUserId=x', { token: tokens.HR });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actorUserId', 'from']);
    });
  });

  describe('OpenAPI', () => {
    it('documents every requests and audit route with its body and answer', async () => {
      const docs = await api.call('GET', '/api/docs-json');
      const paths = docs.body.paths;
      for (const [path, method] of [
        ['/api/requests', 'post'], ['/api/requests', 'get'], ['/api/requests/{id}', 'get'], ['/api/requests/{id}/approve', 'post'],
        ['/api/requests/{id}/refuse', 'post'], ['/api/requests/{id}/cancel', 'post'], ['/api/requests/approve', 'post'],
        ['/api/requests/refuse', 'post'], ['/api/audit', 'get'],
      ]) {
        expect(paths[path]?.[method]).toBeDefined();
        expect(paths[path][method].security).toEqual(expect.arrayContaining([expect.objectContaining({ bearer: [] })]));
      }
      expect(Object.keys(docs.body.components.schemas)).toEqual(expect.arrayContaining([
        'CreateRequestsDto', 'CreateRequestsResponseDto', 'TeleworkRequestResponseDto', 'BulkDecisionResultDto', 'RefuseDto', 'AuditPageDto',
      ]));
    });
  });

  async function reservedOn(poolId: string, at: HalfDay): Promise<number> {
    const [{ seats }] = await db.query(
      `SELECT coalesce(sum(seats), 0)::int AS seats FROM reservations WHERE pool_id = $1 AND date = $2 AND period = $3`,
      [poolId, at.date, at.period],
    );
    return seats;
  }
});
