import { DataSource } from 'typeorm';
import { rebuildPoolUsage } from '@telework/planning-data';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(300_000);

/** Working half-days of the tiny demo's horizon, one per round (no public holiday among them). */
const ROUNDS = [
  { date: '2026-12-14', period: 'AM' as const },
  { date: '2026-12-14', period: 'PM' as const },
  { date: '2026-12-15', period: 'AM' as const },
  { date: '2026-12-15', period: 'PM' as const },
  { date: '2026-12-16', period: 'AM' as const },
  { date: '2026-12-16', period: 'PM' as const },
];
const ALREADY_REMOTE = 10;
const ASKING = 30;
const FREE = 8;
const SEATS = 5;

/**
 * A reservation and many approvals fired at once on a nearly full pool × half-day: both paths
 * lock the pool, then the counter row, and only then read the figures they check, so the seats
 * taken by agents plus the seats reserved never exceed the cap, whoever wins. PostgreSQL only:
 * PGlite has one session, so concurrent transactions would prove nothing.
 */
describe('a reservation racing approvals on postgres', () => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: { HR: string; ADMIN: string };
  let pool: { id: string; code: string; reserve: number };
  let place: { site_id: string; org_unit_id: string };

  beforeAll(async () => {
    api = await startApi('postgres');
    db = api.app.get(DataSource);
    const login = (role: string) => api.login(api.startup.demoLogins.find((l) => l.role === role)?.email as string);
    tokens = { HR: await login('HR'), ADMIN: await login('ADMIN') };
    [pool] = await db.query(`SELECT id, code, reserve FROM capacity_pools WHERE code = 'VDI'`);
    [place] = await db.query(`SELECT site_id, org_unit_id FROM agents ORDER BY employee_number LIMIT 1`);
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each(ROUNDS.map((at, round) => [round, at] as const))(
    `round %i: ${ASKING} approvals and a reservation of ${SEATS} seats for ${FREE} free seats never exceed the cap`,
    async (round, at) => {
      // ELECTED agents: only the whole cap binds them (the reserve is theirs too)
      const agents: { id: string }[] = await db.query(
        `INSERT INTO agents (employee_number, first_name, last_name, email, site_id, org_unit_id, eligible, access_pool_id, tier)
         SELECT 'RR' || $5::text || lpad(i::text, 4, '0'), 'Agent', 'Race ' || i, 'race' || $5::text || '-' || i || '@example.fr',
                $1, $2, true, $3, 'ELECTED'
         FROM generate_series(1, $4::int) AS i ORDER BY i RETURNING id`,
        [place.site_id, place.org_unit_id, pool.id, ALREADY_REMOTE + ASKING, String(round)],
      );
      const remote = agents.slice(0, ALREADY_REMOTE).map((a) => a.id);
      const asking = agents.slice(ALREADY_REMOTE).map((a) => a.id);
      const [{ version }] = await db.query(
        `INSERT INTO plan_versions (version, horizon_from, horizon_to, kind)
         SELECT coalesce(max(version), 0) + 1, $1, $1, 'ROTATION_PUBLICATION' FROM plan_versions RETURNING version`,
        [at.date],
      );
      // the half-day holds only this round's agents
      await db.query(`DELETE FROM assignments WHERE date = $1 AND period = $2`, [at.date, at.period]);
      await db.query(
        `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, plan_version)
         SELECT a.id, $2, $3, CASE WHEN a.id = ANY($4::uuid[]) THEN 'REMOTE' ELSE 'ON_SITE' END,
                CASE WHEN a.id = ANY($4::uuid[]) THEN 'ROTATION' ELSE 'DEFAULT' END,
                CASE WHEN a.id = ANY($4::uuid[]) THEN a.access_pool_id END, a.site_id, $5
         FROM agents a WHERE a.id = ANY($1::uuid[])`,
        [agents.map((a) => a.id), at.date, at.period, remote, version],
      );
      await rebuildPoolUsage(db.manager, at.date, at.date);
      const [{ reserved }] = await db.query(
        `SELECT coalesce(sum(seats), 0)::int AS reserved FROM reservations WHERE pool_id = $1 AND date = $2 AND period = $3`,
        [pool.id, at.date, at.period],
      );
      const capacity = ALREADY_REMOTE + reserved + FREE;
      await db.query(`DELETE FROM capacity_changes WHERE pool_id = $1`, [pool.id]);
      await db.query(`UPDATE capacity_pools SET capacity = $2, reserve = 0 WHERE id = $1`, [pool.id, capacity]);
      const requests: { id: string }[] = await db.query(
        `INSERT INTO telework_requests (agent_id, date, period, kind)
         SELECT id, $2, $3, 'REMOTE' FROM unnest($1::uuid[]) AS id RETURNING id`,
        [asking, at.date, at.period],
      );

      // the reservation goes out in the middle of the approvals
      const approvals = requests.map((request, i) =>
        api.call('POST', `/api/requests/${request.id}/approve`, { token: i % 2 ? tokens.HR : tokens.ADMIN, body: {} }));
      const middle = Math.floor(requests.length / 3);
      const [reservation, ...decided] = await Promise.all([
        new Promise<Awaited<ReturnType<ApiHarness['call']>>>((resolve) => setImmediate(() => resolve(
          api.call('POST', '/api/reservations', {
            token: tokens.HR,
            body: { poolId: pool.id, date: at.date, period: at.period, seats: SEATS, label: `Séance ${round}` },
          }),
        ))),
        ...approvals.slice(0, middle),
        ...approvals.slice(middle),
      ]);

      expect(decided.map((r) => r.status)).toEqual(requests.map(() => 200));
      expect([201, 409]).toContain(reservation.status);
      if (reservation.status === 409) {
        // refused with the figures it was refused on, read under the locks
        expect(reservation.body).toMatchObject({ code: 'RESERVATION_OVER_CAPACITY', date: at.date, period: at.period, seats: SEATS, capacity });
        expect(reservation.body.used + SEATS).toBeGreaterThan(capacity);
      }
      const granted = decided.filter((r) => r.body.allocationStatus === 'GRANTED').length;
      const [{ seats }] = await db.query(
        `SELECT coalesce(sum(seats), 0)::int AS seats FROM reservations WHERE pool_id = $1 AND date = $2 AND period = $3`,
        [pool.id, at.date, at.period],
      );
      const [{ remoteNow }] = await db.query(
        `SELECT count(*)::int AS "remoteNow" FROM assignments WHERE date = $1 AND period = $2 AND pool_id = $3 AND mode = 'REMOTE'`,
        [at.date, at.period, pool.id],
      );
      const [usage] = await db.query(
        `SELECT remote_count FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3`,
        [pool.id, at.date, at.period],
      );
      expect(usage.remote_count).toBe(remoteNow);
      expect(remoteNow).toBe(ALREADY_REMOTE + granted);
      // the hard rule: agents remote + seats reserved ≤ capacity, and every free seat is used
      expect(remoteNow + seats).toBeLessThanOrEqual(capacity);
      expect(seats - reserved).toBe(reservation.status === 201 ? SEATS : 0);
      expect(granted).toBe(reservation.status === 201 ? FREE - SEATS : FREE);
    },
  );
});
