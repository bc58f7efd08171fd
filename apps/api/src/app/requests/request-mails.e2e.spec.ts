import { DataSource } from 'typeorm';
import type { ManagerDigestMailPayload, RequestDecidedMailPayload } from '@telework/contracts';
import { planSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { DIGEST_LIST_LIMIT, writeManagerDigests } from '@telework/server-mail';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { TEAM_UNITS_CTE } from '../directory/team-scope';

jest.setTimeout(120_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';
/** an SMTP URL where nothing listens: the rows are written (what this spec checks), sending them is the sender's business */
const SMTP_URL = 'smtp://127.0.0.1:9';

interface MailRow<P> { user_id: string; recipient: string; language: string; status: string; dedupe_key: string | null; payload: P }

describe.each(TEST_DATABASE_MODES)('request decision mails and manager digests on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let manager: { token: string; userId: string; agentId: string; name: string };
  let team: { id: string; email: string; first_name: string; user_id: string; access_pool_id: string | null }[];
  const tokens = new Map<string, string>();

  const tokenOf = async (agent: { id: string; email: string }) => {
    if (!tokens.has(agent.id)) tokens.set(agent.id, await api.login(agent.email));
    return tokens.get(agent.id) as string;
  };
  const mails = async <P>(kind: string, userId?: string): Promise<MailRow<P>[]> =>
    (await db.query(
      `SELECT user_id, recipient, language, status, dedupe_key, payload FROM mail_outbox WHERE kind = $1 AND ($2::uuid IS NULL OR user_id = $2) ORDER BY id`,
      [kind, userId ?? null],
    )).map((row: MailRow<unknown>) => ({ ...row, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }));
  /** a working half-day of the agent in the plan, of the mode wanted, with no request yet */
  const halfDayOf = async (agentId: string, wanted: 'REMOTE' | 'ON_SITE') => {
    const [row] = await db.query(
      `SELECT to_char(s.date, 'YYYY-MM-DD') AS date, s.period FROM assignments s
       WHERE s.agent_id = $1 AND s.mode = $2 AND s.date >= $3
         AND NOT EXISTS (SELECT 1 FROM telework_requests r WHERE r.agent_id = s.agent_id AND r.date = s.date AND r.period = s.period)
       ORDER BY s.date, s.period LIMIT 1`, [agentId, wanted, FROM]);
    if (!row) throw new Error(`agent ${agentId} has no ${wanted} half-day`);
    return row as { date: string; period: 'AM' | 'PM' };
  };
  const ask = async (agent: { id: string; email: string }, kind: 'REMOTE' | 'ON_SITE', at: { date: string; period: string }) => {
    const response = await api.call('POST', '/api/requests', { token: await tokenOf(agent), body: { kind, ...at } });
    expect(response.status).toBe(201);
    return response.body.items[0].id as string;
  };

  beforeAll(async () => {
    api = await startApi(mode, { SMTP_URL });
    db = api.app.get(DataSource);
    const email = api.startup.demoLogins.find((login) => login.role === 'MANAGER')?.email as string;
    const [row] = await db.query(
      `SELECT u.id AS "userId", u.agent_id AS "agentId", a.first_name || ' ' || a.last_name AS name
       FROM users u JOIN agents a ON a.id = u.agent_id WHERE lower(u.email) = lower($1)`, [email]);
    manager = { ...row, token: await api.login(email) };
    await db.query(`DELETE FROM telework_requests`);
    const snapshot = await readPlanningSnapshot(db.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    await db.transaction((m) => writePlan(m, { snapshot, plan: planSnapshot(snapshot), kind: 'ROTATION_PUBLICATION', notify: false }));
    team = await db.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE}
       SELECT a.id, a.email, a.first_name, u.id AS user_id, a.access_pool_id FROM agents a JOIN users u ON u.agent_id = a.id
       WHERE a.org_unit_id IN (SELECT id FROM team_units) AND a.id <> $1 AND a.role = 'AGENT' AND a.eligible
         AND EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.id AND s.mode = 'ON_SITE')
       ORDER BY a.employee_number`, [manager.agentId]);
    expect(team.length).toBeGreaterThanOrEqual(4);
    await db.query(`DELETE FROM mail_outbox`);
  });

  afterAll(async () => api?.close());

  it('approved and granted: one REQUEST_DECIDED mail to the agent, in the language it chose, naming the manager', async () => {
    const agent = team[0];
    const token = await tokenOf(agent);
    const chosen = await api.call('PATCH', '/api/auth/me/preferences', { token, body: { language: 'en' } });
    expect(chosen.status).toBe(200);
    const at = await halfDayOf(agent.id, 'ON_SITE');
    const id = await ask(agent, 'REMOTE', at);
    expect(await mails('REQUEST_DECIDED')).toEqual([]); // asking is not a decision
    const approved = await api.call('POST', `/api/requests/${id}/approve`, { token: manager.token, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body.allocationStatus).toBe('GRANTED');

    const rows = await mails<RequestDecidedMailPayload>('REQUEST_DECIDED');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: agent.user_id, recipient: agent.email, language: 'en', dedupe_key: `request-decided:${id}` });
    expect(['PENDING', 'SENDING']).toContain(rows[0].status); // nothing listens on the SMTP port: waiting, never FAILED
    expect(rows[0].payload).toEqual({
      requestId: id, firstName: agent.first_name, status: 'APPROVED', allocationStatus: 'GRANTED', refusal: null, comment: null,
      halfDays: [at], decidedBy: manager.name,
    });
  });

  it('approved but waiting: the coded reason; refused: the manager’s comment; in French by default', async () => {
    const waiting = team[1];
    const at = await halfDayOf(waiting.id, 'ON_SITE');
    // no seat that day: the approval waits for the nightly run
    const next = new Date(Date.parse(`${at.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await db.query(
      `INSERT INTO capacity_changes (pool_id, effective_from, capacity)
       VALUES ($1, $2, 0), ($1, $3, (SELECT capacity FROM capacity_pools WHERE id = $1)) ON CONFLICT DO NOTHING`,
      [waiting.access_pool_id, at.date, next]);
    const id = await ask(waiting, 'REMOTE', at);
    const approved = await api.call('POST', `/api/requests/${id}/approve`, { token: manager.token, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body.allocationStatus).not.toBe('GRANTED');
    const [row] = await mails<RequestDecidedMailPayload>('REQUEST_DECIDED', waiting.user_id);
    expect(row.language).toBe('fr');
    expect(row.payload).toMatchObject({ status: 'APPROVED', allocationStatus: approved.body.allocationStatus, refusal: approved.body.allocationRefusal });
    expect(row.payload.refusal?.code).toEqual(expect.any(String));

    const refused = team[2];
    const other = await halfDayOf(refused.id, 'ON_SITE');
    const refusedId = await ask(refused, 'REMOTE', other);
    const comment = 'Réunion de service ce jour-là';
    expect((await api.call('POST', `/api/requests/${refusedId}/refuse`, { token: manager.token, body: { comment } })).status).toBe(200);
    const [mail] = await mails<RequestDecidedMailPayload>('REQUEST_DECIDED', refused.user_id);
    expect(mail.payload).toEqual({
      requestId: refusedId, firstName: refused.first_name, status: 'REFUSED', allocationStatus: null, refusal: null, comment,
      halfDays: [other], decidedBy: manager.name,
    });
  });

  it('writes none to an agent who switched these mails off, and none when the decision fails', async () => {
    const agent = team[3];
    const token = await tokenOf(agent);
    const off = await api.call('PATCH', '/api/auth/me/preferences', { token, body: { mailOptOuts: ['REQUEST_DECIDED'] } });
    expect(off.body).toEqual({ language: 'fr', mailOptOuts: ['REQUEST_DECIDED'] });
    const id = await ask(agent, 'REMOTE', await halfDayOf(agent.id, 'ON_SITE'));
    expect((await api.call('POST', `/api/requests/${id}/refuse`, { token: manager.token, body: { comment: 'non' } })).status).toBe(200);
    expect(await mails('REQUEST_DECIDED', agent.user_id)).toEqual([]);
    // decided twice: the second answers 409 and writes nothing more
    const before = (await mails('REQUEST_DECIDED')).length;
    expect((await api.call('POST', `/api/requests/${id}/approve`, { token: manager.token, body: {} })).status).toBe(409);
    expect(await mails('REQUEST_DECIDED')).toHaveLength(before);
  });

  describe('manager digests', () => {
    let pending: string[];

    beforeAll(async () => {
      await db.query(`UPDATE users SET mail_opt_outs = '{}'`);
      // PENDING requests of the manager's team, and one of the manager's own (not its to decide)
      pending = [];
      for (const agent of team.slice(0, 3)) pending.push(await ask(agent, 'REMOTE', await halfDayOf(agent.id, 'ON_SITE')));
      await db.query(
        `INSERT INTO telework_requests (agent_id, date, period, kind, created_by) VALUES ($1, '2026-12-18', 'PM', 'REMOTE', $2)`,
        [manager.agentId, manager.userId]);
    });

    const digestOf = async (date: string) =>
      (await mails<ManagerDigestMailPayload>('MANAGER_DIGEST', manager.userId)).filter((row) => row.payload.date === date);

    it('writes one digest per manager with requests waiting on a working day, listing its team’s as its approvals page does', async () => {
      const written = await writeManagerDigests(db.manager, '2026-12-01');
      expect(written).toBeGreaterThanOrEqual(1);
      const [digest] = await digestOf('2026-12-01');
      const page = await api.call('GET', '/api/requests?status=PENDING&pageSize=100', { token: manager.token });
      const decidable = page.body.items.filter((item: { agentId: string }) => item.agentId !== manager.agentId);
      expect(digest).toMatchObject({ recipient: expect.any(String), language: 'fr', dedupe_key: `digest:${manager.userId}:2026-12-01` });
      expect(digest.payload.total).toBe(decidable.length);
      expect(digest.payload.requests.map((r) => r.requestId)).toEqual(decidable.slice(0, DIGEST_LIST_LIMIT).map((item: { id: string }) => item.id));
      expect(digest.payload.requests.map((r) => r.requestId)).toEqual(expect.arrayContaining(pending));
      expect(digest.payload.requests[0]).toMatchObject({ agentName: decidable[0].agentName, halfDays: [{ date: decidable[0].date, period: decidable[0].period }], createdAt: decidable[0].createdAt });
      // every digest written goes to an active MANAGER account
      const [{ wrong }] = await db.query(
        `SELECT count(*)::int AS wrong FROM mail_outbox o JOIN users u ON u.id = o.user_id
         WHERE o.kind = 'MANAGER_DIGEST' AND (u.role <> 'MANAGER' OR NOT u.active)`);
      expect(wrong).toBe(0);

      // the same day again (the API and a worker, or a retried job): still one
      expect(await writeManagerDigests(db.manager, '2026-12-01')).toBe(0);
      expect(await digestOf('2026-12-01')).toHaveLength(1);
    });

    it('writes none on a Saturday, a Sunday or a public holiday, nor to a manager who switched it off', async () => {
      for (const day of ['2026-12-05', '2026-12-06', '2026-12-25', '2027-01-01']) {
        expect(await writeManagerDigests(db.manager, day)).toBe(0);
        expect(await digestOf(day)).toEqual([]);
      }
      const off = await api.call('PATCH', '/api/auth/me/preferences', { token: manager.token, body: { mailOptOuts: ['MANAGER_DIGEST'] } });
      expect(off.status).toBe(200);
      await writeManagerDigests(db.manager, '2026-12-02');
      expect(await digestOf('2026-12-02')).toEqual([]);
    });

    it('writes none when nothing waits', async () => {
      await api.call('PATCH', '/api/auth/me/preferences', { token: manager.token, body: { mailOptOuts: [] } });
      await db.query(`UPDATE telework_requests SET status = 'CANCELLED' WHERE status = 'PENDING'`);
      expect(await writeManagerDigests(db.manager, '2026-12-03')).toBe(0);
    });
  });
});
