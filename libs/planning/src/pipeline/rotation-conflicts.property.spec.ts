import { recordText, type PlanWarning, type RotationConflict } from '@telework/contracts';
import fc from 'fast-check';
import { checkPlan } from '../checker/check-plan';
import { PlanningSnapshot } from '../model/snapshot';
import { smallSnapshot } from '../testing/small-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { planSnapshot, planWithReport, RotationConflictError } from './plan-snapshot';

/**
 * A small random snapshot, its rotation built by the engine and "published", then HR edits
 * after publication: pool capacities cut, reserves raised, weekly maxima lowered (the snapshot
 * stays valid: reservations fit what is left outside the reserve, weeklyMin ≤ weeklyMax).
 */
const cutAfterPublication = fc
  .record({
    snapshot: smallSnapshot,
    cuts: fc.array(fc.record({ cut: fc.integer({ min: 0, max: 5 }), raise: fc.integer({ min: 0, max: 2 }) }), { minLength: 2, maxLength: 2 }),
    lower: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ snapshot, cuts, lower }) => {
    const published = planSnapshot({ ...snapshot, requests: [] }).rotation;
    const pools = (snapshot.pools ?? []).map((p, i) => {
      const capacity = Math.max(0, p.capacity - cuts[i].cut);
      const capacityChanges = (p.capacityChanges ?? []).map((c) => ({ from: c.from, capacity: Math.max(0, c.capacity - cuts[i].cut) }));
      const lowest = Math.min(capacity, ...capacityChanges.map((c) => c.capacity));
      return { ...p, capacity, capacityChanges, reserve: Math.min(lowest, (p.reserve ?? 0) + cuts[i].raise) };
    });
    const capOn = (poolId: string, date: string) => {
      const p = pools.find((x) => x.id === poolId);
      if (!p) return 0;
      let c = p.capacity;
      for (const change of p.capacityChanges) if (change.from <= date) c = change.capacity;
      return c - p.reserve;
    };
    const cut: PlanningSnapshot = {
      ...snapshot,
      pools,
      agents: snapshot.agents.map((a, i) => {
        const weeklyMax = Math.max(0, (a.weeklyMax ?? 6) - lower[i]);
        return { ...a, weeklyMax, weeklyMin: Math.min(a.weeklyMin ?? 4, weeklyMax) };
      }),
      reservations: (snapshot.reservations ?? []).map((r) => ({ ...r, seats: Math.max(0, Math.min(r.seats, capOn(r.pool, r.date))) })),
      rotation: published,
    };
    return cut;
  });

function conflictsOf(snapshot: PlanningSnapshot): RotationConflict[] {
  try {
    planWithReport(snapshot);
    return [];
  } catch (e) {
    if (e instanceof RotationConflictError) return e.conflicts;
    throw e;
  }
}

type Coded<C extends PlanWarning['code']> = Extract<PlanWarning, { code: C }>;

describe('a published rotation cut by later HR edits (random small snapshots)', () => {
  it('plans without an exception, breaks no hard rule, and turns each conflict into a warning with its figures', () => {
    let withConflicts = 0;
    fc.assert(
      fc.property(cutAfterPublication, (snapshot) => {
        expect(validateSnapshot(snapshot).ok).toBe(true);
        const conflicts = conflictsOf(snapshot);
        const { plan } = planWithReport(snapshot, { rotationConflicts: 'keep-on-site' });
        expect(checkPlan(snapshot, plan).violations).toEqual([]);
        expect(plan.rotation).toEqual(snapshot.rotation);
        if (conflicts.length === 0) {
          // nothing to tolerate: the very plan the refusing path makes
          expect(JSON.stringify(plan)).toBe(JSON.stringify(planWithReport(snapshot).plan));
          return;
        }
        withConflicts++;
        const warnings = plan.codedWarnings ?? [];
        // the words are the record wording of the data, in the same order
        expect(plan.warnings).toEqual(warnings.map(recordText));
        const weeklyWarnings = warnings.filter((w): w is Coded<'KEPT_ON_SITE_WEEKLY_MAX'> => w.code === 'KEPT_ON_SITE_WEEKLY_MAX');
        const poolWarnings = warnings.filter((w): w is Coded<'KEPT_ON_SITE_POOL'> => w.code === 'KEPT_ON_SITE_POOL');
        const kept = plan.keptOnSite ?? [];
        const poolOf = new Map(snapshot.agents.map((a) => [a.id, a.pool] as const));
        for (const conflict of conflicts) {
          if (conflict.code === 'ROTATION_WEEKLY_MAX_OVER') {
            // the agent's week is a warning with the same figures, naming the half-days kept on site
            const warning = weeklyWarnings.find((w) => w.agent === conflict.agent && w.week === conflict.week);
            expect(warning).toMatchObject({ group: conflict.group, count: conflict.count, max: conflict.max });
            expect(warning?.halfDays).toHaveLength(conflict.count - conflict.max);
            continue;
          }
          // a pool × half-day over its cap is a warning naming both, unless the agents kept on
          // site for their weekly max already brought it back within the cap
          const { pool, date, period } = conflict;
          const named = poolWarnings.some((w) => w.pool === pool && w.date === date && w.period === period);
          const relieved = kept.some((k) => k.rule === 'weekly-max' && k.date === date && k.period === period && poolOf.get(k.agentId) === pool);
          expect(named || relieved).toBe(true);
        }
        // and no warning without a conflict: one per pool × half-day where someone was kept for the pool, counting them
        const keptForPool = new Map<string, number>();
        for (const k of kept) {
          if (k.rule !== 'pool') continue;
          const key = `${poolOf.get(k.agentId)} ${k.date} ${k.period}`;
          keptForPool.set(key, (keptForPool.get(key) ?? 0) + 1);
        }
        expect(poolWarnings.map((w) => `${w.pool} ${w.date} ${w.period}`).sort()).toEqual([...keptForPool.keys()].sort());
        for (const w of poolWarnings) {
          expect(w.kept).toBe(keptForPool.get(`${w.pool} ${w.date} ${w.period}`));
          expect(Object.values(w.keptByTier).reduce((x, y) => x + (y ?? 0), 0)).toBe(w.kept);
          expect(w.used > w.capacity || w.standardUsed > w.open).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    // the property is not vacuous: most runs had something to tolerate
    expect(withConflicts).toBeGreaterThan(30);
  });
});
