import type { NoWorkplaceWhy, PlanWarning } from '@telework/contracts';
import { Plan } from '../model/plan';
import { Period, PlanningSnapshot, Tier, TIERS_BY_PRIORITY } from '../model/snapshot';
import { finishPlan, planBaseline, PlanOptions } from '../pipeline/plan-snapshot';
import { NormalisedSnapshot } from '../validation/normalised-snapshot';
import { snapshotError, SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';
import { EventDays, extraPoolAt, mustStayAt, resolveEventDays } from './event-days';

/** Agent-half-days on site, remote and without a workplace. */
export interface ContinuityImpactCounts {
  onSite: number;
  remote: number;
  noWorkplace: number;
}

export interface ContinuityImpactHalfDayResult extends ContinuityImpactCounts {
  date: string;
  period: Period;
  /** the same half-day in the plan without the event */
  before: ContinuityImpactCounts;
  /** every site, snapshot order; `capacity`: its desks on that half-day (the events' where one lists it) */
  bySite: (ContinuityImpactCounts & { siteId: string; capacity: number })[];
  /** every tier, priority order */
  byTier: (ContinuityImpactCounts & { tier: Tier })[];
  /** every org unit of the agents (`null`: agents without one, last), by id */
  byOrgUnit: (ContinuityImpactCounts & { orgUnitId: string | null })[];
  /** every pool: seats used (remote agents + reserved seats) and its capacity on that half-day, with the event */
  pools: { poolId: string; used: number; capacity: number }[];
}

/** What a continuity event changes: plain counts and ids (the API adds names). */
export interface ContinuityImpactResult {
  eventId: string;
  /** the horizon planned */
  from: string;
  to: string;
  /** true when the snapshot gave the rotation (a published one), false when the engine built it */
  rotationKept: boolean;
  totals: ContinuityImpactCounts & { before: ContinuityImpactCounts };
  /** agents whose half-days differ between the plans with and without the event (those who would get a notice) */
  changedAgentIds: string[];
  /** distinct agents without a workplace at least once on the event's half-days */
  agentsWithoutWorkplace: number;
  /** the event's working half-days in the horizon, in time order */
  halfDays: ContinuityImpactHalfDayResult[];
  /**
   * Licence sizing on the event's data, per pool: the seats that let every agent who may telework
   * during the event (eligible, or made eligible by it, and not kept on site) work remote on every
   * event half-day, plus the reserved seats, with the STANDARD share kept (the largest over the
   * event's half-days); `capacity`: the pool's smallest capacity over them, with the event.
   */
  licences: { poolId: string; capacity: number; needed: number }[];
  /** the first agents without a workplace (up to 20, agent then time order), with their reason */
  examples: { agentId: string; date: string; period: Period; why: NoWorkplaceWhy }[];
  /** the coded warnings of the plan with the event */
  warnings: PlanWarning[];
}

/** The event asked for is not in the snapshot. */
export class UnknownContinuityEventError extends Error {
  constructor(readonly eventId: string) {
    super(`no continuity event "${eventId}" in the snapshot`);
    this.name = 'UnknownContinuityEventError';
  }
}

const MAX_EXAMPLES = 20;

/**
 * Plans `snapshot` (version 2) with and without its event `eventId` (one baseline for both: the
 * rotation is built or kept once) and compares them on the event's half-days.
 */
export function continuityImpact(snapshot: PlanningSnapshot, eventId: string, options: PlanOptions = {}): ContinuityImpactResult {
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  const withEvent = valid.snapshot;
  if (withEvent.version !== 2) {
    throw new SnapshotValidationError([snapshotError('version', { code: 'NOT_ALLOWED', value: String(withEvent.version), allowed: ['2'] })]);
  }
  const k = (withEvent.events ?? []).findIndex((e) => e.id === eventId);
  if (k < 0) throw new UnknownContinuityEventError(eventId);
  const without: NormalisedSnapshot = { ...withEvent, events: (withEvent.events ?? []).filter((_, i) => i !== k) };

  const baseline = planBaseline(withEvent, options);
  const after = finishPlan(withEvent, baseline, options).plan;
  const before = finishPlan(without, baseline, options).plan;
  const { ctx } = baseline;
  const days = resolveEventDays(withEvent, ctx.halfDays, ctx.weeks, ctx.cap);
  const eventHalfDays = days.halfDaysOf[k];

  const modesOf = (plan: Plan) => plan.agents.map((a) => a.modes);
  const afterModes = modesOf(after);
  const beforeModes = modesOf(before);
  const changedAgentIds = withEvent.agents.filter((_, a) => afterModes[a] !== beforeModes[a]).map((a) => a.id);

  const orgUnits = [...new Set(withEvent.agents.map((a) => a.orgUnitId ?? null))].sort((x, y) =>
    x === null ? 1 : y === null ? -1 : x < y ? -1 : x > y ? 1 : 0);
  const unitIndex = new Map(orgUnits.map((u, i) => [u, i] as const));
  const tierOf = withEvent.agents.map((a) => TIERS_BY_PRIORITY.indexOf(a.tier));
  const unitOf = withEvent.agents.map((a) => unitIndex.get(a.orgUnitId ?? null) as number);
  const zero = (): ContinuityImpactCounts => ({ onSite: 0, remote: 0, noWorkplace: 0 });
  const add = (c: ContinuityImpactCounts, m: string) => {
    if (m === 'S') c.onSite++;
    else if (m === 'R') c.remote++;
    else if (m === 'N') c.noWorkplace++;
  };

  const totals = { ...zero(), before: zero() };
  const without_ = new Set<number>();
  const halfDays = eventHalfDays.map((h): ContinuityImpactHalfDayResult => {
    const hd = ctx.halfDays[h];
    const now = zero();
    const then = zero();
    const bySite = withEvent.sites.map((site, s) => ({ siteId: site.id, capacity: days.siteCap[h].get(s)?.capacity ?? site.capacity, ...zero() }));
    const byTier = TIERS_BY_PRIORITY.map((tier) => ({ tier, ...zero() }));
    const byOrgUnit = orgUnits.map((orgUnitId) => ({ orgUnitId, ...zero() }));
    const used = new Int32Array(ctx.nP);
    for (let a = 0; a < ctx.nA; a++) {
      const m = afterModes[a][h];
      add(now, m);
      add(then, beforeModes[a][h]);
      add(bySite[ctx.agentSite[a]], m);
      add(byTier[tierOf[a]], m);
      add(byOrgUnit[unitOf[a]], m);
      if (m === 'N') without_.add(a);
      if (m === 'R') {
        const p = ctx.eligible[a] ? ctx.agentPool[a] : extraPoolAt(days, a, h);
        if (p >= 0) used[p]++;
      }
    }
    for (const key of ['onSite', 'remote', 'noWorkplace'] as const) {
      totals[key] += now[key];
      totals.before[key] += then[key];
    }
    return {
      date: hd.date,
      period: hd.period,
      ...now,
      before: then,
      bySite,
      byTier,
      byOrgUnit,
      pools: withEvent.pools.map((pool, p) => ({ poolId: pool.id, used: used[p] + ctx.reserved[p][h], capacity: days.poolCap[p][h] })),
    };
  });

  const examples = (after.noWorkplace ?? [])
    .filter((n) => eventHalfDays.includes(ctx.halfDayByKey.get(`${n.date}${n.period}`) as number))
    .slice(0, MAX_EXAMPLES)
    .map((n) => ({ agentId: n.agentId, date: n.date, period: n.period, why: n.why }));

  return {
    eventId,
    from: withEvent.horizon.from,
    to: withEvent.horizon.to,
    rotationKept: !!withEvent.rotation,
    totals,
    changedAgentIds,
    agentsWithoutWorkplace: without_.size,
    halfDays,
    licences: licencesNeeded(ctx, days, eventHalfDays),
    examples,
    warnings: after.codedWarnings ?? [],
  };
}

/** Seats per pool for every agent who may telework to be remote on every event half-day (see ContinuityImpactResult.licences). */
function licencesNeeded(
  ctx: ReturnType<typeof planBaseline>['ctx'],
  days: EventDays,
  eventHalfDays: number[],
): ContinuityImpactResult['licences'] {
  const { nA, nP, snapshot } = ctx;
  const needed = new Int32Array(nP);
  const capacity = snapshot.pools.map((pool) => (eventHalfDays.length > 0 ? Infinity : pool.capacity));
  for (const h of eventHalfDays) {
    const all = new Int32Array(nP);
    const standard = new Int32Array(nP);
    for (let a = 0; a < nA; a++) {
      if (((ctx.offMask[a] >> ctx.slotOf[h]) & 1) === 1 || mustStayAt(days, a, h)) continue;
      const p = ctx.eligible[a] && ctx.agentPool[a] >= 0 ? ctx.agentPool[a] : extraPoolAt(days, a, h);
      if (p < 0) continue;
      all[p]++;
      if (ctx.tierRank[a] === TIERS_BY_PRIORITY.length - 1) standard[p]++;
    }
    for (let p = 0; p < nP; p++) {
      const reserved = ctx.reserved[p][h];
      needed[p] = Math.max(needed[p], all[p] + reserved, standard[p] + reserved + ctx.reserve[p]);
      capacity[p] = Math.min(capacity[p], days.poolCap[p][h]);
    }
  }
  return snapshot.pools.map((pool, p) => ({ poolId: pool.id, capacity: capacity[p], needed: needed[p] }));
}
