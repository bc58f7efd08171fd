import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { generateScenario } from '@telework/planning';
import type { ActivationMailPayload, ManagerDigestMailPayload, RequestDecidedMailPayload } from '@telework/contracts';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { DIGEST_LIST_LIMIT, isDigestDay, writeManagerDigests } from './manager-digest.writer';
import { writeRequestDecidedMail } from './request-decided.writer';
import { writeActivationMails } from './activation.writer';

jest.setTimeout(60_000);

const MONDAY = '2026-12-07';

interface OutboxRow {
  kind: string;
  user_id: string;
  recipient: string;
  language: string;
  payload: unknown;
  dedupe_key: string | null;
  status: string;
}

describe('isDigestDay', () => {
  it('is a weekday that is not a French public holiday', () => {
    expect(isDigestDay('2026-12-07')).toBe(true);
    expect(isDigestDay('2026-12-05')).toBe(false); // Saturday
    expect(isDigestDay('2026-12-06')).toBe(false); // Sunday
    expect(isDigestDay('2026-12-25')).toBe(false); // Christmas, a Friday
    expect(isDigestDay('2026-11-11')).toBe(false); // Armistice, a Wednesday
    expect(isDigestDay('2026-05-25')).toBe(false); // Whit Monday
    expect(isDigestDay('2026-05-26')).toBe(true);
  });
});

describe.each(TEST_DATABASE_MODES)('outbox writers on %s', (mode) => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    db = createDataSource(database.config);
    await db.initialize();
    await db.runMigrations();
    await seedDemoDepartement(db, generateScenario('tiny', 3), 'not-a-real-hash');
  });

  afterAll(async () => {
    await db.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database.drop();
  });

  const outbox = async (kind: string): Promise<OutboxRow[]> =>
    (await db.query(`SELECT kind, user_id, recipient, language, payload, dedupe_key, status FROM mail_outbox WHERE kind = $1 ORDER BY id`, [kind]))
      .map((row: OutboxRow) => ({ ...row, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }));

  /** What each MANAGER account's approvals page lists as waiting, computed apart from the writer: team units walked in JS. */
  async function expectedDigests(): Promise<Map<string, { email: string; language: string; firstName: string; ids: string[] }>> {
    const units: { id: string; parent_id: string | null; manager_agent_id: string | null }[] =
      await db.query(`SELECT id, parent_id, manager_agent_id FROM org_units`);
    const managers: { user_id: string; agent_id: string; email: string; language: string; first_name: string }[] = await db.query(
      `SELECT u.id AS user_id, u.agent_id, u.email, u.language, a.first_name FROM users u JOIN agents a ON a.id = u.agent_id
       WHERE u.role = 'MANAGER' AND u.active AND NOT ('MANAGER_DIGEST' = ANY(u.mail_opt_outs))`);
    const pending: { id: string; agent_id: string; org_unit_id: string }[] = await db.query(
      `SELECT r.id, r.agent_id, a.org_unit_id FROM telework_requests r JOIN agents a ON a.id = r.agent_id WHERE r.status = 'PENDING'
       ORDER BY r.date, r.period, lower(a.last_name), lower(a.first_name), r.created_at, r.id`);
    const out = new Map<string, { email: string; language: string; firstName: string; ids: string[] }>();
    for (const manager of managers) {
      const team = new Set(units.filter((u) => u.manager_agent_id === manager.agent_id).map((u) => u.id));
      for (let grew = true; grew;) {
        grew = false;
        for (const unit of units) if (unit.parent_id && team.has(unit.parent_id) && !team.has(unit.id)) { team.add(unit.id); grew = true; }
      }
      const ids = pending.filter((r) => team.has(r.org_unit_id) && r.agent_id !== manager.agent_id).map((r) => r.id);
      if (ids.length > 0) out.set(manager.user_id, { email: manager.email, language: manager.language, firstName: manager.first_name, ids });
    }
    return out;
  }

  describe('manager digests', () => {
    let optedOut: string;
    let english: string;
    let disabled: string;

    beforeAll(async () => {
      // enough PENDING requests for some team to pass the list's cut, and one of a manager's own
      const [manager] = await db.query(
        `SELECT u.id, u.agent_id FROM users u WHERE u.role = 'MANAGER'
         AND EXISTS (SELECT 1 FROM org_units o WHERE o.manager_agent_id = u.agent_id) ORDER BY u.email LIMIT 1`);
      await db.query(
        `INSERT INTO telework_requests (agent_id, date, period, kind, created_by)
         SELECT a.id, d::date, p, 'REMOTE', $2
         FROM agents a CROSS JOIN generate_series('2026-12-14'::date, '2026-12-18'::date, '1 day') AS d CROSS JOIN unnest(ARRAY['AM', 'PM']) AS p
         WHERE a.org_unit_id IN (SELECT id FROM org_units WHERE manager_agent_id = $1) OR a.id = $1
         ON CONFLICT DO NOTHING`,
        [manager.agent_id, manager.id]);
      // and one for every agent, so that every manager has something waiting
      await db.query(
        `INSERT INTO telework_requests (agent_id, date, period, kind, created_by)
         SELECT a.id, '2026-12-21', 'AM', 'REMOTE', $1 FROM agents a ON CONFLICT DO NOTHING`, [manager.id]);
      const digests = await expectedDigests();
      expect(digests.size).toBeGreaterThanOrEqual(4);
      expect(Math.max(...[...digests.values()].map((d) => d.ids.length))).toBeGreaterThan(DIGEST_LIST_LIMIT);
      [optedOut, english, disabled] = [...digests.keys()].filter((id) => id !== manager.id);
      await db.query(`UPDATE users SET mail_opt_outs = ARRAY['MANAGER_DIGEST'] WHERE id = $1`, [optedOut]);
      await db.query(`UPDATE users SET mail_opt_outs = ARRAY['REQUEST_DECIDED', 'SCHEDULE_CHANGED'], language = 'en' WHERE id = $1`, [english]);
      await db.query(`UPDATE users SET active = false WHERE id = $1`, [disabled]);
    });

    afterAll(async () => {
      await db.query(`UPDATE users SET active = true, mail_opt_outs = '{}', language = 'fr'`);
      await db.query(`DELETE FROM mail_outbox`);
    });

    it('writes nothing on a Saturday, a Sunday or a public holiday', async () => {
      for (const day of ['2026-12-05', '2026-12-06', '2026-12-25', '2026-11-11']) expect(await writeManagerDigests(db.manager, day)).toBe(0);
      expect(await outbox('MANAGER_DIGEST')).toEqual([]);
    });

    it('writes one digest per active manager with requests waiting in its team, as its approvals page lists them, once a day', async () => {
      const expected = await expectedDigests();
      expect(expected.has(optedOut) || expected.has(disabled)).toBe(false);
      expect(expected.has(english)).toBe(true);
      const written = await db.transaction((manager) => writeManagerDigests(manager, MONDAY));
      expect(written).toBe(expected.size);
      const rows = await outbox('MANAGER_DIGEST');
      expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set(expected.keys()));
      for (const row of rows) {
        const want = expected.get(row.user_id);
        const payload = row.payload as ManagerDigestMailPayload;
        expect(row).toMatchObject({ recipient: want?.email, language: row.user_id === english ? 'en' : 'fr', status: 'PENDING', dedupe_key: `digest:${row.user_id}:${MONDAY}` });
        expect(payload).toMatchObject({ firstName: want?.firstName, date: MONDAY, total: want?.ids.length });
        expect(payload.requests.map((r) => r.requestId)).toEqual(want?.ids.slice(0, DIGEST_LIST_LIMIT));
        expect(payload.requests[0]).toEqual({
          requestId: expect.any(String), agentName: expect.stringMatching(/^\S+ \S/), halfDays: [{ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), period: expect.stringMatching(/^(AM|PM)$/) }],
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        });
      }
      expect(rows.some((row) => (row.payload as ManagerDigestMailPayload).total > DIGEST_LIST_LIMIT)).toBe(true);

      // the same day again (a retried job, a second process): nothing more
      expect(await writeManagerDigests(db.manager, MONDAY)).toBe(0);
      expect(await outbox('MANAGER_DIGEST')).toHaveLength(rows.length);
      // the next working day: a new digest
      expect(await writeManagerDigests(db.manager, '2026-12-08')).toBe(expected.size);
    });

    it('writes none to a manager with nothing waiting', async () => {
      await db.query(`DELETE FROM mail_outbox`);
      await db.query(`UPDATE telework_requests SET status = 'REFUSED' WHERE status = 'PENDING'`);
      expect(await writeManagerDigests(db.manager, MONDAY)).toBe(0);
    });
  });

  describe('request decided', () => {
    it('writes one row to the agent in its language, with its first name and the decider, none when opted out or inactive', async () => {
      const [agent, second, third] = await db.query(
        `SELECT u.id, u.agent_id, u.email, a.first_name FROM users u JOIN agents a ON a.id = u.agent_id WHERE u.role = 'AGENT' ORDER BY u.email LIMIT 3`);
      const [decider] = await db.query(
        `SELECT u.id, a.first_name || ' ' || a.last_name AS name FROM users u JOIN agents a ON a.id = u.agent_id WHERE u.role = 'MANAGER' LIMIT 1`);
      await db.query(`UPDATE users SET language = 'en' WHERE id = $1`, [agent.id]);
      const payload = (requestId: string): Omit<RequestDecidedMailPayload, 'firstName' | 'decidedBy'> => ({
        requestId, status: 'REFUSED', allocationStatus: null, refusal: null, comment: 'Pas ce jour-là', halfDays: [{ date: MONDAY, period: 'AM' }],
      });
      const id = randomUUID();
      expect(await db.transaction((m) => writeRequestDecidedMail(m, { agentId: agent.agent_id, deciderUserId: decider.id, payload: payload(id) }))).toBe(1);
      expect(await writeRequestDecidedMail(db.manager, { agentId: agent.agent_id, deciderUserId: decider.id, payload: payload(id) })).toBe(0);
      const [row] = await outbox('REQUEST_DECIDED');
      expect(row).toMatchObject({ user_id: agent.id, recipient: agent.email, language: 'en', dedupe_key: `request-decided:${id}` });
      expect(row.payload).toEqual({ ...payload(id), firstName: agent.first_name, decidedBy: decider.name });

      await db.query(`UPDATE users SET mail_opt_outs = ARRAY['REQUEST_DECIDED'] WHERE id = $1`, [second.id]);
      await db.query(`UPDATE users SET active = false WHERE id = $1`, [third.id]);
      expect(await writeRequestDecidedMail(db.manager, { agentId: second.agent_id, deciderUserId: decider.id, payload: payload(randomUUID()) })).toBe(0);
      expect(await writeRequestDecidedMail(db.manager, { agentId: third.agent_id, deciderUserId: decider.id, payload: payload(randomUUID()) })).toBe(0);
      // decided by an account without agent (an ADMIN created apart): decidedBy null
      const [admin] = await db.query(`INSERT INTO users (email, password_hash, role) VALUES ('admin-x@example.fr', '!', 'ADMIN') RETURNING id`);
      const other = randomUUID();
      expect(await writeRequestDecidedMail(db.manager, { agentId: agent.agent_id, deciderUserId: admin.id, payload: payload(other) })).toBe(1);
      expect(((await outbox('REQUEST_DECIDED'))[1].payload as RequestDecidedMailPayload).decidedBy).toBeNull();
      await db.query(`UPDATE users SET active = true, mail_opt_outs = '{}', language = 'fr'`);
    });
  });

  describe('activation', () => {
    it('writes one row per pending account, even opted out of everything else, and drops a dead link still waiting', async () => {
      const agents: { user_id: string; agent_id: string; email: string; first_name: string; last_name: string }[] = await db.query(
        `SELECT u.id AS user_id, u.agent_id, u.email, a.first_name, a.last_name FROM users u JOIN agents a ON a.id = u.agent_id
         WHERE u.role = 'AGENT' ORDER BY u.email DESC LIMIT 3`);
      const [pending, optedOut, active] = agents;
      await db.query(`UPDATE users SET active = false WHERE id = ANY($1::uuid[])`, [[pending.user_id, optedOut.user_id]]);
      await db.query(`UPDATE users SET mail_opt_outs = ARRAY['REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST'], language = 'en' WHERE id = $1`, [optedOut.user_id]);
      const mail = (agentId: string, token: string) => ({ agentId, activationUrl: `http://console.test/activation?token=${token}`, expiresAt: '2026-12-14T05:00:00.000Z' });
      expect(await writeActivationMails(db.manager, [mail(pending.agent_id, 'old')])).toBe(1);
      const written = await db.transaction((m) => writeActivationMails(m, [mail(pending.agent_id, 'new'), mail(optedOut.agent_id, 'b'), mail(active.agent_id, 'c')]));
      expect(written).toBe(2);
      const rows = await outbox('ACTIVATION');
      expect(rows.map((row) => [row.user_id, row.language, (row.payload as ActivationMailPayload).activationUrl]).sort()).toEqual([
        [pending.user_id, 'fr', 'http://console.test/activation?token=new'],
        [optedOut.user_id, 'en', 'http://console.test/activation?token=b'],
      ].sort());
      expect(rows.find((row) => row.user_id === pending.user_id)?.payload).toEqual({
        firstName: pending.first_name, lastName: pending.last_name, activationUrl: 'http://console.test/activation?token=new', expiresAt: '2026-12-14T05:00:00.000Z',
      });
      expect(await writeActivationMails(db.manager, [])).toBe(0);
    });
  });
});
