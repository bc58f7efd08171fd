import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Plan, PlanningSnapshot } from '@telework/planning';
import { queryReturning } from '@telework/persistence';
import { writeScheduleChangedMails } from '@telework/server-mail';

export interface WritePlanInput {
  snapshot: PlanningSnapshot;
  plan: Plan;
  kind: 'ALLOCATION' | 'ROTATION_PUBLICATION' | 'APPROVAL';
  allocationRunId?: string | null;
  rotationCalendarId?: string | null;
  /** half-days before this date keep their assignments (the freeze window) */
  keepBefore?: string | null;
  /** write in-app notices to agents whose half-days changed */
  notify: boolean;
  /**
   * with `notify`: also write a SCHEDULE_CHANGED mail to each of them (outbox, same transaction)
   * listing only its changed half-days; pass `config.mail.smtpUrl !== null`
   */
  mail?: boolean;
}

export interface WritePlanResult {
  version: number;
  changedAgentIds: string[];
  /** the half-days the plan covers from its first written date (agents × half-days), whether or not they changed */
  assignmentsWritten: number;
  /** assignment rows actually inserted, updated or deleted (0 for a replan of unchanged data) */
  rowsWritten: number;
  /** SCHEDULE_CHANGED rows written to the mail outbox (0 without `mail`) */
  mailsWritten: number;
  /** milliseconds per step of the write (stage, compare, write, pool usage, decisions, notices), for the run's metrics */
  phasesMs: Record<string, number>;
}

/**
 * Replaces the plan of a horizon in the caller's transaction, set-based and proportional to what
 * changed: the current plan is read per agent as one digest of its half-days (key, mode, source)
 * and whether its rows are plain (no reason, no event, the agent's site and pool); an agent whose
 * digest matches the new plan's and whose rows are plain on both sides is left alone. Only the
 * other agents' rows are staged from a few arrays (one modes string per agent), compared with the
 * current ones to find whose half-days changed, swapped in, and the pool counters rebuilt (not
 * when no row was written). A replan of unchanged data writes no assignment row (the plan version
 * row is still written: the run records it). Readers see the old plan or the new one, never half
 * of each; a failed run leaves the old plan in place.
 *
 * Continuity events (a v2 snapshot's `events`, ids of continuity_events rows): every worked
 * half-day inside an event gets source CONTINUITY and the event's id (R, S and N alike; O stays
 * a DEFAULT day off); an N becomes NO_WORKPLACE with its coded `why` (`reason` jsonb), the record
 * wording (`reason_text`) and the event of its `plan.noWorkplace` entry. An agent's half-day has
 * changed when its mode, its reason, or the event that left it without a workplace changed; a
 * notice to an agent whose changes fall in an event names the event.
 */
export async function writePlan(manager: EntityManager, input: WritePlanInput): Promise<WritePlanResult> {
  const { snapshot, plan } = input;
  const from = maxDate(snapshot.horizon.from, input.keepBefore ?? null);
  const to = snapshot.horizon.to;
  const phasesMs: Record<string, number> = {};
  let lapStart = Date.now();
  const lap = (name: string) => {
    const now = Date.now();
    phasesMs[name] = (phasesMs[name] ?? 0) + now - lapStart;
    lapStart = now;
  };

  await manager.query(`LOCK TABLE plan_versions IN SHARE ROW EXCLUSIVE MODE`);
  const [{ version }] = await manager.query(`SELECT coalesce(max(version), 0)::int + 1 AS version FROM plan_versions`);
  await manager.query(
    `INSERT INTO plan_versions (version, allocation_run_id, rotation_calendar_id, horizon_from, horizon_to, kind, metrics)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [version, input.allocationRunId ?? null, input.rotationCalendarId ?? null, from, to, input.kind, JSON.stringify(plan.metrics)],
  );

  const dates = plan.halfDays.map((key) => key.slice(0, 10));
  const periods = plan.halfDays.map((key) => key.slice(10));
  const eventOfHalfDay = eventsOfHalfDays(snapshot, plan);
  const sources = sourceStrings(snapshot, plan, eventOfHalfDay);

  const candidates = await agentsToRewrite(manager, plan, sources, dates, from, to);
  lap('digest');
  const staging = plan.agents.map((agent, i) => ({ id: agent.id, modes: agent.modes, sources: sources[i] }))
    .filter((agent) => candidates.has(agent.id));
  await manager.query(`DROP TABLE IF EXISTS rewritten_agents`);
  await manager.query(`CREATE TEMP TABLE rewritten_agents (agent_id uuid PRIMARY KEY) ON COMMIT DROP`);
  await manager.query(`INSERT INTO rewritten_agents SELECT DISTINCT unnest($1::uuid[])`, [[...candidates]]);
  await manager.query(`DROP TABLE IF EXISTS staged_assignments`);
  await manager.query(`
    CREATE TEMP TABLE staged_assignments ON COMMIT DROP AS
    SELECT a.agent_id::uuid AS agent_id, h.date::date AS date, h.period, NULL::uuid AS pool_id, NULL::uuid AS site_id,
           CASE substr(a.modes, h.idx::int, 1) WHEN 'R' THEN 'REMOTE' WHEN 'S' THEN 'ON_SITE' WHEN 'N' THEN 'NO_WORKPLACE' ELSE 'OFF' END AS mode,
           CASE substr(a.sources, h.idx::int, 1)
             WHEN 'Q' THEN 'REQUEST' WHEN 'R' THEN 'ROTATION' WHEN 'C' THEN 'CONTINUITY' ELSE 'DEFAULT' END AS source,
           CASE WHEN substr(a.sources, h.idx::int, 1) = 'C' THEN h.event_id::uuid END AS continuity_event_id,
           NULL::jsonb AS reason, NULL::text AS reason_text
    FROM unnest($1::text[], $2::text[], $3::text[]) AS a(agent_id, modes, sources)
    CROSS JOIN unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS h(date, period, event_id, idx)
    WHERE h.date::date >= $7::date`,
    [staging.map((agent) => agent.id), staging.map((agent) => agent.modes), staging.map((agent) => agent.sources), dates, periods, eventOfHalfDay, from],
  );
  await stageNoWorkplaceReasons(manager, plan, candidates);
  lap('stage');

  // what the agent sees: the mode, why it has no workplace, and which event left it without one
  // (the event id of an R or S half-day alone is not a change of the agent's day); the half-day,
  // its modes before and after and the new why are what a SCHEDULE_CHANGED mail lists
  await manager.query(`DROP TABLE IF EXISTS changed_half_days`);
  await manager.query(`
    CREATE TEMP TABLE changed_half_days ON COMMIT DROP AS
    SELECT coalesce(n.agent_id, o.agent_id) AS agent_id, coalesce(n.continuity_event_id, o.continuity_event_id) AS event_id,
           n.mode = 'NO_WORKPLACE' AS no_workplace,
           coalesce(n.date, o.date) AS date, coalesce(n.period, o.period) AS period, o.mode AS before_mode, n.mode AS after_mode,
           n.reason AS why
    FROM staged_assignments n
    FULL JOIN (SELECT agent_id, date, period, mode, reason, continuity_event_id FROM assignments
               WHERE date BETWEEN $1 AND $2 AND agent_id IN (SELECT agent_id FROM rewritten_agents)) o
      ON o.agent_id = n.agent_id AND o.date = n.date AND o.period = n.period
    WHERE n.mode IS DISTINCT FROM o.mode OR n.reason IS DISTINCT FROM o.reason
       OR (n.mode = 'NO_WORKPLACE' AND n.continuity_event_id IS DISTINCT FROM o.continuity_event_id)`,
    [from, to],
  );
  // per agent: an event its changes fall in (the new row's, else the old one's; the smallest id), its new NO_WORKPLACE half-days
  const changed: { agent_id: string; event_id: string | null; no_workplace: number }[] = await manager.query(`
    SELECT agent_id, min(event_id::text) AS event_id, count(*) FILTER (WHERE no_workplace)::int AS no_workplace
    FROM changed_half_days GROUP BY agent_id ORDER BY agent_id`);
  lap('compare');

  const staged = plan.agents.length * dates.filter((date) => date >= from).length;
  // Only what differs is written: a nightly run usually changes a few thousand of ~200,000
  // rows. `plan_version` on a row is the version that last set it.
  await manager.query(`
    UPDATE staged_assignments s SET pool_id = CASE WHEN s.mode = 'REMOTE' THEN ag.access_pool_id END, site_id = ag.site_id
    FROM agents ag WHERE ag.id = s.agent_id`);
  await manager.query(`ANALYZE staged_assignments`);
  lap('analyze');
  const written = async (sql: string, params: unknown[]) =>
    ((await manager.query(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM w`, params)) as { n: number }[])[0].n;
  let rowsWritten = await written(
    `DELETE FROM assignments a WHERE a.date BETWEEN $1 AND $2 AND a.agent_id IN (SELECT agent_id FROM rewritten_agents)
       AND NOT EXISTS (SELECT 1 FROM staged_assignments s WHERE s.agent_id = a.agent_id AND s.date = a.date AND s.period = a.period)`,
    [from, to],
  );
  rowsWritten += await written(
    `UPDATE assignments a SET mode = s.mode, source = s.source, pool_id = s.pool_id, site_id = s.site_id,
       continuity_event_id = s.continuity_event_id, reason = s.reason, reason_text = s.reason_text, plan_version = $1
     FROM staged_assignments s
     WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period
       AND (a.mode, a.source, a.pool_id, a.site_id, a.continuity_event_id, a.reason, a.reason_text)
           IS DISTINCT FROM (s.mode, s.source, s.pool_id, s.site_id, s.continuity_event_id, s.reason, s.reason_text)`,
    [version],
  );
  rowsWritten += await written(
    `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, continuity_event_id, reason, reason_text, plan_version)
     SELECT s.agent_id, s.date, s.period, s.mode, s.source, s.pool_id, s.site_id, s.continuity_event_id, s.reason, s.reason_text, $1
     FROM staged_assignments s
     WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period)`,
    [version],
  );
  lap('writeRows');
  // the counters follow the assignments: unchanged when no row was written
  if (rowsWritten > 0) await rebuildPoolUsage(manager, from, to);
  lap('poolUsage');

  await recordRequestDecisions(manager, plan, input.kind);
  lap('requestDecisions');

  const changedAgentIds = changed.map((row) => row.agent_id);
  let mailsWritten = 0;
  if (input.notify && changedAgentIds.length > 0) {
    const labels = changed.every((row) => row.event_id === null)
      ? new Map<string, string>() : await eventLabels(manager, snapshot, changed.map((row) => row.event_id));
    if (input.mail) mailsWritten = await writeScheduleChangedMails(manager, { from, to, planVersion: version, eventLabels: labels });
    if (changed.every((row) => row.event_id === null)) {
      await manager.query(
        `INSERT INTO notices (agent_id, kind, message, details, plan_version)
         SELECT id, 'SCHEDULE_CHANGED', $2, $3, $4 FROM unnest($1::uuid[]) AS id`,
        [changedAgentIds, scheduleChangedMessage(from, to, null, 0), JSON.stringify({ from, to }), version],
      );
    } else {
      const messages = changed.map((row) => scheduleChangedMessage(from, to, row.event_id ? labels.get(row.event_id) ?? row.event_id : null, row.no_workplace));
      const details = changed.map((row) =>
        JSON.stringify(row.event_id ? { from, to, continuityEventId: row.event_id, noWorkplace: row.no_workplace } : { from, to }));
      await manager.query(
        `INSERT INTO notices (agent_id, kind, message, details, plan_version)
         SELECT d.agent_id, 'SCHEDULE_CHANGED', d.message, d.details::jsonb, $4
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS d(agent_id, message, details)`,
        [changedAgentIds, messages, details, version],
      );
    }
  }
  lap('noticesAndMails');
  return { version, changedAgentIds, assignmentsWritten: staged, rowsWritten, mailsWritten, phasesMs };
}

/**
 * The N half-days' coded why, record wording and event, from `plan.noWorkplace`, onto the
 * staged rows in one statement; an N without its entry is a broken plan (the row would have no reason).
 */
async function stageNoWorkplaceReasons(manager: EntityManager, plan: Plan, staged: Set<string>): Promise<void> {
  const entries = (plan.noWorkplace ?? []).filter((entry) => staged.has(entry.agentId));
  if (entries.length === 0 && !plan.agents.some((agent) => agent.modes.includes('N'))) return;
  if (entries.length > 0) {
    await manager.query(
      `UPDATE staged_assignments s
       SET reason = d.why::jsonb, reason_text = d.reason, continuity_event_id = d.event_id::uuid
       FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[], $6::text[]) AS d(agent_id, date, period, event_id, why, reason)
       WHERE s.agent_id = d.agent_id AND s.date = d.date AND s.period = d.period AND s.mode = 'NO_WORKPLACE'`,
      [
        entries.map((entry) => entry.agentId),
        entries.map((entry) => entry.date),
        entries.map((entry) => entry.period),
        entries.map((entry) => entry.eventId),
        entries.map((entry) => JSON.stringify(entry.why)),
        entries.map((entry) => entry.reason),
      ],
    );
  }
  const [{ missing }] = await manager.query(
    `SELECT count(*)::int AS missing FROM staged_assignments WHERE mode = 'NO_WORKPLACE' AND reason IS NULL`,
  );
  if (missing > 0) throw new Error(`the plan has ${missing} N half-days without a noWorkplace entry (no reason to store)`);
}

/**
 * The agents whose rows in [from, to] may differ from the plan: every agent of the plan whose
 * current rows (read as one md5 per agent of their half-day keys, mode and source letters, in
 * order) differ from the plan's, or are not plain (a reason, an event, a site or pool other than
 * the agent's), or whose plan has an N or a continuity half-day (their reasons and events are
 * compared row by row); and every agent with rows there but not in the plan. The others' rows are
 * exactly what the plan would write.
 */
async function agentsToRewrite(
  manager: EntityManager, plan: Plan, sources: string[], dates: string[], from: string, to: string,
): Promise<Set<string>> {
  const current: { agent_id: string; digest: string; plain: boolean }[] = await manager.query(`
    SELECT a.agent_id::text AS agent_id,
           md5(string_agg(to_char(a.date, 'YYYY-MM-DD') || a.period
             || CASE a.mode WHEN 'REMOTE' THEN 'R' WHEN 'ON_SITE' THEN 'S' WHEN 'NO_WORKPLACE' THEN 'N' WHEN 'OFF' THEN 'O' ELSE '?' END
             || CASE a.source WHEN 'REQUEST' THEN 'Q' WHEN 'ROTATION' THEN 'R' WHEN 'CONTINUITY' THEN 'C' WHEN 'DEFAULT' THEN 'D' ELSE '?' END,
             '' ORDER BY a.date, a.period)) AS digest,
           bool_and(a.reason IS NULL AND a.reason_text IS NULL AND a.continuity_event_id IS NULL
                    AND a.site_id IS NOT DISTINCT FROM ag.site_id
                    AND a.pool_id IS NOT DISTINCT FROM CASE WHEN a.mode = 'REMOTE' THEN ag.access_pool_id END) AS plain
    FROM assignments a LEFT JOIN agents ag ON ag.id = a.agent_id
    WHERE a.date BETWEEN $1 AND $2
    GROUP BY a.agent_id`, [from, to]);
  const digestOf = new Map(current.map((row) => [row.agent_id, row.plain ? row.digest : null]));
  const first = dates.findIndex((date) => date >= from);
  const keys = first < 0 ? [] : plan.halfDays.slice(first);
  const rewrite = new Set<string>();
  plan.agents.forEach((agent, i) => {
    const had = digestOf.get(agent.id);
    digestOf.delete(agent.id);
    if (had === undefined || had === null) {
      if (keys.length > 0 || had === null) rewrite.add(agent.id);
      return;
    }
    const modes = first < 0 ? '' : agent.modes.slice(first);
    const letters = first < 0 ? '' : sources[i].slice(first);
    if (/[NC]/.test(modes + letters)) {
      rewrite.add(agent.id);
      return;
    }
    let text = '';
    for (let k = 0; k < keys.length; k++) {
      const mode = modes[k];
      text += keys[k] + (mode === 'R' || mode === 'S' ? mode : 'O') + (letters[k] === 'Q' || letters[k] === 'R' ? letters[k] : 'D');
    }
    if (createHash('md5').update(text).digest('hex') !== had) rewrite.add(agent.id);
  });
  for (const agentId of digestOf.keys()) rewrite.add(agentId); // rows of an agent the plan no longer has
  return rewrite;
}

/** The labels of the events, as stored (the snapshot's when the row has none). */
async function eventLabels(manager: EntityManager, snapshot: PlanningSnapshot, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const labels = new Map<string, string>();
  for (const event of snapshot.events ?? []) if (event.label) labels.set(event.id, event.label);
  const rows: { id: string; label: string }[] = await manager.query(
    `SELECT id::text AS id, label FROM continuity_events WHERE id = ANY($1::uuid[])`, [wanted]);
  for (const row of rows) labels.set(row.id, row.label);
  return labels;
}

/** The notice of a changed schedule, French first then English; it names the continuity event behind the change. */
export function scheduleChangedMessage(from: string, to: string, eventLabel: string | null, noWorkplace: number): string {
  const between = `entre le ${frenchDate(from)} et le ${frenchDate(to)}`;
  if (eventLabel === null) return `Votre planning a changé ${between}. / Your schedule changed between ${from} and ${to}.`;
  const fr = noWorkplace > 0
    ? `, dont ${noWorkplace} demi-journée${noWorkplace > 1 ? 's' : ''} sans poste de travail` : '';
  const en = noWorkplace > 0 ? `, ${noWorkplace} half-day${noWorkplace > 1 ? 's' : ''} without a workplace` : '';
  return `Plan de continuité « ${eventLabel} » : votre planning a changé ${between}${fr}. / ` +
    `Continuity plan “${eventLabel}”: your schedule changed between ${from} and ${to}${en}.`;
}

/** Recounts the seats of every pool × half-day of a date range from the assignments. */
export async function rebuildPoolUsage(manager: EntityManager, from: string, to: string): Promise<void> {
  await manager.query(`DELETE FROM pool_usage WHERE date BETWEEN $1 AND $2`, [from, to]);
  await manager.query(
    `INSERT INTO pool_usage (pool_id, date, period, remote_count, standard_count)
     SELECT s.pool_id, s.date, s.period, count(*)::int, count(*) FILTER (WHERE a.tier = 'STANDARD')::int
     FROM assignments s JOIN agents a ON a.id = s.agent_id
     WHERE s.mode = 'REMOTE' AND s.date BETWEEN $1 AND $2
     GROUP BY s.pool_id, s.date, s.period`,
    [from, to],
  );
}

async function recordRequestDecisions(manager: EntityManager, plan: Plan, kind: WritePlanInput['kind']): Promise<void> {
  const decided = plan.requests.filter((request) => request.status !== 'IGNORED');
  if (decided.length === 0) return;
  // the refusal as data (jsonb, `{ code, ...figures }`) beside its English record; a refusal
  // travels as JSON text in a text[] and is cast per row (NULL stays NULL)
  const rows = await queryReturning<{ id: string; allocation_status: string }>(manager,
    `UPDATE telework_requests r
     SET allocation_status = d.status, allocation_reason = d.reason, allocation_refusal = d.refusal::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS d(id, status, reason, refusal)
     WHERE r.id = d.id AND r.status = 'APPROVED'
       AND (r.allocation_status IS DISTINCT FROM d.status OR r.allocation_reason IS DISTINCT FROM d.reason
            OR r.allocation_refusal IS DISTINCT FROM d.refusal::jsonb)
     RETURNING r.id, r.allocation_status`,
    [
      decided.map((r) => r.id),
      decided.map((r) => r.status),
      decided.map((r) => r.reason ?? null),
      decided.map((r) => (r.refusal ? JSON.stringify(r.refusal) : null)),
    ],
  );
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO request_status_history (request_id, status, allocation_status, comment)
     SELECT id, 'APPROVED', status, $3 FROM unnest($1::uuid[], $2::text[]) AS d(id, status)`,
    [rows.map((row) => row.id), rows.map((row) => row.allocation_status), kind === 'ALLOCATION' ? 'allocation run' : kind.toLowerCase()],
  );
}

/**
 * Per entry of `plan.halfDays`, the continuity event of the snapshot covering it (the first in
 * snapshot order when several do), or null. Half-day keys ("2026-12-07AM") compare in time order
 * as strings, AM before PM.
 */
export function eventsOfHalfDays(snapshot: PlanningSnapshot, plan: Plan): (string | null)[] {
  const events = snapshot.events ?? [];
  return plan.halfDays.map((key) =>
    events.find((event) => key >= `${event.from}${event.fromPeriod}` && key <= `${event.to}${event.toPeriod}`)?.id ?? null);
}

/**
 * One letter per half-day telling where each mode comes from: C a continuity event (every worked
 * half-day inside one, and every N), Q a granted request of the agent's own, R the group's
 * rotation, D the default (on site, or off).
 */
function sourceStrings(snapshot: PlanningSnapshot, plan: Plan, eventOfHalfDay: (string | null)[]): string[] {
  const index = new Map(plan.halfDays.map((key, i) => [key, i]));
  const granted = new Set(plan.requests.filter((r) => r.status === 'GRANTED').map((r) => r.id));
  const requestMarks = new Map<string, Set<number>>();
  for (const request of snapshot.requests ?? []) {
    if (!granted.has(request.id)) continue;
    const i = index.get(`${request.date}${request.period}`);
    if (i === undefined) continue;
    if (!requestMarks.has(request.agentId)) requestMarks.set(request.agentId, new Set());
    requestMarks.get(request.agentId)?.add(i);
  }
  const groupOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.groupId ?? null]));
  const rotationMarks = new Map<string, Set<number>>();
  for (const cell of plan.rotation) {
    const i = index.get(`${cell.date}${cell.period}`);
    if (i === undefined) continue;
    if (!rotationMarks.has(cell.groupId)) rotationMarks.set(cell.groupId, new Set());
    rotationMarks.get(cell.groupId)?.add(i);
  }
  return plan.agents.map((agent) => {
    const own = requestMarks.get(agent.id);
    const group = groupOf.get(agent.id);
    const rotation = group ? rotationMarks.get(group) : undefined;
    let letters = '';
    for (let i = 0; i < agent.modes.length; i++) {
      const mode = agent.modes[i];
      if (mode === 'N' || (mode !== 'O' && eventOfHalfDay[i] !== null)) letters += 'C';
      else if (own?.has(i) && mode !== 'O') letters += 'Q';
      else if (mode === 'R' && rotation?.has(i)) letters += 'R';
      else letters += 'D';
    }
    return letters;
  });
}

function maxDate(a: string, b: string | null): string {
  return b && b > a ? b : a;
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
