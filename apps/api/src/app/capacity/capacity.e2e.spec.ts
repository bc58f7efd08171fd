import { DataSource } from 'typeorm';
import { formatMessage } from '@telework/contracts';
import { formatCount, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(120_000);

type Role = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';

/** A range with two public holidays (25 December, 1 January) and two calendar months. */
const FROM = '2026-12-07';
const TO = '2027-01-08';

/** Plans [FROM, TO] with the engine and writes it as the current plan, so the counts are real. */
async function writeCurrentPlan(api: ApiHarness): Promise<{ snapshot: PlanningSnapshot; plan: Plan; version: number }> {
  const dataSource = api.app.get(DataSource);
  return dataSource.transaction(async (manager) => {
    const snapshot = await readPlanningSnapshot(manager, {
      from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' },
    });
    const plan = planSnapshot(snapshot);
    const { version } = await writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false });
    return { snapshot, plan, version };
  });
}

function fields(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe.each(TEST_DATABASE_MODES)('capacity on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<Role, string>;
  let dataSource: DataSource;
  let written: { snapshot: PlanningSnapshot; plan: Plan; version: number };
  let pools: { id: string; code: string; capacity: number; reserve: number }[];

  beforeAll(async () => {
    api = await startApi(mode);
    dataSource = api.app.get(DataSource);
    tokens = Object.fromEntries(
      await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
    written = await writeCurrentPlan(api);
    pools = await dataSource.query(`SELECT id, code, capacity, reserve FROM capacity_pools ORDER BY code`);
  });

  afterAll(async () => {
    await api?.close();
  });

  function pool(code: string) {
    const found = pools.find((p) => p.code === code);
    if (!found) throw new Error(`no pool ${code} in the demo data`);
    return found;
  }

  describe('capacity view', () => {
    it('counts, per working half-day, remote agents per pool, reserved and free seats, on-site agents per site and video minutes, as the plan has them', async () => {
      const response = await api.call('GET', `/api/capacity?from=${FROM}&to=${TO}`, { token: tokens.HR });
      expect(response.status).toBe(200);
      const view = response.body;
      const { snapshot, plan } = written;

      // working half-days only: 25 December and 1 January are public holidays, weekends are out
      const keys = view.halfDays.map((h: { date: string; period: string }) => `${h.date}${h.period}`);
      expect(keys).toEqual(plan.halfDays);
      expect(keys).toContain('2026-12-24PM');
      expect(keys.some((k: string) => k.startsWith('2026-12-25') || k.startsWith('2027-01-01'))).toBe(false);
      expect(keys.some((k: string) => k.startsWith('2026-12-12') || k.startsWith('2026-12-13'))).toBe(false);
      expect(keys).toHaveLength(2 * (25 - 2)); // 25 weekdays in the range, minus the two holidays

      // independent counts from the plan object
      const poolOf = new Map(snapshot.agents.map((a) => [a.id, a.pool ?? null]));
      const siteOf = new Map(snapshot.agents.map((a) => [a.id, a.siteId]));
      const remote = new Map<string, number>();
      const onSite = new Map<string, number>();
      for (const agent of plan.agents) {
        [...agent.modes].forEach((letter, i) => {
          if (letter === 'R') remote.set(`${poolOf.get(agent.id)}|${plan.halfDays[i]}`, (remote.get(`${poolOf.get(agent.id)}|${plan.halfDays[i]}`) ?? 0) + 1);
          if (letter === 'S') onSite.set(`${siteOf.get(agent.id)}|${plan.halfDays[i]}`, (onSite.get(`${siteOf.get(agent.id)}|${plan.halfDays[i]}`) ?? 0) + 1);
        });
      }
      const reserved = new Map<string, number>();
      for (const r of snapshot.reservations ?? []) {
        reserved.set(`${r.pool}|${r.date}${r.period}`, (reserved.get(`${r.pool}|${r.date}${r.period}`) ?? 0) + r.seats);
      }
      expect([...reserved.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0); // the council session
      let totalRemote = 0;
      for (const halfDay of view.halfDays) {
        const key = `${halfDay.date}${halfDay.period}`;
        expect(halfDay.pools.map((p: { code: string }) => p.code)).toEqual(pools.map((p) => p.code));
        for (const use of halfDay.pools) {
          const pool = snapshot.pools.find((p) => p.id === use.code);
          const expectedCapacity = [...(pool?.capacityChanges ?? [])].filter((c) => c.from <= halfDay.date).pop()?.capacity ?? pool?.capacity;
          const expected = {
            capacity: expectedCapacity,
            reserve: pool?.reserve ?? 0,
            remote: remote.get(`${use.code}|${key}`) ?? 0,
            reserved: reserved.get(`${use.code}|${key}`) ?? 0,
          };
          expect({ capacity: use.capacity, reserve: use.reserve, remote: use.remote, reserved: use.reserved }).toEqual(expected);
          expect(use.free).toBe(Number(expected.capacity) - expected.remote - expected.reserved);
          totalRemote += use.remote;
        }
      }
      expect(totalRemote).toBeGreaterThan(0);

      const sites: { id: string; capacity: number }[] = await dataSource.query(`SELECT id, capacity FROM sites ORDER BY code`);
      expect(view.sites.map((s: { siteId: string }) => s.siteId)).toEqual(sites.map((s) => s.id));
      for (const site of view.sites) {
        expect(site.capacity).toBe(sites.find((s) => s.id === site.siteId)?.capacity);
        expect(site.onSite).toEqual(plan.halfDays.map((key) => onSite.get(`${site.siteId}|${key}`) ?? 0));
      }

      // video: remote half-days per calendar month × minutes per remote half-day
      const perMonth = new Map<string, number>([['2026-12', 0], ['2027-01', 0]]);
      for (const agent of plan.agents) {
        [...agent.modes].forEach((letter, i) => {
          if (letter === 'R') perMonth.set(plan.halfDays[i].slice(0, 7), (perMonth.get(plan.halfDays[i].slice(0, 7)) ?? 0) + 1);
        });
      }
      const minutes = api.config.video.minutesPerRemoteHalfDay;
      expect(view.video.monthlyLicenceMinutes).toBe(600_000);
      expect(view.video.minutesPerRemoteHalfDay).toBe(minutes);
      expect(view.video.months).toEqual(
        [...perMonth].map(([month, n]) => ({ month, remoteHalfDays: n, minutes: n * minutes, licenceMinutes: 600_000 })),
      );
    });

    it('answers 400 naming the field for a reversed range, a range over 92 days and a bad date', async () => {
      const reversed = await api.call('GET', '/api/capacity?from=2026-12-18&to=2026-12-07', { token: tokens.HR });
      expect(reversed.status).toBe(400);
      expect(reversed.body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'to', code: 'RANGE_END_BEFORE_START', from: '2026-12-18' }] });
      const long = await api.call('GET', '/api/capacity?from=2026-12-01&to=2027-03-05', { token: tokens.HR });
      expect(long.status).toBe(400);
      expect(long.body.errors).toEqual([
        { field: 'to', code: 'RANGE_TOO_LONG', max: 92, days: 95, message: 'the range covers 95 days, at most 92' },
      ]);
      // 92 days exactly is allowed
      expect((await api.call('GET', '/api/capacity?from=2026-12-01&to=2027-03-02', { token: tokens.HR })).status).toBe(200);
      const bad = await api.call('GET', '/api/capacity?from=2026-02-30&to=2026-03-02', { token: tokens.HR });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'NOT_A_DATE' })]);
      const missing = await api.call('GET', '/api/capacity?from=2026-12-01', { token: tokens.HR });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'to', code: 'REQUIRED' }));
    });

    it('lets a manager read it and refuses an agent', async () => {
      expect((await api.call('GET', `/api/capacity?from=${FROM}&to=2026-12-11`, { token: tokens.MANAGER })).status).toBe(200);
      expect((await api.call('GET', `/api/capacity?from=${FROM}&to=2026-12-11`, { token: tokens.AGENT })).status).toBe(403);
      expect((await api.call('GET', `/api/capacity?from=${FROM}&to=2026-12-11`)).status).toBe(401);
    });
  });

  it('documents its routes in OpenAPI, with bearer auth and response types', async () => {
    const docs = await api.call('GET', '/api/docs-json');
    const routes: [string, string, string][] = [
      ['/api/pools', 'get', 'PoolPageDto'], ['/api/pools/{id}', 'get', 'PoolResponseDto'], ['/api/pools/{id}', 'put', 'PoolResponseDto'],
      ['/api/reservations', 'get', 'ReservationPageDto'], ['/api/reservations', 'post', 'ReservationResponseDto'],
      ['/api/reservations/{id}', 'delete', ''], ['/api/capacity', 'get', 'CapacityResponseDto'],
      ['/api/capacity/licences', 'get', 'LicenceSizingResponseDto'], ['/api/snapshots', 'get', ''], ['/api/what-if', 'post', 'WhatIfResponseDto'],
    ];
    for (const [path, method, schema] of routes) {
      const operation = docs.body.paths[path]?.[method];
      expect({ path, method, documented: Boolean(operation) }).toEqual({ path, method, documented: true });
      expect(operation.security).toEqual([{ bearer: [] }]);
      if (schema) expect(JSON.stringify(operation.responses)).toContain(`#/components/schemas/${schema}`);
    }
    expect(JSON.stringify(docs.body.paths['/api/what-if'].post.requestBody)).toContain('#/components/schemas/WhatIfDto');
  });

  describe('pools', () => {
    it('lists the pools for any signed-in user and reads one; unknown id → 404, bad id → 400', async () => {
      const list = await api.call('GET', '/api/pools', { token: tokens.AGENT });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(pools.length);
      expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['VDI', 'VPN']);
      const vdi = pool('VDI');
      const one = await api.call('GET', `/api/pools/${vdi.id}`, { token: tokens.AGENT });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: vdi.id, code: 'VDI', capacity: vdi.capacity, reserve: vdi.reserve });
      expect(Array.isArray(one.body.capacityChanges)).toBe(true);
      const unknown = await api.call('GET', '/api/pools/00000000-0000-4000-8000-000000000000', { token: tokens.HR });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'POOL_NOT_FOUND', id: '00000000-0000-4000-8000-000000000000' });
      const bad = await api.call('GET', '/api/pools/nope', { token: tokens.HR });
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['id']);
    });

    it('refuses an AGENT or a MANAGER changing a pool', async () => {
      const vdi = pool('VDI');
      expect((await api.call('PUT', `/api/pools/${vdi.id}`, { token: tokens.AGENT, body: { capacity: 1 } })).status).toBe(403);
      expect((await api.call('PUT', `/api/pools/${vdi.id}`, { token: tokens.MANAGER, body: { capacity: 1 } })).status).toBe(403);
      const [{ capacity }] = await dataSource.query(`SELECT capacity FROM capacity_pools WHERE id = $1`, [vdi.id]);
      expect(capacity).toBe(vdi.capacity);
    });

    it('refuses a reserve above the capacity (400 reserve), duplicate change dates and negative capacities, changing nothing', async () => {
      const vpn = pool('VPN');
      const above = await api.call('PUT', `/api/pools/${vpn.id}`, { token: tokens.HR, body: { reserve: vpn.capacity + 1 } });
      expect(above.status).toBe(400);
      expect(above.body).toMatchObject({ statusCode: 400, code: 'INVALID_FIELDS' });
      expect(above.body.errors).toEqual([{
        field: 'reserve', code: 'RESERVE_ABOVE_CAPACITY', reserve: vpn.capacity + 1, capacity: vpn.capacity,
        message: `must not exceed the capacity (${formatCount(vpn.capacity + 1)} > ${formatCount(vpn.capacity)})`,
      }]);
      const lowered = await api.call('PUT', `/api/pools/${vpn.id}`, { token: tokens.HR, body: { capacity: vpn.reserve > 0 ? vpn.reserve - 1 : 0, reserve: vpn.reserve > 0 ? vpn.reserve : 1 } });
      expect(lowered.status).toBe(400);
      expect(lowered.body.errors).toEqual([expect.objectContaining({ field: 'reserve', code: 'RESERVE_ABOVE_CAPACITY' })]);
      const underChange = await api.call('PUT', `/api/pools/${vpn.id}`, {
        token: tokens.HR, body: { reserve: 2, capacity: 5, capacityChanges: [{ from: '2027-01-04', capacity: 1 }, { from: '2027-02-01', capacity: 0 }] },
      });
      expect(underChange.status).toBe(400);
      expect(underChange.body.errors).toEqual([{
        field: 'reserve', code: 'RESERVE_ABOVE_CAPACITY', reserve: 2, capacity: 1, from: '2027-01-04', more: 1,
        message: 'must not exceed the capacity of 1 from 2027-01-04 (and 1 more dated capacities)',
      }]);
      expect(formatMessage(underChange.body.errors[0], 'fr'))
        .toBe('la réserve (2) ne peut pas dépasser la capacité de 1 à partir du lundi 4 janvier 2027 (et 1 autre capacité datée)');
      const duplicate = await api.call('PUT', `/api/pools/${vpn.id}`, {
        token: tokens.HR, body: { capacityChanges: [{ from: '2027-01-04', capacity: 9 }, { from: '2027-01-04', capacity: 10 }] },
      });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.errors).toEqual([{
        field: 'capacityChanges[1].from', code: 'CAPACITY_CHANGE_DATE_REPEATED', date: '2027-01-04', index: 0,
        message: '2027-01-04 is already given at capacityChanges[0]',
      }]);
      expect(formatMessage(duplicate.body.errors[0], 'fr')).toBe('le lundi 4 janvier 2027 est déjà donné à la ligne 1');
      const negative = await api.call('PUT', `/api/pools/${vpn.id}`, {
        token: tokens.HR, body: { capacityChanges: [{ from: '2027-01-04', capacity: -1 }] },
      });
      expect(negative.status).toBe(400);
      expect(negative.body.errors).toEqual([expect.objectContaining({ field: 'capacityChanges.0.capacity', code: 'TOO_SMALL', min: 0 })]);
      const [row] = await dataSource.query(`SELECT capacity, reserve FROM capacity_pools WHERE id = $1`, [vpn.id]);
      expect(row).toEqual({ capacity: vpn.capacity, reserve: vpn.reserve });
      const [{ audited }] = await dataSource.query(`SELECT count(*)::int AS audited FROM audit_log WHERE action = 'pool.updated'`);
      expect(audited).toBe(0);
    });

    it('updates a pool with an audit entry (before/after); capacity changes replace the list and dated capacities show in the view', async () => {
      const vdi = pool('VDI');
      const first = await api.call('PUT', `/api/pools/${vdi.id}`, {
        token: tokens.HR,
        body: { name: 'Ferme VDI', capacityChanges: [{ from: '2026-12-21', capacity: vdi.capacity + 5 }, { from: '2026-12-14', capacity: vdi.capacity + 2 }] },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ name: 'Ferme VDI', capacity: vdi.capacity, reserve: vdi.reserve });
      expect(first.body.capacityChanges).toEqual([
        { from: '2026-12-14', capacity: vdi.capacity + 2 },
        { from: '2026-12-21', capacity: vdi.capacity + 5 },
      ]);

      const view = await api.call('GET', '/api/capacity?from=2026-12-11&to=2026-12-21', { token: tokens.HR });
      const capacityOn = (date: string) =>
        view.body.halfDays.find((h: { date: string }) => h.date === date).pools.find((p: { code: string }) => p.code === 'VDI').capacity;
      expect([capacityOn('2026-12-11'), capacityOn('2026-12-14'), capacityOn('2026-12-18'), capacityOn('2026-12-21')])
        .toEqual([vdi.capacity, vdi.capacity + 2, vdi.capacity + 2, vdi.capacity + 5]);

      const second = await api.call('PUT', `/api/pools/${vdi.id}`, {
        token: tokens.ADMIN, body: { capacityChanges: [{ from: '2027-01-04', capacity: vdi.capacity + 1 }] },
      });
      expect(second.status).toBe(200);
      expect(second.body.capacityChanges).toEqual([{ from: '2027-01-04', capacity: vdi.capacity + 1 }]);
      const stored = await dataSource.query(`SELECT to_char(effective_from, 'YYYY-MM-DD') AS d FROM capacity_changes WHERE pool_id = $1`, [vdi.id]);
      expect(stored).toEqual([{ d: '2027-01-04' }]);

      const audit: { details: { before: { name: string; capacityChanges: unknown[] }; after: { name: string; capacityChanges: unknown[] } } }[] =
        await dataSource.query(`SELECT details FROM audit_log WHERE action = 'pool.updated' AND entity_id = $1 ORDER BY at, id`, [vdi.id]);
      expect(audit).toHaveLength(2);
      const details = audit.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details));
      expect(details[0].before.name).not.toBe('Ferme VDI');
      expect(details[0].after.name).toBe('Ferme VDI');
      expect(details[0].after.capacityChanges).toHaveLength(2);
      expect(details[1].before.capacityChanges).toHaveLength(2);
      expect(details[1].after.capacityChanges).toEqual([{ from: '2027-01-04', capacity: vdi.capacity + 1 }]);
    });

    it('after a cap cut leaves the assignments alone and the view shows the new cap and the overflow', async () => {
      const vdi = pool('VDI');
      const fingerprint = () => dataSource.query(
        `SELECT count(*)::int AS n, md5(string_agg(agent_id::text || date::text || period || mode, ',' ORDER BY agent_id, date, period)) AS h FROM assignments`,
      );
      const before = await fingerprint();
      const view0 = await api.call('GET', `/api/capacity?from=${FROM}&to=2026-12-18`, { token: tokens.HR });
      const peak = Math.max(...view0.body.halfDays.map((h: { pools: { code: string; remote: number; reserved: number }[] }) => {
        const use = h.pools.find((p) => p.code === 'VDI');
        return use ? use.remote + use.reserved : 0;
      }));
      expect(peak).toBeGreaterThan(vdi.reserve + 1);
      const cut = peak - 1;
      const response = await api.call('PUT', `/api/pools/${vdi.id}`, { token: tokens.HR, body: { capacity: cut, capacityChanges: [] } });
      expect(response.status).toBe(200);
      expect(await fingerprint()).toEqual(before);
      const view = await api.call('GET', `/api/capacity?from=${FROM}&to=2026-12-18`, { token: tokens.HR });
      const uses = view.body.halfDays.map((h: { pools: { code: string }[] }) => h.pools.find((p) => p.code === 'VDI'));
      expect(uses.every((u: { capacity: number }) => u.capacity === cut)).toBe(true);
      const over = uses.filter((u: { free: number }) => u.free < 0);
      expect(over.length).toBeGreaterThan(0);
      expect(over.every((u: { free: number; remote: number; reserved: number }) => u.free === cut - u.remote - u.reserved)).toBe(true);
      // restore for the reservation tests
      expect((await api.call('PUT', `/api/pools/${vdi.id}`, { token: tokens.HR, body: { capacity: vdi.capacity, name: 'VDI' } })).status).toBe(200);
    });
  });

  describe('reservations', () => {
    const DAY = '2026-12-09';
    const PERIOD = 'AM';

    async function figures(poolId: string) {
      const [usage] = await dataSource.query(
        `SELECT coalesce(max(remote_count), 0)::int AS remote, coalesce(max(standard_count), 0)::int AS standard
         FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3`,
        [poolId, DAY, PERIOD],
      );
      const [{ reserved }] = await dataSource.query(
        `SELECT coalesce(sum(seats), 0)::int AS reserved FROM reservations WHERE pool_id = $1 AND date = $2 AND period = $3`,
        [poolId, DAY, PERIOD],
      );
      const [pool] = await dataSource.query(`SELECT code, capacity, reserve FROM capacity_pools WHERE id = $1`, [poolId]);
      return { ...usage, reserved, ...pool } as { remote: number; standard: number; reserved: number; code: string; capacity: number; reserve: number };
    }

    it('creates a reservation up to the free seats, then refuses one more seat with the figures (409)', async () => {
      const vdi = pool('VDI');
      const f = await figures(vdi.id);
      expect(f.remote).toBeGreaterThan(0); // the plan written in beforeAll uses this half-day
      const free = Math.min(f.capacity - f.remote - f.reserved, f.capacity - f.reserve - f.standard - f.reserved);
      expect(free).toBeGreaterThan(0);

      const created = await api.call('POST', '/api/reservations', {
        token: tokens.HR, body: { poolId: vdi.id, date: DAY, period: PERIOD, seats: free, label: 'Séance plénière' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ poolId: vdi.id, poolCode: 'VDI', date: DAY, period: PERIOD, seats: free, label: 'Séance plénière' });
      expect(new Date(created.body.createdAt).getTime()).toBeGreaterThan(0);

      const g = await figures(vdi.id);
      expect(g.reserved).toBe(f.reserved + free);
      const refused = await api.call('POST', '/api/reservations', {
        token: tokens.HR, body: { poolId: vdi.id, date: DAY, period: PERIOD, seats: 1, label: 'Une de trop' },
      });
      expect(refused.status).toBe(409);
      const used = g.remote + g.reserved;
      const expectedMessage = used + 1 > g.capacity
        ? `VDI full on ${DAY} ${PERIOD}: ${formatCount(used)} + 1 of ${formatCount(g.capacity)} seats`
        : `VDI full outside its reserve on ${DAY} ${PERIOD}: ${formatCount(g.standard + g.reserved)} + 1 of ${formatCount(g.capacity - g.reserve)} seats ` +
          `(${formatCount(g.reserve)} of ${formatCount(g.capacity)} are kept for priority agents)`;
      expect(refused.body.message).toBe(expectedMessage);
      const expected = {
        statusCode: 409, pool: 'VDI', date: DAY, period: PERIOD, seats: 1, capacity: g.capacity, reserve: g.reserve,
        remote: g.remote, standardRemote: g.standard, reserved: g.reserved,
      };
      expect(refused.body).toEqual(used + 1 > g.capacity
        ? { ...expected, code: 'RESERVATION_OVER_CAPACITY', used, message: expectedMessage }
        : { ...expected, code: 'RESERVATION_OVER_STANDARD_SHARE', used: g.standard + g.reserved, open: g.capacity - g.reserve, message: expectedMessage });
      const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
      expect(formatMessage(refused.body, 'fr')).toBe(used + 1 > g.capacity
        ? `places insuffisantes sur VDI le mercredi 9 décembre 2026 matin : ${fr(used)} prises + 1 demandées pour ${fr(g.capacity)} places`
        : `places insuffisantes hors réserve sur VDI le mercredi 9 décembre 2026 matin : ${fr(g.standard + g.reserved)} prises + 1 demandées ` +
          `pour ${fr(g.capacity - g.reserve)} places (${fr(g.reserve)} des ${fr(g.capacity)} sont gardées pour les élus, directions et agents essentiels)`);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM reservations WHERE label = 'Une de trop'`);
      expect(n).toBe(0);

      const [audit] = await dataSource.query(`SELECT entity_id FROM audit_log WHERE action = 'reservation.created'`);
      expect(audit.entity_id).toBe(created.body.id);
    });

    it('counts the seats an ACTIVE continuity event gives the pool on its half-days, not the normal capacity', async () => {
      const vpn = pool('VPN');
      const f = await figures(vpn.id);
      const normalFree = Math.min(f.capacity - f.remote - f.reserved, f.capacity - f.reserve - f.standard - f.reserved);
      const seats = Math.max(0, normalFree) + 1;
      const [{ id: eventId }] = await dataSource.query(
        `INSERT INTO continuity_events (label, kind, status, from_date, from_period, to_date, to_period, pools)
         VALUES ('Licences VPN temporaires', 'CRISIS', 'DRAFT', $1, 'AM', $1, 'PM', $2) RETURNING id`,
        [DAY, JSON.stringify([{ poolId: vpn.id, capacity: f.capacity + 10 }])],
      );
      try {
        // a DRAFT changes nothing: one seat more than the normal capacity leaves is refused
        const refused = await api.call('POST', '/api/reservations', {
          token: tokens.HR, body: { poolId: vpn.id, date: DAY, period: PERIOD, seats, label: 'Séance de crise' },
        });
        expect(refused.status).toBe(409);
        expect(refused.body.capacity).toBe(f.capacity);
        // ACTIVE, its 10 extra seats count
        await dataSource.query(`UPDATE continuity_events SET status = 'ACTIVE' WHERE id = $1`, [eventId]);
        const accepted = await api.call('POST', '/api/reservations', {
          token: tokens.HR, body: { poolId: vpn.id, date: DAY, period: PERIOD, seats, label: 'Séance de crise' },
        });
        expect(accepted.status).toBe(201);
        const beyond = await api.call('POST', '/api/reservations', {
          token: tokens.HR, body: { poolId: vpn.id, date: DAY, period: PERIOD, seats: 10, label: 'Au-delà' },
        });
        expect(beyond.status).toBe(409);
        expect(beyond.body.capacity).toBe(f.capacity + 10);
        expect((await api.call('DELETE', `/api/reservations/${accepted.body.id}`, { token: tokens.HR })).status).toBe(204);
      } finally {
        await dataSource.query(`DELETE FROM continuity_events WHERE id = $1`, [eventId]);
      }
    });

    it('refuses with the figures a reservation bigger than the whole capacity, e.g. "VPN full on …"', async () => {
      const vpn = pool('VPN');
      const f = await figures(vpn.id);
      const response = await api.call('POST', '/api/reservations', {
        token: tokens.ADMIN, body: { poolId: vpn.id, date: DAY, period: PERIOD, seats: 1_700, label: 'Trop grand' },
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'RESERVATION_OVER_CAPACITY', pool: 'VPN', date: DAY, period: PERIOD,
        used: f.remote + f.reserved, seats: 1_700, capacity: f.capacity, remote: f.remote, reserved: f.reserved,
      });
      expect(response.body.message).toBe(
        `VPN full on ${DAY} ${PERIOD}: ${formatCount(f.remote + f.reserved)} + 1,700 of ${formatCount(f.capacity)} seats`,
      );
      expect(formatMessage(response.body, 'fr')).toBe(
        `places insuffisantes sur VPN le mercredi 9 décembre 2026 matin : ${new Intl.NumberFormat('fr-FR').format(f.remote + f.reserved)} prises ` +
        `+ 1\u202f700 demandées pour ${new Intl.NumberFormat('fr-FR').format(f.capacity)} places`,
      );
    });

    it('lists by period and pool with paging, and deletes (204, audited, then 404)', async () => {
      const vdi = pool('VDI');
      const all = await api.call('GET', '/api/reservations', { token: tokens.AGENT });
      expect(all.status).toBe(200);
      const [{ total }] = await dataSource.query(`SELECT count(*)::int AS total FROM reservations`);
      expect(all.body.total).toBe(total);
      expect(total).toBeGreaterThanOrEqual(2); // the seeded council session and ours

      const day = await api.call('GET', `/api/reservations?from=${DAY}&to=${DAY}&poolId=${vdi.id}`, { token: tokens.HR });
      expect(day.body.items.map((r: { label: string }) => r.label)).toEqual(['Séance plénière']);
      expect(day.body.total).toBe(1);
      const paged = await api.call('GET', '/api/reservations?pageSize=1&page=2', { token: tokens.HR });
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.items[0].id).toBe(all.body.items[1].id);
      const bad = await api.call('GET', '/api/reservations?from=tomorrow', { token: tokens.HR });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'NOT_A_DATE' })]);

      const id = day.body.items[0].id;
      expect((await api.call('DELETE', `/api/reservations/${id}`, { token: tokens.AGENT })).status).toBe(403);
      const deleted = await api.call('DELETE', `/api/reservations/${id}`, { token: tokens.HR });
      expect(deleted.status).toBe(204);
      const gone = await api.call('DELETE', `/api/reservations/${id}`, { token: tokens.HR });
      expect(gone.status).toBe(404);
      expect(gone.body).toMatchObject({ statusCode: 404, code: 'RESERVATION_NOT_FOUND', id, message: 'reservation not found' });
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reservation.deleted' AND entity_id = $1`, [id]);
      expect(n).toBe(1);
    });

    it('refuses an AGENT creating one, a weekend or holiday date, an unknown pool and bad fields (400 naming them)', async () => {
      const vdi = pool('VDI');
      const body = { poolId: vdi.id, date: '2026-12-10', period: 'AM', seats: 1, label: 'x' };
      expect((await api.call('POST', '/api/reservations', { token: tokens.AGENT, body })).status).toBe(403);
      expect((await api.call('POST', '/api/reservations', { token: tokens.MANAGER, body })).status).toBe(403);
      const holiday = await api.call('POST', '/api/reservations', { token: tokens.HR, body: { ...body, date: '2026-12-25' } });
      expect(holiday.status).toBe(400);
      expect(holiday.body.errors).toEqual([{
        field: 'date', code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', date: '2026-12-25', message: 'not a working half-day: 2026-12-25 is a public holiday',
      }]);
      const saturday = await api.call('POST', '/api/reservations', { token: tokens.HR, body: { ...body, date: '2026-12-12' } });
      expect(saturday.body.errors).toEqual([expect.objectContaining({ field: 'date', code: 'NOT_WORKING', why: 'WEEKEND', date: '2026-12-12' })]);
      const unknown = await api.call('POST', '/api/reservations', {
        token: tokens.HR, body: { ...body, poolId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'poolId', code: 'UNKNOWN_REFERENCE' })]);
      const invalid = await api.call('POST', '/api/reservations', { token: tokens.HR, body: { ...body, period: 'XX', seats: 0 } });
      expect(invalid.status).toBe(400);
      expect(fields(invalid.body).sort()).toEqual(['period', 'seats']);
      expect(invalid.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['NOT_ALLOWED', 'TOO_SMALL']);
    });
  });
});
