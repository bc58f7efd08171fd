import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { checkPlan, generateScenario, NoWorkplaceEntry, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { NoWorkplaceWhy, recordText, Refusal, ScheduleChangedMailPayload } from '@telework/contracts';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { assignmentCountsAgainstRows, createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { readPlanningSnapshot } from './snapshot.repository';
import { readCurrentDigests, writePlan } from './plan.writer';

jest.setTimeout(60_000);

describe.each(TEST_DATABASE_MODES)('snapshot reading and plan writing on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let snapshot: PlanningSnapshot;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('tiny', 3), 'not-a-real-hash');
    snapshot = await readPlanningSnapshot(dataSource.manager, {
      from: '2026-12-07', to: '2026-12-20', maxGroupSize: 300, rotation: { kind: 'none' },
    });
  });

  // whatever a test wrote, by the writer or by hand: the counts the triggers keep are the rows' counts
  afterEach(async () => {
    expect(await assignmentCountsAgainstRows(dataSource)).toEqual([]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database.drop();
  });

  it('reads a snapshot the engine accepts, with every agent and the approved requests', async () => {
    const [{ agents }] = await dataSource.query(`SELECT count(*)::int AS agents FROM agents`);
    expect(snapshot.agents).toHaveLength(agents);
    expect(snapshot.pools.map((pool) => pool.id).sort()).toEqual(['VDI', 'VPN']);
    const [{ requests }] = await dataSource.query(
      `SELECT count(*)::int AS requests FROM telework_requests WHERE date BETWEEN '2026-12-07' AND '2026-12-20'`,
    );
    expect(snapshot.requests).toHaveLength(requests);
    const plan = planSnapshot(snapshot);
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
  });

  it('writes every half-day of every agent, the pool counters and the request decisions', async () => {
    const plan = planSnapshot(snapshot);
    const result = await dataSource.transaction((manager) =>
      writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: true }),
    );
    expect(result.assignmentsWritten).toBe(plan.agents.length * plan.halfDays.length);
    expect(result.changedAgentIds.length).toBe(plan.agents.length);

    const [{ rows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM assignments WHERE plan_version = $1`, [result.version]);
    expect(rows).toBe(result.assignmentsWritten);

    // pool counters equal the R letters of the plan, per pool and half-day
    const poolOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.pool]));
    const tierOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.tier ?? 'STANDARD']));
    const expected = new Map<string, { remote: number; standard: number }>();
    for (const agent of plan.agents) {
      [...agent.modes].forEach((letter, i) => {
        if (letter !== 'R') return;
        const key = `${poolOf.get(agent.id)}|${plan.halfDays[i]}`;
        const entry = expected.get(key) ?? { remote: 0, standard: 0 };
        entry.remote++;
        if (tierOf.get(agent.id) === 'STANDARD') entry.standard++;
        expected.set(key, entry);
      });
    }
    const usage: { code: string; day: string; remote_count: number; standard_count: number }[] = await dataSource.query(
      `SELECT p.code, to_char(u.date, 'YYYY-MM-DD') || u.period AS day, u.remote_count, u.standard_count
       FROM pool_usage u JOIN capacity_pools p ON p.id = u.pool_id`,
    );
    expect(new Map(usage.map((u) => [`${u.code}|${u.day}`, { remote: u.remote_count, standard: u.standard_count }]))).toEqual(expected);

    const decided = plan.requests.filter((r) => r.status !== 'IGNORED');
    const stored: { id: string; allocation_status: string; allocation_reason: string | null }[] = await dataSource.query(
      `SELECT id, allocation_status, allocation_reason FROM telework_requests WHERE allocation_status IS NOT NULL`,
    );
    expect(new Map(stored.map((r) => [r.id, r.allocation_status]))).toEqual(new Map(decided.map((r) => [r.id, r.status])));
    for (const refused of stored.filter((r) => r.allocation_status === 'REFUSED')) {
      expect(refused.allocation_reason).toBeTruthy();
    }
    // the refusal is stored as data beside its words: the plan entry's, or null
    const refusals: { id: string; refusal: unknown }[] = await dataSource.query(
      `SELECT id, allocation_refusal AS refusal FROM telework_requests WHERE allocation_status IS NOT NULL`,
    );
    expect(new Map(refusals.map((r) => [r.id, parsed(r.refusal)]))).toEqual(new Map(decided.map((r) => [r.id, r.refusal ?? null])));
    const [{ notices }] = await dataSource.query(`SELECT count(*)::int AS notices FROM notices WHERE plan_version = $1`, [result.version]);
    expect(notices).toBe(plan.agents.length);
  });

  it('writes into an empty horizon straight from the plan the same rows as through staging, and changes nothing after', async () => {
    const plan = planSnapshot(snapshot);
    const rowsOf = () => dataSource.query(
      `SELECT agent_id, to_char(date, 'YYYY-MM-DD') AS date, period, mode, source, pool_id, site_id, continuity_event_id, reason, reason_text
       FROM assignments WHERE date BETWEEN $1 AND $2 ORDER BY agent_id, date, period`, [snapshot.horizon.from, snapshot.horizon.to]);
    const staged = await rowsOf(); // the test above wrote it with notices: staged and compared
    expect(staged.length).toBe(plan.agents.length * plan.halfDays.length);
    await dataSource.query(`DELETE FROM assignments WHERE date BETWEEN $1 AND $2`, [snapshot.horizon.from, snapshot.horizon.to]);
    const direct = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', notify: false }));
    expect(direct.phasesMs).toHaveProperty('insertIntoEmptyHorizon');
    expect(direct.rowsWritten).toBe(staged.length);
    expect(direct.changedAgentIds).toEqual(plan.agents.map((agent) => agent.id).sort());
    expect(await rowsOf()).toEqual(staged);
    const again = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    expect(again).toMatchObject({ rowsWritten: 0, agentsCompared: 0 });
    expect(again.phasesMs).not.toHaveProperty('insertIntoEmptyHorizon');

    // a first publication into an empty table it holds (publishEngineRotation's): no counting
    // trigger, the counts written once from the patterns, the same as the trigger's
    await dataSource.query(`DELETE FROM assignments`);
    expect(await assignmentCountsAgainstRows(dataSource)).toEqual([]);
    const first = await dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE assignments IN ACCESS EXCLUSIVE MODE`);
      return writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', notify: false, tableEmptyAndLocked: true });
    });
    expect(first.phasesMs).toHaveProperty('counts');
    expect(first.rowsWritten).toBe(staged.length);
    expect(await rowsOf()).toEqual(staged);
    expect(await assignmentCountsAgainstRows(dataSource)).toEqual([]);
    const [trigger] = await dataSource.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'assignments_counted_insert'`);
    expect(trigger.tgenabled).toBe('O');
  });

  it('finds no changed agent when the same plan is written again, and only the changed ones otherwise', async () => {
    const plan = planSnapshot(snapshot);
    const again = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: true }));
    expect(again.changedAgentIds).toEqual([]);

    const remoteAgent = plan.agents.find((agent) => agent.modes.includes('R'));
    expect(remoteAgent).toBeDefined();
    const altered = {
      ...plan,
      agents: plan.agents.map((agent) => (agent === remoteAgent ? { ...agent, modes: agent.modes.replace(/R/g, 'S') } : agent)),
    };
    const third = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: altered, kind: 'ALLOCATION', notify: false }));
    expect(third.changedAgentIds).toEqual([remoteAgent?.id]);
  });

  it('sees a change of one half-day’s mode or source wherever it falls in the digest words, from a mid-week start too', async () => {
    const plan = planSnapshot(snapshot);
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    const agent = plan.agents[0];
    // every half-day of the two weeks: slots 0–27, across the boundary of the first word (slot 15 = Monday 14 PM)
    for (const [index, key] of plan.halfDays.entries()) {
      const [date, period] = [key.slice(0, 10), key.slice(10)];
      const keepBefore = index % 2 === 0 ? null : '2026-12-09';
      const [row] = await dataSource.query(
        `SELECT mode, source FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`, [agent.id, date, period]);
      const changeMode = index % 3 !== 0;
      await dataSource.query(
        changeMode
          ? `UPDATE assignments SET mode = CASE mode WHEN 'OFF' THEN 'ON_SITE' ELSE 'OFF' END, pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = $3`
          : `UPDATE assignments SET source = CASE source WHEN 'DEFAULT' THEN 'ROTATION' ELSE 'DEFAULT' END WHERE agent_id = $1 AND date = $2 AND period = $3`,
        [agent.id, date, period]);
      const result = await dataSource.transaction((manager) =>
        writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', keepBefore, notify: false }));
      const frozen = keepBefore !== null && date < keepBefore;
      expect({ key, rowsWritten: result.rowsWritten, agentsCompared: result.agentsCompared })
        .toEqual({ key, rowsWritten: frozen ? 0 : 1, agentsCompared: frozen ? 0 : 1 });
      const [after] = await dataSource.query(
        `SELECT mode, source FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`, [agent.id, date, period]);
      if (frozen) {
        // a frozen half-day keeps what it has: put it back by hand
        expect(after).not.toEqual(row);
        await dataSource.query(`UPDATE assignments SET mode = $4, source = $5 WHERE agent_id = $1 AND date = $2 AND period = $3`,
          [agent.id, date, period, row.mode, row.source]);
        await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
      } else {
        expect({ key, ...after }).toEqual({ key, ...row });
      }
    }
    const again = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    expect(again).toMatchObject({ rowsWritten: 0, agentsCompared: 0 });
  });

  it('trusts digests read beforehand for its own range (the caller vouches they are current), and reads again for another range', async () => {
    const plan = planSnapshot(snapshot);
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    const { from, to } = snapshot.horizon;
    const before = await readCurrentDigests(dataSource.manager, from, to);
    expect(before.byAgent.size).toBe(plan.agents.length);
    const agent = plan.agents[2];
    await dataSource.query(
      `UPDATE assignments SET mode = CASE mode WHEN 'OFF' THEN 'ON_SITE' ELSE 'OFF' END, pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = 'AM'`,
      [agent.id, from]);
    // a change after the digests were read: a caller that passes them anyway is not told (the runner's data version check is what prevents it)
    const trusted = await dataSource.transaction((manager) =>
      writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false, currentDigests: before }));
    expect(trusted).toMatchObject({ rowsWritten: 0, agentsCompared: 0 });
    const otherRange = await dataSource.transaction((manager) =>
      writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false, currentDigests: { ...before, to: '2026-12-31' } }));
    expect(otherRange).toMatchObject({ rowsWritten: 1, agentsCompared: 1 });
  });

  it('sees a missing row and a row the plan does not have as changes', async () => {
    const plan = planSnapshot(snapshot);
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    const agent = plan.agents[1];
    const [date, period] = [plan.halfDays[5].slice(0, 10), plan.halfDays[5].slice(10)];
    await dataSource.query(`DELETE FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`, [agent.id, date, period]);
    const restored = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    expect(restored.rowsWritten).toBe(1);
    // a Saturday row (no working half-day of the plan): deleted by the next write
    await dataSource.query(
      `INSERT INTO assignments (agent_id, date, period, mode, source, site_id, plan_version)
       SELECT agent_id, '2026-12-12', 'AM', 'OFF', 'DEFAULT', site_id, plan_version FROM assignments WHERE agent_id = $1 LIMIT 1`, [agent.id]);
    const cleaned = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    expect(cleaned.rowsWritten).toBe(1);
    const [{ saturday }] = await dataSource.query(
      `SELECT count(*)::int AS saturday FROM assignments WHERE agent_id = $1 AND date = '2026-12-12'`, [agent.id]);
    expect(saturday).toBe(0);
  });

  it('stores a refusal as jsonb beside its English record, and rewrites it only when it changed', async () => {
    const [request] = await dataSource.query(
      `SELECT id FROM telework_requests WHERE status = 'APPROVED' AND date BETWEEN '2026-12-07' AND '2026-12-20' ORDER BY id LIMIT 1`,
    );
    expect(request).toBeDefined();
    const plan = planSnapshot(snapshot);
    const full: Refusal = { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 1700, capacity: 1700, reserved: 20 };
    const refusing = (refusal: Refusal, reason = recordText(refusal)) => ({
      ...plan,
      requests: plan.requests.map((r) => (r.id === request.id ? { id: r.id, status: 'REFUSED' as const, reason, refusal } : r)),
    });
    const stored = async () => {
      const [row] = await dataSource.query(
        `SELECT allocation_status AS status, allocation_reason AS reason, allocation_refusal AS refusal,
                (SELECT count(*)::int FROM request_status_history h WHERE h.request_id = r.id) AS history
         FROM telework_requests r WHERE id = $1`,
        [request.id],
      );
      return { ...row, refusal: parsed(row.refusal) };
    };
    const write = (written: typeof plan) =>
      dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: written, kind: 'ALLOCATION', notify: false }));

    await write(refusing(full));
    const first = await stored();
    expect(first).toMatchObject({ status: 'REFUSED', reason: 'VDI full on 2026-12-08 PM: 1,700 of 1,700 seats (20 reserved for events)', refusal: full });
    const [{ typed }] = await dataSource.query(
      `SELECT jsonb_typeof(allocation_refusal) AS typed FROM telework_requests WHERE id = $1`, [request.id]);
    expect(typed).toBe('object');

    await write(refusing(full));
    expect((await stored()).history).toBe(first.history);

    // the same words with other figures (a record wording that hid a figure) still rewrite the row
    const other: Refusal = { ...full, used: 1699 };
    await write(refusing(other, first.reason));
    expect(await stored()).toMatchObject({ reason: first.reason, refusal: other, history: first.history + 1 });
  });

  it('keeps the half-days before the freeze date untouched', async () => {
    // from the plan itself, whatever the tests before left (a few rows of theirs may differ from
    // it in source alone): then only its REMOTE rows after the date change below
    const plan = planSnapshot(snapshot);
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    const frozen: { agent_id: string; mode: string; plan_version: number }[] = await dataSource.query(
      `SELECT agent_id, mode, plan_version FROM assignments WHERE date < '2026-12-09' ORDER BY agent_id, date, period`,
    );
    const [{ frozenRemoteAfterDate }] = await dataSource.query(
      `SELECT count(*)::int AS "frozenRemoteAfterDate" FROM assignments WHERE date >= '2026-12-09' AND mode = 'REMOTE'`,
    );
    const blank = { ...plan, agents: plan.agents.map((agent) => ({ ...agent, modes: agent.modes.replace(/R/g, 'S') })) };
    const result = await dataSource.transaction((manager) =>
      writePlan(manager, { snapshot, plan: blank, kind: 'ALLOCATION', keepBefore: '2026-12-09', notify: false }),
    );
    const after = await dataSource.query(
      `SELECT agent_id, mode, plan_version FROM assignments WHERE date < '2026-12-09' ORDER BY agent_id, date, period`,
    );
    expect(after).toEqual(frozen);
    const [{ remote }] = await dataSource.query(
      `SELECT count(*)::int AS remote FROM assignments WHERE date >= '2026-12-09' AND mode = 'REMOTE'`,
    );
    expect(remote).toBe(0);
    const [{ rows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM assignments WHERE date >= '2026-12-09'`);
    expect(rows).toBe(result.assignmentsWritten);
    // only the rows that changed carry the new version
    const [{ changed }] = await dataSource.query(
      `SELECT count(*)::int AS changed FROM assignments WHERE plan_version = $1`, [result.version],
    );
    expect(changed).toBe(frozenRemoteAfterDate);
  });

  it('leaves the previous plan intact when the transaction fails', async () => {
    const before = await dataSource.query(`SELECT md5(string_agg(agent_id::text || date::text || period || mode, ',' ORDER BY agent_id, date, period)) AS h FROM assignments`);
    const plan = planSnapshot(snapshot);
    await expect(
      dataSource.transaction(async (manager) => {
        await writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: true });
        throw new Error('killed mid-run');
      }),
    ).rejects.toThrow('killed mid-run');
    const after = await dataSource.query(`SELECT md5(string_agg(agent_id::text || date::text || period || mode, ',' ORDER BY agent_id, date, period)) AS h FROM assignments`);
    expect(after).toEqual(before);
  });

  it('keeps the half-day counts in step with every write, one row per key in the horizon after a plan, and through a cascade', async () => {
    const plan = planSnapshot(snapshot);
    const moved = { ...plan, agents: plan.agents.map((agent, i) => (i % 3 === 0 ? { ...agent, modes: agent.modes.replace(/R/g, 'S') } : agent)) };
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: moved, kind: 'ALLOCATION', notify: false }));
    const [{ duplicates }] = await dataSource.query(
      `SELECT count(*)::int AS duplicates FROM (SELECT 1 FROM assignment_counts WHERE date BETWEEN $1 AND $2
        GROUP BY date, period, mode, pool_id, site_id HAVING count(*) > 1) d`, [snapshot.horizon.from, snapshot.horizon.to]);
    expect(duplicates).toBe(0);
    await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: false }));
    // an approval's single-row update, then an agent deleted with its rows (a cascade)
    const [remote] = await dataSource.query(`SELECT agent_id, date, period FROM assignments WHERE mode = 'REMOTE' LIMIT 1`);
    await dataSource.query(`UPDATE assignments SET mode = 'ON_SITE', pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = $3`,
      [remote.agent_id, remote.date, remote.period]);
    expect(await assignmentCountsAgainstRows(dataSource)).toEqual([]);
    const [{ before }] = await dataSource.query(`SELECT coalesce(sum(n), 0)::int AS before FROM assignment_counts`);
    const [{ agentRows }] = await dataSource.query(
      `SELECT count(*)::int AS "agentRows" FROM assignments WHERE agent_id = $1 AND mode <> 'OFF'`, [remote.agent_id]);
    await dataSource.query(`DELETE FROM agents WHERE id = $1`, [remote.agent_id]);
    const [{ after }] = await dataSource.query(`SELECT coalesce(sum(n), 0)::int AS after FROM assignment_counts`);
    expect(before - after).toBe(agentRows);
    expect(agentRows).toBeGreaterThan(0);
    snapshot = await readPlanningSnapshot(dataSource.manager, {
      from: '2026-12-07', to: '2026-12-20', maxGroupSize: 300, rotation: { kind: 'none' },
    });
  });

  describe('with a continuity event (plan v2)', () => {
    const label = 'Grève des transports';
    const eventId = randomUUID();
    const inEvent = (key: string) => key >= '2026-12-09AM' && key <= '2026-12-10PM';
    let baseline: Plan;
    let eventSnapshot: PlanningSnapshot;
    let eventIndexes: number[];
    let agentAll: string;
    let agentOne: string;

    const why = (key: string, code: 'NO_WORKPLACE_NOT_ELIGIBLE' | 'NO_WORKPLACE_POOL_FULL' = 'NO_WORKPLACE_NOT_ELIGIBLE'): NoWorkplaceWhy => {
      const at = { event: label, site: 'S01', siteCapacity: 0, date: key.slice(0, 10), period: key.slice(10) as 'AM' | 'PM' };
      return code === 'NO_WORKPLACE_NOT_ELIGIBLE'
        ? { code, ...at } : { code, ...at, pool: 'VDI', used: 1700, capacity: 1700, reserved: 0 };
    };
    const entry = (agentId: string, key: string, w = why(key)): NoWorkplaceEntry => (
      { agentId, date: key.slice(0, 10), period: key.slice(10) as 'AM' | 'PM', eventId, why: w, reason: recordText(w) });
    /** the baseline with `agentAll` N on every half-day of the event and `agentOne` on its first */
    const eventPlan = (entries?: NoWorkplaceEntry[]): Plan => {
      const noWorkplace = entries ?? [
        ...eventIndexes.map((i) => entry(agentAll, baseline.halfDays[i])),
        entry(agentOne, baseline.halfDays[eventIndexes[0]]),
      ];
      const letters = new Map<string, Set<number>>();
      for (const e of noWorkplace) {
        if (!letters.has(e.agentId)) letters.set(e.agentId, new Set());
        letters.get(e.agentId)?.add(baseline.halfDays.indexOf(`${e.date}${e.period}`));
      }
      return {
        ...baseline,
        version: 2,
        agents: baseline.agents.map((agent) => ({
          ...agent, modes: [...agent.modes].map((m, i) => (letters.get(agent.id)?.has(i) ? 'N' : m)).join(''),
        })),
        noWorkplace,
        events: [{ id: eventId, halfDays: eventIndexes.length, onSite: 0, remote: 0, noWorkplace: noWorkplace.length, agentsWithoutWorkplace: letters.size }],
      };
    };
    const write = (s: PlanningSnapshot, plan: Plan, notify = true, mail = false) =>
      dataSource.transaction((manager) => writePlan(manager, { snapshot: s, plan, kind: 'ALLOCATION', notify, mail }));
    const rowsOf = (): Promise<{ agent_id: string; key: string; mode: string; source: string; event: string | null; reason: unknown; reason_text: string | null; pool_id: string | null }[]> =>
      dataSource.query(
        `SELECT agent_id, to_char(date, 'YYYY-MM-DD') || period AS key, mode, source, continuity_event_id AS event, reason, reason_text, pool_id
         FROM assignments WHERE date BETWEEN '2026-12-07' AND '2026-12-20' ORDER BY agent_id, date, period`);

    beforeAll(async () => {
      await dataSource.query(
        `INSERT INTO continuity_events (id, label, kind, status, from_date, from_period, to_date, to_period)
         VALUES ($1, $2, 'STRIKE', 'ACTIVE', '2026-12-09', 'AM', '2026-12-10', 'PM')`, [eventId, label]);
      baseline = planSnapshot(snapshot);
      eventSnapshot = {
        ...snapshot, version: 2,
        events: [{ id: eventId, label, kind: 'STRIKE', from: '2026-12-09', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM', sites: [] }],
      };
      eventIndexes = baseline.halfDays.flatMap((key, i) => (inEvent(key) ? [i] : []));
      expect(eventIndexes).toHaveLength(4);
      const working = baseline.agents.filter((agent) => eventIndexes.every((i) => agent.modes[i] !== 'O'));
      agentAll = working.find((agent) => eventIndexes.some((i) => agent.modes[i] === 'R'))?.id as string;
      agentOne = working.find((agent) => agent.id !== agentAll)?.id as string;
      expect(agentAll && agentOne).toBeTruthy();
      await write(snapshot, baseline, false);
    });

    it('stores N as NO_WORKPLACE with its coded why, its wording and its event; every worked half-day of the event is CONTINUITY', async () => {
      const plan = eventPlan();
      const before = new Map((await rowsOf()).map((row) => [`${row.agent_id}|${row.key}`, row.mode]));
      const result = await write(eventSnapshot, plan, true, true);
      // only the two agents whose days changed, not everyone the event covers
      expect(result.changedAgentIds).toEqual([agentAll, agentOne].sort());

      const rows = await rowsOf();
      const noWorkplace = rows.filter((row) => row.mode === 'NO_WORKPLACE');
      expect(noWorkplace.map((row) => `${row.agent_id}|${row.key}`).sort())
        .toEqual(plan.noWorkplace?.map((e) => `${e.agentId}|${e.date}${e.period}`).sort());
      for (const row of noWorkplace) {
        const expected = plan.noWorkplace?.find((e) => e.agentId === row.agent_id && `${e.date}${e.period}` === row.key);
        expect(parsed(row.reason)).toEqual(expected?.why);
        expect(row.reason_text).toBe(expected?.reason);
        expect(row.reason_text).toMatch(/^no workplace on 2026-12-(09|10) (AM|PM) \(Grève des transports\): site S01 closed/);
        expect(row).toMatchObject({ source: 'CONTINUITY', event: eventId, pool_id: null });
      }
      for (const row of rows) {
        if (inEvent(row.key) && row.mode !== 'OFF') expect(row).toMatchObject({ source: 'CONTINUITY', event: eventId });
        else expect(row.source === 'CONTINUITY' || row.event !== null).toBe(false);
        if (row.mode !== 'NO_WORKPLACE') expect([row.reason, row.reason_text]).toEqual([null, null]);
      }
      expect(rows.filter((row) => inEvent(row.key) && row.mode === 'REMOTE').length).toBeGreaterThan(0);

      // the pool counters count R only: the N of a remote agent freed its seat
      expect(await poolUsage()).toEqual(expectedUsage(snapshot, plan));

      const notices: { agent_id: string; message: string; details: unknown }[] = await dataSource.query(
        `SELECT agent_id, message, details FROM notices WHERE plan_version = $1 ORDER BY agent_id`, [result.version]);
      expect(notices.map((n) => n.agent_id)).toEqual([agentAll, agentOne].sort());
      const byAgent = new Map(notices.map((n) => [n.agent_id, n]));
      expect(byAgent.get(agentAll)?.message).toBe(
        'Plan de continuité « Grève des transports » : votre planning a changé entre le 07/12/2026 et le 20/12/2026, ' +
        'dont 4 demi-journées sans poste de travail. / Continuity plan “Grève des transports”: your schedule changed ' +
        'between 2026-12-07 and 2026-12-20, 4 half-days without a workplace.');
      expect(byAgent.get(agentOne)?.message).toContain('dont 1 demi-journée sans poste de travail');
      expect(parsed(byAgent.get(agentOne)?.details)).toEqual({ from: '2026-12-07', to: '2026-12-20', continuityEventId: eventId, noWorkplace: 1 });

      // the mails name the event and list the N half-days only, each with its coded why
      const mails = await scheduleMails(result.version);
      expect(mails.map((mail) => mail.agent_id)).toEqual([agentAll, agentOne].sort());
      for (const mail of mails) {
        const entries = plan.noWorkplace?.filter((e) => e.agentId === mail.agent_id) ?? [];
        expect(mail.payload).toMatchObject({ from: '2026-12-07', to: '2026-12-20', planVersion: result.version, eventLabel: label });
        expect(mail.payload.changes).toEqual(entries.map((e) => ({
          date: e.date, period: e.period, before: before.get(`${e.agentId}|${e.date}${e.period}`), after: 'NO_WORKPLACE', why: e.why,
        })));
      }
    });

    it('sees nothing new in the same plan, and a changed reason alone as a change of that agent', async () => {
      const again = await write(eventSnapshot, eventPlan());
      expect(again.changedAgentIds).toEqual([]);
      const [{ touched }] = await dataSource.query(`SELECT count(*)::int AS touched FROM assignments WHERE plan_version = $1`, [again.version]);
      expect(touched).toBe(0);

      const first = baseline.halfDays[eventIndexes[0]];
      const poolFull = why(first, 'NO_WORKPLACE_POOL_FULL');
      const entries = [...eventIndexes.map((i) => entry(agentAll, baseline.halfDays[i])), entry(agentOne, first, poolFull)];
      const other = await write(eventSnapshot, eventPlan(entries));
      expect(other.changedAgentIds).toEqual([agentOne]);
      const [row] = await dataSource.query(
        `SELECT reason, reason_text FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3`,
        [agentOne, first.slice(0, 10), first.slice(10)]);
      expect(parsed(row.reason)).toEqual(poolFull);
      expect(row.reason_text).toBe(recordText(poolFull));
      expect(row.reason_text).toContain('VDI pool full: 1,700 of 1,700 seats');
    });

    it('refuses an N without its noWorkplace entry, and leaves the plan as it was', async () => {
      const before = await rowsOf();
      const broken = { ...eventPlan(), noWorkplace: eventPlan().noWorkplace?.slice(1) };
      await expect(write(eventSnapshot, broken)).rejects.toThrow('1 N half-days without a noWorkplace entry');
      expect(await rowsOf()).toEqual(before);
    });

    it('brings the normal plan back when the event is gone, and tells the agents it had changed, naming it', async () => {
      const result = await write(snapshot, baseline);
      expect(result.changedAgentIds).toEqual([agentAll, agentOne].sort());
      const rows = await rowsOf();
      expect(rows.filter((row) => row.source === 'CONTINUITY' || row.event !== null || row.reason !== null)).toEqual([]);
      expect(await poolUsage()).toEqual(expectedUsage(snapshot, baseline));
      const notices: { message: string }[] = await dataSource.query(`SELECT message FROM notices WHERE plan_version = $1`, [result.version]);
      expect(notices).toHaveLength(2);
      for (const notice of notices) expect(notice.message).toMatch(/^Plan de continuité « Grève des transports » : votre planning a changé .* \/ Continuity plan/);
    });

    it('writes the engine’s own plan of an ACTIVE event read from the database: every N with its entry, the event’s half-days CONTINUITY', async () => {
      await dataSource.query(`UPDATE continuity_events SET status = 'ENDED'`);
      const [site] = await dataSource.query(
        `SELECT s.id FROM sites s JOIN agents a ON a.site_id = s.id GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`);
      const [pool] = await dataSource.query(`SELECT id FROM capacity_pools WHERE code = 'VDI'`);
      const closureId = randomUUID();
      await dataSource.query(
        `INSERT INTO continuity_events (id, label, kind, status, from_date, from_period, to_date, to_period, sites, pools)
         VALUES ($1, 'Fermeture', 'SITE_CLOSURE', 'ACTIVE', '2026-12-15', 'AM', '2026-12-15', 'PM', $2::jsonb, $3::jsonb)`,
        [closureId, JSON.stringify([{ siteId: site.id, capacity: 0 }]), JSON.stringify([{ poolId: pool.id, capacity: 2 }])]);
      const eventSnapshot = await readPlanningSnapshot(dataSource.manager, {
        from: '2026-12-07', to: '2026-12-20', maxGroupSize: 300, rotation: { kind: 'none' },
      });
      expect(eventSnapshot.version).toBe(2);
      expect(eventSnapshot.events?.map((event) => event.id)).toEqual([closureId]);
      const plan = planSnapshot(eventSnapshot);
      expect(checkPlan(eventSnapshot, plan).violations).toEqual([]);
      expect(plan.noWorkplace?.length).toBeGreaterThan(0);

      await write(eventSnapshot, plan);
      const rows = await rowsOf();
      const stored = rows.filter((row) => row.mode === 'NO_WORKPLACE').map((row) => ({
        agentId: row.agent_id, date: row.key.slice(0, 10), period: row.key.slice(10), eventId: row.event, reason: row.reason_text, why: parsed(row.reason),
      }));
      const byKey = (e: { agentId: string; date: string; period: string }) => `${e.agentId}|${e.date}${e.period}`;
      expect(new Map(stored.map((e) => [byKey(e), e]))).toEqual(new Map(plan.noWorkplace?.map((e) => [byKey(e), e])));
      for (const row of rows) {
        const inside = row.key.startsWith('2026-12-15') && row.mode !== 'OFF';
        expect([row.key, row.source === 'CONTINUITY', row.event]).toEqual([row.key, inside, inside ? closureId : null]);
      }
      expect(await poolUsage()).toEqual(expectedUsage(eventSnapshot, plan));
    });
  });

  describe('SCHEDULE_CHANGED mails', () => {
    afterAll(async () => {
      await dataSource.query(`UPDATE users SET active = true, mail_opt_outs = '{}', language = 'fr'`);
    });

    it('writes one mail per changed agent with an active account, listing only its changed half-days, in its language; none opted out, inactive, or without mail', async () => {
      const baseline = planSnapshot(snapshot);
      await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: baseline, kind: 'ALLOCATION', notify: false }));
      // six agents lose their first two remote half-days: one switched the mails off, one is disabled, one reads English
      const movers = baseline.agents.filter((agent) => (agent.modes.match(/R/g) ?? []).length >= 2).slice(0, 6);
      expect(movers).toHaveLength(6);
      const moved = new Map(movers.map((agent) => {
        const indexes = [...agent.modes].flatMap((m, i) => (m === 'R' ? [i] : [])).slice(0, 2);
        return [agent.id, { indexes, modes: [...agent.modes].map((m, i) => (indexes.includes(i) ? 'S' : m)).join('') }];
      }));
      const altered: Plan = { ...baseline, agents: baseline.agents.map((agent) => ({ ...agent, modes: moved.get(agent.id)?.modes ?? agent.modes })) };
      const [optedOut, disabled, english] = movers.map((agent) => agent.id);
      await dataSource.query(`UPDATE users SET mail_opt_outs = ARRAY['SCHEDULE_CHANGED'] WHERE agent_id = $1`, [optedOut]);
      await dataSource.query(`UPDATE users SET active = false WHERE agent_id = $1`, [disabled]);
      await dataSource.query(`UPDATE users SET language = 'en', mail_opt_outs = ARRAY['REQUEST_DECIDED', 'MANAGER_DIGEST'] WHERE agent_id = $1`, [english]);

      const result = await dataSource.transaction((manager) =>
        writePlan(manager, { snapshot, plan: altered, kind: 'ALLOCATION', notify: true, mail: true }));
      expect(result.changedAgentIds).toEqual(movers.map((agent) => agent.id).sort());
      const expected = movers.filter((agent) => agent.id !== optedOut && agent.id !== disabled).map((agent) => agent.id).sort();
      expect(result.mailsWritten).toBe(expected.length);
      const mails = await scheduleMails(result.version);
      expect(mails.map((mail) => mail.agent_id)).toEqual(expected);
      const [first] = await dataSource.query(
        `SELECT a.first_name, u.email FROM agents a JOIN users u ON u.agent_id = a.id WHERE a.id = $1`, [english]);
      for (const mail of mails) {
        expect(mail).toMatchObject({ language: mail.agent_id === english ? 'en' : 'fr', status: 'PENDING', dedupe_key: `schedule:${result.version}:${mail.user_id}` });
        expect(mail.payload).toMatchObject({ from: '2026-12-07', to: '2026-12-20', planVersion: result.version, eventLabel: null });
        expect(mail.payload.changes).toEqual(moved.get(mail.agent_id)?.indexes.map((i) => ({
          date: baseline.halfDays[i].slice(0, 10), period: baseline.halfDays[i].slice(10), before: 'REMOTE', after: 'ON_SITE',
        })));
      }
      expect(mails.find((mail) => mail.agent_id === english)).toMatchObject({ recipient: first.email, payload: { firstName: first.first_name } });

      // back to the baseline: notices, but no mail when SMTP is off (mail false) or notices are off
      const back = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: baseline, kind: 'ALLOCATION', notify: true, mail: false }));
      expect(back.changedAgentIds).toHaveLength(6);
      expect(back.mailsWritten).toBe(0);
      const silent = await dataSource.transaction((manager) => writePlan(manager, { snapshot, plan: altered, kind: 'ALLOCATION', notify: false, mail: true }));
      expect(silent.changedAgentIds).toHaveLength(6);
      expect(silent.mailsWritten).toBe(0);
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM mail_outbox WHERE payload->>'planVersion' IN ($1, $2)`,
        [String(back.version), String(silent.version)]);
      expect(count).toBe(0);
    });
  });

  async function scheduleMails(version: number): Promise<{ agent_id: string; user_id: string; recipient: string; language: string; status: string; dedupe_key: string; payload: ScheduleChangedMailPayload }[]> {
    const rows = await dataSource.query(
      `SELECT u.agent_id, o.user_id, o.recipient, o.language, o.status, o.dedupe_key, o.payload
       FROM mail_outbox o JOIN users u ON u.id = o.user_id
       WHERE o.kind = 'SCHEDULE_CHANGED' AND (o.payload->>'planVersion')::int = $1 ORDER BY u.agent_id`, [version]);
    return rows.map((row: { payload: unknown }) => ({ ...row, payload: parsed(row.payload) }));
  }

  async function poolUsage(): Promise<Map<string, { remote: number; standard: number }>> {
    const usage: { code: string; day: string; remote_count: number; standard_count: number }[] = await dataSource.query(
      `SELECT p.code, to_char(u.date, 'YYYY-MM-DD') || u.period AS day, u.remote_count, u.standard_count
       FROM pool_usage u JOIN capacity_pools p ON p.id = u.pool_id`,
    );
    return new Map(usage.map((u) => [`${u.code}|${u.day}`, { remote: u.remote_count, standard: u.standard_count }]));
  }
});

/** The pool counters a plan's R letters make, per pool and half-day. */
function expectedUsage(snapshot: PlanningSnapshot, plan: Plan): Map<string, { remote: number; standard: number }> {
  const poolOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.pool]));
  const tierOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.tier ?? 'STANDARD']));
  const expected = new Map<string, { remote: number; standard: number }>();
  for (const agent of plan.agents) {
    [...agent.modes].forEach((letter, i) => {
      if (letter !== 'R') return;
      const key = `${poolOf.get(agent.id)}|${plan.halfDays[i]}`;
      const entry = expected.get(key) ?? { remote: 0, standard: 0 };
      entry.remote++;
      if (tierOf.get(agent.id) === 'STANDARD') entry.standard++;
      expected.set(key, entry);
    });
  }
  return expected;
}

/** jsonb as read: an object on PostgreSQL's driver, JSON text on the embedded one. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
