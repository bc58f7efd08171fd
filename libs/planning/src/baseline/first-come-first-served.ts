/**
 * A naive planner, the baseline the benchmark compares the engine with: what a planning
 * office would do by hand. Every group is remote on two fixed weekdays (round-robin over
 * the week), and approved requests are granted first come, first served, while a cap has room.
 *
 * It still keeps every hard rule of DESIGN.md (it is a baseline for quality, not a broken
 * plan): a group's rotation half-day is dropped when all its members would not fit in their
 * pools or one of them would pass its weekly max; ON_SITE requests go first (they only free
 * seats, and a REMOTE request on the same half-day of the same agent is refused), then REMOTE
 * requests in array order, so a refusal stays justified in the final plan.
 */
import { refusals, refusedEntry } from '../allocation/reasons';
import { buildCheckContext } from '../checker/check-context';
import { recomputeMetrics } from '../checker/metrics';
import { buildPlanningContext, STANDARD_RANK, works } from '../model/context';
import type { Plan, PlanRequest } from '../model/plan';
import type { PlanningSnapshot } from '../model/snapshot';
import { SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';

export interface BaselineOptions {
  /** a clock for `metrics.solveMs` (the engine never reads one itself); default: none, 0 ms */
  now?: () => number;
}

/** ISO weekdays (1 = Monday) of the two remote days of group i: Mon+Wed, Tue+Thu, Wed+Fri, Thu+Mon, Fri+Tue. */
export function baselineRemoteDays(groupIndex: number): [number, number] {
  const first = (groupIndex % 5) + 1;
  return [first, ((first + 1) % 5) + 1];
}

const R = 1;
const S = 0;
const O = 2;
const LETTER = ['S', 'R', 'O'];

export function planFirstComeFirstServed(snapshot: PlanningSnapshot, options: BaselineOptions = {}): Plan {
  const now = options.now ?? (() => 0);
  const started = now();
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  const ctx = buildPlanningContext(valid.snapshot);
  const { nA, nH, nP, nG, halfDays, weekOf } = ctx;
  const nW = ctx.weeks.length;

  const use = Array.from({ length: nP }, () => new Int32Array(nH));
  const useStd = Array.from({ length: nP }, () => new Int32Array(nH));
  const inWeek = new Int32Array(nA * nW);
  // the ISO week's R: a cut week starts from its frozen part's
  if (ctx.carriedWeek >= 0) for (let a = 0; a < nA; a++) inWeek[a * nW + ctx.carriedWeek] = ctx.carriedRemote[a];
  const groupRemote = new Uint8Array(nG * nH);

  if (valid.snapshot.rotation) {
    // a published rotation is kept as it is
    for (const c of valid.snapshot.rotation) {
      const g = ctx.groupIndex.get(c.groupId);
      const h = ctx.halfDayByKey.get(`${c.date}${c.period}`);
      if (g !== undefined && h !== undefined) groupRemote[g * nH + h] = 1;
    }
  } else {
    const need = new Int32Array(nP);
    const needStd = new Int32Array(nP);
    for (let g = 0; g < nG; g++) {
      const [d1, d2] = baselineRemoteDays(g);
      const members = ctx.groupMembers[g];
      for (let h = 0; h < nH; h++) {
        const day = halfDays[h].isoDay;
        if (day !== d1 && day !== d2) continue;
        need.fill(0);
        needStd.fill(0);
        let ok = true;
        for (let k = 0; k < members.length && ok; k++) {
          const a = members[k];
          if (!works(ctx, a, h)) continue;
          if (inWeek[a * nW + weekOf[h]] + 1 > ctx.weeklyMax[a]) ok = false;
          const p = ctx.agentPool[a];
          need[p]++;
          if (ctx.tierRank[a] === STANDARD_RANK) needStd[p]++;
        }
        for (let p = 0; p < nP && ok; p++) {
          if (use[p][h] + need[p] + ctx.reserved[p][h] > ctx.cap[p][h]) ok = false;
          else if (useStd[p][h] + needStd[p] + ctx.reserved[p][h] > ctx.cap[p][h] - ctx.reserve[p]) ok = false;
        }
        if (!ok) continue;
        groupRemote[g * nH + h] = 1;
        for (let p = 0; p < nP; p++) {
          use[p][h] += need[p];
          useStd[p][h] += needStd[p];
        }
        for (const a of members) if (works(ctx, a, h)) inWeek[a * nW + weekOf[h]]++;
      }
    }
  }

  // modes from the rotation (usage recomputed, so a kept rotation is counted too)
  for (let p = 0; p < nP; p++) { use[p].fill(0); useStd[p].fill(0); }
  inWeek.fill(0);
  const modes = new Uint8Array(nA * nH);
  for (let a = 0; a < nA; a++) {
    const g = ctx.agentGroup[a];
    for (let h = 0; h < nH; h++) {
      if (!works(ctx, a, h)) modes[a * nH + h] = O;
      else if (ctx.eligible[a] && g >= 0 && groupRemote[g * nH + h]) {
        modes[a * nH + h] = R;
        const p = ctx.agentPool[a];
        use[p][h]++;
        if (ctx.tierRank[a] === STANDARD_RANK) useStd[p][h]++;
        inWeek[a * nW + weekOf[h]]++;
      }
    }
  }

  const requests = valid.snapshot.requests;
  const statuses: PlanRequest[] = requests.map((r) => ({ id: r.id, status: 'IGNORED' }));
  /** agent * nH + h of each granted ON_SITE request */
  const onSite = new Set<number>();
  const setRemote = (a: number, h: number, remote: boolean) => {
    const p = ctx.agentPool[a];
    const d = remote ? 1 : -1;
    modes[a * nH + h] = remote ? R : S;
    use[p][h] += d;
    if (ctx.tierRank[a] === STANDARD_RANK) useStd[p][h] += d;
    inWeek[a * nW + weekOf[h]] += d;
  };
  for (const kind of ['ON_SITE', 'REMOTE'] as const) {
    requests.forEach((r, k) => {
      if (r.status !== 'APPROVED' || r.kind !== kind) return;
      const a = ctx.agentIndex.get(r.agentId) as number;
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      if (kind === 'REMOTE' && !ctx.eligible[a]) {
        statuses[k] = refusedEntry(r.id, refusals.notEligible(r.agentId));
      } else if (h === undefined || !works(ctx, a, h)) {
        statuses[k] = refusedEntry(r.id, refusals.notWorking(ctx, a, r.date, r.period));
      } else if (kind === 'ON_SITE') {
        statuses[k] = { id: r.id, status: 'GRANTED' };
        onSite.add(a * nH + h);
        if (modes[a * nH + h] === R) setRemote(a, h, false);
      } else if (onSite.has(a * nH + h)) {
        // the granted ON_SITE request stands: it was served first
        statuses[k] = refusedEntry(r.id, refusals.onSiteConflict(r.agentId, r.date, r.period));
      } else if (modes[a * nH + h] === R) {
        statuses[k] = { id: r.id, status: 'GRANTED' };
      } else {
        const p = ctx.agentPool[a];
        const w = weekOf[h];
        const cap = ctx.cap[p][h];
        const reserved = ctx.reserved[p][h];
        const poolId = valid.snapshot.pools[p].id;
        if (inWeek[a * nW + w] >= ctx.weeklyMax[a]) {
          statuses[k] = refusedEntry(r.id, refusals.weeklyMax(ctx.weeklyMax[a], ctx.weeks[w].isoWeek));
        } else if (use[p][h] + reserved >= cap) {
          statuses[k] = refusedEntry(r.id, refusals.poolFull(poolId, r.date, r.period, use[p][h] + reserved, cap, reserved));
        } else if (ctx.tierRank[a] === STANDARD_RANK && useStd[p][h] + reserved >= cap - ctx.reserve[p]) {
          statuses[k] = refusedEntry(r.id, refusals.standardShareFull(poolId, r.date, r.period, useStd[p][h] + reserved, cap, ctx.reserve[p]));
        } else {
          statuses[k] = { id: r.id, status: 'GRANTED' };
          setRemote(a, h, true);
        }
      }
    });
  }

  const rotation: Plan['rotation'] = [];
  for (let g = 0; g < nG; g++) {
    for (let h = 0; h < nH; h++) {
      if (groupRemote[g * nH + h]) rotation.push({ groupId: valid.snapshot.groups[g].id, date: halfDays[h].date, period: halfDays[h].period });
    }
  }
  const agents: Plan['agents'] = valid.snapshot.agents.map((agent, a) => {
    let s = '';
    for (let h = 0; h < nH; h++) s += LETTER[modes[a * nH + h]];
    return { id: agent.id, modes: s };
  });
  const plan: Plan = {
    version: 1,
    halfDays: halfDays.map((h) => h.key),
    rotation,
    agents,
    requests: statuses,
    metrics: {
      pools: {}, requestsGranted: 0, requestsRefused: 0, weeklyMinShortfalls: 0, siteOverflows: 0,
      busiestHalfDay: { halfDay: '', remote: 0 }, solveMs: 0,
    },
  };
  const recomputed = recomputeMetrics(buildCheckContext(valid.snapshot, plan));
  plan.metrics = { ...recomputed.metrics, solveMs: Math.max(0, now() - started) };
  if (recomputed.warnings.length > 0) {
    plan.warnings = recomputed.warnings;
    plan.codedWarnings = recomputed.codedWarnings;
  }
  return plan;
}
