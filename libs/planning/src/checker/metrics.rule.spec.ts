import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('metrics rule', () => {
  it('catches a wrong busiest half-day and a wrong grant count', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = { ...plan, metrics: { ...plan.metrics, busiestHalfDay: { halfDay: '2026-12-08AM', remote: 1 }, requestsGranted: 0 } };
    expect(rulesBroken(snapshot, plan)).toContain('metrics');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('metrics');
  });
});
