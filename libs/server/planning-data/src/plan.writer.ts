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
  assignmentsWritten: number;
  /** SCHEDULE_CHANGED rows written to the mail outbox (0 without `mail`) */
  mailsWritten: number;
}

/**
 * Replaces the plan of a horizon in the caller's transaction, set-based: the new rows are
 * staged from a few arrays (one modes string per agent), compared with the current ones to
 * find whose half-days changed, swapped in, and the pool counters rebuilt. Readers see the old
 * plan or the new one, never half of each; a failed run leaves the old plan in place.
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
    [plan.agents.map((agent) => agent.id), plan.agents.map((agent) => agent.modes), sources, dates, periods, eventOfHalfDay, from],
  );
  await stageNoWorkplaceReasons(manager, plan);

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
    FULL JOIN (SELECT agent_id, date, period, mode, reason, continuity_event_id FROM assignments WHERE date BETWEEN $1 AND $2) o
      ON o.agent_id = n.agent_id AND o.date = n.date AND o.period = n.period
    WHERE n.mode IS DISTINCT FROM o.mode OR n.reason IS DISTINCT FROM o.reason
       OR (n.mode = 'NO_WORKPLACE' AND n.continuity_event_id IS DISTINCT FROM o.continuity_event_id)`,
    [from, to],
  );
  // per agent: an event its changes fall in (the new row's, else the old one's; the smallest id), its new NO_WORKPLACE half-days
  const changed: { agent_id: string; event_id: string | null; no_workplace: number }[] = await manager.query(`
    SELECT agent_id, min(event_id::text) AS event_id, count(*) FILTER (WHERE no_workplace)::int AS no_workplace
    FROM changed_half_days GROUP BY agent_id ORDER BY agent_id`);

  const [{ staged }] = await manager.query(`SELECT count(*)::int AS staged FROM staged_assignments`);
  // Only what differs is written: a nightly run usually changes a few thousand of ~200,000
  // rows. `plan_version` on a row is the version that last set it.
  await manager.query(`
    UPDATE staged_assignments s SET pool_id = CASE WHEN s.mode = 'REMOTE' THEN ag.access_pool_id END, site_id = ag.site_id
    FROM agents ag WHERE ag.id = s.agent_id`);
  await manager.query(`ANALYZE staged_assignments`);
  await manager.query(
    `DELETE FROM assignments a WHERE a.date BETWEEN $1 AND $2
       AND NOT EXISTS (SELECT 1 FROM staged_assignments s WHERE s.agent_id = a.agent_id AND s.date = a.date AND s.period = a.period)`,
    [from, to],
  );
  await manager.query(
    `UPDATE assignments a SET mode = s.mode, source = s.source, pool_id = s.pool_id, site_id = s.site_id,
       continuity_event_id = s.continuity_event_id, reason = s.reason, reason_text = s.reason_text, plan_version = $1
     FROM staged_assignments s
     WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period
       AND (a.mode, a.source, a.pool_id, a.site_id, a.continuity_event_id, a.reason, a.reason_text)
           IS DISTINCT FROM (s.mode, s.source, s.pool_id, s.site_id, s.continuity_event_id, s.reason, s.reason_text)`,
    [version],
  );
  await manager.query(
    `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, continuity_event_id, reason, reason_text, plan_version)
     SELECT s.agent_id, s.date, s.period, s.mode, s.source, s.pool_id, s.site_id, s.continuity_event_id, s.reason, s.reason_text, $1
     FROM staged_assignments s
     WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period)`,
    [version],
  );
  await rebuildPoolUsage(manager, from, to);

  await recordRequestDecisions(manager, plan, input.kind);

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
  return { version, changedAgentIds, assignmentsWritten: staged, mailsWritten };
}

/**
 * The N half-days' coded why, record wording and event, from `plan.noWorkplace`, onto the
 * staged rows in one statement; an N without its entry is a broken plan (the row would have no reason).
 */
async function stageNoWorkplaceReasons(manager: EntityManager, plan: Plan): Promise<void> {
  const entries = plan.noWorkplace ?? [];
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
