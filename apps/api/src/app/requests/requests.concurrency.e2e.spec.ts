import { DataSource } from 'typeorm';
import { recordText, Refusal } from '@telework/contracts';
import { rebuildPoolUsage } from '@telework/planning-data';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(120_000);

const AT = { date: '2026-12-09', period: 'AM' as const };
const ASKING = 50;
const ALREADY_REMOTE = 10;
const FREE = 10;

/**
 * The issue's own test: 50 approvals at once compete for 10 free seats of a pool × half-day.
 * PostgreSQL only: PGlite has one session, so concurrent transactions would prove nothing.
 */
describe('concurrent approvals on postgres', () => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: { HR: string; ADMIN: string };

  beforeAll(async () => {
    api = await startApi('postgres');
    db = api.app.get(DataSource);
    const login = (role: string) => api.login(api.startup.demoLogins.find((l) => l.role === role)?.email as string);
    tokens = { HR: await login('HR'), ADMIN: await login('ADMIN') };
  });

  afterAll(async () => {
    await api?.close();
  });

  it(`grants exactly ${FREE} of ${ASKING} parallel approvals for ${FREE} free seats, and no cap is exceeded`, async () => {
    const [pool] = await db.query(`SELECT id, code, reserve FROM capacity_pools WHERE code = 'VDI'`);
    const [place] = await db.query(`SELECT site_id, org_unit_id FROM agents ORDER BY employee_number LIMIT 1`);
    // 60 eligible STANDARD agents of the pool: 10 already remote on the half-day in the plan, 50 on site who ask
    const agents: { id: string }[] = await db.query(
      `INSERT INTO agents (employee_number, first_name, last_name, email, site_id, org_unit_id, eligible, access_pool_id, tier)
       SELECT 'CC' || lpad(i::text, 5, '0'), 'Agent', 'Concurrent ' || i, 'concurrent' || i || '@example.fr', $1, $2, true, $3, 'STANDARD'
       FROM generate_series(1, $4::int) AS i ORDER BY i RETURNING id`,
      [place.site_id, place.org_unit_id, pool.id, ALREADY_REMOTE + ASKING],
    );
    const remote = agents.slice(0, ALREADY_REMOTE).map((a) => a.id);
    const asking = agents.slice(ALREADY_REMOTE).map((a) => a.id);
    const [{ version }] = await db.query(
      `INSERT INTO plan_versions (version, horizon_from, horizon_to, kind)
       SELECT coalesce(max(version), 0) + 1, $1, $1, 'ROTATION_PUBLICATION' FROM plan_versions RETURNING version`,
      [AT.date],
    );
    await db.query(
      `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, plan_version)
       SELECT a.id, $2, $3, CASE WHEN a.id = ANY($4::uuid[]) THEN 'REMOTE' ELSE 'ON_SITE' END,
              CASE WHEN a.id = ANY($4::uuid[]) THEN 'ROTATION' ELSE 'DEFAULT' END,
              CASE WHEN a.id = ANY($4::uuid[]) THEN a.access_pool_id END, a.site_id, $5
       FROM agents a WHERE a.id = ANY($1::uuid[])`,
      [agents.map((a) => a.id), AT.date, AT.period, remote, version],
    );
    await rebuildPoolUsage(db.manager, AT.date, AT.date);
    const [{ reserved }] = await db.query(
      `SELECT coalesce(sum(seats), 0)::int AS reserved FROM reservations WHERE pool_id = $1 AND date = $2 AND period = $3`,
      [pool.id, AT.date, AT.period],
    );
    // standard agents may use capacity − reserve: exactly FREE seats are left for them
    const capacity = ALREADY_REMOTE + reserved + pool.reserve + FREE;
    await db.query(`INSERT INTO capacity_changes (pool_id, effective_from, capacity) VALUES ($1, $2, $3)`, [pool.id, AT.date, capacity]);
    const requests: { id: string }[] = await db.query(
      `INSERT INTO telework_requests (agent_id, date, period, kind)
       SELECT id, $2, $3, 'REMOTE' FROM unnest($1::uuid[]) AS id RETURNING id`,
      [asking, AT.date, AT.period],
    );

    const started = Date.now();
    const responses = await Promise.all(requests.map((request, i) =>
      api.call('POST', `/api/requests/${request.id}/approve`, { token: i % 2 ? tokens.HR : tokens.ADMIN, body: {} })));
    const elapsed = Date.now() - started;
    console.log(`${ASKING} parallel approvals for ${FREE} free seats answered in ${elapsed} ms`);

    expect(responses.map((r) => r.status)).toEqual(requests.map(() => 200));
    const outcomes = responses.map((r) => r.body.allocationStatus);
    expect(outcomes.filter((o) => o === 'GRANTED')).toHaveLength(FREE);
    expect(outcomes.filter((o) => o === 'WAITLISTED')).toHaveLength(ASKING - FREE);
    // the last seat outside the reserve is taken: every loser reads the STANDARD share full with the
    // engine's figures (the pool itself is full only when it has no reserve)
    const refusal: Refusal = pool.reserve > 0
      ? { code: 'STANDARD_SHARE_FULL', pool: 'VDI', ...AT, used: capacity - pool.reserve, open: capacity - pool.reserve, capacity, reserve: pool.reserve }
      : { code: 'POOL_FULL', pool: 'VDI', ...AT, used: capacity, capacity, reserved };
    for (const response of responses.filter((r) => r.body.allocationStatus === 'WAITLISTED')) {
      expect(response.body).toMatchObject({ allocationRefusal: refusal, allocationReason: recordText(refusal) });
    }

    // the database agrees, recounted from the assignments
    const [counts] = await db.query(
      `SELECT count(*) FILTER (WHERE s.mode = 'REMOTE')::int AS remote,
              count(*) FILTER (WHERE s.mode = 'REMOTE' AND s.source = 'REQUEST')::int AS granted,
              count(*) FILTER (WHERE s.mode = 'REMOTE' AND a.tier = 'STANDARD')::int AS standard
       FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.date = $1 AND s.period = $2 AND s.pool_id = $3`,
      [AT.date, AT.period, pool.id],
    );
    expect(counts).toEqual({ remote: ALREADY_REMOTE + FREE, granted: FREE, standard: ALREADY_REMOTE + FREE });
    const [usage] = await db.query(
      `SELECT remote_count, standard_count FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3`,
      [pool.id, AT.date, AT.period],
    );
    expect(usage).toEqual({ remote_count: counts.remote, standard_count: counts.standard });
    expect(counts.remote + reserved).toBeLessThanOrEqual(capacity);
    expect(counts.standard + reserved).toBeLessThanOrEqual(capacity - pool.reserve);

    const grantedIds = responses.filter((r) => r.body.allocationStatus === 'GRANTED').map((r) => r.body.agentId).sort();
    const remoteByRequest = (await db.query(
      `SELECT agent_id FROM assignments WHERE date = $1 AND period = $2 AND source = 'REQUEST' ORDER BY agent_id`,
      [AT.date, AT.period],
    )).map((row: { agent_id: string }) => row.agent_id);
    expect(remoteByRequest).toEqual(grantedIds);
    const [{ history, audit, notices }] = await db.query(
      `SELECT (SELECT count(*)::int FROM request_status_history WHERE request_id = ANY($1::uuid[]) AND status = 'APPROVED') AS history,
              (SELECT count(*)::int FROM audit_log WHERE entity_id = ANY($2::text[]) AND action = 'request.approved') AS audit,
              (SELECT count(*)::int FROM notices WHERE agent_id = ANY($3::uuid[]) AND kind = 'REQUEST_DECIDED') AS notices`,
      [requests.map((r) => r.id), requests.map((r) => r.id), asking],
    );
    expect({ history, audit, notices }).toEqual({ history: ASKING, audit: ASKING, notices: ASKING });
  });
});
