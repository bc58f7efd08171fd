import { DataSource } from 'typeorm';
import { CodedMessage, formatMessage, formatMessageDate, formatMessageNumber, formatMessagePeriod, recordText } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { AllocationDispatcher } from './allocation.dispatcher';

jest.setTimeout(180_000);

const FROM = '2026-12-07';
const TO = '2026-12-18';

/**
 * Routine HR edits after a rotation is published (a pool's capacity cut below what the
 * rotation needs, an agent's weekly max lowered below its group's rotation) must not make
 * every later run FAIL: the run plans the rest, keeps the fewest agents on site and names each
 * conflict in its warnings. An edit no plan could absorb (reserved seats above a cut) is
 * refused with the half-days.
 */
describe.each(TEST_DATABASE_MODES)('HR edits after publication on %s', (mode) => {
  let api: ApiHarness;
  let hr: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi(mode);
    const logins = Object.fromEntries(api.startup.demoLogins.map((login) => [login.role, login.email]));
    hr = await api.login(logins['HR']);
    db = api.app.get(DataSource);
    expect((await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } })).status).toBe(200);
    const draft = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(draft.status).toBe(201);
    expect((await api.call('POST', `/api/rotations/${draft.body.id}/publish`, { token: hr, body: {} })).status).toBe(200);
  });

  afterAll(async () => api?.close());

  interface Run { id: string; status: string; error: string | null; warnings: string[]; codedWarnings: CodedMessage[] }

  /** A finished run as the API answers it; its coded warnings are stored as answered, their English record beside them. */
  async function run(): Promise<Run> {
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    expect(triggered.status).toBe(202);
    await api.app.get(AllocationDispatcher).idle();
    for (let i = 0; i < 300; i++) {
      const found = await api.call('GET', `/api/allocation-runs/${triggered.body.id}`, { token: hr });
      if (found.body.status === 'SUCCEEDED' || found.body.status === 'FAILED') return checkedWarnings(found.body);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`run ${triggered.body.id} did not finish`);
  }

  async function checkedWarnings(done: Run): Promise<Run> {
    const [stored] = await db.query(`SELECT warnings, coded_warnings FROM allocation_runs WHERE id = $1`, [done.id]);
    expect(stored.coded_warnings).toEqual(done.codedWarnings);
    expect(stored.warnings).toEqual(done.warnings);
    expect(done.warnings).toEqual(done.codedWarnings.map(recordText));
    return done;
  }

  /**
   * REMOTE agents (all, or only those the rotation puts remote) + reserved seats per pool ×
   * half-day of the horizon, with the capacity in force, busiest first.
   */
  async function use(rotationOnly = false): Promise<{ id: string; code: string; date: string; period: string; remote: number; reserved: number; capacity: number }[]> {
    return db.query(
      `SELECT p.id, p.code, to_char(s.date, 'YYYY-MM-DD') AS date, s.period, count(*)::int AS remote,
              pool_reserved_seats(p.id, s.date, s.period) AS reserved, pool_capacity_on(p.id, s.date) AS capacity
       FROM assignments s JOIN capacity_pools p ON p.id = s.pool_id
       WHERE s.mode = 'REMOTE' AND s.date BETWEEN $1 AND $2 AND ($3 = false OR s.source = 'ROTATION')
       GROUP BY p.id, p.code, s.date, s.period ORDER BY count(*) DESC, p.code, s.date, s.period`,
      [FROM, TO, rotationOnly],
    );
  }

  it('a pool capacity cut below the published rotation: the run SUCCEEDS, within the new cap, and names pool and half-day', async () => {
    const [busiest] = await use(true);
    const [{ reservedMost }] = await db.query(
      `SELECT coalesce(max(s), 0)::int AS "reservedMost" FROM (SELECT sum(seats) AS s FROM reservations WHERE pool_id = $1 GROUP BY date, period) x`,
      [busiest.id],
    );
    const cut = Math.max(reservedMost, busiest.remote + busiest.reserved - 2);
    expect(cut).toBeLessThan(busiest.remote + busiest.reserved);
    const put = await api.call('PUT', `/api/pools/${busiest.id}`, { token: hr, body: { capacity: cut, reserve: 0, capacityChanges: [] } });
    expect(put.status).toBe(200);

    const done = await run();
    expect({ status: done.status, error: done.error }).toEqual({ status: 'SUCCEEDED', error: null });
    const warning = done.codedWarnings.find((w) => w.code === 'KEPT_ON_SITE_POOL' && w['pool'] === busiest.code
      && w['date'] === busiest.date && w['period'] === busiest.period);
    expect(warning).toMatchObject({
      remote: busiest.remote, reserved: busiest.reserved, used: busiest.remote + busiest.reserved, capacity: cut, reserve: 0,
    });
    expect(warning?.['kept']).toBeGreaterThan(0);
    // worded in French from its figures (the console's wording)
    const n = (value: number) => formatMessageNumber(value, 'fr');
    expect(formatMessage(warning as CodedMessage, 'fr')).toContain(
      `${busiest.code} au-delà de sa capacité le ${formatMessageDate(busiest.date, 'fr')} ${formatMessagePeriod(busiest.period, 'fr')} avec la rotation : ` +
      `${n(busiest.remote)} agents en télétravail + ${n(busiest.reserved)} places réservées = ${n(busiest.remote + busiest.reserved)} places sur ${n(cut)}`,
    );
    // the plan written keeps the cut everywhere
    for (const row of await use()) expect(row.remote + row.reserved).toBeLessThanOrEqual(row.capacity);
    const after = (await use()).find((row) => row.id === busiest.id && row.date === busiest.date && row.period === busiest.period);
    expect((after?.remote ?? 0) + busiest.reserved).toBe(cut);
  });

  it("an agent's weekly max lowered below its group's rotation: the run SUCCEEDS and the agent keeps that many remote half-days", async () => {
    const [member] = await db.query(
      `SELECT s.agent_id AS id, count(*)::int AS remote FROM assignments s
       WHERE s.mode = 'REMOTE' AND s.source = 'ROTATION' AND s.date BETWEEN '2026-12-07' AND '2026-12-11'
       GROUP BY s.agent_id HAVING count(*) >= 3 ORDER BY count(*) DESC, s.agent_id LIMIT 1`,
    );
    expect(member).toBeDefined();
    const patched = await api.call('PATCH', `/api/agents/${member.id}`, { token: hr, body: { weeklyMin: 0, weeklyMax: 1 } });
    expect(patched.status).toBe(200);

    const done = await run();
    expect({ status: done.status, error: done.error }).toEqual({ status: 'SUCCEEDED', error: null });
    const warning = done.codedWarnings.find((w) => w.code === 'KEPT_ON_SITE_WEEKLY_MAX' && w['agent'] === member.id);
    expect(warning).toMatchObject({ week: 50, count: member.remote, max: 1 });
    expect((warning?.['halfDays'] as unknown[]).length).toBe(member.remote - 1);
    const [{ remote }] = await db.query(
      `SELECT count(*)::int AS remote FROM assignments WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN '2026-12-07' AND '2026-12-11'`,
      [member.id],
    );
    expect(remote).toBe(1);
  });

  it('a cut below seats already reserved for events is refused with the half-days, and nothing changes', async () => {
    const [{ id }] = await db.query(`SELECT id FROM capacity_pools ORDER BY code LIMIT 1`);
    // room for the reservation first
    expect((await api.call('PUT', `/api/pools/${id}`, { token: hr, body: { capacity: 100, reserve: 2, capacityChanges: [] } })).status).toBe(200);
    const [pool] = await db.query(`SELECT id, code, capacity, reserve FROM capacity_pools WHERE id = $1`, [id]);
    const reservation = await api.call('POST', '/api/reservations', {
      token: hr, body: { poolId: pool.id, date: '2026-12-16', period: 'PM', seats: 1, label: 'Séance plénière' },
    });
    expect(reservation.status).toBe(201);
    const [{ reserved }] = await db.query(
      `SELECT sum(seats)::int AS reserved FROM reservations WHERE pool_id = $1 AND date = '2026-12-16' AND period = 'PM'`,
      [pool.id],
    );
    const refused = await api.call('PUT', `/api/pools/${pool.id}`, {
      token: hr, body: { capacityChanges: [{ from: '2026-12-14', capacity: reserved - 1 + pool.reserve }] },
    });
    expect(refused.status).toBe(409);
    const halfDays = [{ date: '2026-12-16', period: 'PM', reserved, capacity: reserved - 1 + pool.reserve, reserve: pool.reserve }];
    expect(refused.body).toEqual({
      statusCode: 409, code: 'RESERVATIONS_ABOVE_OPEN_SEATS', pool: pool.code, count: 1, halfDays,
      message: `${pool.code}: this change leaves seats reserved for events above what the pool keeps outside its reserve on 1 half-day ` +
        `(2026-12-16 PM: ${reserved} seats reserved for ${reserved - 1} outside the reserve (capacity ${reserved - 1 + pool.reserve}, ` +
        `reserve ${pool.reserve})); move or delete those reservations first`,
    });
    expect(formatMessage(refused.body, 'fr')).toBe(
      `${pool.code} : cette modification laisse des places réservées pour des événements au-delà de ce que le pool garde hors réserve ` +
      `sur 1 demi-journée (mercredi 16 décembre 2026 après-midi : ${reserved} places réservées pour ${reserved - 1} hors réserve ` +
      `(capacité ${reserved - 1 + pool.reserve}, réserve ${pool.reserve})) ; déplacez ou supprimez d’abord ces réservations`,
    );
    const [unchanged] = await db.query(`SELECT capacity, reserve FROM capacity_pools WHERE id = $1`, [pool.id]);
    expect(unchanged).toEqual({ capacity: pool.capacity, reserve: pool.reserve });
    const [{ changes }] = await db.query(`SELECT count(*)::int AS changes FROM capacity_changes WHERE pool_id = $1`, [pool.id]);
    expect(changes).toBe(0);
    // the run still plans
    expect((await run()).status).toBe('SUCCEEDED');
  });
});
