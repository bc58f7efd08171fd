import type { EntityManager } from 'typeorm';
import type { Plan, PlanningSnapshot } from '@telework/planning';
import { columnLiteral, phaseTimer, queryReturning } from '@telework/persistence';
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
  /**
   * the current plan's digest words, read beforehand (`readCurrentDigests`, e.g. while the engine
   * plans) at a data version the caller has checked is still current; used when its range is the
   * writer's [from, to], else read again
   */
  currentDigests?: CurrentDigests;
  /**
   * The caller holds `assignments` exclusively and it was empty (a first publication, with its
   * indexes dropped: publishEngineRotation): the counting trigger is left out of the insert and
   * the counts are written once from the plan's distinct half-day patterns, instead of the
   * trigger aggregating millions of rows of its transition table.
   */
  tableEmptyAndLocked?: boolean;
}

/** The current plan of [from, to] as digest words per agent: null for an agent whose rows are not plain. */
export interface CurrentDigests {
  from: string;
  to: string;
  byAgent: Map<string, string | null>;
}

export interface WritePlanResult {
  version: number;
  changedAgentIds: string[];
  /** the half-days the plan covers from its first written date (agents × half-days), whether or not they changed */
  assignmentsWritten: number;
  /** assignment rows actually inserted, updated or deleted (0 for a replan of unchanged data) */
  rowsWritten: number;
  /** agents whose rows were staged and compared row by row: the digest could not tell them unchanged */
  agentsCompared: number;
  /** SCHEDULE_CHANGED rows written to the mail outbox (0 without `mail`) */
  mailsWritten: number;
  /** milliseconds per step of the write (stage, compare, write, pool usage, decisions, notices), for the run's metrics */
  phasesMs: Record<string, number>;
}

/**
 * Replaces the plan of a horizon in the caller's transaction, set-based and proportional to what
 * changed: the current plan is read per agent as digest words of its half-days (mode and source
 * per half-day, exact, see agentsToRewrite) and whether its rows are plain (no reason, no event,
 * the agent's site and pool); an agent whose digest matches the new plan's and whose rows are
 * plain on both sides is left alone. Only the other agents' rows are staged from a few arrays
 * (one modes string per agent), compared with the current ones to find whose half-days changed,
 * swapped in, and the pool counters rebuilt (not when no row was written). A replan of unchanged
 * data writes no assignment row (the plan version row is still written: the run records it).
 * Readers see the old plan or the new one, never half of each; a failed run leaves the old plan
 * in place.
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
  const lap = phaseTimer(phasesMs);

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

  const current = input.currentDigests?.from === from && input.currentDigests.to === to
    ? input.currentDigests : await readCurrentDigests(manager, from, to);
  const { rewrite: candidates, horizonEmpty } = agentsToRewrite(current, plan, sources, dates);
  lap('digest');
  const staged = plan.agents.length * dates.filter((date) => date >= from).length;
  const written = async (sql: string, params: unknown[]) =>
    ((await manager.query(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM w`, params)) as { n: number }[])[0].n;

  /** The candidates' rows staged, compared with the current ones, and only what differs written. */
  const rewriteCandidates = async (): Promise<{ changed: ChangedAgent[]; rowsWritten: number }> => {
    const staging = plan.agents.map((agent, i) => ({ id: agent.id, modes: agent.modes, sources: sources[i] }))
      .filter((agent) => candidates.has(agent.id));
    await manager.query(`DROP TABLE IF EXISTS rewritten_agents`);
    await manager.query(`CREATE TEMP TABLE rewritten_agents (agent_id uuid PRIMARY KEY) ON COMMIT DROP`);
    await manager.query(`INSERT INTO rewritten_agents SELECT DISTINCT unnest($1::uuid[])`, [[...candidates]]);
    await manager.query(`DROP TABLE IF EXISTS staged_assignments`);
    await manager.query(`
      CREATE TEMP TABLE staged_assignments ON COMMIT DROP AS
      SELECT a.agent_id::uuid AS agent_id, h.date, h.period, NULL::uuid AS pool_id, NULL::uuid AS site_id,
             ${MODE_OF_LETTER} AS mode,
             ${SOURCE_OF_LETTER} AS source,
             CASE WHEN h.source = 'C' THEN h.event_id END AS continuity_event_id,
             NULL::jsonb AS reason, NULL::text AS reason_text
      FROM unnest($1::text[], $2::text[], $3::text[]) AS a(agent_id, modes, sources)
      ${HALF_DAYS_OF_AGENT}
      WHERE h.date >= $7::date`,
      [staging.map((agent) => agent.id), staging.map((agent) => agent.modes), staging.map((agent) => agent.sources), dates, periods, eventOfHalfDay, from],
    );
    await stageNoWorkplaceReasons(manager, plan, candidates);
    lap('stage');
    // unanalyzed, a temporary table is guessed at ~2,000 rows: the statements below then chose
    // to scan all 3.6 million assignments of 100,000 agents (0.8–1 s each) for a few hundred agents
    await manager.query(`ANALYZE rewritten_agents`);
    await manager.query(`ANALYZE staged_assignments`);
    lap('analyze');

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
    const changed: ChangedAgent[] = await manager.query(`
      SELECT agent_id, min(event_id::text) AS event_id, count(*) FILTER (WHERE no_workplace)::int AS no_workplace
      FROM changed_half_days GROUP BY agent_id ORDER BY agent_id`);
    lap('compare');

    // Only what differs is written: a nightly run usually changes a few thousand of ~200,000
    // rows. `plan_version` on a row is the version that last set it.
    await manager.query(`
      UPDATE staged_assignments s SET pool_id = CASE WHEN s.mode = 'REMOTE' THEN ag.access_pool_id END, site_id = ag.site_id
      FROM agents ag WHERE ag.id = s.agent_id`);
    lap('sitesAndPools');
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
    return { changed, rowsWritten };
  };

  /**
   * Nothing planned yet in the horizon (a first publication: the demo's is 3.6 million rows): every
   * half-day is new, so the rows go straight from the plan into assignments, with the agents' sites
   * and pools joined, instead of being staged, compared with nothing and copied. Agents with the
   * same letters (a rotation group's members mostly) share one pattern, whose half-days are
   * expanded once: 100,000 agents of the 100k demo have 11,000 patterns, and the insert joins them
   * (5.8 s) instead of splitting every agent's strings (8.4 s, measured in psql).
   * Not with notices (they list the changed half-days) nor with an N (its reason is staged).
   */
  const insertIntoEmptyHorizon = async (): Promise<{ changed: ChangedAgent[]; rowsWritten: number }> => {
    const patternOfLetters = new Map<string, number>();
    const patternModes: string[] = [];
    const patternSources: string[] = [];
    const agentPatterns = plan.agents.map((agent, i) => {
      const letters = `${agent.modes}|${sources[i]}`;
      let pattern = patternOfLetters.get(letters);
      if (pattern === undefined) {
        pattern = patternModes.length + 1;
        patternOfLetters.set(letters, pattern);
        patternModes.push(agent.modes);
        patternSources.push(sources[i]);
      }
      return pattern;
    });
    await manager.query(`DROP TABLE IF EXISTS pattern_half_days`);
    await manager.query(`
      CREATE TEMP TABLE pattern_half_days ON COMMIT DROP AS
      SELECT a.pattern::int AS pattern, h.date, h.period, ${MODE_OF_LETTER} AS mode, ${SOURCE_OF_LETTER} AS source,
             h.mode = 'R' AS remote, CASE WHEN h.source = 'C' THEN h.event_id END AS continuity_event_id
      FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS a(modes, sources, pattern)
      CROSS JOIN LATERAL unnest(string_to_array(a.modes, NULL), string_to_array(a.sources, NULL),
        $3::date[], $4::text[], $5::uuid[]) AS h(mode, source, date, period, event_id)
      WHERE h.date >= $6::date`,
      [patternModes, patternSources, dates, periods, eventOfHalfDay, from],
    );
    await manager.query(`DROP TABLE IF EXISTS agent_patterns`);
    await manager.query(`CREATE TEMP TABLE agent_patterns ON COMMIT DROP AS SELECT * FROM unnest($1::uuid[], $2::int[]) AS a(agent_id, pattern)`,
      [columnLiteral(plan.agents.map((agent) => agent.id)), columnLiteral(agentPatterns)]);
    // sized, so that the insert hashes them (an unanalyzed temporary table is guessed at ~2,000 rows)
    await manager.query(`ANALYZE pattern_half_days`);
    await manager.query(`ANALYZE agent_patterns`);
    lap('patterns');
    if (input.tableEmptyAndLocked) await manager.query(`ALTER TABLE assignments DISABLE TRIGGER assignments_counted_insert`);
    const rowsWritten = await written(
      `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, continuity_event_id, reason, reason_text, plan_version)
       SELECT ag.id, h.date, h.period, h.mode, h.source, CASE WHEN h.remote THEN ag.access_pool_id END, ag.site_id, h.continuity_event_id, NULL, NULL, $1
       FROM agent_patterns a JOIN agents ag ON ag.id = a.agent_id JOIN pattern_half_days h ON h.pattern = a.pattern`,
      [version],
    );
    lap('insertIntoEmptyHorizon');
    if (input.tableEmptyAndLocked) {
      await manager.query(`ALTER TABLE assignments ENABLE TRIGGER assignments_counted_insert`);
      // what count_assignments_inserted() adds for these rows (migration 1765324860000), from the
      // patterns: agents of a pattern, site and pool, times the pattern's half-days
      await manager.query(`
        INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
        SELECT h.date, h.period, h.mode, CASE WHEN h.remote THEN x.pool_id END, CASE WHEN NOT h.remote THEN x.site_id END, sum(x.agents)
        FROM (SELECT a.pattern, ag.site_id, ag.access_pool_id AS pool_id, count(*) AS agents
              FROM agent_patterns a JOIN agents ag ON ag.id = a.agent_id GROUP BY 1, 2, 3) x
        JOIN pattern_half_days h ON h.pattern = x.pattern
        WHERE h.mode <> 'OFF'
        GROUP BY 1, 2, 3, 4, 5`);
      lap('counts');
    }
    const withRows = dates.some((date) => date >= from) ? plan.agents.map((agent) => agent.id).sort() : [];
    return { changed: withRows.map((agentId) => ({ agent_id: agentId, event_id: null, no_workplace: 0 })), rowsWritten };
  };

  const intoEmptyHorizon = horizonEmpty && !input.notify && !plan.agents.some((agent) => agent.modes.includes('N'));
  const { changed, rowsWritten } = intoEmptyHorizon ? await insertIntoEmptyHorizon() : await rewriteCandidates();
  // a first publication writes millions of rows: the statistics that plan the next reads are refreshed
  // now, not when autovacuum gets to it (the first run after a demo load planned its reads for 7,000 rows)
  if (rowsWritten > 100_000) await manager.query(`ANALYZE assignments`);
  lap('analyzeAssignments');
  // the counters follow the assignments: unchanged when no row was written
  if (rowsWritten > 0) await rebuildPoolUsage(manager, from, to);
  lap('poolUsage');
  await compactAssignmentCounts(manager, from, to);
  lap('compactCounts');

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
  return { version, changedAgentIds, assignmentsWritten: staged, agentsCompared: candidates.size, rowsWritten, mailsWritten, phasesMs };
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
 * current rows (read as digest words, below) differ from the plan's, or are not plain (a reason,
 * an event, a site or pool other than the agent's), or whose plan has an N or a continuity
 * half-day (their reasons and events are compared row by row); and every agent with rows there
 * but not in the plan. The others' rows are exactly what the plan would write.
 *
 * A digest word holds 15 half-days of an agent, 4 bits each at bit 4 × (slot mod 15), the slot
 * being 2 × (days since `from`) + 1 for an afternoon: the mode (REMOTE 1, ON_SITE 2, OFF 3) times
 * 4 plus the source (REQUEST 1, ROTATION 2, DEFAULT 3; any other 0). A half-day without a row is 0
 * and a row never is (its mode is at least 1, NO_WORKPLACE rows are never plain), so the words
 * are the rows themselves, not a hash of them: equal words, equal rows. Read with bit_or, which
 * needs no order, PostgreSQL aggregates them in parallel without sorting (a 100,000-agent
 * horizon: 2.5 s where an ordered md5 per agent took 6–7 s).
 */
function agentsToRewrite(
  current: CurrentDigests, plan: Plan, sources: string[], dates: string[],
): { rewrite: Set<string>; horizonEmpty: boolean } {
  const { from, to } = current;
  const wordCount = digestWordCount(from, to);
  const digestOf = new Map(current.byAgent);
  const first = dates.findIndex((date) => date >= from);
  const keys = first < 0 ? [] : plan.halfDays.slice(first);
  const rewrite = new Set<string>();
  // where each half-day's 4 bits go, the same for every agent: each word as two exact halves,
  // slots 0–6 (28 bits: 7 hex digits) and 7–14 (32 bits), written in hexadecimal as PostgreSQL's
  // to_hex writes the whole word
  const start = dayNumber(from);
  const wordOf = new Int32Array(keys.length);
  const inHigh = new Uint8Array(keys.length);
  const weight = new Float64Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const halfDay = 2 * (dayNumber(keys[k].slice(0, 10)) - start) + (keys[k].endsWith('PM') ? 1 : 0);
    const slot = halfDay % SLOTS_PER_WORD;
    wordOf[k] = Math.floor(halfDay / SLOTS_PER_WORD);
    inHigh[k] = slot < 7 ? 0 : 1;
    weight[k] = 16 ** (slot < 7 ? slot : slot - 7);
  }
  const low = new Float64Array(wordCount);
  const high = new Float64Array(wordCount);
  plan.agents.forEach((agent, i) => {
    const had = digestOf.get(agent.id);
    digestOf.delete(agent.id);
    if (had === undefined || had === null) {
      if (keys.length > 0 || had === null) rewrite.add(agent.id);
      return;
    }
    const modes = agent.modes;
    const letters = sources[i];
    low.fill(0);
    high.fill(0);
    for (let k = 0; k < keys.length; k++) {
      const mode = modes.charCodeAt(first + k);
      const source = letters.charCodeAt(first + k);
      // an N or a continuity half-day has a reason or an event the digest does not hold
      if (mode === LETTER.N || source === LETTER.C) {
        rewrite.add(agent.id);
        return;
      }
      const bits = ((mode === LETTER.R ? 1 : mode === LETTER.S ? 2 : 3) * 4 + (source === LETTER.Q ? 1 : source === LETTER.R ? 2 : 3)) * weight[k];
      if (inHigh[k] === 1) high[wordOf[k]] += bits;
      else low[wordOf[k]] += bits;
    }
    let digest = '';
    for (let w = 0; w < wordCount; w++) {
      digest += (w > 0 ? '.' : '') + (high[w] === 0 ? low[w].toString(16) : high[w].toString(16) + low[w].toString(16).padStart(7, '0'));
    }
    if (digest !== had) rewrite.add(agent.id);
  });
  for (const agentId of digestOf.keys()) rewrite.add(agentId); // rows of an agent the plan no longer has
  return { rewrite, horizonEmpty: current.byAgent.size === 0 };
}

/** Digest words of [from, to] (see agentsToRewrite). */
function digestWordCount(from: string, to: string): number {
  return Math.max(1, Math.ceil((2 * (dayNumber(to) - dayNumber(from) + 1)) / SLOTS_PER_WORD));
}

/**
 * The current plan of [from, to] as digest words per agent (see agentsToRewrite), and whether
 * each agent's rows are plain: one aggregate over the horizon's assignments, in a transaction.
 */
export async function readCurrentDigests(manager: Pick<EntityManager, 'query'>, from: string, to: string): Promise<CurrentDigests> {
  // in the caller's transaction: the hash aggregate over 100,000 agents needs ~30 MB, and with the
  // 4 MB default it spills to disk (seconds more)
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  const wordCount = digestWordCount(from, to);
  const words = Array.from({ length: wordCount }, (_, k) => `to_hex(coalesce(bit_or(x.bits) FILTER (WHERE x.word = ${k}), 0))`);
  const current: { agent_id: string; digest: string; plain: boolean }[] = await manager.query(`
    SELECT x.agent_id::text AS agent_id, concat_ws('.', ${words.join(', ')}) AS digest, bool_and(x.plain) AS plain
    FROM (
      SELECT a.agent_id, ((a.date - $1::date) * 2 + (a.period = 'PM')::int) / ${SLOTS_PER_WORD} AS word,
             ((CASE a.mode WHEN 'REMOTE' THEN 1 WHEN 'ON_SITE' THEN 2 WHEN 'OFF' THEN 3 ELSE 0 END) * 4
               + (CASE a.source WHEN 'REQUEST' THEN 1 WHEN 'ROTATION' THEN 2 WHEN 'DEFAULT' THEN 3 ELSE 0 END))::bigint
               << (4 * (((a.date - $1::date) * 2 + (a.period = 'PM')::int) % ${SLOTS_PER_WORD})) AS bits,
             (a.reason IS NULL AND a.reason_text IS NULL AND a.continuity_event_id IS NULL
              AND a.site_id IS NOT DISTINCT FROM ag.site_id
              AND a.pool_id IS NOT DISTINCT FROM CASE WHEN a.mode = 'REMOTE' THEN ag.access_pool_id END) AS plain
      FROM assignments a LEFT JOIN agents ag ON ag.id = a.agent_id
      WHERE a.date BETWEEN $1 AND $2
    ) x
    GROUP BY x.agent_id`, [from, to]);
  return { from, to, byAgent: new Map(current.map((row) => [row.agent_id, row.plain ? row.digest : null])) };
}

/** An agent whose half-days changed: an event its changes fall in, and its new NO_WORKPLACE half-days. */
interface ChangedAgent {
  agent_id: string;
  event_id: string | null;
  no_workplace: number;
}

/**
 * The rows `h` (mode and source letters, date, period, event id) of each agent `a` (modes,
 * sources: one letter per half-day) over the half-days $4 (dates), $5 (periods), $6 (event ids):
 * each string split once into letters, an agent's half-days generated together, so that its rows
 * lie side by side in the table (a schedule read then touches one or two pages, not 36).
 * Cutting the strings with substr() by position, half-day by half-day, cost twice the CPU
 * (7.4 s against 3.6 s for 100,000 agents × 36 half-days).
 */
const HALF_DAYS_OF_AGENT = `CROSS JOIN LATERAL unnest(string_to_array(a.modes, NULL), string_to_array(a.sources, NULL),
  $4::date[], $5::text[], $6::uuid[]) AS h(mode, source, date, period, event_id)`;
/** A plan's mode and source letters as stored, for a row `h` of HALF_DAYS_OF_AGENT. */
const MODE_OF_LETTER = `CASE h.mode WHEN 'R' THEN 'REMOTE' WHEN 'S' THEN 'ON_SITE' WHEN 'N' THEN 'NO_WORKPLACE' ELSE 'OFF' END`;
const SOURCE_OF_LETTER = `CASE h.source WHEN 'Q' THEN 'REQUEST' WHEN 'R' THEN 'ROTATION' WHEN 'C' THEN 'CONTINUITY' ELSE 'DEFAULT' END`;

/** Half-days per digest word: 15 × 4 bits stay below a bigint's sign bit. */
const SLOTS_PER_WORD = 15;

/** Days since 1970-01-01 of an ISO date. */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
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

/**
 * Folds the count deltas of [from, to] (`assignment_counts`, appended by the triggers on every
 * write of assignments) into one row per key. Deltas appended meanwhile by another transaction
 * are not seen by the DELETE, so they stay: the sums do not move.
 */
async function compactAssignmentCounts(manager: EntityManager, from: string, to: string): Promise<void> {
  await manager.query(
    `WITH moved AS (DELETE FROM assignment_counts WHERE date BETWEEN $1 AND $2 RETURNING date, period, mode, pool_id, site_id, n)
     INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
     SELECT date, period, mode, pool_id, site_id, sum(n) FROM moved GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0`,
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
  // 100,000 agents × 36 half-days: marks in typed arrays and letters as char codes, not sets and
  // strings grown a letter at a time (0.55 s before)
  const halfDays = plan.halfDays.length;
  const index = new Map(plan.halfDays.map((key, i) => [key, i]));
  const marks = (byKey: Map<string, Uint8Array>, key: string, i: number | undefined) => {
    if (i === undefined) return;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = new Uint8Array(halfDays)));
    row[i] = 1;
  };
  const granted = new Set(plan.requests.filter((r) => r.status === 'GRANTED').map((r) => r.id));
  const requestMarks = new Map<string, Uint8Array>();
  for (const request of snapshot.requests ?? []) {
    if (granted.has(request.id)) marks(requestMarks, request.agentId, index.get(`${request.date}${request.period}`));
  }
  const rotationMarks = new Map<string, Uint8Array>();
  for (const cell of plan.rotation) marks(rotationMarks, cell.groupId, index.get(`${cell.date}${cell.period}`));
  const groupOf = new Map(snapshot.agents.map((agent) => [agent.id, agent.groupId ?? null]));
  const inEvent = eventOfHalfDay.map((event) => event !== null);
  const letters = new Uint16Array(halfDays);
  return plan.agents.map((agent) => {
    const own = requestMarks.get(agent.id);
    const group = groupOf.get(agent.id);
    const rotation = group ? rotationMarks.get(group) : undefined;
    const modes = agent.modes;
    for (let i = 0; i < modes.length; i++) {
      const mode = modes.charCodeAt(i);
      if (mode === LETTER.N || (mode !== LETTER.O && inEvent[i])) letters[i] = LETTER.C;
      else if (own?.[i] === 1 && mode !== LETTER.O) letters[i] = LETTER.Q;
      else if (mode === LETTER.R && rotation?.[i] === 1) letters[i] = LETTER.R;
      else letters[i] = LETTER.D;
    }
    return String.fromCharCode.apply(null, letters.subarray(0, modes.length) as unknown as number[]);
  });
}

/** Char codes of the plan's mode letters (R, S, O, N) and the source letters (C, Q, R, D). */
const LETTER = { R: 82, S: 83, O: 79, N: 78, C: 67, Q: 81, D: 68 } as const;

function maxDate(a: string, b: string | null): string {
  return b && b > a ? b : a;
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
