import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../testing/api-harness';

jest.setTimeout(60_000);

describe.each(TEST_DATABASE_MODES)('API foundation on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;
  let emails: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;

  beforeAll(async () => {
    api = await startApi(mode);
    const logins = api.startup.demoLogins;
    expect(logins.map((login) => login.role).sort()).toEqual(['ADMIN', 'AGENT', 'HR', 'MANAGER']);
    emails = Object.fromEntries(logins.map((login) => [login.role, login.email])) as typeof emails;
    tokens = Object.fromEntries(
      await Promise.all(logins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('authentication', () => {
    it('answers 401 to a list without a token, with a garbage token and with a token signed elsewhere', async () => {
      expect((await api.call('GET', '/api/agents')).status).toBe(401);
      expect((await api.call('GET', '/api/agents', { token: 'not-a-jwt' })).status).toBe(401);
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIn0.c2lnbmF0dXJlLWZyb20tZWxzZXdoZXJl';
      expect((await api.call('GET', '/api/agents', { token: forged })).status).toBe(401);
    });

    it('refuses a wrong password and an unknown e-mail with the same 401', async () => {
      const wrong = await api.call('POST', '/api/auth/login', { body: { email: emails.HR, password: 'wrong' } });
      const unknown = await api.call('POST', '/api/auth/login', { body: { email: 'nobody@example.fr', password: 'wrong' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('BAD_CREDENTIALS');
    });

    it('answers 400 naming the field for an invalid log-in body', async () => {
      const response = await api.call('POST', '/api/auth/login', { body: { password: 'x' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'email', code: 'REQUIRED' }] });
      const extra = await api.call('POST', '/api/auth/login', { body: { email: emails.HR, password: 'x', admin: true } });
      expect(extra.status).toBe(400);
      expect(extra.body.errors).toContainEqual({ field: 'admin', code: 'UNKNOWN_FIELD', message: 'is not an expected field' });
      const malformed = await api.call('POST', '/api/auth/login', { raw: '{"email": ' });
      expect(malformed.status).toBe(400);
    });

    it('tells who is signed in', async () => {
      const me = await api.call('GET', '/api/auth/me', { token: tokens.MANAGER });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: emails.MANAGER, role: 'MANAGER' });
      expect(me.body.agentId).toEqual(expect.any(String));
      expect(me.body.managedOrgUnitIds.length).toBeGreaterThan(0);
    });
  });

  describe('roles', () => {
    it('answers 403 to an AGENT writing sites, agents or groups, and listing agents', async () => {
      const site = { code: 'NEW', name: 'Nouveau site', capacity: 10 };
      expect((await api.call('POST', '/api/sites', { token: tokens.AGENT, body: site })).status).toBe(403);
      expect((await api.call('POST', '/api/groups', { token: tokens.AGENT, body: { code: 'GX', name: 'x' } })).status).toBe(403);
      expect((await api.call('POST', '/api/agents', { token: tokens.AGENT, body: {} })).status).toBe(403);
      expect((await api.call('GET', '/api/agents', { token: tokens.AGENT })).status).toBe(403);
      expect((await api.call('POST', '/api/sites', { token: tokens.MANAGER, body: site })).status).toBe(403);
    });

    it('lets an agent read itself but not a colleague (404, existence not revealed)', async () => {
      const me = await api.call('GET', '/api/auth/me', { token: tokens.AGENT });
      expect((await api.call('GET', `/api/agents/${me.body.agentId}`, { token: tokens.AGENT })).status).toBe(200);
      const all = await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR });
      const other = all.body.items.find((agent: { id: string }) => agent.id !== me.body.agentId);
      expect((await api.call('GET', `/api/agents/${other.id}`, { token: tokens.AGENT })).status).toBe(404);
    });

    it('shows a manager its team only', async () => {
      const all = await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR });
      const team = await api.call('GET', '/api/agents?pageSize=500', { token: tokens.MANAGER });
      expect(team.status).toBe(200);
      expect(team.body.total).toBeGreaterThan(0);
      expect(team.body.total).toBeLessThan(all.body.total);
      const me = await api.call('GET', '/api/auth/me', { token: tokens.MANAGER });
      const units = await api.call('GET', '/api/org-units?pageSize=500', { token: tokens.HR });
      const below = new Set<string>(me.body.managedOrgUnitIds);
      for (let grew = true; grew; ) {
        grew = false;
        for (const unit of units.body.items) {
          if (unit.parentId && below.has(unit.parentId) && !below.has(unit.id)) {
            below.add(unit.id);
            grew = true;
          }
        }
      }
      for (const agent of team.body.items) expect(below.has(agent.orgUnitId)).toBe(true);
      const outsider = all.body.items.find((agent: { orgUnitId: string }) => !below.has(agent.orgUnitId));
      expect((await api.call('GET', `/api/agents/${outsider.id}`, { token: tokens.MANAGER })).status).toBe(404);
    });
  });

  describe('directory', () => {
    it('lists sites, org units and groups as pages', async () => {
      for (const path of ['/api/sites', '/api/org-units', '/api/groups']) {
        const response = await api.call('GET', `${path}?pageSize=2`, { token: tokens.AGENT });
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        expect(response.body.total).toBeGreaterThanOrEqual(response.body.items.length);
      }
    });

    it('filters and searches agents, and pages through them', async () => {
      const all = await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR });
      expect(all.body.items.length).toBe(all.body.total);
      const eligible = await api.call('GET', '/api/agents?eligible=true&pageSize=500', { token: tokens.HR });
      expect(eligible.body.items.every((agent: { eligible: boolean }) => agent.eligible)).toBe(true);
      expect(eligible.body.total).toBe(all.body.items.filter((agent: { eligible: boolean }) => agent.eligible).length);

      const sample = all.body.items[3];
      const byNumber = await api.call('GET', `/api/agents?q=${sample.employeeNumber}`, { token: tokens.HR });
      expect(byNumber.body.items.map((agent: { id: string }) => agent.id)).toContain(sample.id);
      const byName = await api.call('GET', `/api/agents?q=${encodeURIComponent(sample.lastName.toUpperCase())}`, { token: tokens.HR });
      expect(byName.body.items.every((agent: { lastName: string; firstName: string }) =>
        `${agent.firstName} ${agent.lastName}`.toLowerCase().includes(sample.lastName.toLowerCase()))).toBe(true);

      const bySite = await api.call('GET', `/api/agents?siteId=${sample.siteId}&pageSize=500`, { token: tokens.HR });
      expect(bySite.body.items.every((agent: { siteId: string }) => agent.siteId === sample.siteId)).toBe(true);

      if (sample.groupId) {
        const byGroup = await api.call('GET', `/api/agents?groupId=${sample.groupId}&pageSize=500`, { token: tokens.HR });
        expect(byGroup.body.items.every((agent: { groupId: string }) => agent.groupId === sample.groupId)).toBe(true);
      }

      const page1 = await api.call('GET', '/api/agents?pageSize=5&page=1&sort=employeeNumber', { token: tokens.HR });
      const page2 = await api.call('GET', '/api/agents?pageSize=5&page=2&sort=employeeNumber', { token: tokens.HR });
      const numbers = [...page1.body.items, ...page2.body.items].map((agent: { employeeNumber: string }) => agent.employeeNumber);
      expect(numbers).toEqual([...numbers].sort());
      expect(new Set(numbers).size).toBe(10);
    });

    it('answers 400 naming the field for bad query parameters', async () => {
      const tooBig = await api.call('GET', '/api/agents?pageSize=501', { token: tokens.HR });
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.errors).toEqual([{ field: 'pageSize', code: 'TOO_LARGE', max: 500, message: 'must be at most 500' }]);
      const badSite = await api.call('GET', '/api/agents?siteId=nope', { token: tokens.HR });
      expect(badSite.body.errors).toEqual([expect.objectContaining({ field: 'siteId', code: 'NOT_A_UUID' })]);
      const unknown = await api.call('GET', '/api/agents?color=blue', { token: tokens.HR });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'color', code: 'UNKNOWN_FIELD' })]);
      const badId = await api.call('GET', '/api/agents/123', { token: tokens.HR });
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'id', code: 'NOT_A_UUID' })]);
    });

    it('answers 404 for unknown ids', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const path of ['/api/agents', '/api/sites', '/api/groups']) {
        expect((await api.call('GET', `${path}/${id}`, { token: tokens.HR })).status).toBe(404);
      }
      expect((await api.call('PATCH', `/api/sites/${id}`, { token: tokens.HR, body: { capacity: 3 } })).status).toBe(404);
    });

    it('creates and updates a site, a group and an agent, and writes the audit log', async () => {
      const site = await api.call('POST', '/api/sites', { token: tokens.HR, body: { code: 'SNEW', name: 'Antenne test', capacity: 12 } });
      expect(site.status).toBe(201);
      expect(site.body).toMatchObject({ code: 'SNEW', capacity: 12, agentCount: 0 });
      const updated = await api.call('PATCH', `/api/sites/${site.body.id}`, { token: tokens.ADMIN, body: { capacity: 20 } });
      expect(updated.body.capacity).toBe(20);

      const group = await api.call('POST', '/api/groups', { token: tokens.HR, body: { code: 'GNEW', name: 'Groupe test' } });
      expect(group.status).toBe(201);
      expect(group.body).toMatchObject({ memberCount: 0, maxSize: 300 });

      const units = await api.call('GET', '/api/org-units', { token: tokens.HR });
      const agentBody = {
        employeeNumber: 'T000001', firstName: 'Camille', lastName: 'Testeur', email: 'camille.testeur@example.fr',
        siteId: site.body.id, orgUnitId: units.body.items[0].id, eligible: true, accessPool: 'VDI', groupId: group.body.id,
        offHalfDays: ['WED_AM', 'WED_PM'], weeklyMin: 2, weeklyMax: 4,
      };
      const agent = await api.call('POST', '/api/agents', { token: tokens.HR, body: agentBody });
      expect(agent.status).toBe(201);
      expect(agent.body).toMatchObject({ employeeNumber: 'T000001', accessPool: 'VDI', groupId: group.body.id, siteName: 'Antenne test' });

      const moved = await api.call('PATCH', `/api/agents/${agent.body.id}`, { token: tokens.HR, body: { groupId: null, eligible: false, accessPool: null } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ eligible: false, groupId: null, accessPool: null });

      const rows = await api.app.get(require('typeorm').DataSource).query(
        `SELECT action FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`,
        [[site.body.id, group.body.id, agent.body.id]],
      );
      expect(rows.map((row: { action: string }) => row.action)).toEqual(
        ['site.created', 'site.updated', 'group.created', 'agent.created', 'agent.group_changed'],
      );
    });

    it('gives an agent’s account the role HR sets on the agent, and ends the tokens signed with the old one', async () => {
      const me = await api.call('GET', '/api/auth/me', { token: tokens.AGENT });
      expect((await api.call('GET', '/api/agents', { token: tokens.AGENT })).status).toBe(403);
      const promoted = await api.call('PATCH', `/api/agents/${me.body.agentId}`, { token: tokens.HR, body: { role: 'MANAGER' } });
      expect(promoted.body.role).toBe('MANAGER');
      // the token signed as AGENT is over from its next request: the agent logs in again
      expect((await api.call('GET', '/api/agents', { token: tokens.AGENT })).status).toBe(401);
      const fresh = await api.login(emails.AGENT);
      expect((await api.call('GET', '/api/auth/me', { token: fresh })).body.role).toBe('MANAGER');
      expect((await api.call('GET', '/api/agents', { token: fresh })).status).toBe(200);
      await api.call('PATCH', `/api/agents/${me.body.agentId}`, { token: tokens.HR, body: { role: 'AGENT' } });
      // and a demotion takes the rights away from the live token at once
      expect((await api.call('GET', '/api/agents', { token: fresh })).status).toBe(401);
      const back = await api.login(emails.AGENT);
      expect((await api.call('GET', '/api/auth/me', { token: back })).body.role).toBe('AGENT');
      expect((await api.call('GET', '/api/agents', { token: back })).status).toBe(403);
    });

    it('refuses bad agent writes with 400 or 409 naming the field, and writes nothing', async () => {
      const before = (await api.call('GET', '/api/agents?pageSize=1', { token: tokens.HR })).body.total;
      const existing = (await api.call('GET', '/api/agents?pageSize=1', { token: tokens.HR })).body.items[0];
      const base = {
        employeeNumber: 'T000002', firstName: 'Dominique', lastName: 'Essai', email: 'dominique.essai@example.fr',
        siteId: existing.siteId, orgUnitId: existing.orgUnitId,
      };
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ ...base, email: 'not-an-email' }, 400, 'email', 'NOT_AN_EMAIL'],
        [{ ...base, weeklyMin: 11 }, 400, 'weeklyMin', 'TOO_LARGE'],
        [{ ...base, weeklyMin: 6, weeklyMax: 4 }, 400, 'weeklyMin', 'WEEKLY_MIN_ABOVE_MAX'],
        [{ ...base, offHalfDays: ['SAT_AM'] }, 400, 'offHalfDays', 'NOT_ALLOWED'],
        [{ ...base, tier: 'KING' }, 400, 'tier', 'NOT_ALLOWED'],
        [{ ...base, siteId: '00000000-0000-4000-8000-000000000000' }, 400, 'siteId', 'UNKNOWN_SITE'],
        [{ ...base, eligible: true }, 400, 'accessPool', 'ELIGIBLE_NEEDS_POOL'],
        [{ ...base, eligible: true, accessPool: 'VDI', groupId: '00000000-0000-4000-8000-000000000000' }, 400, 'groupId', 'UNKNOWN_GROUP'],
        [{ ...base, employeeNumber: existing.employeeNumber }, 409, 'employeeNumber', 'ALREADY_USED'],
        [{ ...base, email: existing.email.toUpperCase() }, 409, 'email', 'ALREADY_USED'],
        [{ ...base, salary: 3000 }, 400, 'salary', 'UNKNOWN_FIELD'],
      ];
      for (const [body, status, field, code] of cases) {
        const response = await api.call('POST', '/api/agents', { token: tokens.HR, body });
        expect({ field, status: response.status }).toEqual({ field, status });
        expect(response.body.code).toBe(status === 400 ? 'INVALID_FIELDS' : code);
        expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code }));
      }
      expect((await api.call('GET', '/api/agents?pageSize=1', { token: tokens.HR })).body.total).toBe(before);
    });

    it('refuses to put an agent into a full group', async () => {
      const group = await api.call('POST', '/api/groups', { token: tokens.HR, body: { code: 'GFULL', name: 'Petit groupe' } });
      const ds = api.app.get(require('typeorm').DataSource);
      await ds.query(`UPDATE rotation_groups SET max_size = 1 WHERE id = $1`, [group.body.id]);
      const eligible = (await api.call('GET', '/api/agents?eligible=true&pageSize=2', { token: tokens.HR })).body.items;
      expect((await api.call('PATCH', `/api/agents/${eligible[0].id}`, { token: tokens.HR, body: { groupId: group.body.id } })).status).toBe(200);
      const refused = await api.call('PATCH', `/api/agents/${eligible[1].id}`, { token: tokens.HR, body: { groupId: group.body.id } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{
        field: 'groupId', code: 'GROUP_FULL', members: 2, max: 1, message: 'rotation group would have 2 members, more than its maximum of 1',
      }]);
      expect((await api.call('GET', `/api/groups/${group.body.id}`, { token: tokens.HR })).body.memberCount).toBe(1);
    });
  });

  describe('health and docs', () => {
    it('reports the database and the queue mode without a token', async () => {
      const health = await api.call('GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        database: { status: 'up', mode },
        queue: { status: 'embedded', mode: 'in-process' },
      });
    });

    it('documents the routes in OpenAPI', async () => {
      const docs = await api.call('GET', '/api/docs-json');
      expect(docs.status).toBe(200);
      for (const path of ['/api/auth/login', '/api/auth/me', '/api/agents', '/api/sites', '/api/org-units', '/api/groups', '/api/health']) {
        expect(Object.keys(docs.body.paths)).toContain(path);
      }
    });
  });
});

describe('login rate limit', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('embedded', { LOGIN_RATE_LIMIT: '3', DEMO_DATA: 'off' });
  });
  afterAll(async () => api?.close());

  it('answers 429 after the configured number of attempts in a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await api.call('POST', '/api/auth/login', { body: { email: 'x@example.fr', password: 'bad' } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
