import { requestMasks } from '../bounds/week-data';
import { buildPlanningContext, PlanningContext } from '../model/context';
import { PlanningSnapshot } from '../model/snapshot';
import { rotationOverflows } from '../testing/rotation-referee';
import { validateSnapshot } from '../validation/validate-snapshot';
import { exactSiteOverflow } from './exact-sites';
import { buildWeekModel, WeekModel } from './week-model';

/**
 * One week (10 half-days), site S1 with `desks` desks, 4 ineligible agents and groups of 8
 * (weekly max `max`) on it, VDI `seats` seats.
 */
function week(desks: number, seats: number, groups = 2, max = 5): PlanningContext {
  const agents = [];
  for (let i = 0; i < 4; i++) agents.push({ id: `I${i}`, siteId: 'S1', eligible: false });
  const ids = Array.from({ length: groups }, (_, g) => `G${g + 1}`);
  for (const g of ids) {
    for (let i = 0; i < 8; i++) agents.push({ id: `${g}-${i}`, siteId: 'S1', groupId: g, eligible: true, pool: 'VDI', weeklyMin: 0, weeklyMax: max });
  }
  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    timezone: 'Europe/Paris',
    pools: [{ id: 'VDI', capacity: seats, reserve: 0 }],
    sites: [{ id: 'S1', capacity: desks }],
    groups: ids.map((id) => ({ id })),
    agents,
    requests: [],
  };
  const v = validateSnapshot(snapshot);
  if (!v.ok) throw new Error('invalid fixture');
  return buildPlanningContext(v.snapshot);
}

function model(ctx: PlanningContext): WeekModel {
  return buildWeekModel(ctx, 0, requestMasks(ctx));
}

/** The rotation of the returned masks (groups not in them on site), checked against the model's rules. */
function rotationOf(ctx: PlanningContext, m: WeekModel, masks: Map<number, number>): Uint8Array {
  const out = new Uint8Array(ctx.nG * ctx.nH);
  for (const [g, mask] of masks) {
    expect(m.feasible[g][mask]).toBe(1);
    for (let j = 0; j < m.k; j++) if (mask & (1 << j)) out[g * ctx.nH + m.hds[j]] = 1;
  }
  for (let j = 0; j < m.k; j++) {
    let seats = 0;
    for (const [g, mask] of masks) if (mask & (1 << j)) seats += m.poolUse[g][j];
    expect(seats).toBeLessThanOrEqual(m.cap[j]);
  }
  return out;
}

describe('exact fewest site overflows of a week (exact-sites.ts)', () => {
  it('finds and proves 5 when every half-day needs both groups away and each may be remote 5 times', () => {
    // 20 on site for 10 desks: a half-day fits only with both groups remote
    const ctx = week(10, 100);
    const m = model(ctx);
    const r = exactSiteOverflow(m, ctx.siteCap, { incumbent: 10 });
    expect(r).toMatchObject({ lowerBound: 5, best: 5, optimal: true });
    const rotation = rotationOf(ctx, m, r.masks as Map<number, number>);
    expect(rotationOverflows(ctx, rotation)[0].pairs).toBe(5);
  });

  it('proves an incumbent at the optimum without a rotation to return', () => {
    const ctx = week(10, 100);
    expect(exactSiteOverflow(model(ctx), ctx.siteCap, { incumbent: 5 })).toMatchObject({ best: 5, masks: null, optimal: true });
  });

  it('reaches 0 when one group away per half-day is enough', () => {
    const ctx = week(14, 100);
    const m = model(ctx);
    const r = exactSiteOverflow(m, ctx.siteCap, { incumbent: 3 });
    expect(r).toMatchObject({ best: 0, optimal: true });
    expect(rotationOverflows(ctx, rotationOf(ctx, m, r.masks as Map<number, number>))[0].pairs).toBe(0);
  });

  it('keeps the pool cap: with 12 seats one group of 8 at a time, 10 half-days needing 2 groups all overflow', () => {
    const ctx = week(10, 12);
    const r = exactSiteOverflow(model(ctx), ctx.siteCap, { incumbent: 10 });
    expect(r).toMatchObject({ lowerBound: 10, best: 10, optimal: true, masks: null });
  });

  it('three groups, two needed per half-day, weekly max 6: 10 × 2 = 20 > 18 group half-days, so 1 half-day over', () => {
    // 28 on site for 12 desks: 16 must leave, two groups of 8; 3 groups × 6 = 18 remote half-days for 20 needed
    const ctx = week(12, 100, 3, 6);
    const m = model(ctx);
    const r = exactSiteOverflow(m, ctx.siteCap, { incumbent: 10 });
    expect(r).toMatchObject({ lowerBound: 1, best: 1, optimal: true });
    expect(rotationOverflows(ctx, rotationOf(ctx, m, r.masks as Map<number, number>))[0].pairs).toBe(1);
  });

  it('gives no answer past its limits: too many groups on one half-day to list their sets', () => {
    const ctx = week(10, 1000, 4);
    const r = exactSiteOverflow(model(ctx), ctx.siteCap, { incumbent: 10, maxGroupsPerHalfDay: 3 });
    expect(r).toMatchObject({ best: 10, masks: null, optimal: false });
  });
});
