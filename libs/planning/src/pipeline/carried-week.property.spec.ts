import fc from 'fast-check';
import { addDays } from '../calendar/dates';
import { buildCheckContext } from '../checker/check-context';
import { checkPlan } from '../checker/check-plan';
import { recomputeMetrics } from '../checker/metrics';
import { weeklyMaxRule } from '../checker/weekly-max.rule';
import { Plan } from '../model/plan';
import { AgentSnapshot, PlanningSnapshot } from '../model/snapshot';
import { smallSnapshot } from '../testing/small-snapshot';
import { normaliseSnapshot } from '../validation/normalised-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { planSnapshot, planWithReport } from './plan-snapshot';

/** A seed whose 45 runs reach more than 15 cut weeks and a blind run over the max (checked when a random seed falls short: its 45 runs reach 42 and 5). */
const COVERAGE_SEED = 20261207;

/*
 * A week the horizon cuts (a nightly run starting after the freeze window, mid-week): its frozen
 * half-days before horizon.from are carried in the snapshot (v2 `agents[].carried`), and the
 * week's weekly minimum and maximum are the ISO week's. The oracle: the plan of the cut horizon
 * put after the frozen half-days it kept is checked as ONE plan of the whole horizon by the
 * checker (weekly max rule, weekly-min shortfalls), which knows nothing of `carried`.
 */

const agent = (id: string, extra: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id, siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', weeklyMin: 4, weeklyMax: 6, ...extra,
});

/** Wednesday 9 to Friday 11 December 2026: Monday and Tuesday (4 half-days) frozen. */
function cutWeek(carried: AgentSnapshot['carried'], extra: Partial<PlanningSnapshot> = {}): PlanningSnapshot {
  return {
    version: 2,
    horizon: { from: '2026-12-09', to: '2026-12-11' },
    pools: [{ id: 'VDI', capacity: 10 }],
    sites: [{ id: 'S1', capacity: 10 }],
    groups: [{ id: 'G1' }],
    agents: [agent('A1', carried ? { carried } : {})],
    ...extra,
  };
}

const remoteCount = (plan: Plan, id: string) => [...(plan.agents.find((a) => a.id === id)?.modes ?? '')].filter((m) => m === 'R').length;

describe('a week cut by the horizon (the frozen part carried)', () => {
  // the group is remote Wednesday AM to Thursday PM: 4 R planned
  const rotation = ['2026-12-09', '2026-12-10'].flatMap((date) => (['AM', 'PM'] as const).map((period) => ({ groupId: 'G1', date, period })));

  it('counts the frozen R in the weekly minimum: no false shortfall (and a real one stays)', () => {
    const oneDay = [{ groupId: 'G1', date: '2026-12-09', period: 'AM' as const }];
    // 3 R frozen of 4 worked, 1 R planned of 6: the ISO week has 4 of floor(4 × 10 / 10) = 4
    const carried = planSnapshot(cutWeek({ remote: 3, working: 4 }, { rotation: oneDay }), { rotationConflicts: 'keep-on-site' });
    expect(carried.metrics.weeklyMinShortfalls).toBe(0);
    // the same cut week without the frozen part (what the run did): 1 < floor(4 × 6 / 10) = 2
    const blind = planSnapshot(cutWeek(undefined, { rotation: oneDay }), { rotationConflicts: 'keep-on-site' });
    expect(blind.metrics.weeklyMinShortfalls).toBe(1);
    // nothing remote before: the week is short indeed (1 of 4), and said with the ISO week's figures
    const short = planSnapshot(cutWeek({ remote: 0, working: 4 }, { rotation: oneDay }), { rotationConflicts: 'keep-on-site' });
    expect(short.metrics.weeklyMinShortfalls).toBe(1);
    expect(short.codedWarnings).toContainEqual({ code: 'WEEKLY_MIN_SHORTFALLS', count: 1, examples: [{ agent: 'A1', remote: 1, min: 4, week: 50 }] });
  });

  it('counts the frozen R in the weekly maximum: the rotation is cut back and a request is refused WEEKLY_MAX', () => {
    const requests = [{ id: 'Q1', agentId: 'A1', date: '2026-12-11', period: 'AM' as const, kind: 'REMOTE' as const, status: 'APPROVED' as const }];
    // 4 R frozen + 4 by the rotation = 8 > 6: 2 kept on site, the request refused
    const { plan } = planWithReport(cutWeek({ remote: 4, working: 4 }, { rotation, requests }), { rotationConflicts: 'keep-on-site' });
    expect(remoteCount(plan, 'A1')).toBe(2);
    expect(plan.keptOnSite?.map((k) => k.rule)).toEqual(['weekly-max', 'weekly-max']);
    expect(plan.requests[0]).toMatchObject({ status: 'REFUSED', refusal: { code: 'WEEKLY_MAX', max: 6, week: 50 } });
    expect(plan.codedWarnings).toContainEqual(expect.objectContaining({ code: 'KEPT_ON_SITE_WEEKLY_MAX', agent: 'A1', count: 8, max: 6 }));
    expect(checkPlan(cutWeek({ remote: 4, working: 4 }, { rotation, requests }), plan).violations).toEqual([]);
    // what the run did without the frozen part: 5 R planned, 9 in the ISO week
    const blind = planSnapshot(cutWeek(undefined, { rotation, requests }), { rotationConflicts: 'keep-on-site' });
    expect(remoteCount(blind, 'A1')).toBe(5);
    // a given rotation over the week's max is refused by default, with the ISO week's count
    expect(() => planSnapshot(cutWeek({ remote: 4, working: 4 }, { rotation }))).toThrow(/8.*6|week 50/);
  });

  it('has the checker refuse a plan that ignores the frozen R, and the validation bound the carried counts', () => {
    const blind = planSnapshot(cutWeek(undefined, { rotation }), { rotationConflicts: 'keep-on-site' });
    const violations = checkPlan(cutWeek({ remote: 3, working: 4 }, { rotation }), { ...blind, version: 2 }).violations.filter((v) => v.rule === 'weekly-max');
    expect(violations.map((v) => v.message)).toEqual(['A1 is R on 7 half-days in week 50 (3 of them before the horizon), weekly max 6']);
    // Wednesday: Monday and Tuesday before it, 4 half-days at most; remote within working
    const bad = validateSnapshot(cutWeek({ remote: 6, working: 5 }));
    expect(bad.ok ? [] : bad.errors.map((e) => [e.path, e.code])).toEqual([['agents[0].carried.working', 'TOO_LARGE'], ['agents[0].carried.remote', 'TOO_LARGE']]);
    const monday = validateSnapshot({ ...cutWeek({ remote: 0, working: 1 }), horizon: { from: '2026-12-07', to: '2026-12-11' } });
    expect(monday.ok ? [] : monday.errors.map((e) => [e.path, e.code])).toEqual([['agents[0].carried.working', 'TOO_LARGE']]);
    // version 1 has no such field
    expect(validateSnapshot({ ...cutWeek({ remote: 0, working: 1 }), version: 1 }).ok).toBe(false);
  });

  it('plans a v1 snapshot and the same v2 snapshot carrying nothing alike, byte for byte but the version', () => {
    fc.assert(
      fc.property(smallSnapshot, (s) => {
        const v1 = planSnapshot(s);
        const v2 = planSnapshot({ ...s, version: 2, agents: s.agents.map((a) => ({ ...a, carried: { remote: 0, working: 0 } })) });
        expect(JSON.stringify({ ...v2, version: 1 })).toBe(JSON.stringify(v1));
      }),
      { numRuns: 25 },
    );
  });

  it('never lets the cut horizon push an ISO week over its weekly max, and counts the shortfalls of the whole week (the checker of the whole horizon as oracle)', () => {
    let cutWeeks = 0;
    let blindOver = 0;
    const property = fc.property(
      smallSnapshot,
      fc.integer({ min: 1, max: 3 }),
      fc.boolean(),
      fc.array(fc.record({ agent: fc.nat(), day: fc.integer({ min: 0, max: 2 }), pm: fc.boolean() }), { maxLength: 6 }),
      (base, cut, keepRotation, frozenGrants) => {
        // the whole horizon from Monday 7 December, planned once: its Monday..(cut − 1) is the frozen part
        const whole: PlanningSnapshot = { ...base, horizon: { from: '2026-12-07', to: base.horizon.to < '2026-12-10' ? '2026-12-11' : base.horizon.to } };
        // approved REMOTE requests in the frozen part (the instant grants of the days before the run)
        whole.requests = [...(whole.requests ?? []), ...frozenGrants.filter((g) => g.day < cut).map((g, i) => ({
          id: `F${i}`, agentId: whole.agents[g.agent % whole.agents.length].id, date: addDays('2026-12-07', g.day), period: g.pm ? 'PM' as const : 'AM' as const,
          kind: 'REMOTE' as const, status: 'APPROVED' as const,
        }))];
        const first = planSnapshot(whole);
        const from = addDays('2026-12-07', cut);
        const k = first.halfDays.filter((key) => key < from).length;
        const carriedOf = (id: string) => {
          const m = (first.agents.find((a) => a.id === id)?.modes ?? '').slice(0, k);
          return { remote: [...m].filter((x) => x === 'R').length, working: [...m].filter((x) => x !== 'O').length };
        };
        const rest = {
          ...whole,
          horizon: { from, to: whole.horizon.to },
          requests: (whole.requests ?? []).filter((r) => r.date >= from),
          reservations: (whole.reservations ?? []).filter((r) => r.date >= from),
          ...(keepRotation ? { rotation: first.rotation.filter((c) => c.date >= from) } : {}),
        };
        const carried: PlanningSnapshot = { ...rest, version: 2, agents: rest.agents.map((a) => ({ ...a, carried: carriedOf(a.id) })) };
        const second = planSnapshot(carried, { rotationConflicts: 'keep-on-site' });
        if (k > 0 && second.halfDays.length > 0) cutWeeks++;

        // the frozen half-days followed by the cut horizon's plan: one plan of the whole horizon
        const joined = (plan: Plan): Plan => ({
          ...first,
          agents: first.agents.map((a, i) => ({ id: a.id, modes: a.modes.slice(0, k) + plan.agents[i].modes })),
        });
        const wholeCtx = buildCheckContext(normaliseSnapshot(whole), joined(second));
        // the frozen part of these snapshots stays within the max (the first plan was checked): so does the whole week
        expect(weeklyMaxRule.check(wholeCtx)).toEqual([]);
        // and its shortfalls are the whole horizon's (when the cut week keeps a planned half-day: else it is not planned at all)
        if (second.halfDays.length > 0 ? second.halfDays[0] <= '2026-12-11PM' : k === 0) {
          expect(second.metrics.weeklyMinShortfalls).toBe(recomputeMetrics(wholeCtx).metrics.weeklyMinShortfalls);
        }

        // the run as it was, blind to the frozen part: count the ISO weeks it pushed over (shown, not required)
        const blind = planSnapshot(rest, { rotationConflicts: 'keep-on-site' });
        if (weeklyMaxRule.check(buildCheckContext(normaliseSnapshot(whole), joined(blind))).length > 0) blindOver++;
      },
    );
    fc.assert(property, { numRuns: 45 });
    // a random seed may fall short of the cases counted below: the runs of a seed known to reach them are added
    if (cutWeeks <= 15 || blindOver === 0) fc.assert(property, { numRuns: 45, seed: COVERAGE_SEED });
    expect(cutWeeks).toBeGreaterThan(15);
    // the generator does produce the case of the issue (else this property proves little)
    expect(blindOver).toBeGreaterThan(0);
  });
});
