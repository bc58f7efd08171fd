import { formatMessage } from '@telework/contracts';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

const FROM = '2026-12-07';
const TO = '2026-12-18';
const TODAY = '2026-11-30'; // the harness's PLANNING_TODAY

/**
 * Regrouping every agent empties the groups a published calendar names: from the next run
 * their members would be on site every half-day. The API says so with the figures and does it
 * only when confirmed.
 */
describe.each(TEST_DATABASE_MODES)('auto-forming groups against the published plan on %s', (mode) => {
  let api: ApiHarness;
  let hr: string;
  let db: DataSource;
  const groupOfAgents = async () =>
    (await db.query(`SELECT id, group_id FROM agents WHERE eligible ORDER BY id`)) as { id: string; group_id: string | null }[];

  beforeAll(async () => {
    api = await startApi(mode);
    const logins = Object.fromEntries(api.startup.demoLogins.map((login) => [login.role, login.email]));
    hr = await api.login(logins['HR']);
    db = api.app.get(DataSource);
  });

  afterAll(async () => api?.close());

  it('regroups at once when no published calendar names the groups', async () => {
    const formed = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } });
    expect(formed.status).toBe(200);
    expect(formed.body).toMatchObject({ dryRun: false, publishedPlan: null });
    expect(formed.body.groupsCreated).toBeGreaterThan(0);
  });

  it('after publication: 409 with what changes to the published plan, nothing changed; dryRun answers the same figures', async () => {
    const draft = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(draft.status).toBe(201);
    expect((await api.call('POST', `/api/rotations/${draft.body.id}/publish`, { token: hr, body: {} })).status).toBe(200);
    const before = await groupOfAgents();
    const [expected] = await db.query(
      `SELECT count(DISTINCT a.group_id)::int AS groups, count(DISTINCT a.id)::int AS agents
       FROM agents a WHERE a.eligible AND a.group_id IN (SELECT group_id FROM rotation_cells WHERE calendar_id = $1)`,
      [draft.body.id],
    );
    const [{ remoteHalfDays }] = await db.query(
      `SELECT count(*)::int AS "remoteHalfDays" FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.mode = 'REMOTE' AND s.source = 'ROTATION' AND s.date >= $1 AND a.eligible
         AND a.group_id IN (SELECT group_id FROM rotation_cells WHERE calendar_id = $2)`,
      [TODAY, draft.body.id],
    );
    expect(remoteHalfDays).toBeGreaterThan(0);
    const impact = {
      from: TODAY,
      calendars: [{ id: draft.body.id, version: draft.body.version, from: FROM, to: TO }],
      groups: expected.groups,
      agents: expected.agents,
      remoteHalfDays,
    };

    const refused = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } });
    expect(refused.status).toBe(409);
    expect(refused.body.publishedPlan).toEqual(impact);
    // the code and its figures, the console's words; the English record beside
    expect(refused.body).toMatchObject({
      statusCode: 409, code: 'REGROUP_CHANGES_PUBLISHED_PLAN',
      groups: impact.groups, agents: impact.agents, remoteHalfDays, from: TODAY, versions: [draft.body.version],
    });
    expect(formatMessage(refused.body, 'fr')).toContain(`leurs ${impact.agents} agent(s) perdraient ${remoteHalfDays} demi-journée(s) de télétravail`);
    expect(refused.body.message).toContain(
      `empties ${impact.groups} group(s) that the published calendar(s) (version(s) ${draft.body.version}) still name: ` +
        `their ${impact.agents} agent(s) would lose ${remoteHalfDays} remote half-day(s) from ${TODAY} on`,
    );
    expect(refused.body.message).toContain('confirm: true');
    expect(await groupOfAgents()).toEqual(before);

    const preview = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true, dryRun: true } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, publishedPlan: impact, groups: [] });
    expect(preview.body.groupsCreated).toBeGreaterThan(0);
    expect(await groupOfAgents()).toEqual(before);
  });

  it('with confirm: true it regroups, answers what changed to the published plan and audits the confirmation', async () => {
    const before = await groupOfAgents();
    const done = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true, confirm: true } });
    expect(done.status).toBe(200);
    expect(done.body.dryRun).toBe(false);
    expect(done.body.publishedPlan.agents).toBe(before.length);
    const after = await groupOfAgents();
    expect(after.every((a) => a.group_id !== null)).toBe(true);
    expect(after.some((a, i) => a.group_id !== before[i].group_id)).toBe(true);
    const [audit] = await db.query(
      `SELECT details FROM audit_log WHERE action = 'groups.auto_formed' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details;
    expect(details).toMatchObject({ regroupAll: true, confirmed: true, publishedPlan: { agents: before.length } });
    // the published calendar now names only empty groups: nothing more to confirm
    const again = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true, dryRun: true } });
    expect(again.body.publishedPlan).toBeNull();
  });

  it('placing only agents without a group never needs a confirmation', async () => {
    await db.query(`UPDATE agents SET group_id = NULL WHERE id = (SELECT id FROM agents WHERE eligible ORDER BY id LIMIT 1)`);
    const placed = await api.call('POST', '/api/groups/auto-form', { token: hr, body: {} });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ agentsGrouped: 1, publishedPlan: null, dryRun: false });
  });
});
