import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';

interface Cell { groupId: string; date: string; period: string }

/**
 * Item 10: publications and cell edits of rotation calendars at the same time. PostgreSQL only:
 * PGlite has one session, so concurrent transactions would prove nothing.
 */
describe('rotation calendars under concurrent publications and edits, on postgres', () => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;

  beforeAll(async () => {
    api = await startApi('postgres');
    db = api.app.get(DataSource);
    hr = await api.login(api.startup.demoLogins.find((login) => login.role === 'HR')?.email as string);
    expect((await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } })).status).toBe(200);
  });

  afterAll(async () => api?.close());

  const draft = async (): Promise<{ id: string; version: number; cells: Cell[]; halfDays: string[]; groups: { id: string }[] }> => {
    const response = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(response.status).toBe(201);
    return response.body;
  };

  /** A published calendar's members work remote exactly on their group's half-days (no request granted here). */
  async function assignmentsDisagreeWithCells(calendarId: string): Promise<number> {
    const [{ disagreements }] = await db.query(`
      SELECT count(*)::int AS disagreements FROM assignments s JOIN agents a ON a.id = s.agent_id
      LEFT JOIN rotation_cells c ON c.calendar_id = $1 AND c.group_id = a.group_id AND c.date = s.date AND c.period = s.period
      WHERE a.eligible AND s.date BETWEEN $2 AND $3 AND s.mode <> 'OFF' AND s.source = 'ROTATION'
        AND ((c.group_id IS NULL) <> (s.mode = 'ON_SITE'))`, [calendarId, FROM, TO]);
    return disagreements;
  }

  it('two publications of the same range at once: one wins, the other gets 409, and one calendar is PUBLISHED', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await draft(), await draft()];
      const responses = await Promise.all([a, b].map((d) => api.call('POST', `/api/rotations/${d.id}/publish`, { token: hr })));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = responses.find((r) => r.status === 409);
      const winner = responses.findIndex((r) => r.status === 200);
      // the later one learns which version came first, with its range
      expect(loser?.body).toMatchObject({
        code: 'ROTATION_PUBLISHED_MEANWHILE', version: [a, b][winner].version, from: FROM, to: TO,
      });
      const published = await db.query(
        `SELECT id FROM rotation_calendars WHERE status = 'PUBLISHED' AND period_from <= $2 AND period_to >= $1`, [FROM, TO]);
      expect(published.map((row: { id: string }) => row.id)).toEqual([[a, b][winner].id]);
      const [{ status }] = await db.query(`SELECT status FROM rotation_calendars WHERE id = $1`, [[a, b][1 - winner].id]);
      expect(status).toBe('DRAFT');
      expect(await assignmentsDisagreeWithCells([a, b][winner].id)).toBe(0);
    }
  });

  it('a cell edit racing the publication of its draft never rewrites the published calendar', async () => {
    for (let round = 0; round < 3; round++) {
      const d = await draft();
      const cell = d.cells[round];
      const [edit, publish] = await Promise.all([
        api.call('PATCH', `/api/rotations/${d.id}/cells`, { token: hr, body: { changes: [{ ...cell, remote: false }] } }),
        api.call('POST', `/api/rotations/${d.id}/publish`, { token: hr }),
      ]);
      expect(publish.status).toBe(200);
      expect([200, 409]).toContain(edit.status);
      if (edit.status === 409) expect(edit.body).toMatchObject({ code: 'ROTATION_NOT_DRAFT', status: 'PUBLISHED', action: 'edit' });
      const cells: Cell[] = await db.query(
        `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells WHERE calendar_id = $1`, [d.id]);
      const has = cells.some((c) => c.groupId === cell.groupId && c.date === cell.date && c.period === cell.period);
      // the edit went in before the publication (and was published) or was refused after it
      expect(has).toBe(edit.status === 409);
      expect(cells).toHaveLength(edit.status === 200 ? d.cells.length - 1 : d.cells.length);
      // and what was published is what the agents' assignments say
      expect(await assignmentsDisagreeWithCells(d.id)).toBe(0);
    }
  });

  it('two cell edits of one draft at once: both changes are kept', async () => {
    const d = await draft();
    const [first, second] = [d.cells[0], d.cells[d.cells.length - 1]];
    const responses = await Promise.all([first, second].map((cell) =>
      api.call('PATCH', `/api/rotations/${d.id}/cells`, { token: hr, body: { changes: [{ ...cell, remote: false }] } })));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const cells: Cell[] = (await api.call('GET', `/api/rotations/${d.id}`, { token: hr })).body.cells;
    const key = (c: Cell) => `${c.groupId}|${c.date}|${c.period}`;
    expect(cells.map(key).sort()).toEqual(d.cells.filter((c) => c !== first && c !== second).map(key).sort());
  });
});
