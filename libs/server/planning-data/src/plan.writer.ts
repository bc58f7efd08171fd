import type { EntityManager } from 'typeorm';
import type { Plan, PlanningSnapshot } from '@telework/planning';
import { queryReturning } from '@telework/persistence';

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
}

export interface WritePlanResult {
  version: number;
  changedAgentIds: string[];
  assignmentsWritten: number;
}

/**
 * Replaces the plan of a horizon in the caller's transaction, set-based: the new rows are
 * staged from a few arrays (one modes string per agent), compared with the current ones to
 * find whose half-days changed, swapped in, and the pool counters rebuilt. Readers see the old
 * plan or the new one, never half of each; a failed run leaves the old plan in place.
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
  const sources = sourceStrings(snapshot, plan);

  await manager.query(`DROP TABLE IF EXISTS staged_assignments`);
  await manager.query(`
    CREATE TEMP TABLE staged_assignments ON COMMIT DROP AS
    SELECT a.agent_id::uuid AS agent_id, h.date::date AS date, h.period, NULL::uuid AS pool_id, NULL::uuid AS site_id,
           CASE substr(a.modes, h.idx::int, 1) WHEN 'R' THEN 'REMOTE' WHEN 'S' THEN 'ON_SITE' ELSE 'OFF' END AS mode,
           CASE substr(a.sources, h.idx::int, 1) WHEN 'Q' THEN 'REQUEST' WHEN 'R' THEN 'ROTATION' ELSE 'DEFAULT' END AS source
    FROM unnest($1::text[], $2::text[], $3::text[]) AS a(agent_id, modes, sources)
    CROSS JOIN unnest($4::text[], $5::text[]) WITH ORDINALITY AS h(date, period, idx)
    WHERE h.date::date >= $6::date`,
    [plan.agents.map((agent) => agent.id), plan.agents.map((agent) => agent.modes), sources, dates, periods, from],
  );

  const changed: { agent_id: string }[] = await manager.query(`
    SELECT DISTINCT coalesce(n.agent_id, o.agent_id) AS agent_id
    FROM staged_assignments n
    FULL JOIN (SELECT agent_id, date, period, mode FROM assignments WHERE date BETWEEN $1 AND $2) o
      ON o.agent_id = n.agent_id AND o.date = n.date AND o.period = n.period
    WHERE n.mode IS DISTINCT FROM o.mode`,
    [from, to],
  );

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
    `UPDATE assignments a SET mode = s.mode, source = s.source, pool_id = s.pool_id, site_id = s.site_id, plan_version = $1
     FROM staged_assignments s
     WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period
       AND (a.mode, a.source, a.pool_id, a.site_id) IS DISTINCT FROM (s.mode, s.source, s.pool_id, s.site_id)`,
    [version],
  );
  await manager.query(
    `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, plan_version)
     SELECT s.agent_id, s.date, s.period, s.mode, s.source, s.pool_id, s.site_id, $1
     FROM staged_assignments s
     WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.agent_id = s.agent_id AND a.date = s.date AND a.period = s.period)`,
    [version],
  );
  await rebuildPoolUsage(manager, from, to);

  await recordRequestDecisions(manager, plan, input.kind);

  const changedAgentIds = changed.map((row) => row.agent_id);
  if (input.notify && changedAgentIds.length > 0) {
    await manager.query(
      `INSERT INTO notices (agent_id, kind, message, details, plan_version)
       SELECT id, 'SCHEDULE_CHANGED', $2, $3, $4 FROM unnest($1::uuid[]) AS id`,
      [
        changedAgentIds,
        `Votre planning a changé entre le ${frenchDate(from)} et le ${frenchDate(to)}. / Your schedule changed between ${from} and ${to}.`,
        JSON.stringify({ from, to }),
        version,
      ],
    );
  }
  return { version, changedAgentIds, assignmentsWritten: staged };
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
 * One letter per half-day telling where each mode comes from: Q a granted request of the
 * agent's own, R the group's rotation, D the default (on site, or off).
 */
function sourceStrings(snapshot: PlanningSnapshot, plan: Plan): string[] {
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
      if (own?.has(i) && mode !== 'O') letters += 'Q';
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
