import { DataSource } from 'typeorm';
import type { ScheduleChangedMailPayload } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { AllocationDispatcher } from './allocation.dispatcher';

jest.setTimeout(180_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';
/** nothing listens there: the rows are written (what this spec checks); sending them is the sender's business */
const SMTP_URL = 'smtp://127.0.0.1:9';

type Line = ScheduleChangedMailPayload['changes'][number];

describe.each(TEST_DATABASE_MODES)('SCHEDULE_CHANGED mails of a publication and an allocation run on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;
  /** agents: one who switched these mails off, one disabled, one who reads English */
  let optedOut: string;
  let disabled: string;
  let english: string;

  beforeAll(async () => {
    api = await startApi(mode, { SMTP_URL });
    db = api.app.get(DataSource);
    hr = await api.login(api.startup.demoLogins.find((l) => l.role === 'HR')?.email as string);
    const agents: { id: string }[] = await db.query(
      `SELECT a.id FROM agents a JOIN users u ON u.agent_id = a.id WHERE a.role = 'AGENT' AND a.eligible ORDER BY a.employee_number LIMIT 3`);
    [optedOut, disabled, english] = agents.map((a) => a.id);
    await db.query(`UPDATE users SET mail_opt_outs = ARRAY['SCHEDULE_CHANGED'] WHERE agent_id = $1`, [optedOut]);
    await db.query(`UPDATE users SET active = false WHERE agent_id = $1`, [disabled]);
    await db.query(`UPDATE users SET language = 'en', mail_opt_outs = ARRAY['REQUEST_DECIDED', 'MANAGER_DIGEST'] WHERE agent_id = $1`, [english]);
  });

  afterAll(async () => api?.close());

  /** every planned half-day of the horizon: agent → "date|period" → mode */
  const plannedModes = async (): Promise<Map<string, Map<string, string>>> => {
    const rows: { agent_id: string; date: string; period: string; mode: string }[] = await db.query(
      `SELECT agent_id, to_char(date, 'YYYY-MM-DD') AS date, period, mode FROM assignments WHERE date BETWEEN $1 AND $2`, [FROM, TO]);
    const out = new Map<string, Map<string, string>>();
    for (const row of rows) {
      if (!out.has(row.agent_id)) out.set(row.agent_id, new Map());
      out.get(row.agent_id)?.set(`${row.date}|${row.period}`, row.mode);
    }
    return out;
  };
  /** per agent, what changed between two readings, in time order (the lines its mail must list) */
  const changesBetween = (before: Map<string, Map<string, string>>, after: Map<string, Map<string, string>>): Map<string, Line[]> => {
    const out = new Map<string, Line[]>();
    for (const agent of new Set([...before.keys(), ...after.keys()])) {
      const keys = [...new Set([...(before.get(agent)?.keys() ?? []), ...(after.get(agent)?.keys() ?? [])])].sort();
      const lines = keys.flatMap((key) => {
        const [was, now] = [before.get(agent)?.get(key) ?? null, after.get(agent)?.get(key) ?? null];
        const [date, period] = key.split('|');
        return was === now ? [] : [{ date, period, before: was, after: now } as Line];
      });
      if (lines.length > 0) out.set(agent, lines);
    }
    return out;
  };
  const mailsOf = async (version: number): Promise<Map<string, { language: string; recipient: string; payload: ScheduleChangedMailPayload }>> => {
    const rows = await db.query(
      `SELECT u.agent_id, o.language, o.recipient, o.payload FROM mail_outbox o JOIN users u ON u.id = o.user_id
       WHERE o.kind = 'SCHEDULE_CHANGED' AND (o.payload->>'planVersion')::int = $1`, [version]);
    return new Map(rows.map((row: { agent_id: string; payload: unknown }) =>
      [row.agent_id, { ...row, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }]));
  };
  const noticed = async (version: number): Promise<string[]> =>
    (await db.query(`SELECT agent_id FROM notices WHERE plan_version = $1 ORDER BY agent_id`, [version])).map((row: { agent_id: string }) => row.agent_id);
  const latestVersion = async (): Promise<number> => (await db.query(`SELECT max(version)::int AS v FROM plan_versions`))[0].v;

  function expectMails(mails: Awaited<ReturnType<typeof mailsOf>>, changes: Map<string, Line[]>, version: number) {
    const wanted = [...changes.keys()].filter((agent) => agent !== optedOut && agent !== disabled).sort();
    expect([...mails.keys()].sort()).toEqual(wanted);
    for (const [agent, mail] of mails) {
      expect(mail.payload).toMatchObject({ planVersion: version, eventLabel: null });
      expect(mail.payload.changes).toEqual(changes.get(agent));
      expect(mail.language).toBe(agent === english ? 'en' : 'fr');
    }
  }

  it('a published rotation: one mail per agent whose half-days it changed, listing only those', async () => {
    expect((await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } })).status).toBe(200);
    const draft = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(draft.status).toBe(201);
    const before = await plannedModes();
    const published = await api.call('POST', `/api/rotations/${draft.body.id}/publish`, { token: hr });
    expect(published.status).toBe(200);
    const version = await latestVersion();
    const changes = changesBetween(before, await plannedModes());
    expect(changes.size).toBeGreaterThan(0);
    expect(await noticed(version)).toEqual([...changes.keys()].sort());
    const mails = await mailsOf(version);
    expectMails(mails, changes, version);
    expect(mails.has(english)).toBe(true);
  });

  it('an allocation run: mails only to the agents it changed, with only their changed half-days', async () => {
    // two agents' plan drift from what the run computes (a remote half-day on site): the run puts them back
    const drifted: { agent_id: string; date: string; period: string }[] = await db.query(
      `SELECT DISTINCT ON (agent_id) agent_id, to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments
       WHERE mode = 'REMOTE' AND date >= '2026-12-14' AND agent_id = ANY($1::uuid[]) ORDER BY agent_id, date, period`,
      [[english, optedOut]]);
    expect(drifted).toHaveLength(2);
    for (const row of drifted) {
      await db.query(
        `UPDATE assignments SET mode = 'ON_SITE', source = 'DEFAULT', pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = $3`,
        [row.agent_id, row.date, row.period]);
    }
    const before = await plannedModes();
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    expect(triggered.status).toBe(202);
    await api.app.get(AllocationDispatcher).idle();
    const run = (await api.call('GET', `/api/allocation-runs/${triggered.body.id}`, { token: hr })).body;
    expect(run.status).toBe('SUCCEEDED');
    const changes = changesBetween(before, await plannedModes());
    expect(changes.get(english)).toEqual(expect.arrayContaining([{ date: drifted.find((d) => d.agent_id === english)?.date, period: drifted.find((d) => d.agent_id === english)?.period, before: 'ON_SITE', after: 'REMOTE' }]));
    expect(changes.has(optedOut)).toBe(true);
    expect(run.changedAgents).toBe(changes.size);
    const mails = await mailsOf(run.planVersion);
    expectMails(mails, changes, run.planVersion);
    expect(mails.get(english)?.payload).toMatchObject({ from: expect.any(String), to: TO });

    // the same run again changes nobody: no mail
    const again = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    await api.app.get(AllocationDispatcher).idle();
    const second = (await api.call('GET', `/api/allocation-runs/${again.body.id}`, { token: hr })).body;
    expect(second).toMatchObject({ status: 'SUCCEEDED', changedAgents: 0 });
    expect((await mailsOf(second.planVersion)).size).toBe(0);
  });
});
