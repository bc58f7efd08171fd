import { checkPlan } from './check-plan';
import { threeAgents, threeAgentsPlan } from '../testing/check-helpers';

describe('checkPlan on the three-agent case', () => {
  it('accepts the planner output, worked by hand', () => {
    const plan = threeAgentsPlan();
    expect(plan.halfDays).toEqual(['2026-12-07AM', '2026-12-07PM', '2026-12-08AM', '2026-12-08PM']);
    expect(plan.agents).toEqual([
      { id: 'A1', modes: 'RSRS' },
      { id: 'A2', modes: 'RSSO' },
      { id: 'A3', modes: 'SSSS' },
    ]);
    expect(plan.requests).toEqual([
      { id: 'Q1', status: 'GRANTED' },
      { id: 'Q2', status: 'IGNORED' },
    ]);
    const result = checkPlan(threeAgents(), plan);
    expect(result.violations).toEqual([]);
    expect(result.metrics).toEqual({
      pools: { VDI: { peak: 2, capacityAtPeak: 2 } },
      requestsGranted: 1,
      requestsRefused: 0,
      weeklyMinShortfalls: 0,
      siteOverflows: 0,
      busiestHalfDay: { halfDay: '2026-12-07AM', remote: 2 },
      solveMs: 0,
    });
  });

  it('reports an invalid snapshot as violations', () => {
    const s = threeAgents();
    s.agents[0].groupId = 'G9';
    expect(checkPlan(s, threeAgentsPlan()).violations).toEqual([
      { rule: 'snapshot', message: 'agents[0].groupId: unknown rotation group "G9"' },
    ]);
  });
});
