import { parseArgs } from 'node:util';
import { recordText } from '@telework/contracts';
import { generateScenario, scenarioNames, type Plan, type PlanningSnapshot, type RotationWeekReport } from '@telework/planning';
import loadHighs from 'highs';
import { engine, integerBoundOptions } from './engine';
import { CliError, type CliIo, fmt, readJson, toJson, writeAtomic } from './io';

export const PLAN_USAGE = `usage: plan (--in snapshot.json | --scenario NAME [--seed N]) [--out plan.json] [--pretty] [--licences POOL]
            [--time-limit MS] [--bound-seconds S] [--continuity-bound] [--progress]

  --in FILE          planning snapshot, version 1 (schemas/planning-snapshot.schema.json) or 2 with
                     continuity events or the frozen part of a cut week, agents[].carried
                     (schemas/planning-snapshot.v2.schema.json)
  --scenario NAME    plan a generated scenario instead (${scenarioNames().join(', ')})
  --seed N           the scenario's seed (default 1)
  --out FILE         where to write the plan (schemas/plan.schema.json, plan.v2 for a v2 snapshot); stdout when absent
  --pretty           indent the JSON
  --licences POOL    size POOL: the smallest capacity with every weekly minimum met and no
                     site overflow; writes the plan that proves it
  --time-limit MS    time limit of the rotation search (not used by --licences)
  --bound-seconds S  then let HiGHS prove, for up to S seconds, how low the busiest half-day
                     can go with whole groups, and print the plan's gap to that bound
  --continuity-bound with continuity events: then let HiGHS prove the fewest agent-half-days
                     without a workplace any plan can have, and print the plan's gap to it
  --progress         print progress to stderr`;

/**
 * `plan`: validate, plan (or size a pool), write the plan; exit 2 and no file on a bad snapshot.
 * With --bound-seconds it answers later: HiGHS is loaded (asynchronously) to prove the bound.
 */
export function planCommand(argv: string[], io: CliIo): number | Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      in: { type: 'string' },
      scenario: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      pretty: { type: 'boolean', default: false },
      licences: { type: 'string' },
      'time-limit': { type: 'string' },
      'bound-seconds': { type: 'string' },
      'continuity-bound': { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
      'report-rss': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${PLAN_USAGE}\n`);
    return 0;
  }
  if (!values.in === !values.scenario) throw new CliError(`plan: give --in or --scenario (one of them)\n${PLAN_USAGE}`, 2);
  if (values.seed !== undefined && !values.scenario) throw new CliError('plan: --seed goes with --scenario', 2);
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new CliError(`plan: --seed must be an integer, got "${values.seed}"`, 2);
  let timeLimitMs: number | undefined;
  if (values['time-limit'] !== undefined) {
    timeLimitMs = Number(values['time-limit']);
    if (!Number.isFinite(timeLimitMs) || timeLimitMs <= 0) throw new CliError(`plan: --time-limit must be a positive number of milliseconds, got "${values['time-limit']}"`, 2);
  }

  let boundSeconds: number | undefined;
  if (values['bound-seconds'] !== undefined) {
    boundSeconds = Number(values['bound-seconds']);
    if (!Number.isFinite(boundSeconds) || boundSeconds <= 0) {
      throw new CliError(`plan: --bound-seconds must be a positive number of seconds, got "${values['bound-seconds']}"`, 2);
    }
    if (values.licences !== undefined) throw new CliError('plan: --bound-seconds does not apply to --licences', 2);
  }

  if (values['continuity-bound'] && values.licences !== undefined) throw new CliError('plan: --continuity-bound does not apply to --licences', 2);

  const source = values.in ?? `scenario ${values.scenario}`;
  let input: unknown;
  if (values.scenario) {
    try {
      input = generateScenario(values.scenario, Number(values.seed ?? '1')).snapshot;
    } catch (e) {
      throw new CliError(`plan: ${(e as Error).message}`, 2);
    }
  } else input = readJson(io.cwd, values.in as string);
  const valid = engine('validateSnapshot')(input);
  if (!valid.ok) {
    const lines = valid.errors.map((e) => `${e.path}: ${e.message}`);
    throw new CliError(`${source}: invalid planning snapshot (${valid.errors.length} error${valid.errors.length === 1 ? '' : 's'})`, 2, lines);
  }
  // plan the snapshot as read (the engine applies the defaults itself)
  const snapshot = input as PlanningSnapshot;
  const onProgress = values.progress
    ? (pct: number, stage: string) => io.stderr(`[${String(Math.round(pct)).padStart(3)} %] ${stage}\n`)
    : undefined;

  let plan: Plan;
  let summary: string;
  try {
    if (values.licences !== undefined) {
      const poolId = values.licences;
      if (!snapshot.pools.some((p) => p.id === poolId)) {
        throw new CliError(`plan: --licences ${poolId}: no such pool (pools: ${snapshot.pools.map((p) => p.id).join(', ')})`, 2);
      }
      const sizing = engine('capacityNeeded')(snapshot, poolId);
      plan = sizing.plan;
      summary =
        `${poolId}: ${fmt(sizing.capacity)} seats are needed for every eligible agent to reach its weekly minimum ` +
        `with no site overflow` +
        (sizing.lowerBound !== undefined ? ` (proven lower bound ${fmt(sizing.lowerBound)})` : '') +
        `; the plan that proves it is written`;
    } else {
      const planned = engine('planWithReport')(snapshot, { now: io.now, timeLimitMs, onProgress });
      plan = planned.plan;
      summary = describePlan(snapshot, plan) + describeWeeks(planned.report.rotationWeeks) + describeContinuity(snapshot, plan);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    const err = e as Error & { errors?: { path: string; message: string }[]; issues?: string[] };
    if (err.name === 'SnapshotValidationError' && err.errors) {
      throw new CliError(`${source}: invalid planning snapshot`, 2, err.errors.map((x) => `${x.path}: ${x.message}`));
    }
    if (err.name === 'RotationConflictError') throw new CliError(`${source}: ${err.message}`, 2, err.message.split('\n'));
    throw new CliError(`planning failed: ${err.message}`, 3, `planning failed: ${err.stack ?? err.message}`.split('\n'));
  }

  const text = toJson(plan, values.pretty);
  if (values.out) {
    writeAtomic(io.cwd, values.out, text);
    io.stdout(`${summary}\nplan written to ${values.out}\n`);
  } else {
    io.stdout(text);
    io.stderr(`${summary}\n`);
  }
  for (const line of describeRefusals(plan)) io.stderr(`${line}\n`);
  for (const w of (plan.warnings ?? []).slice(0, 10)) io.stderr(`warning: ${w}\n`);
  if ((plan.warnings ?? []).length > 10) io.stderr(`warning: … and ${(plan.warnings ?? []).length - 10} more in the plan\n`);
  if (values['report-rss']) io.stderr(`maxRSS=${process.resourceUsage().maxRSS}\n`);
  const continuity = values['continuity-bound'] && (snapshot.events ?? []).length > 0;
  if (values['continuity-bound'] && !continuity) io.stderr('--continuity-bound: the snapshot has no continuity event\n');
  if (boundSeconds === undefined && !continuity) return 0;
  return (async () => {
    if (boundSeconds !== undefined) await proveBusiestBound(snapshot, plan, boundSeconds, io);
    if (continuity) await proveNoWorkplaceBound(snapshot, plan, io);
    return 0;
  })();
}

/** The plan's agent-half-days without a workplace against the fewest any plan can have (HiGHS, stderr). */
async function proveNoWorkplaceBound(snapshot: PlanningSnapshot, plan: Plan, io: CliIo): Promise<void> {
  const solver = await loadHighs();
  const b = engine('noWorkplaceLowerBound')(snapshot, plan, { solver, now: io.now });
  const n = plan.metrics.noWorkplace ?? 0;
  io.stderr(
    `without a workplace ${fmt(n)} agent-half-days; proven lower bound ${fmt(b.lowerBound)} (${gapText(n, b.lowerBound)}; ` +
      `${b.method === 'lp' ? 'LP' : 'max flow'}${b.exact ? ', exact: the fewest possible' : ''}, ${fmt(b.classes)} classes for ${fmt(b.agentWeeks)} agent-weeks, ${fmt(Math.round(b.ms))} ms` +
      `${b.unsolvedWeeks > 0 ? `; ${fmt(b.unsolvedWeeks)} week(s) on the flow bound only` : ''})\n`,
  );
}

/** "+1.2 %" of n over its bound, "= bound" when equal */
export function gapText(n: number, bound: number): string {
  if (n === bound) return '= bound';
  if (bound === 0) return `+${fmt(n)} over a bound of 0`;
  return `${n >= bound ? '+' : ''}${((n / bound - 1) * 100).toFixed(2)} %`;
}

/**
 * With continuity events (v2): the agent-half-days without a workplace, then per event its
 * half-days and how its agent-half-days ended (on site, remote, without a workplace).
 */
export function describeContinuity(snapshot: PlanningSnapshot, plan: Plan): string {
  if (plan.version !== 2 || !(snapshot.events ?? []).length) return '';
  const labels = new Map((snapshot.events ?? []).map((e) => [e.id, e.label]));
  const lines = [`\ncontinuity: ${fmt(plan.metrics.noWorkplace ?? 0)} agent-half-days without a workplace (${fmt(new Set((plan.noWorkplace ?? []).map((x) => x.agentId)).size)} agents)`];
  for (const e of plan.events ?? []) {
    const label = labels.get(e.id);
    lines.push(
      `event ${e.id}${label ? ` « ${label} »` : ''}: ${fmt(e.halfDays)} half-days, ${fmt(e.onSite)} on site, ${fmt(e.remote)} remote, ` +
        `${fmt(e.noWorkplace)} without a workplace (${fmt(e.agentsWithoutWorkplace)} agents)`,
    );
  }
  const unmet = (snapshot.events ?? []).filter((e) => !(plan.events ?? []).some((x) => x.id === e.id));
  if (unmet.length > 0) lines.push(`events outside the horizon's working half-days: ${unmet.map((e) => e.id).join(', ')}`);
  const byWhy = new Map<string, number>();
  for (const x of plan.noWorkplace ?? []) byWhy.set(x.why.code, (byWhy.get(x.why.code) ?? 0) + 1);
  if (byWhy.size > 0) {
    lines.push(`without a workplace, by reason: ${[...byWhy].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, k]) => `${fmt(k)} ${code}`).join(', ')}`);
    const first = (plan.noWorkplace ?? [])[0];
    lines.push(`e.g. ${first.agentId} on ${first.date} ${first.period}: ${first.reason}`);
  }
  return lines.join('\n');
}

/** The plan's busiest half-day against the bound HiGHS proves with whole groups (stderr). */
async function proveBusiestBound(snapshot: PlanningSnapshot, plan: Plan, seconds: number, io: CliIo): Promise<void> {
  const solver = await loadHighs();
  const started = io.now();
  const b = engine('bounds')(snapshot, plan.rotation, { integer: integerBoundOptions(solver, seconds, io.now) });
  const busiest = plan.metrics.busiestHalfDay.remote;
  const bound = b.busiestHalfDayLowerBound;
  const gap = bound > 0 ? `+${((busiest / bound - 1) * 100).toFixed(1)} %` : 'n/a';
  io.stderr(
    `busiest half-day ${fmt(busiest)} remote; proven lower bound ${fmt(bound)} (${gap}; LP bound ${fmt(b.busiestHalfDayLpBound)}; ` +
      `HiGHS: ${fmt(b.integerSearch?.solverCalls ?? 0)} calls, ${fmt(b.integerSearch?.unanswered ?? 0)} without an answer, ` +
      `${fmt(Math.round((io.now() - started) / 100) / 10)} s)\n`,
  );
}

/**
 * Each week's busiest expected half-day against its LP lower bound (a loose bound when whole
 * groups cannot spread: `npm run bench:planning` proves a tighter one with HiGHS).
 */
function describeWeeks(weeks: readonly RotationWeekReport[]): string {
  const built = weeks.filter((w) => w.lowerBound > 0);
  if (built.length === 0) return '';
  const cells = built.map((w) => `${w.week} ${fmt(w.busiest)} / ${fmt(w.lowerBound)} (+${((w.busiest / w.lowerBound - 1) * 100).toFixed(1)} %)`);
  return `\nbusiest half-day per week / LP lower bound: ${cells.join('; ')}`;
}

/**
 * The refused requests, counted by code, then the first ten in the record wording of their
 * refusal (the plan keeps every one, as data and as words).
 */
export function describeRefusals(plan: Plan): string[] {
  const refused = plan.requests.filter((r) => r.status === 'REFUSED');
  if (refused.length === 0) return [];
  const byCode = new Map<string, number>();
  for (const r of refused) {
    const code = r.refusal?.code ?? 'UNCODED';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const counts = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => `${fmt(n)} ${code}`);
  const lines = [`refused: ${counts.join(', ')}`];
  for (const r of refused.slice(0, 10)) lines.push(`refused ${r.id}: ${r.refusal ? recordText(r.refusal) : r.reason ?? 'no reason given'}`);
  if (refused.length > 10) lines.push(`refused: … and ${fmt(refused.length - 10)} more in the plan`);
  return lines;
}

function describePlan(snapshot: PlanningSnapshot, plan: Plan): string {
  const m = plan.metrics;
  const approved = (snapshot.requests ?? []).filter((r) => r.status === 'APPROVED').length;
  return (
    `planned ${fmt(plan.agents.length)} agents over ${fmt(plan.halfDays.length)} half-days in ${fmt(Math.round(m.solveMs))} ms: ` +
    `${fmt(m.requestsGranted)} of ${fmt(approved)} approved requests granted, ` +
    `busiest half-day ${m.busiestHalfDay.halfDay} (${fmt(m.busiestHalfDay.remote)} remote), ` +
    `${fmt(m.weeklyMinShortfalls)} weekly-min shortfalls, ${fmt(m.siteOverflows)} site overflows`
  );
}
