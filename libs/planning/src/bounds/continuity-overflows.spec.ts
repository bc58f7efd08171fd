import type { Plan, PlanningSnapshot } from '../model';
import { continuityOverflows } from './continuity-overflows';

const KEYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].flatMap((d) => [`${d}AM`, `${d}PM`]);

/** S1 (2 desks during the event) with A1..A4, A1 must stay; pool P (2 seats, reserve 1) for A2, A3 (STANDARD) and A4 (extra). */
const snapshot: PlanningSnapshot = {
  version: 2,
  horizon: { from: '2026-12-07', to: '2026-12-11' },
  closedDates: [],
  pools: [{ id: 'P', capacity: 5, reserve: 1 }],
  sites: [{ id: 'S1', capacity: 4 }, { id: 'S2', capacity: 4 }],
  groups: [{ id: 'G1' }],
  agents: [
    { id: 'A1', siteId: 'S1', eligible: true, groupId: 'G1', pool: 'P', tier: 'ESSENTIAL' },
    { id: 'A2', siteId: 'S1', eligible: true, groupId: 'G1', pool: 'P' },
    { id: 'A3', siteId: 'S1', eligible: true, groupId: 'G1', pool: 'P' },
    { id: 'A4', siteId: 'S1', eligible: false },
    { id: 'A5', siteId: 'S2', eligible: false },
  ],
  events: [{
    id: 'E', from: '2026-12-09', fromPeriod: 'AM', to: '2026-12-09', toPeriod: 'PM',
    sites: [{ siteId: 'S1', capacity: 2 }], pools: [{ poolId: 'P', capacity: 2 }],
    onSite: { agentIds: ['A1'] }, extraEligible: [{ agentId: 'A4', pool: 'P' }],
  }],
};

/** modes per agent: the event half-days (Wed AM, Wed PM) given, S elsewhere */
function plan(wed: Record<string, string>): Plan {
  return {
    version: 2, halfDays: KEYS, rotation: [], requests: [],
    agents: snapshot.agents.map((a) => ({ id: a.id, modes: `SSSS${wed[a.id] ?? 'SS'}SSSS` })),
    metrics: { pools: {}, requestsGranted: 0, requestsRefused: 0, weeklyMinShortfalls: 0, siteOverflows: 0, busiestHalfDay: { halfDay: KEYS[0], remote: 0 }, solveMs: 0 },
  };
}

describe('continuityOverflows', () => {
  it('counts nothing in a plan within the caps', () => {
    // A1 must stay, the last desk and the one open STANDARD seat taken in turn by A2 and A3, A4 N
    const o = continuityOverflows(snapshot, plan({ A1: 'SS', A2: 'SR', A3: 'RS', A4: 'NN' }));
    expect(o).toEqual({ site: 0, pool: 0, standardShare: 0, unjustifiedN: 0, mustStayAboveCapacity: 0, samples: [] });
  });

  it('counts agents on site beyond a listed site capacity, must-stay agents allowed above it', () => {
    const o = continuityOverflows(snapshot, plan({ A1: 'SS', A2: 'SS', A3: 'SS', A4: 'NN' }));
    expect(o.site).toBe(2); // 3 on site for 2 desks, AM and PM
    expect(o.samples[0]).toBe('site S1 on 2026-12-09AM: 3 on site (1 must stay) for 2 desks');
    const tight: PlanningSnapshot = { ...snapshot, events: [{ ...(snapshot.events ?? [])[0], sites: [{ siteId: 'S1', capacity: 0 }] }] };
    const stays = continuityOverflows(tight, plan({ A1: 'SS', A2: 'RN', A3: 'NN', A4: 'NN' }));
    expect(stays.site).toBe(0);
    expect(stays.mustStayAboveCapacity).toBe(2);
    expect(continuityOverflows(tight, plan({ A1: 'SS', A2: 'SN', A3: 'NN', A4: 'NN' })).site).toBe(1);
  });

  it('counts pool seats beyond the event capacity and the STANDARD share', () => {
    const o = continuityOverflows(snapshot, plan({ A1: 'SS', A2: 'RR', A3: 'RS', A4: 'RN' }));
    expect(o.pool).toBe(1); // AM: 3 remote for 2 seats
    expect(o.standardShare).toBe(2); // AM: A2, A3 for 1 open seat; PM: A2 alone fits
    expect(o.samples).toContain('pool P on 2026-12-09AM: 3 remote + 0 reserved for 2 seats');
  });

  it('counts N outside the events or at a site no event lists', () => {
    const p = plan({ A5: 'NS' });
    p.agents[1].modes = `N${p.agents[1].modes.slice(1)}`;
    expect(continuityOverflows(snapshot, p).unjustifiedN).toBe(2);
  });
});
