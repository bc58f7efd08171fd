import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('ineligible-never-remote rule', () => {
  it('catches an ineligible agent R', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = setModes(plan, 'A3', 'SSSR');
    expect(rulesBroken(snapshot, plan)).toContain('ineligible-never-remote');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('ineligible-never-remote');
  });
});
