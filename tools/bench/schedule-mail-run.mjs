// bench:api block — a nightly run that changes every agent's half-days (~5,000 on the département),
// end to end through the API, and the SCHEDULE_CHANGED outbox rows it wrote in its transaction.
// Called by api-bench.mjs with the bench's database client and HR token; the API must run with
// SMTP_URL set for rows to be written (without it the figure is the same run with no mail).
// What the notices and mail rows cost inside the run is its phase `noticesAndMails` (printed).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes every agent's plan drift from what the engine computes (its first worked half-day after the
 * freeze window set OFF, straight in the table: the run puts it back), then runs an allocation of
 * the horizon through POST /api/allocation-runs and waits for it. Answers the run's figures and the
 * outbox rows of its plan version.
 */
export async function runScheduleMailBench({ db, base, token, from, to }) {
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined,
    });
    return response.json();
  };
  // the freeze window: the run does not touch the first working days; drift after them
  const after = (await db.query(
    `SELECT to_char(max(date), 'YYYY-MM-DD') AS d FROM (SELECT DISTINCT date FROM assignments WHERE date BETWEEN $1 AND $2 ORDER BY date LIMIT 5) x`,
    [from, to])).rows[0].d;
  const drifted = (await db.query(
    `WITH first AS (
       SELECT DISTINCT ON (agent_id) agent_id, date, period FROM assignments
       WHERE date > $1 AND date <= $2 AND mode IN ('REMOTE', 'ON_SITE') ORDER BY agent_id, date, period)
     UPDATE assignments a SET mode = 'OFF', source = 'DEFAULT', pool_id = NULL
     FROM first f WHERE a.agent_id = f.agent_id AND a.date = f.date AND a.period = f.period`,
    [after, to])).rowCount;
  const t0 = Date.now();
  const triggered = await call('POST', '/api/allocation-runs', { from, to });
  let run;
  for (;;) {
    run = await call('GET', `/api/allocation-runs/${triggered.id}`);
    if (run.status === 'SUCCEEDED' || run.status === 'FAILED') break;
    await sleep(20);
  }
  if (run.status !== 'SUCCEEDED') throw new Error(`the run failed: ${run.error}`);
  const endToEndMs = Date.now() - t0;
  const { rows: [outbox] } = await db.query(
    `SELECT count(*)::int AS rows, coalesce(sum(jsonb_array_length(payload->'changes')), 0)::int AS lines
     FROM mail_outbox WHERE kind = 'SCHEDULE_CHANGED' AND (payload->>'planVersion')::int = $1`,
    [run.planVersion]);
  return {
    agentsDrifted: drifted, changedAgents: run.changedAgents, endToEndMs,
    serverMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt), solveMs: run.metrics.solveMs,
    outboxRows: outbox.rows, changeLines: outbox.lines, phasesMs: run.metrics.phasesMs ?? null,
  };
}

export function printScheduleMailBench(figures) {
  console.log(`\nNightly run changing ${figures.changedAgents.toLocaleString('en-US')} agents' half-days (département)`);
  console.log(`  ${figures.endToEndMs} ms end to end (server ${figures.serverMs} ms, solve ${figures.solveMs} ms), ` +
    `${figures.outboxRows.toLocaleString('en-US')} SCHEDULE_CHANGED rows (${figures.changeLines.toLocaleString('en-US')} half-days) written in its transaction (target < 2,000 ms)`);
  if (figures.phasesMs) console.log(`  phases (ms): ${Object.entries(figures.phasesMs).map(([phase, ms]) => `${phase} ${ms}`).join(', ')}`);
}
