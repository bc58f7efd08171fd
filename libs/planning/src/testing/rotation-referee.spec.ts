import loadHighs from 'highs';
import { buildPlanningContext, PlanningContext } from '../model/context';
import { PlanningSnapshot, RequestSnapshot } from '../model/snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { ExactSolver, exactOverflows, rotationOverflows } from './rotation-referee';

let highs: ExactSolver;
beforeAll(async () => {
  highs = (await loadHighs()) as unknown as ExactSolver;
});

/**
 * One week (Mon 2026-12-07 .. Fri 2026-12-11, 10 half-days), site S1 with `desks` desks, 4
 * ineligible agents and two groups of 8 (weekly max 5) on it, VDI `seats` seats.
 */
function week(desks: number, seats: number, requests: RequestSnapshot[] = []): PlanningContext {
  const agents = [];
  for (let i = 0; i < 4; i++) agents.push({ id: `I${i}`, siteId: 'S1', eligible: false });
  for (const g of ['G1', 'G2']) {
    for (let i = 0; i < 8; i++) agents.push({ id: `${g}-${i}`, siteId: 'S1', groupId: g, eligible: true, pool: 'VDI', weeklyMin: 0, weeklyMax: 5 });
  }
  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    timezone: 'Europe/Paris',
    pools: [{ id: 'VDI', capacity: seats, reserve: 0 }],
    sites: [{ id: 'S1', capacity: desks }],
    groups: [{ id: 'G1' }, { id: 'G2' }],
    agents,
    requests,
  };
  const v = validateSnapshot(snapshot);
  if (!v.ok) throw new Error('invalid fixture');
  return buildPlanningContext(v.snapshot);
}

/** G1 remote on the first five half-days, G2 on the last five. */
function alternate(ctx: PlanningContext): Uint8Array {
  const out = new Uint8Array(ctx.nG * ctx.nH);
  for (let h = 0; h < ctx.nH; h++) out[(h < 5 ? 0 : 1) * ctx.nH + h] = 1;
  return out;
}

describe('rotation referee (exact fewest site overflows, HiGHS)', () => {
  it('counts a rotation on its own: 20 people for 14 desks everywhere with no group remote', () => {
    const ctx = week(14, 100);
    expect(rotationOverflows(ctx, new Uint8Array(ctx.nG * ctx.nH))).toEqual([{ week: '2026-W50', pairs: 10, excess: 60 }]);
    expect(rotationOverflows(ctx, alternate(ctx))).toEqual([{ week: '2026-W50', pairs: 0, excess: 0 }]);
  });

  it('proves 0 when one group away per half-day is enough and the weekly max lets them alternate', () => {
    expect(exactOverflows(week(14, 100), highs)).toEqual([{ week: '2026-W50', pairs: 0 }]);
  });

  it('proves 5 when every half-day needs both groups away and each may be remote 5 times', () => {
    // 20 on site for 10 desks: a half-day fits only with both groups remote (16 leave), which
    // the weekly max of 5 allows on 5 half-days at most
    expect(exactOverflows(week(10, 100), highs)).toEqual([{ week: '2026-W50', pairs: 5 }]);
  });

  it('keeps the pool cap: with 7 seats no group of 8 can be remote, every half-day overflows', () => {
    expect(exactOverflows(week(14, 7), highs)).toEqual([{ week: '2026-W50', pairs: 10 }]);
  });

  it('keeps an agent with an approved ON_SITE request on site, and frees no desk for a REMOTE request', () => {
    const onSite: RequestSnapshot = { id: 'Q1', agentId: 'G1-0', date: '2026-12-07', period: 'AM', kind: 'ON_SITE', status: 'APPROVED' };
    const remote: RequestSnapshot = { id: 'Q2', agentId: 'G2-0', date: '2026-12-08', period: 'AM', kind: 'REMOTE', status: 'APPROVED' };
    // 12 desks for 20: one group away per half-day fits exactly; on Monday AM G1-0 stays (13), and
    // G2-0's request on Tuesday AM may be refused, so it frees nothing (12)
    const ctx = week(12, 100, [onSite, remote]);
    expect(rotationOverflows(ctx, alternate(ctx))).toEqual([{ week: '2026-W50', pairs: 1, excess: 1 }]);
    // G2 away on Monday AM instead fits
    expect(exactOverflows(ctx, highs)).toEqual([{ week: '2026-W50', pairs: 0 }]);
  });
});
