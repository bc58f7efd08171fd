import { formatMessage, recordText, type Refusal } from '@telework/contracts';
import { getISOWeek, parseISO } from 'date-fns';
import fc from 'fast-check';
import { planFirstComeFirstServed } from '../baseline/first-come-first-served';
import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { PlanningSnapshot, WEEKDAY_HALF_DAYS } from '../model/snapshot';
import { smallSnapshot } from '../testing/small-snapshot';
import { planSnapshot } from './plan-snapshot';

/**
 * Each refusal of a plan, read as data, against the plan itself: figures recounted here from
 * the snapshot and the plan's letters only (no engine or checker code), so a refusal whose
 * figures drift from the plan it explains fails here even if both the allocator and the
 * checker drifted together.
 */
function refusalProblems(snapshot: PlanningSnapshot, plan: Plan): string[] {
  const problems: string[] = [];
  const agents = new Map(snapshot.agents.map((a) => [a.id, a] as const));
  const modes = new Map(plan.agents.map((a) => [a.id, a.modes] as const));
  const at = new Map(plan.halfDays.map((k, i) => [k, i] as const));
  const grantedOnSite = new Set(
    (snapshot.requests ?? [])
      .filter((r) => r.kind === 'ON_SITE' && plan.requests.find((e) => e.id === r.id)?.status === 'GRANTED')
      .map((r) => `${r.agentId}|${r.date}${r.period}`),
  );
  const capacityOn = (poolId: string, date: string) => {
    const pool = snapshot.pools.find((p) => p.id === poolId);
    let cap = pool?.capacity ?? 0;
    for (const c of [...(pool?.capacityChanges ?? [])].sort((x, y) => x.from.localeCompare(y.from))) if (c.from <= date) cap = c.capacity;
    return cap;
  };
  const remoteOn = (h: number, poolId: string, standardOnly: boolean) =>
    snapshot.agents.filter((a) => a.pool === poolId && (!standardOnly || (a.tier ?? 'STANDARD') === 'STANDARD') && modes.get(a.id)?.[h] === 'R').length;

  for (const r of snapshot.requests ?? []) {
    const e = plan.requests.find((x) => x.id === r.id);
    const say = (what: string) => problems.push(`${r.id} (${r.kind} ${r.agentId} ${r.date} ${r.period}): ${what}`);
    if (!e) {
      say('no plan entry');
      continue;
    }
    if (e.status !== 'REFUSED') {
      if (e.refusal !== undefined || e.reason !== undefined) say(`${e.status} with a refusal`);
      continue;
    }
    const f = e.refusal as Refusal | undefined;
    if (!f) {
      say('refused without a refusal');
      continue;
    }
    if (e.reason !== recordText(f)) say(`reason "${e.reason}" is not the record wording "${recordText(f)}"`);
    if (formatMessage(f, 'fr') === null) say(`no French wording for ${f.code}`);
    const agent = agents.get(r.agentId);
    const m = modes.get(r.agentId) ?? '';
    const h = at.get(`${r.date}${r.period}`);
    switch (f.code) {
      case 'NOT_ELIGIBLE':
        if (agent?.eligible !== false || r.kind !== 'REMOTE' || f.agent !== r.agentId) say(`NOT_ELIGIBLE of an eligible agent: ${JSON.stringify(f)}`);
        break;
      case 'NOT_WORKING': {
        const day = (new Date(`${r.date}T00:00:00Z`).getUTCDay() + 6) % 7;
        const expected =
          r.date < snapshot.horizon.from || r.date > snapshot.horizon.to ? 'OUTSIDE_HORIZON'
            : day > 4 ? 'WEEKEND'
              : (snapshot.closedDates ?? []).includes(r.date) ? 'CLOSED'
                : (agent?.offHalfDays ?? []).includes(WEEKDAY_HALF_DAYS[day * 2 + (r.period === 'AM' ? 0 : 1)]) ? 'PART_TIME'
                  : null;
        if (f.why !== expected || f.date !== r.date || f.period !== r.period) say(`NOT_WORKING ${f.why}, expected ${expected}`);
        if (h !== undefined && m[h] !== 'O' && expected === 'PART_TIME') say('a part-time half-day is not O');
        break;
      }
      case 'ON_SITE_REQUEST':
        if (!grantedOnSite.has(`${r.agentId}|${r.date}${r.period}`)) say('ON_SITE_REQUEST with no granted ON_SITE request there');
        break;
      case 'WEEKLY_MAX': {
        if (h === undefined || !agent) {
          say('WEEKLY_MAX off the horizon');
          break;
        }
        const week = getISOWeek(parseISO(r.date));
        const inWeek = plan.halfDays.filter((k, x) => getISOWeek(parseISO(k.slice(0, 10))) === week && m[x] === 'R').length;
        const max = agent.weeklyMax ?? 6;
        if (f.max !== max || f.week !== week || inWeek < max) say(`WEEKLY_MAX ${JSON.stringify(f)} but weekly max ${max}, ${inWeek} R in week ${week}`);
        break;
      }
      case 'POOL_FULL':
      case 'STANDARD_SHARE_FULL': {
        if (h === undefined || !agent?.pool) {
          say(`${f.code} off the horizon or without a pool`);
          break;
        }
        const capacity = capacityOn(agent.pool, r.date);
        const reserved = (snapshot.reservations ?? [])
          .filter((x) => x.pool === agent.pool && x.date === r.date && x.period === r.period)
          .reduce((n, x) => n + x.seats, 0);
        if (f.pool !== agent.pool || f.date !== r.date || f.period !== r.period || f.capacity !== capacity) say(`${f.code} names ${f.pool} ${f.date} ${f.period} cap ${f.capacity}`);
        if (f.code === 'POOL_FULL') {
          const used = remoteOn(h, agent.pool, false) + reserved;
          if (f.used !== used || f.reserved !== reserved || used < capacity) say(`POOL_FULL ${JSON.stringify(f)} but ${used} of ${capacity} used (${reserved} reserved)`);
        } else {
          const reserve = snapshot.pools.find((p) => p.id === agent.pool)?.reserve ?? 0;
          const used = remoteOn(h, agent.pool, true) + reserved;
          if ((agent.tier ?? 'STANDARD') !== 'STANDARD') say('STANDARD_SHARE_FULL of an agent not STANDARD');
          if (f.used !== used || f.reserve !== reserve || f.open !== capacity - reserve || used < capacity - reserve) {
            say(`STANDARD_SHARE_FULL ${JSON.stringify(f)} but ${used} of ${capacity - reserve} STANDARD seats used`);
          }
        }
        break;
      }
      default:
        say(`${f.code} is not a refusal of the planner`);
    }
  }
  return problems;
}

/** The plan with one figure of its first capped refusal moved by one. */
function withOneFigureOff(plan: Plan): Plan | null {
  const k = plan.requests.findIndex((e) => e.refusal && ['POOL_FULL', 'STANDARD_SHARE_FULL', 'WEEKLY_MAX'].includes(e.refusal.code));
  if (k < 0) return null;
  const copy = JSON.parse(JSON.stringify(plan)) as Plan;
  const f = copy.requests[k].refusal as Refusal;
  if (f.code === 'WEEKLY_MAX') f.max += 1;
  else if (f.code === 'POOL_FULL' || f.code === 'STANDARD_SHARE_FULL') f.used += 1;
  copy.requests[k].reason = recordText(f);
  return copy;
}

/**
 * The refusal kinds the snapshots reach in 300 baseline runs (the engine's 80 reach fewer). A
 * random seed misses one now and then (WEEKLY_MAX in about 1 seed of 80): the runs of
 * COVERAGE_SEED, which reach them all, are added when a random seed falls short, so the check
 * stays about the generator, not about luck.
 */
const REACHED = ['NOT_ELIGIBLE', 'NOT_WORKING:PART_TIME', 'NOT_WORKING:CLOSED', 'NOT_WORKING:WEEKEND', 'NOT_WORKING:OUTSIDE_HORIZON', 'WEEKLY_MAX', 'POOL_FULL'];
const WITH_FIGURES = ['WEEKLY_MAX', 'POOL_FULL', 'STANDARD_SHARE_FULL'];
const COVERAGE_SEED = 20261207;

describe('refusals as data (random small snapshots)', () => {
  it.each([
    // the engine searches a rotation for each snapshot (~0.1 s): fewer runs
    ['the engine', (s: PlanningSnapshot) => planSnapshot(s), 80, REACHED.slice(0, 2)],
    ['the first-come-first-served baseline', (s: PlanningSnapshot) => planFirstComeFirstServed(s), 300, REACHED],
  ] as const)('%s: every refusal names a limit the final plan hits, with its figures', (_name, plan, numRuns, reached) => {
    const seen = new Set<string>();
    const property = fc.property(smallSnapshot, (snapshot) => {
      const p = plan(snapshot);
      for (const e of p.requests) if (e.refusal) seen.add(e.refusal.code === 'NOT_WORKING' ? `NOT_WORKING:${e.refusal.why}` : e.refusal.code);
      expect(refusalProblems(snapshot, p)).toEqual([]);
      expect(checkPlan(snapshot, p).violations).toEqual([]);
      // and the checker catches a refusal whose figures drift from the plan
      const off = withOneFigureOff(p);
      if (off) expect(checkPlan(snapshot, off).violations.map((v) => v.rule)).toContain('refusal-justified');
    });
    fc.assert(property, { numRuns });
    const covered = () => reached.every((code) => seen.has(code)) && WITH_FIGURES.some((code) => seen.has(code));
    if (!covered()) fc.assert(property, { numRuns, seed: COVERAGE_SEED });
    // not vacuous: the snapshots reach the refusals, those with figures among them
    for (const code of reached) expect([...seen]).toContain(code);
    expect([...seen].some((c) => WITH_FIGURES.includes(c))).toBe(true);
  });

  it.each([
    ['the engine', (s: PlanningSnapshot) => planSnapshot(s), 80, REACHED.slice(0, 2)],
    ['the first-come-first-served baseline', (s: PlanningSnapshot) => planFirstComeFirstServed(s), 300, REACHED],
  ] as const)('%s: the coverage seed alone reaches every refusal kind the check expects, with figures', (_name, plan, numRuns, reached) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        for (const e of plan(snapshot).requests) if (e.refusal) seen.add(e.refusal.code === 'NOT_WORKING' ? `NOT_WORKING:${e.refusal.why}` : e.refusal.code);
      }),
      { numRuns, seed: COVERAGE_SEED },
    );
    expect(reached.filter((code) => !seen.has(code))).toEqual([]);
    expect(WITH_FIGURES.some((code) => seen.has(code))).toBe(true);
  });
});
