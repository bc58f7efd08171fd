import { isKnownMessageCode } from '@telework/contracts';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { VACUUM_AFTER_ROWS } from './agent-import.service';
import { addDays } from '../schedules/dates';
import { MODE_OF_LETTER, nextMonday, TestPlan, writeTestPlan } from '../schedules/testing/test-plan';

jest.setTimeout(90_000);

type RoleName = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
const HEADER = [
  'employee_number', 'first_name', 'last_name', 'email', 'site_code', 'org_unit_code', 'manager_employee_number', 'role',
  'eligible', 'access_pool', 'tier', 'weekly_min', 'weekly_max', 'off_half_days', 'group_code',
];

describe.each(TEST_DATABASE_MODES)('imports and exports on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<RoleName, string>;
  let sites: { id: string; code: string }[];
  let units: { id: string; code: string }[];
  let groups: { id: string; code: string; max_size: number; members: number }[];
  let existing: { id: string; employee_number: string; first_name: string; email: string; eligible: boolean };

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (l) => [l.role, await api.login(l.email)]))) as typeof tokens;
    sites = await db.query(`SELECT id, code FROM sites ORDER BY code`);
    units = await db.query(`SELECT id, code FROM org_units ORDER BY code`);
    groups = await db.query(
      `SELECT g.id, g.code, g.max_size, (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id) AS members
       FROM rotation_groups g ORDER BY g.code`,
    );
    [existing] = await db.query(
      `SELECT id, employee_number, first_name, email, eligible FROM agents WHERE eligible AND role = 'AGENT' ORDER BY employee_number LIMIT 1`,
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  const post = async (body: string | Buffer, token = tokens.HR, type = 'text/csv; charset=utf-8') => {
    const response = await fetch(`${api.baseUrl}/api/imports/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const fingerprint = async () => {
    const [agents] = await db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS hash, count(*)::int AS n FROM agents t`);
    const [users] = await db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS hash FROM users t`);
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_log`);
    return { agents, users: users.hash, audit: audit.n };
  };
  const line = (values: Partial<Record<string, string>>, separator = ';') => HEADER.map((column) => values[column] ?? '').join(separator);

  describe('POST /api/imports/agents', () => {
    it('creates and updates agents from a ; file with a BOM and CRLF, managers named further down included', async () => {
      const before = await fingerprint();
      const group = groups.find((g) => g.members < g.max_size - 1) as (typeof groups)[number];
      const file = '\uFEFF' + [
        HEADER.join(';'),
        line({
          employee_number: 'IMP001', first_name: 'Hélène', last_name: 'Import', email: 'helene.import@example.fr', site_code: sites[1].code,
          org_unit_code: units[1].code, manager_employee_number: 'IMP002', eligible: 'oui', access_pool: 'VPN', tier: 'ESSENTIAL',
          weekly_min: '2', weekly_max: '5', off_half_days: 'WED_AM|WED_PM', group_code: group.code,
        }),
        line({
          employee_number: 'IMP002', first_name: 'Paul', last_name: 'Chef', email: 'paul.chef@example.fr', site_code: sites[0].code,
          org_unit_code: units[0].code, role: 'MANAGER', eligible: 'non',
        }),
        line({
          employee_number: existing.employee_number, first_name: existing.first_name, last_name: 'Renamed', email: existing.email,
          site_code: sites[0].code, org_unit_code: units[0].code, eligible: '1', access_pool: 'VDI', tier: 'DIRECTOR', off_half_days: 'FRI_PM',
        }),
      ].join('\r\n') + '\r\n';
      const response = await post(file);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ created: 2, updated: 1, errors: [] });

      const rows = await db.query(
        `SELECT a.employee_number, a.first_name, a.last_name, a.site_id, a.org_unit_id, a.manager_id, a.role, a.eligible, p.code AS pool,
                a.tier, a.weekly_min, a.weekly_max, a.off_half_days, a.group_id, a.id
         FROM agents a LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
         WHERE a.employee_number IN ('IMP001', 'IMP002', $1) ORDER BY a.employee_number`,
        [existing.employee_number],
      );
      const by = Object.fromEntries(rows.map((r: { employee_number: string }) => [r.employee_number, r]));
      expect(by.IMP001).toMatchObject({
        first_name: 'Hélène', site_id: sites[1].id, org_unit_id: units[1].id, manager_id: by.IMP002.id, role: 'AGENT', eligible: true,
        pool: 'VPN', tier: 'ESSENTIAL', weekly_min: 2, weekly_max: 5, off_half_days: ['WED_AM', 'WED_PM'], group_id: group.id,
      });
      expect(by.IMP002).toMatchObject({ role: 'MANAGER', eligible: false, pool: null, tier: 'STANDARD', weekly_min: 4, weekly_max: 6, manager_id: null });
      expect(by[existing.employee_number]).toMatchObject({
        id: existing.id, last_name: 'Renamed', tier: 'DIRECTOR', pool: 'VDI', off_half_days: ['FRI_PM'], group_id: null,
      });

      const after = await fingerprint();
      expect(after.agents.n).toBe(before.agents.n + 2);
      expect(after.users).toBe(before.users); // accounts are provisioned apart; the existing agent's role did not change
      const [audit] = await db.query(`SELECT details FROM audit_log WHERE action = 'agents.imported' ORDER BY id DESC LIMIT 1`);
      expect(audit.details).toMatchObject({ created: 2, updated: 1 });

      // the same file again creates nothing
      expect((await post(file)).body).toEqual({ created: 0, updated: 3, errors: [] });
    });

    it('vacuums the agents after a file that writes 10,000 of them or more: the table all-visible again', async () => {
      const lines = Array.from({ length: VACUUM_AFTER_ROWS }, (_, i) => {
        const number = `BULK${String(i).padStart(5, '0')}`;
        return line({
          employee_number: number, first_name: 'Vrac', last_name: `Import ${i}`, email: `${number.toLowerCase()}@example.fr`,
          site_code: sites[0].code, org_unit_code: units[0].code, eligible: 'non',
        });
      });
      const pagesBefore = (await db.query(`SELECT (pg_relation_size('agents') / current_setting('block_size')::int)::int AS n`))[0].n;
      const response = await post([HEADER.join(';'), ...lines].join('\n'));
      expect(response.body).toEqual({ created: VACUUM_AFTER_ROWS, updated: 0, errors: [] });
      // the new rows' pages are all-visible only once vacuumed (the agents page then reads its covering indexes alone)
      const [{ pages, visible }] = await db.query(
        `SELECT (pg_relation_size('agents') / current_setting('block_size')::int)::int AS pages, relallvisible AS visible
         FROM pg_class WHERE relname = 'agents'`);
      expect(pages).toBeGreaterThan(pagesBefore + 100);
      // (a page or two an earlier test's updates left may stay out: its row versions still in use)
      expect(visible).toBeGreaterThanOrEqual(pages * 0.97);
    });

    it('moves an agent to another rotation group and takes another out of its group by making it ineligible, in one file', async () => {
      const grouped: { employee_number: string; group_id: string; first_name: string; last_name: string; email: string; site: string; unit: string }[] =
        await db.query(
          `SELECT a.employee_number, a.group_id, a.first_name, a.last_name, a.email, s.code AS site, o.code AS unit
           FROM agents a JOIN sites s ON s.id = a.site_id JOIN org_units o ON o.id = a.org_unit_id
           WHERE a.group_id IS NOT NULL AND a.role = 'AGENT' AND a.employee_number NOT LIKE 'IMP%' ORDER BY a.employee_number LIMIT 2`,
        );
      const [moving, leaving] = grouped;
      const target = groups.find((g) => g.id !== moving.group_id && g.members < g.max_size - 1) as (typeof groups)[number];
      const same = (agent: typeof moving) => ({
        employee_number: agent.employee_number, first_name: agent.first_name, last_name: agent.last_name, email: agent.email,
        site_code: agent.site, org_unit_code: agent.unit,
      });
      const response = await post([
        HEADER.join(';'),
        line({ ...same(moving), eligible: 'oui', access_pool: 'VPN', group_code: target.code }),
        line({ ...same(leaving), eligible: 'non' }),
      ].join('\n'));
      expect(response.status).toBe(200);
      const rows = await db.query(
        `SELECT employee_number, eligible, group_id FROM agents WHERE employee_number = ANY($1::text[]) ORDER BY employee_number`,
        [[moving.employee_number, leaving.employee_number]],
      );
      expect(rows).toEqual([
        { employee_number: moving.employee_number, eligible: true, group_id: target.id },
        { employee_number: leaving.employee_number, eligible: false, group_id: null },
      ]);
    });

    it('reads , files without BOM, quoted values, Windows-1252 and the role of existing accounts', async () => {
      const comma = [
        'employee_number,first_name,last_name,email,site_code,org_unit_code',
        `IMP010,"Jean, Marie","Dupont ""Jr""",jm.dupont@example.fr,${sites[0].code},${units[0].code}`,
      ].join('\n');
      expect((await post(comma)).body).toEqual({ created: 1, updated: 0, errors: [] });
      const [jm] = await db.query(`SELECT first_name, last_name FROM agents WHERE employee_number = 'IMP010'`);
      expect(jm).toEqual({ first_name: 'Jean, Marie', last_name: 'Dupont "Jr"' });

      const latin1 = Buffer.from(`matricule;prénom;nom\nIMP010;Zoé;Lefèvre\n`, 'latin1');
      expect((await post(latin1, tokens.ADMIN)).body).toEqual({ created: 0, updated: 1, errors: [] });
      const [zoe] = await db.query(`SELECT first_name, last_name FROM agents WHERE employee_number = 'IMP010'`);
      expect(zoe).toEqual({ first_name: 'Zoé', last_name: 'Lefèvre' });

      // the role column is the access role: the agent's account follows it
      const [account] = await db.query(
        `SELECT a.employee_number FROM users u JOIN agents a ON a.id = u.agent_id WHERE u.role = 'AGENT' AND NOT a.eligible ORDER BY 1 LIMIT 1`,
      );
      const [login] = await db.query(`SELECT u.email FROM users u JOIN agents a ON a.id = u.agent_id WHERE a.employee_number = $1`, [account.employee_number]);
      const session = await api.login(login.email);
      expect((await api.call('GET', '/api/agents', { token: session })).status).toBe(403);
      expect((await post(`employee_number;role\n${account.employee_number};MANAGER\n`)).status).toBe(200);
      const [user] = await db.query(`SELECT u.role FROM users u JOIN agents a ON a.id = u.agent_id WHERE a.employee_number = $1`, [account.employee_number]);
      expect(user.role).toBe('MANAGER');
      // its live session, signed as AGENT, is over; a new log-in acts as a manager
      expect((await api.call('GET', '/api/agents', { token: session })).status).toBe(401);
      expect((await api.call('GET', '/api/agents', { token: await api.login(login.email) })).status).toBe(200);

      // so does its log-in e-mail
      expect((await post(`employee_number;email\n${account.employee_number};nouvelle.adresse@example.fr\n`)).status).toBe(200);
      expect(await api.login('nouvelle.adresse@example.fr')).toEqual(expect.any(String));
    });

    it('refuses a file with several wrong lines, naming each line and column, and changes nothing', async () => {
      const full = groups.find((g) => g.members > 0) as (typeof groups)[number];
      const [{ members }] = await db.query(`SELECT count(*)::int AS members FROM agents WHERE group_id = $1`, [full.id]);
      await db.query(`UPDATE rotation_groups SET max_size = $2 WHERE id = $1`, [full.id, members]);
      const [other] = await db.query(`SELECT email FROM agents WHERE employee_number <> $1 ORDER BY employee_number LIMIT 1`, [existing.employee_number]);
      const good = { first_name: 'Bon', last_name: 'Ligne', site_code: sites[0].code, org_unit_code: units[0].code };
      const file = [
        HEADER.join(';'),
        line({ ...good, employee_number: 'BAD001', email: 'ok1@example.fr' }), // 2: fine on its own
        line({ ...good, employee_number: 'BAD002', email: 'ok2@example.fr', site_code: 'NOPE' }), // 3
        line({ ...good, employee_number: 'BAD003', email: 'ok3@example.fr', role: 'BOSS', tier: 'VIP' }), // 4
        line({ ...good, employee_number: 'BAD001', email: 'ok4@example.fr' }), // 5 duplicate
        line({ ...good, employee_number: 'BAD005', email: other.email.toUpperCase() }), // 6 e-mail of another agent
        line({ ...good, employee_number: 'BAD006', email: 'ok6@example.fr', weekly_min: '6', weekly_max: '4' }), // 7
        line({ ...good, employee_number: 'BAD007', email: 'ok7@example.fr', eligible: 'oui' }), // 8 no pool
        line({ ...good, employee_number: 'BAD008', email: 'ok8@example.fr', manager_employee_number: 'GHOST' }), // 9
        line({ ...good, employee_number: 'BAD009', email: 'ok9@example.fr', eligible: 'oui', access_pool: 'VDI', group_code: full.code }), // 10
        'BAD010;too;short', // 11
        line({ ...good, employee_number: 'BAD011', email: 'not-an-email', org_unit_code: 'NOPE' }), // 12
      ].join('\n');
      const before = await fingerprint();
      const response = await post(file);
      expect(response.status).toBe(400);
      expect(response.body.created).toBe(0);
      expect(response.body.updated).toBe(0);
      expect(response.body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
        [3, 'site_code'], [4, 'role'], [4, 'tier'], [5, 'employee_number'], [6, 'email'], [7, 'weekly_min'], [8, 'access_pool'],
        [9, 'manager_employee_number'], [10, 'group_code'], [11, ''], [12, 'email'], [12, 'org_unit_code'],
      ]);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'IMPORT_REFUSED', count: 12 });
      expect(response.body.errors.map((e: { code: string }) => e.code)).toEqual([
        'UNKNOWN_SITE', 'NOT_ALLOWED', 'NOT_ALLOWED', 'ALREADY_IN_FILE', 'EMAIL_OF_OTHER_AGENT', 'WEEKLY_MIN_ABOVE_MAX', 'ELIGIBLE_NEEDS_POOL',
        'UNKNOWN_AGENT', 'GROUP_FULL', 'CSV_VALUE_COUNT', 'NOT_AN_EMAIL', 'UNKNOWN_ORG_UNIT',
      ]);
      expect(response.body.errors[0]).toEqual({ line: 3, column: 'site_code', code: 'UNKNOWN_SITE', value: 'NOPE', message: 'unknown site "NOPE"' });
      for (const error of response.body.errors) {
        expect(error.message).toEqual(expect.any(String));
        expect(isKnownMessageCode(error.code)).toBe(true);
      }
      expect(await fingerprint()).toEqual(before);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM agents WHERE employee_number LIKE 'BAD%'`);
      expect(n).toBe(0);
    });

    it('refuses a file without the key column, an AGENT or MANAGER caller, and a JSON body', async () => {
      const noKey = await post('first_name;last_name\nA;B\n');
      expect(noKey.status).toBe(400);
      expect(noKey.body.errors).toEqual([{ line: 1, column: 'employee_number', code: 'CSV_KEY_COLUMN_MISSING', message: expect.any(String) }]);
      const file = `employee_number;last_name\n${existing.employee_number};Hacked\n`;
      expect((await post(file, tokens.AGENT)).body).toMatchObject({ statusCode: 403, code: 'ROLE_NEEDED' });
      expect((await post(file, tokens.MANAGER)).status).toBe(403);
      expect((await post(JSON.stringify({ rows: [] }), tokens.HR, 'application/json')).body)
        .toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'text/csv' });
      const [{ last_name }] = await db.query(`SELECT last_name FROM agents WHERE id = $1`, [existing.id]);
      expect(last_name).not.toBe('Hacked');
    });
  });

  describe('GET /api/exports/assignments.csv', () => {
    let testPlan: TestPlan;
    let from: string;
    let to: string;

    beforeAll(async () => {
      from = nextMonday(api);
      to = addDays(from, 6);
      testPlan = await writeTestPlan(api, from, to);
    });

    const download = async (token: string, query = `from=${from}&to=${to}`) => {
      const response = await fetch(`${api.baseUrl}/api/exports/assignments.csv?${query}`, { headers: { authorization: `Bearer ${token}` } });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { response, bytes, lines: bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean) };
    };

    it('gives HR a ;-separated UTF-8 file with a BOM: the header and one row per assignment, in order', async () => {
      const { response, bytes, lines } = await download(tokens.HR);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="assignments-${from}-${to}.csv"`);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // the continuity columns are appended: the first eight stay where scripts read them
      expect(lines[0]).toBe('employee_number;last_name;first_name;site_code;date;period;mode;source;continuity_event;reason;reason_en');
      const rows = lines.slice(1).map((l) => l.split(';'));
      expect(rows.length).toBe(testPlan.plan.agents.length * testPlan.plan.halfDays.length);
      const keys = rows.map((r) => `${r[0]}|${r[4]}|${r[5]}`);
      expect(new Set(keys).size).toBe(keys.length);
      const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : `${a[4]}${a[5]}`.localeCompare(`${b[4]}${b[5]}`)));
      expect(rows.map((r) => r[0] + r[4] + r[5])).toEqual(sorted.map((r) => r[0] + r[4] + r[5]));

      // every row says what the plan says
      const agents: { id: string; employee_number: string }[] = await db.query(`SELECT id, employee_number FROM agents`);
      const idOf = new Map(agents.map((a) => [a.employee_number, a.id]));
      const modes = new Map(testPlan.plan.agents.map((a) => [a.id, a.modes]));
      for (const row of rows) {
        const i = testPlan.plan.halfDays.indexOf(`${row[4]}${row[5]}`);
        expect(row[6]).toBe(MODE_OF_LETTER[(modes.get(idOf.get(row[0]) as string) as string)[i]]);
      }
    });

    it('gives a manager its team only, and refuses agents and bad ranges', async () => {
      const team = (await api.call('GET', '/api/agents?pageSize=500', { token: tokens.MANAGER })).body.items as { employeeNumber: string }[];
      const { response, lines } = await download(tokens.MANAGER);
      expect(response.status).toBe(200);
      const numbers = lines.slice(1).map((l) => l.split(';')[0]);
      expect(new Set(numbers)).toEqual(new Set(team.map((a) => a.employeeNumber)));
      expect(numbers.length).toBe(team.length * testPlan.plan.halfDays.length);

      const one = await download(tokens.HR, `from=${from}&to=${from}`);
      expect(one.lines.length - 1).toBe(testPlan.plan.agents.length * 2);

      expect((await download(tokens.AGENT)).response.status).toBe(403);
      const bad = await fetch(`${api.baseUrl}/api/exports/assignments.csv?from=${to}&to=${from}`, { headers: { authorization: `Bearer ${tokens.HR}` } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0].field).toBe('to');
    });
  });
});
