import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { formatMessage, NoWorkplaceWhy, recordText } from '@telework/contracts';
import { NoWorkplaceEntry, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { TEAM_UNITS_CTE } from '../directory/team-scope';

jest.setTimeout(120_000);

/**
 * What agents, managers and HR see of continuity mode, through the real API: a plan with an
 * ACTIVE event (the agent's site closed on 9 December, a few agents left without a workplace) is
 * written by the plan writer as a run would, then read back through the schedules, the notices,
 * the iCal feed, the site-day view, the capacity view and the CSV export; an approval on a
 * half-day of the ACTIVE event waits for the run. The plan is made by hand (the engine's own
 * continuity planning has its own tests): the baseline plan, with N on the chosen half-days.
 */
const FROM = '2026-12-07';
const TO = '2026-12-20';
const EVENT_DAY = '2026-12-09';
const LABEL = 'Grève des transports';

type Role = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
interface AgentRow { id: string; site_id: string; site_name: string; first_name: string; last_name: string; employee_number: string }

describe.each(TEST_DATABASE_MODES)('continuity mode as agents, managers and HR see it on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<Role, string>;
  let ids: Record<Role, { userId: string; agentId: string }>;
  let baseline: Plan;
  let plan: Plan;
  let snapshot: PlanningSnapshot;
  /** the demo AGENT and another agent of its site, without a workplace on the event day */
  let agent: AgentRow;
  let other: AgentRow;
  let team: Set<string>;
  let vdi: { id: string; code: string };
  const activeId = randomUUID();
  const draftId = randomUUID();
  const endedId = randomUUID();
  const laterId = randomUUID();
  let version: number;

  const why = (row: AgentRow, period: 'AM' | 'PM'): NoWorkplaceWhy => ({
    code: 'NO_WORKPLACE_POOL_FULL', event: LABEL, site: row.site_name, siteCapacity: 0, date: EVENT_DAY, period,
    pool: 'VDI', used: 3, capacity: 3, reserved: 0,
  });
  const entryOf = (row: AgentRow, period: 'AM' | 'PM'): NoWorkplaceEntry => {
    const w = why(row, period);
    return { agentId: row.id, date: EVENT_DAY, period, eventId: activeId, why: w, reason: recordText(w) };
  };
  const letterOn = (p: Plan, agentId: string, key: string) =>
    p.agents.find((a) => a.id === agentId)?.modes[p.halfDays.indexOf(key)];

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (login) => [login.role, await api.login(login.email)]))) as typeof tokens;
    ids = Object.fromEntries(await Promise.all(logins.map(async (login) => {
      const [row] = await db.query(`SELECT id AS "userId", agent_id AS "agentId" FROM users WHERE lower(email) = lower($1)`, [login.email]);
      return [login.role, row];
    }))) as typeof ids;
    [vdi] = await db.query(`SELECT id, code FROM capacity_pools WHERE code = 'VDI'`);
    team = new Set((await db.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT a.id FROM agents a WHERE a.org_unit_id IN (SELECT id FROM team_units)`,
      [ids.MANAGER.agentId],
    )).map((row: { id: string }) => row.id));

    // the baseline plan of the two weeks, written as the published one (no notice); no demo request nor event
    await db.query(`DELETE FROM telework_requests`);
    await db.query(`DELETE FROM continuity_events`);
    snapshot = await readPlanningSnapshot(db.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    baseline = planSnapshot(snapshot);
    await db.transaction((manager) => writePlan(manager, { snapshot, plan: baseline, kind: 'ROTATION_PUBLICATION', notify: false }));

    const agentSql = `SELECT a.id, a.site_id, s.name AS site_name, a.first_name, a.last_name, a.employee_number
                      FROM agents a JOIN sites s ON s.id = a.site_id`;
    [agent] = await db.query(`${agentSql} WHERE a.id = $1`, [ids.AGENT.agentId]);
    const works = (row: AgentRow) => ['AM', 'PM'].every((period) => letterOn(baseline, row.id, `${EVENT_DAY}${period}`) !== 'O');
    expect(works(agent)).toBe(true);
    // another agent of the site, outside the manager's team when there is one (the manager then sees the count, not the name)
    const sameSite: AgentRow[] = (await db.query(`${agentSql} WHERE a.site_id = $1 AND a.id <> ALL($2::uuid[]) ORDER BY a.employee_number`,
      [agent.site_id, Object.values(ids).map((id) => id.agentId).filter(Boolean)])).filter(works);
    other = sameSite.find((row) => !team.has(row.id)) ?? sameSite[0];
    expect(other).toBeDefined();

    // events: one ACTIVE on the day (site closed, VDI at 3 seats), one DRAFT the day after, an ENDED one and a later one (not listed)
    const insert = (id: string, status: string, from: string, fromPeriod: string, to: string, toPeriod: string, sites: unknown[], pools: unknown[]) =>
      db.query(
        `INSERT INTO continuity_events (id, label, kind, status, from_date, from_period, to_date, to_period, sites, pools)
         VALUES ($1, $2, 'STRIKE', $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
        [id, status === 'ACTIVE' ? LABEL : `${status} event`, status, from, fromPeriod, to, toPeriod, JSON.stringify(sites), JSON.stringify(pools)],
      );
    await insert(activeId, 'ACTIVE', EVENT_DAY, 'AM', EVENT_DAY, 'PM', [{ siteId: agent.site_id, capacity: 0 }], [{ poolId: vdi.id, capacity: 3 }]);
    await insert(draftId, 'DRAFT', '2026-12-10', 'AM', '2026-12-10', 'AM', [{ siteId: agent.site_id, capacity: 5 }], []);
    await insert(endedId, 'ENDED', '2026-12-08', 'AM', '2026-12-08', 'PM', [], []);
    await insert(laterId, 'ACTIVE', '2027-02-01', 'AM', '2027-02-05', 'PM', [], []);

    // the event's plan: the agent without a workplace all day, the other agent in the morning
    const noWorkplace = [entryOf(agent, 'AM'), entryOf(agent, 'PM'), entryOf(other, 'AM')];
    const nKeys = new Set(noWorkplace.map((e) => `${e.agentId}|${e.date}${e.period}`));
    plan = {
      ...baseline,
      version: 2,
      agents: baseline.agents.map((a) => ({
        ...a, modes: [...a.modes].map((m, i) => (nKeys.has(`${a.id}|${baseline.halfDays[i]}`) ? 'N' : m)).join(''),
      })),
      noWorkplace,
    };
    const eventSnapshot: PlanningSnapshot = {
      ...snapshot, version: 2,
      events: [{
        id: activeId, label: LABEL, kind: 'STRIKE', from: EVENT_DAY, fromPeriod: 'AM', to: EVENT_DAY, toPeriod: 'PM',
        sites: [{ siteId: agent.site_id, capacity: 0 }], pools: [{ poolId: vdi.code, capacity: 3 }],
      }],
    };
    ({ version } = await db.transaction((manager) => writePlan(manager, { snapshot: eventSnapshot, plan, kind: 'ALLOCATION', notify: true })));
  });

  afterAll(async () => {
    await api?.close();
  });

  const scheduleOf = async (token: string, path: string) => {
    const response = await api.call('GET', `${path}?from=${FROM}&to=${TO}`, { token });
    expect(response.status).toBe(200);
    return response.body.halfDays as Record<string, unknown>[];
  };

  it('shows the agent its half-days without a workplace, with the event, why and the reason; and so to its manager and HR', async () => {
    const mine = await scheduleOf(tokens.AGENT, '/api/me/schedule');
    expect(mine).toHaveLength(baseline.halfDays.length);
    const onDay = mine.filter((h) => h.date === EVENT_DAY);
    expect(onDay).toEqual((['AM', 'PM'] as const).map((period) => ({
      date: EVENT_DAY, period, mode: 'NO_WORKPLACE', source: 'CONTINUITY', continuityEventId: activeId,
      why: why(agent, period), reason: recordText(why(agent, period)),
    })));
    expect(onDay[0].reason).toBe(
      `no workplace on ${EVENT_DAY} AM (${LABEL}): site ${agent.site_name} closed, VDI pool full: 3 of 3 seats`);
    // the other days are untouched: four keys, never CONTINUITY
    for (const halfDay of mine.filter((h) => h.date !== EVENT_DAY)) {
      expect(Object.keys(halfDay).sort()).toEqual(['date', 'mode', 'period', 'source']);
      expect(halfDay.source).not.toBe('CONTINUITY');
    }

    expect(await scheduleOf(tokens.HR, `/api/agents/${agent.id}/schedule`)).toEqual(mine);
    if (team.has(agent.id)) expect(await scheduleOf(tokens.MANAGER, `/api/agents/${agent.id}/schedule`)).toEqual(mine);

    // an agent who kept its place on the event day: CONTINUITY with the event, no reason
    const kept = baseline.agents.find((a) => a.id !== agent.id && a.id !== other.id
      && ['AM', 'PM'].every((p) => ['R', 'S'].includes(letterOn(baseline, a.id, `${EVENT_DAY}${p}`) as string)));
    const theirs = (await scheduleOf(tokens.HR, `/api/agents/${kept?.id}/schedule`)).filter((h) => h.date === EVENT_DAY);
    for (const halfDay of theirs) {
      expect(halfDay).toEqual({
        date: EVENT_DAY, period: halfDay.period, source: 'CONTINUITY', continuityEventId: activeId,
        mode: letterOn(baseline, kept?.id as string, `${EVENT_DAY}${halfDay.period}`) === 'R' ? 'REMOTE' : 'ON_SITE',
      });
    }
  });

  it('tells only the agents whose half-days changed, naming the event, French first', async () => {
    const notified: { agent_id: string }[] = await db.query(`SELECT agent_id FROM notices WHERE plan_version = $1`, [version]);
    expect(notified.map((n) => n.agent_id).sort()).toEqual([agent.id, other.id].sort());
    const list = await api.call('GET', '/api/me/notices', { token: tokens.AGENT });
    const notice = list.body.items.find((n: { continuityEventId?: string }) => n.continuityEventId === activeId);
    expect(notice).toMatchObject({ kind: 'SCHEDULE_CHANGED', continuityEventId: activeId });
    expect(notice.message).toBe(
      `Plan de continuité « ${LABEL} » : votre planning a changé entre le 07/12/2026 et le 20/12/2026, ` +
      `dont 2 demi-journées sans poste de travail. / Continuity plan “${LABEL}”: your schedule changed ` +
      `between ${FROM} and ${TO}, 2 half-days without a workplace.`);
  });

  it('shows the change in the agent’s iCal feed: « Sans poste de travail » with the reason in French, then English', async () => {
    const url = (await api.call('GET', '/api/me/calendar-link', { token: tokens.AGENT })).body.url as string;
    const response = await fetch(`${api.baseUrl}${new URL(url).pathname}`);
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/\r\n /g, '');
    const block = (period: string) =>
      text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${agent.id}-${EVENT_DAY}-${period}@telework`)) as string;
    for (const period of ['AM', 'PM'] as const) {
      expect(block(period)).toContain(`SUMMARY:Sans poste de travail (${period === 'AM' ? 'matin' : 'après-midi'})`);
      expect(block(period)).toContain(`SEQUENCE:${version}`);
      const description = /DESCRIPTION:(.*)\r\n/.exec(block(period))?.[1].replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
      expect(description).toBe(
        `Plan de continuité « ${LABEL} » : ${formatMessage(why(agent, period), 'fr')}.\n\n` +
        `Continuity plan “${LABEL}”: ${formatMessage(why(agent, period), 'en')}.`);
      expect(description).toContain(`site ${agent.site_name} fermé, VDI complet : 3 places sur 3`);
    }
    // the remote half-days of the other days are still there
    const remoteElsewhere = baseline.halfDays.filter((key, i) =>
      !key.startsWith(EVENT_DAY) && baseline.agents.find((a) => a.id === agent.id)?.modes[i] === 'R');
    for (const key of remoteElsewhere) expect(text).toContain(`UID:${agent.id}-${key.slice(0, 10)}-${key.slice(10)}@telework`);
  });

  it('lists, on the site-day view, who has no workplace with the reason, the desks the event leaves and the events of the day', async () => {
    const hr = await api.call('GET', `/api/sites/${agent.site_id}/day?date=${EVENT_DAY}`, { token: tokens.HR });
    expect(hr.status).toBe(200);
    const person = (row: AgentRow, period: 'AM' | 'PM') => ({
      id: row.id, firstName: row.first_name, lastName: row.last_name, employeeNumber: row.employee_number,
      continuityEventId: activeId, why: why(row, period), reason: recordText(why(row, period)),
    });
    expect(hr.body.AM).toMatchObject({ noWorkplace: 2, eventCapacity: 0 });
    expect(hr.body.AM.noWorkplaceAgents).toEqual(expect.arrayContaining([person(agent, 'AM'), person(other, 'AM')]));
    expect(hr.body.AM.noWorkplaceAgents).toHaveLength(2);
    expect(hr.body.PM).toMatchObject({ noWorkplace: 1, noWorkplaceAgents: [person(agent, 'PM')], eventCapacity: 0 });
    // the on-site count is what the plan says, N not counted
    const onSite = baseline.agents.filter((a) => snapshot.agents.find((s) => s.id === a.id)?.siteId === agent.site_id
      && plan.agents.find((p) => p.id === a.id)?.modes[plan.halfDays.indexOf(`${EVENT_DAY}AM`)] === 'S').length;
    expect(hr.body.AM.onSite).toBe(onSite);
    expect(hr.body.continuityEvents.map((e: { id: string }) => e.id)).toEqual([activeId]);
    expect(hr.body.continuityEvents[0]).toEqual({
      id: activeId, label: LABEL, kind: 'STRIKE', status: 'ACTIVE', from: EVENT_DAY, fromPeriod: 'AM', to: EVENT_DAY, toPeriod: 'PM',
      sites: [{ siteId: agent.site_id, capacity: 0 }], pools: [{ poolId: vdi.id, capacity: 3 }],
    });

    // the manager sees the counts, and only its team's names
    const manager = await api.call('GET', `/api/sites/${agent.site_id}/day?date=${EVENT_DAY}`, { token: tokens.MANAGER });
    expect(manager.body.AM.noWorkplace).toBe(2);
    expect(manager.body.AM.noWorkplaceAgents.map((a: { id: string }) => a.id).sort())
      .toEqual([agent.id, other.id].filter((id) => team.has(id)).sort());

    // the day after: a DRAFT event is listed but sets nothing; no one without a workplace
    const next = await api.call('GET', `/api/sites/${agent.site_id}/day?date=2026-12-10`, { token: tokens.HR });
    expect(next.body.AM).toMatchObject({ noWorkplace: 0, noWorkplaceAgents: [], eventCapacity: null });
    expect(next.body.continuityEvents.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([[draftId, 'DRAFT']]);
  });

  it('counts the agents without a workplace in the capacity view, with the event seats and desks and the events of the range', async () => {
    const view = await api.call('GET', `/api/capacity?from=${FROM}&to=${TO}`, { token: tokens.HR });
    expect(view.status).toBe(200);
    // ACTIVE and DRAFT meeting the range, by start; not the ENDED one nor the later one
    expect(view.body.continuityEvents.map((e: { id: string }) => e.id)).toEqual([activeId, draftId]);
    const keys = view.body.halfDays.map((h: { date: string; period: string }) => `${h.date}${h.period}`);
    const at = (key: string) => view.body.halfDays[keys.indexOf(key)];
    expect(at(`${EVENT_DAY}AM`)).toMatchObject({ noWorkplace: 2, continuityEventIds: [activeId] });
    expect(at(`${EVENT_DAY}PM`)).toMatchObject({ noWorkplace: 1, continuityEventIds: [activeId] });
    expect(at('2026-12-10AM')).toMatchObject({ noWorkplace: 0, continuityEventIds: [draftId] });
    expect(at('2026-12-08AM')).toMatchObject({ noWorkplace: 0, continuityEventIds: [] });

    const pool = (key: string) => at(key).pools.find((p: { code: string }) => p.code === 'VDI');
    const during = pool(`${EVENT_DAY}AM`);
    expect(during.eventCapacity).toBe(3);
    expect(during.free).toBe(3 - during.remote - during.reserved);
    // the N freed their seats: REMOTE counted from the plan's R letters
    const remoteOn = (key: string) => plan.agents.filter((a) =>
      snapshot.agents.find((s) => s.id === a.id)?.pool === 'VDI' && a.modes[plan.halfDays.indexOf(key)] === 'R').length;
    expect(during.remote).toBe(remoteOn(`${EVENT_DAY}AM`));
    const outside = pool('2026-12-08AM');
    expect(outside.eventCapacity).toBeUndefined();
    expect(outside.free).toBe(outside.capacity - outside.remote - outside.reserved);

    const site = view.body.sites.find((s: { siteId: string }) => s.siteId === agent.site_id);
    expect(site.noWorkplace[keys.indexOf(`${EVENT_DAY}AM`)]).toBe(2);
    expect(site.noWorkplace.reduce((sum: number, n: number) => sum + n, 0)).toBe(3);
    expect(site.eventCapacity.map((c: number | null, i: number) => (c === null ? null : `${keys[i]}:${c}`)).filter(Boolean))
      .toEqual([`${EVENT_DAY}AM:0`, `${EVENT_DAY}PM:0`]);
  });

  it('exports NO_WORKPLACE with the event and the reason in French, then English, in appended columns', async () => {
    const response = await fetch(`${api.baseUrl}/api/exports/assignments.csv?from=${EVENT_DAY}&to=${EVENT_DAY}`, {
      headers: { authorization: `Bearer ${tokens.HR}` },
    });
    expect(response.status).toBe(200);
    const rows: Record<string, string>[] = parse((await response.text()).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true });
    expect(Object.keys(rows[0])).toEqual([
      'employee_number', 'last_name', 'first_name', 'site_code', 'date', 'period', 'mode', 'source', 'continuity_event', 'reason', 'reason_en',
    ]);
    const line = rows.find((r) => r.employee_number === agent.employee_number && r.period === 'AM');
    expect(line).toMatchObject({
      date: EVENT_DAY, mode: 'NO_WORKPLACE', source: 'CONTINUITY', continuity_event: LABEL,
      reason: formatMessage(why(agent, 'AM'), 'fr'), reason_en: formatMessage(why(agent, 'AM'), 'en'),
    });
    expect(line?.reason).toMatch(/^sans poste de travail le mercredi 9 décembre 2026 matin/);
    const kept = rows.filter((r) => r.mode !== 'NO_WORKPLACE' && r.mode !== 'OFF');
    expect(kept.length).toBeGreaterThan(0);
    for (const r of kept) expect(r).toMatchObject({ source: 'CONTINUITY', continuity_event: LABEL, reason: '', reason_en: '' });
  });

  it('documents NO_WORKPLACE and CONTINUITY and the new fields in OpenAPI', async () => {
    const docs = (await api.call('GET', '/api/docs-json')).body;
    const halfDay = docs.components.schemas.ScheduleHalfDayResponseDto;
    expect(halfDay.properties.mode.enum).toContain('NO_WORKPLACE');
    expect(halfDay.properties.source.enum).toContain('CONTINUITY');
    expect(Object.keys(halfDay.properties)).toEqual(expect.arrayContaining(['continuityEventId', 'why', 'reason']));
    expect(Object.keys(docs.components.schemas.CapacityResponseDto.properties)).toContain('continuityEvents');
    expect(Object.keys(docs.components.schemas.SiteDayPeriodResponseDto.properties))
      .toEqual(expect.arrayContaining(['noWorkplace', 'noWorkplaceAgents', 'eventCapacity']));
  });

  describe('an approval on a half-day of an ACTIVE event', () => {
    const tokenOf = async (agentId: string) => {
      const [row] = await db.query(`SELECT email FROM users WHERE agent_id = $1`, [agentId]);
      return api.login(row.email);
    };
    /** an eligible agent REMOTE in the plan on both half-days, neither N nor the demo accounts */
    const remoteOn = (keys: string[], not: string[] = []) => plan.agents.find((a) =>
      ![agent.id, other.id, ...not].includes(a.id) && !Object.values(ids).some((id) => id.agentId === a.id)
      && keys.every((key) => a.modes[plan.halfDays.indexOf(key)] === 'R'))?.id as string;
    const assignmentOf = async (agentId: string, date: string, period: string) =>
      (await db.query(`SELECT mode, source, continuity_event_id AS event FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`,
        [agentId, date, period]))[0];
    const askAndApprove = async (agentId: string, date: string, period: string) => {
      const asked = await api.call('POST', '/api/requests', { token: await tokenOf(agentId), body: { kind: 'ON_SITE', date, period } });
      expect(asked.status).toBe(201);
      return api.call('POST', `/api/requests/${asked.body.items[0].id}/approve`, { token: tokens.HR, body: {} });
    };

    it('waits for the run (WAITING_CONTINUITY, worded with the event), leaving the plan as the event set it', async () => {
      const someone = remoteOn([`${EVENT_DAY}AM`, '2026-12-10AM']);
      expect(someone).toBeDefined();
      const before = await assignmentOf(someone, EVENT_DAY, 'AM');
      expect(before).toEqual({ mode: 'REMOTE', source: 'CONTINUITY', event: activeId });
      const approved = await askAndApprove(someone, EVENT_DAY, 'AM');
      expect(approved.status).toBe(200);
      const refusal = { code: 'WAITING_CONTINUITY', event: LABEL, date: EVENT_DAY, period: 'AM' };
      expect(approved.body).toMatchObject({
        status: 'APPROVED', allocationStatus: 'WAITLISTED', allocationRefusal: refusal,
        allocationReason: `waiting for the run of continuity plan “${LABEL}” covering ${EVENT_DAY} AM`,
      });
      expect(formatMessage(refusal, 'fr')).toBe(`en attente du calcul du plan de continuité « ${LABEL} » qui couvre le mercredi 9 décembre 2026 matin`);
      expect(await assignmentOf(someone, EVENT_DAY, 'AM')).toEqual(before);

      // the event ended, its run not done yet: the half-day it set still waits for the run
      await db.query(`UPDATE continuity_events SET status = 'ENDED' WHERE id = $1`, [activeId]);
      try {
        const late = remoteOn([`${EVENT_DAY}PM`], [someone]);
        const stale = await askAndApprove(late, EVENT_DAY, 'PM');
        expect(stale.body).toMatchObject({ allocationStatus: 'WAITLISTED', allocationRefusal: { code: 'WAITING_NIGHTLY' } });
        expect(await assignmentOf(late, EVENT_DAY, 'PM')).toEqual({ mode: 'REMOTE', source: 'CONTINUITY', event: activeId });
      } finally {
        await db.query(`UPDATE continuity_events SET status = 'ACTIVE' WHERE id = $1`, [activeId]);
      }

      // a DRAFT event changes nothing: the same approval the day after is granted at once
      const draftDay = await askAndApprove(someone, '2026-12-10', 'AM');
      expect(draftDay.body).toMatchObject({ status: 'APPROVED', allocationStatus: 'GRANTED', allocationRefusal: null });
      expect(await assignmentOf(someone, '2026-12-10', 'AM')).toEqual({ mode: 'ON_SITE', source: 'REQUEST', event: null });
    });
  });
});
