import { buildPlanningContext } from '../model/context';
import { Plan } from '../model/plan';
import { PlanningSnapshot } from '../model/snapshot';
import { planNormalised } from '../pipeline/plan-snapshot';
import { buildRotation } from '../rotation/build-rotation';
import { NormalisedSnapshot } from '../validation/normalised-snapshot';
import { snapshotError, SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';
import { plannedWeekMin, popcount } from '../model/context';

export interface CapacityNeededOptions {
  /** extra annealing runs of the rotation search per week and evaluation, default 0 (one run) */
  kicks?: number;
  maxRounds?: number;
}

export interface CapacityNeeded {
  poolId: string;
  /** smallest capacity found for which the rotation gives no avoidable shortfall or overflow */
  capacity: number;
  /** the plan at that capacity (requests left out: sizing is about the rotation) */
  plan: Plan;
  /** no capacity below this can give every agent of the pool its weekly minimum */
  lowerBound?: number;
}

/**
 * Licence sizing: the smallest constant capacity of `poolId` for which every eligible agent
 * reaches its weekly minimum with no site overflow, as far as the other caps allow it (the
 * target is what the rotation achieves with an unbounded pool). Binary search over the
 * capacity with the rotation builder; the returned plan proves the figure.
 */
export function capacityNeeded(snapshot: PlanningSnapshot, poolId: string, options: CapacityNeededOptions = {}): CapacityNeeded {
  if (!snapshot.pools?.some((x) => x.id === poolId)) {
    throw new SnapshotValidationError([snapshotError('poolId', { code: 'POOL_NOT_CONFIGURED', value: poolId })]);
  }
  // the pool's own capacity is the unknown: validate with room to spare
  const roomy = { ...snapshot, pools: snapshot.pools.map((x) => (x.id === poolId ? { ...x, capacity: 1_000_000_000, capacityChanges: [] } : x)) };
  const valid = validateSnapshot(roomy);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  const base = valid.snapshot;
  const p = base.pools.findIndex((x) => x.id === poolId);

  const withCapacity = (capacity: number): NormalisedSnapshot => {
    const s: NormalisedSnapshot = { ...base, requests: [], pools: base.pools.map((x, i) => (i === p ? { ...x, capacity, capacityChanges: [] } : x)) };
    delete s.rotation;
    return s;
  };
  const evaluate = (capacity: number) => {
    const ctx = buildPlanningContext(withCapacity(capacity));
    const r = buildRotation(ctx, { kicks: options.kicks ?? 0, maxRounds: options.maxRounds });
    let shortfalls = 0;
    let overflows = 0;
    for (const w of r.weeks) {
      shortfalls += w.shortfalls;
      overflows += w.siteOverflowPairs;
    }
    return { shortfalls, overflows };
  };

  const pool = base.pools[p];
  const ctx0 = buildPlanningContext(withCapacity(pool.capacity));
  let maxReserved = 0;
  for (const h of ctx0.halfDays) maxReserved = Math.max(maxReserved, ctx0.reserved[p][h.index]);
  let members = 0;
  for (let a = 0; a < ctx0.nA; a++) if (ctx0.eligible[a] && ctx0.agentPool[a] === p) members++;
  const lowerBound = poolLowerBound(ctx0, p, maxReserved);
  let hi = pool.reserve + maxReserved + members;
  const target = evaluate(hi);
  const ok = (c: number) => {
    const r = evaluate(c);
    return r.shortfalls <= target.shortfalls && r.overflows <= target.overflows;
  };
  let lo = Math.max(pool.reserve + maxReserved, lowerBound) - 1; // lo fails (or is below any valid capacity)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  const { plan } = planNormalised(withCapacity(hi), { kicks: options.kicks ?? 0, maxRounds: options.maxRounds });
  return { poolId, capacity: hi, plan, lowerBound };
}

/** k × capacity ≥ Σ weekly minimums of the pool's agents + reserved seats, per week (and the STANDARD share). */
function poolLowerBound(ctx: ReturnType<typeof buildPlanningContext>, p: number, maxReserved: number): number {
  let lb = ctx.reserve[p] + maxReserved;
  for (const w of ctx.weeks) {
    const k = w.halfDays.length;
    if (k === 0) continue;
    let need = 0;
    let stdNeed = 0;
    let reserved = 0;
    for (const h of w.halfDays) reserved += ctx.reserved[p][h];
    for (let a = 0; a < ctx.nA; a++) {
      if (!ctx.eligible[a] || ctx.agentPool[a] !== p) continue;
      const m = plannedWeekMin(ctx, a, w.index, popcount(ctx.weekSlotMask[w.index] & ~ctx.offMask[a]));
      need += m;
      if (ctx.tierRank[a] === 3) stdNeed += m;
    }
    lb = Math.max(lb, Math.ceil((need + reserved) / k), Math.ceil((stdNeed + reserved) / k) + ctx.reserve[p]);
  }
  return lb;
}
