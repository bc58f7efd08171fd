import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('off-never-remote rule', () => {
  it('catches R on an OFF half-day (A2, Tuesday PM)', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = setModes(plan, 'A2', 'RSSR');
    expect(rulesBroken(snapshot, plan)).toContain('off-never-remote');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('off-never-remote');
  });
});
