import { DataSource } from 'typeorm';
import { recordText } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { addDays } from './dates';
import { expectedHalfDays, MODE_OF_LETTER, nextMonday, TestPlan, writeTestPlan } from './testing/test-plan';

jest.setTimeout(90_000);

type RoleName = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
interface AgentRow { id: string; orgUnitId: string; siteId: string; firstName: string; lastName: string }

describe.each(TEST_DATABASE_MODES)('reading the plan on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<RoleName, string>;
  let me: Record<RoleName, { agentId: string; displayName: string }>;
  let testPlan: TestPlan;
  let from: string;
  let to: string;
  let everyone: AgentRow[];
  let team: Set<string>;

  beforeAll(async () => {
    api = await startApi(mode);
    const logins = api.startup.demoLogins;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (l) => [l.role, await api.login(l.email)]))) as typeof tokens;
    me = Object.fromEntries(
      await Promise.all(logins.map(async (l) => [l.role, (await api.call('GET', '/api/auth/me', { token: tokens[l.role] })).body])),
    ) as typeof me;
    from = nextMonday(api);
    to = addDays(from, 13);
    testPlan = await writeTestPlan(api, from, to);
    everyone = (await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR })).body.items;
    team = new Set((await api.call('GET', '/api/agents?pageSize=500', { token: tokens.MANAGER })).body.items.map((a: AgentRow) => a.id));
  });

  afterAll(async () => {
    await api?.close();
  });

  const asEntries = (body: { halfDays: { date: string; period: string; mode: string }[] }) =>
    body.halfDays.map((h) => `${h.date}${h.period}:${h.mode}`);

  describe('GET /api/me/schedule', () => {
    it('gives each planned half-day of the range exactly as the plan says, with its source', async () => {
      const response = await api.call('GET', `/api/me/schedule?from=${from}&to=${to}`, { token: tokens.AGENT });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ agentId: me.AGENT.agentId, from, to });
      expect(asEntries(response.body)).toEqual(expectedHalfDays(testPlan.plan, me.AGENT.agentId));
      expect(response.body.halfDays.length).toBe(testPlan.plan.halfDays.length);
      for (const halfDay of response.body.halfDays) {
        expect(['ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT']).toContain(halfDay.source);
        expect(Object.keys(halfDay).sort()).toEqual(['date', 'mode', 'period', 'source']);
      }
      // a remote half-day of an eligible agent's own group comes from the rotation or a request, never "DEFAULT"
      expect(response.body.halfDays.filter((h: { mode: string }) => h.mode === 'REMOTE').every((h: { source: string }) => h.source !== 'DEFAULT')).toBe(true);
    });

    it('cuts to the asked range, and answers an empty list where nothing is planned yet', async () => {
      const day = testPlan.plan.halfDays[2].slice(0, 10);
      const one = await api.call('GET', `/api/me/schedule?from=${day}&to=${day}`, { token: tokens.AGENT });
      expect(asEntries(one.body)).toEqual(expectedHalfDays(testPlan.plan, me.AGENT.agentId, day, day));
      expect(one.body.halfDays.length).toBe(2);
      const later = await api.call('GET', `/api/me/schedule?from=${addDays(to, 1)}&to=${addDays(to, 30)}`, { token: tokens.AGENT });
      expect(later.status).toBe(200);
      expect(later.body.halfDays).toEqual([]);
    });

    it('answers 400 naming the field for missing, impossible, reversed or too long ranges', async () => {
      const fieldsOf = async (query: string) => {
        const response = await api.call('GET', `/api/me/schedule${query}`, { token: tokens.AGENT });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('INVALID_FIELDS');
        for (const error of response.body.errors) expect(error.message).toBe(recordText(error));
        return response.body.errors.map((error: { message?: string }) => ({ ...error, message: undefined }));
      };
      const notADate = { code: 'NOT_A_DATE', min: '1900-01-01', max: '2999-12-31' };
      expect(await fieldsOf(`?to=${to}`)).toEqual([{ field: 'from', code: 'REQUIRED' }]);
      expect(await fieldsOf(`?from=2026-02-30&to=${to}`)).toEqual([{ field: 'from', ...notADate }]);
      expect(await fieldsOf(`?from=${from}&to=07/12/2026`)).toEqual([{ field: 'to', ...notADate }]);
      expect(await fieldsOf(`?from=${to}&to=${from}`)).toEqual([{ field: 'to', code: 'RANGE_END_BEFORE_START', from: to }]);
      expect(await fieldsOf(`?from=${from}&to=${addDays(from, 92)}`)).toEqual([{ field: 'to', code: 'RANGE_TOO_LONG', max: 92, days: 93 }]);
      expect(await fieldsOf('')).toEqual([{ field: 'from', code: 'REQUIRED' }, { field: 'to', code: 'REQUIRED' }]);
      expect((await api.call('GET', `/api/me/schedule?from=${from}&to=${addDays(from, 91)}`, { token: tokens.AGENT })).status).toBe(200);
    });

    it('needs a token', async () => {
      expect((await api.call('GET', `/api/me/schedule?from=${from}&to=${to}`)).status).toBe(401);
    });
  });

  describe('GET /api/agents/:id/schedule', () => {
    const path = (id: string) => `/api/agents/${id}/schedule?from=${from}&to=${to}`;

    it('hides another agent from an agent (404) but lets it read itself', async () => {
      const other = everyone.find((a) => a.id !== me.AGENT.agentId) as AgentRow;
      const hidden = await api.call('GET', path(other.id), { token: tokens.AGENT });
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('AGENT_NOT_FOUND');
      const own = await api.call('GET', path(me.AGENT.agentId), { token: tokens.AGENT });
      expect(own.status).toBe(200);
      expect(asEntries(own.body)).toEqual(expectedHalfDays(testPlan.plan, me.AGENT.agentId));
    });

    it('lets a manager read its team (the plan) and refuses agents outside it (403)', async () => {
      const member = everyone.find((a) => team.has(a.id) && a.id !== me.MANAGER.agentId) as AgentRow;
      const outsider = everyone.find((a) => !team.has(a.id)) as AgentRow;
      expect(member).toBeDefined();
      expect(outsider).toBeDefined();
      const inside = await api.call('GET', path(member.id), { token: tokens.MANAGER });
      expect(inside.status).toBe(200);
      expect(asEntries(inside.body)).toEqual(expectedHalfDays(testPlan.plan, member.id));
      const outside = await api.call('GET', path(outsider.id), { token: tokens.MANAGER });
      expect(outside.status).toBe(403);
      expect(outside.body).toMatchObject({ code: 'AGENT_NOT_IN_TEAM', message: 'this agent is not in your team' });
    });

    it('lets HR and ADMIN read anyone; unknown ids are 404, malformed ones 400', async () => {
      for (const agent of everyone.slice(0, 3)) {
        const response = await api.call('GET', path(agent.id), { token: tokens.HR });
        expect(response.status).toBe(200);
        expect(asEntries(response.body)).toEqual(expectedHalfDays(testPlan.plan, agent.id));
      }
      expect((await api.call('GET', path(everyone[5].id), { token: tokens.ADMIN })).status).toBe(200);
      expect((await api.call('GET', path('00000000-0000-4000-8000-000000000000'), { token: tokens.HR })).status).toBe(404);
      expect((await api.call('GET', path('00000000-0000-4000-8000-000000000000'), { token: tokens.MANAGER })).status).toBe(404);
      const malformed = await api.call('GET', path('not-a-uuid'), { token: tokens.HR });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('id');
    });
  });

  describe('GET /api/sites/:id/day', () => {
    /** ON_SITE agents of a site on a half-day, recounted from the plan. */
    const onSiteFromPlan = (siteId: string, key: string): Set<string> => {
      const index = testPlan.plan.halfDays.indexOf(key);
      const siteOf = new Map(testPlan.snapshot.agents.map((a) => [a.id, a.siteId]));
      return new Set(
        testPlan.plan.agents.filter((a) => MODE_OF_LETTER[a.modes[index]] === 'ON_SITE' && siteOf.get(a.id) === siteId).map((a) => a.id),
      );
    };

    it('lists exactly the agents the plan puts on site, AM and PM, sorted by last name', async () => {
      const date = testPlan.plan.halfDays[0].slice(0, 10);
      let checked = 0;
      for (const site of testPlan.snapshot.sites) {
        const response = await api.call('GET', `/api/sites/${site.id}/day?date=${date}`, { token: tokens.HR });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ siteId: site.id, siteName: site.name, date, capacity: site.capacity });
        for (const period of ['AM', 'PM'] as const) {
          const expected = onSiteFromPlan(site.id, `${date}${period}`);
          const listed = response.body[period].agents as AgentRow[];
          expect(response.body[period].onSite).toBe(expected.size);
          expect(new Set(listed.map((a) => a.id))).toEqual(expected);
          expect(listed.length).toBe(expected.size);
          const names = listed.map((a) => a.lastName.toLowerCase()).filter((n) => /^[a-z -]+$/.test(n));
          expect(names).toEqual([...names].sort());
          checked += expected.size;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('gives a manager every count but only its team by name', async () => {
      const date = testPlan.plan.halfDays[0].slice(0, 10);
      let hidden = 0;
      for (const site of testPlan.snapshot.sites) {
        const all = await api.call('GET', `/api/sites/${site.id}/day?date=${date}`, { token: tokens.HR });
        const mine = await api.call('GET', `/api/sites/${site.id}/day?date=${date}`, { token: tokens.MANAGER });
        expect(mine.status).toBe(200);
        for (const period of ['AM', 'PM'] as const) {
          expect(mine.body[period].onSite).toBe(all.body[period].onSite);
          const expected = all.body[period].agents.filter((a: AgentRow) => team.has(a.id)).map((a: AgentRow) => a.id);
          expect(mine.body[period].agents.map((a: AgentRow) => a.id)).toEqual(expected);
          hidden += all.body[period].agents.length - expected.length;
        }
      }
      expect(hidden).toBeGreaterThan(0);
    });

    it('refuses agents (403), unknown sites (404) and a missing date (400)', async () => {
      const site = testPlan.snapshot.sites[0];
      expect((await api.call('GET', `/api/sites/${site.id}/day?date=${from}`, { token: tokens.AGENT })).status).toBe(403);
      const unknown = await api.call('GET', `/api/sites/00000000-0000-4000-8000-000000000000/day?date=${from}`, { token: tokens.HR });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('SITE_NOT_FOUND');
      const missing = await api.call('GET', `/api/sites/${site.id}/day`, { token: tokens.HR });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('date');
    });
  });

  describe('iCal feed', () => {
    const feedPath = (url: string) => new URL(url).pathname;
    const fetchFeed = (path: string) => fetch(`${api.baseUrl}${path}`);
    const remoteOf = (agentId: string) => expectedHalfDays(testPlan.plan, agentId).filter((e) => e.endsWith(':REMOTE'));

    it('gives a stable private link whose feed needs no log-in and lists the remote half-days at Paris hours', async () => {
      const first = await api.call('GET', '/api/me/calendar-link', { token: tokens.AGENT });
      expect(first.status).toBe(200);
      expect(first.body.url).toMatch(new RegExp(`^${api.config.publicUrl}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
      const again = await api.call('GET', '/api/me/calendar-link', { token: tokens.AGENT });
      expect(again.body.url).toBe(first.body.url);

      const response = await fetchFeed(feedPath(first.body.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
      const text = await response.text();
      expect(text).toContain('BEGIN:VCALENDAR');
      expect(text).toContain('X-WR-CALNAME:');
      expect(text).toContain(me.AGENT.displayName);
      expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
      const remote = remoteOf(me.AGENT.agentId);
      expect(remote.length).toBeGreaterThan(0);
      expect(text.split('BEGIN:VEVENT').length - 1).toBe(remote.length);
      for (const entry of remote) {
        const [date, period] = [entry.slice(0, 10), entry.slice(10, 12)];
        const compact = date.replace(/-/g, '');
        const block = text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${me.AGENT.agentId}-${date}-${period}@telework`)) as string;
        expect(block).toBeDefined();
        const [start, end] = period === 'AM' ? ['083000', '123000'] : ['133000', '173000'];
        expect(block).toContain(`DTSTART;TZID=Europe/Paris:${compact}T${start}`);
        expect(block).toContain(`DTEND;TZID=Europe/Paris:${compact}T${end}`);
        expect(block).toContain(period === 'AM' ? 'SUMMARY:Télétravail (matin)' : 'SUMMARY:Télétravail (après-midi)');
        expect(block).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
      }
    });

    it('kills the old URL when the link is renewed', async () => {
      const old = (await api.call('GET', '/api/me/calendar-link', { token: tokens.AGENT })).body.url;
      const renewed = await api.call('POST', '/api/me/calendar-link', { token: tokens.AGENT });
      expect(renewed.status).toBe(200);
      expect(renewed.body.url).not.toBe(old);
      const dead = await fetchFeed(feedPath(old));
      expect(dead.status).toBe(404);
      expect(JSON.parse(await dead.text())).toMatchObject({ code: 'CALENDAR_LINK_UNKNOWN' });
      expect((await fetchFeed(feedPath(renewed.body.url))).status).toBe(200);
      expect((await api.call('GET', '/api/me/calendar-link', { token: tokens.AGENT })).body.url).toBe(renewed.body.url);
      const [audit] = await api.app.get(DataSource).query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'calendar.link_renewed' AND entity_id = $1`,
        [(await api.call('GET', '/api/auth/me', { token: tokens.AGENT })).body.userId],
      );
      expect(audit.n).toBe(1);
    });

    it("gives each token its owner's calendar only, and 404 to unknown or malformed tokens", async () => {
      const url = (await api.call('GET', '/api/me/calendar-link', { token: tokens.MANAGER })).body.url;
      const text = await (await fetchFeed(feedPath(url))).text();
      const uids = [...text.matchAll(/UID:(.+)\r\n/g)].map((m) => m[1]);
      expect(uids.length).toBe(remoteOf(me.MANAGER.agentId).length);
      expect(uids.every((uid) => uid.startsWith(`${me.MANAGER.agentId}-`))).toBe(true);
      expect(text).not.toContain(me.AGENT.agentId);
      expect((await fetchFeed(`/api/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
      expect((await fetchFeed('/api/calendar/short.ics')).status).toBe(404);
      expect((await fetchFeed(`${feedPath(url).replace('.ics', '')}`)).status).toBe(404);
    });
  });

  describe('notices', () => {
    it("lists the caller's notices newest first, filters unread ones and marks them read", async () => {
      const dataSource = api.app.get(DataSource);
      // the plan written above told the agent its schedule changed; add two more, one older
      await dataSource.query(
        `INSERT INTO notices (agent_id, kind, message, created_at) VALUES
           ($1, 'TEST', 'older', now() - interval '2 days'), ($1, 'TEST', 'newest', now() + interval '1 minute')`,
        [me.AGENT.agentId],
      );
      const list = await api.call('GET', '/api/me/notices', { token: tokens.AGENT });
      expect(list.status).toBe(200);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM notices WHERE agent_id = $1`, [me.AGENT.agentId]);
      expect(list.body.total).toBe(n);
      expect(list.body.items.length).toBe(n);
      expect(list.body.items.some((x: { kind: string }) => x.kind === 'SCHEDULE_CHANGED')).toBe(true);
      expect(list.body.items[0].message).toBe('newest');
      expect(list.body.items[n - 1].message).toBe('older');
      const times = list.body.items.map((x: { createdAt: string }) => Date.parse(x.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const marked = await api.call('POST', '/api/me/notices/read', { token: tokens.AGENT, body: { ids: [list.body.items[0].id] } });
      expect(marked.status).toBe(200);
      expect(marked.body.updated).toBe(1);
      const unread = await api.call('GET', '/api/me/notices?unread=true', { token: tokens.AGENT });
      expect(unread.body.total).toBe(n - 1);
      expect(unread.body.items.every((x: { readAt: string | null }) => x.readAt === null)).toBe(true);
      const paged = await api.call('GET', '/api/me/notices?pageSize=1&page=2', { token: tokens.AGENT });
      expect(paged.body.items.length).toBe(1);
      expect(paged.body.total).toBe(n);

      const all = await api.call('POST', '/api/me/notices/read', { token: tokens.AGENT, body: {} });
      expect(all.body.updated).toBe(n - 1);
      expect((await api.call('GET', '/api/me/notices?unread=true', { token: tokens.AGENT })).body.total).toBe(0);
    });

    it("never shows or marks someone else's notices", async () => {
      const dataSource = api.app.get(DataSource);
      const [{ id }] = await dataSource.query(
        `INSERT INTO notices (agent_id, kind, message) VALUES ($1, 'TEST', 'for the manager') RETURNING id::text AS id`,
        [me.MANAGER.agentId],
      );
      const list = await api.call('GET', '/api/me/notices?pageSize=200', { token: tokens.AGENT });
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
      const marked = await api.call('POST', '/api/me/notices/read', { token: tokens.AGENT, body: { ids: [id] } });
      expect(marked.body.updated).toBe(0);
      const [{ read_at }] = await dataSource.query(`SELECT read_at FROM notices WHERE id = $1`, [id]);
      expect(read_at).toBeNull();
      const bad = await api.call('POST', '/api/me/notices/read', { token: tokens.AGENT, body: { ids: ['x; DROP'] } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('ids');
    });
  });
});
