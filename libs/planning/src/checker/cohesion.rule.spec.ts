import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('cohesion rule', () => {
  it('catches a member on site on a remote half-day of its group', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = setModes(plan, 'A1', 'SSRS');
    expect(rulesBroken(snapshot, plan)).toContain('cohesion');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('cohesion');
  });
});
