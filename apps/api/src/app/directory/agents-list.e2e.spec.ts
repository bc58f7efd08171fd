import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { SORT_COLUMNS } from './agents.repository';
import { TEAM_UNITS_CTE } from './team-scope';

jest.setTimeout(120_000);

type Sort = 'lastName' | 'employeeNumber' | 'site' | 'orgUnit' | 'tier';

/**
 * The ids of the agents the list must answer, in its order, from the straightforward SQL the page
 * was rewritten from (every join, the five comparisons of the search, then sort and cut; the
 * rewrite cuts the page on agents alone): the rewrite must answer the same.
 */
async function referenceIds(
  db: DataSource, managerAgentId: string | null, query: { sort: Sort; order: 'asc' | 'desc'; q?: string; eligible?: boolean },
): Promise<string[]> {
  const params: unknown[] = [managerAgentId];
  const where = [managerAgentId ? 'a.org_unit_id IN (SELECT id FROM team_units)' : 'true'];
  if (query.eligible !== undefined) {
    params.push(query.eligible);
    where.push(`a.eligible = $${params.length}`);
  }
  if (query.q) {
    params.push(`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    where.push(`(lower(a.last_name) LIKE ${p} OR lower(a.first_name) LIKE ${p} OR lower(a.employee_number) LIKE ${p}
      OR lower(a.first_name || ' ' || a.last_name) LIKE ${p} OR lower(a.last_name || ' ' || a.first_name) LIKE ${p})`);
  }
  const rows: { id: string }[] = await db.query(
    `WITH RECURSIVE ${TEAM_UNITS_CTE}
     SELECT a.id FROM agents a JOIN sites s ON s.id = a.site_id JOIN org_units o ON o.id = a.org_unit_id
     WHERE ${where.join(' AND ')} ORDER BY ${SORT_COLUMNS[query.sort]} ${query.order.toUpperCase()}, a.employee_number`,
    params,
  );
  return rows.map((row) => row.id);
}

describe.each(TEST_DATABASE_MODES)('the agents list on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;
  let manager: string;
  let managerAgentId: string;
  /** employee number → id of the agents that tie on every sort key but the employee number */
  const tied: Record<string, string> = {};

  const list = async (token: string, query: string) => {
    const response = await api.call('GET', `/api/agents?${query}`, { token });
    expect(response.status).toBe(200);
    return response.body as { items: { id: string; employeeNumber: string }[]; total: number };
  };
  const numbersOf = (page: { items: { employeeNumber: string }[] }) => page.items.map((agent) => agent.employeeNumber);

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const emailOf: Record<string, string> = Object.fromEntries(api.startup.demoLogins.map((login) => [login.role, login.email]));
    hr = await api.login(emailOf.HR);
    manager = await api.login(emailOf.MANAGER);
    [{ agent_id: managerAgentId }] = await db.query(`SELECT agent_id FROM users WHERE lower(email) = lower($1)`, [emailOf.MANAGER]);
    const [team] = await db.query(`WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT id FROM team_units ORDER BY id LIMIT 1`, [managerAgentId]);
    const [outside] = await db.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT id FROM org_units WHERE id NOT IN (SELECT id FROM team_units) ORDER BY id LIMIT 1`, [managerAgentId]);
    const [site] = await db.query(`SELECT id FROM sites ORDER BY code LIMIT 1`);
    // same last name but for case, same first name twice (but for case), same site, same tier:
    // only the employee number orders them, and it is not their creation order
    const ties = [
      { employeeNumber: 'TIE-3', firstName: 'Anne', lastName: 'Zedrin', orgUnitId: team.id },
      { employeeNumber: 'TIE-1', firstName: 'anne', lastName: 'ZEDRIN', orgUnitId: outside.id },
      { employeeNumber: 'TIE-2', firstName: 'Bruno', lastName: 'zedrin', orgUnitId: team.id },
    ];
    for (const agent of ties) {
      const created = await api.call('POST', '/api/agents', {
        token: hr, body: { ...agent, email: `${agent.employeeNumber.toLowerCase()}@example.fr`, siteId: site.id },
      });
      expect(created.status).toBe(201);
      tied[agent.employeeNumber] = created.body.id;
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it('orders agents tied on the sort key by employee number, in either direction', async () => {
    const byName = await list(hr, 'q=zedrin');
    expect(numbersOf(byName)).toEqual(['TIE-1', 'TIE-3', 'TIE-2']);
    expect(byName.total).toBe(3);
    // descending by name: bruno before the two annes, who stay in employee-number order
    expect(numbersOf(await list(hr, 'q=zedrin&order=desc'))).toEqual(['TIE-2', 'TIE-1', 'TIE-3']);
    for (const sort of ['site', 'tier', 'employeeNumber']) {
      for (const order of ['asc', 'desc']) {
        const expected = sort === 'employeeNumber' && order === 'desc' ? ['TIE-3', 'TIE-2', 'TIE-1'] : ['TIE-1', 'TIE-2', 'TIE-3'];
        expect(numbersOf(await list(hr, `q=zedrin&sort=${sort}&order=${order}`))).toEqual(expected);
      }
    }
  });

  it('cuts pages inside a group of ties without losing or repeating an agent', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await list(hr, `q=zedrin&pageSize=1&page=${page}`));
    expect(pages.map(numbersOf)).toEqual([['TIE-1'], ['TIE-3'], ['TIE-2']]);
    expect(pages.map((page) => page.total)).toEqual([3, 3, 3]);
    const past = await list(hr, 'q=zedrin&pageSize=2&page=3');
    expect(past).toEqual({ items: [], total: 3 });
  });

  it('searches each name, both name orders and the employee number, literally, and only in the team for a manager', async () => {
    expect(numbersOf(await list(hr, `q=${encodeURIComponent('anne zedrin')}`))).toEqual(['TIE-1', 'TIE-3']);
    expect(numbersOf(await list(hr, `q=${encodeURIComponent('ZEDRIN BRUNO')}`))).toEqual(['TIE-2']);
    expect(numbersOf(await list(hr, 'q=tie-2'))).toEqual(['TIE-2']);
    // '_' and '%' are characters, not wildcards
    expect(await list(hr, 'q=tie_')).toEqual({ items: [], total: 0 });
    expect(await list(hr, `q=${encodeURIComponent('zedrin%anne')}`)).toEqual({ items: [], total: 0 });
    // a newline matches no name: never across two of the strings searched
    expect(await list(hr, `q=${encodeURIComponent('zedrin\nanne')}`)).toEqual({ items: [], total: 0 });

    const team = await list(manager, 'q=zedrin');
    expect(numbersOf(team)).toEqual(['TIE-3', 'TIE-2']);
    expect(team.total).toBe(2);
  });

  it('answers, for every sort key and direction, filter and scope, the rows, order and total of the straightforward SQL', async () => {
    const [{ count: everyone }] = await db.query(`SELECT count(*)::int AS count FROM agents`);
    expect(everyone).toBeGreaterThan(10);
    // a search of 3 characters or more takes the trigram path: the most common start of a last name
    const [{ start }] = await db.query(`SELECT lower(substr(last_name, 1, 3)) AS start FROM agents GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    for (const [token, agentId] of [[hr, null], [manager, managerAgentId]] as const) {
      for (const sort of Object.keys(SORT_COLUMNS) as Sort[]) {
        for (const order of ['asc', 'desc'] as const) {
          for (const filter of [{}, { eligible: true }, { q: 'e' }, { q: start }, { q: start, eligible: false }]) {
            const query = { sort, order, ...filter };
            const expected = await referenceIds(db, agentId, query);
            const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
            const all = await list(token, `${params}&pageSize=500`);
            const label = `${agentId ? 'manager' : 'HR'} ${params}`;
            expect({ label, ids: all.items.map((agent) => agent.id), total: all.total }).toEqual({ label, ids: expected, total: expected.length });
            const third = await list(token, `${params}&pageSize=4&page=3`);
            expect({ label, ids: third.items.map((agent) => agent.id), total: third.total })
              .toEqual({ label, ids: expected.slice(8, 12), total: expected.length });
          }
        }
      }
    }
  });

  it('lists each agent as reading it one by one does', async () => {
    const page = await list(hr, 'q=zedrin');
    for (const item of page.items) {
      expect(item).toEqual((await api.call('GET', `/api/agents/${item.id}`, { token: hr })).body);
    }
    expect(page.items.map((item) => item.id)).toEqual([tied['TIE-1'], tied['TIE-3'], tied['TIE-2']]);
  });
});
