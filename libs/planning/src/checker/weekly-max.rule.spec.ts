import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('weekly-max rule', () => {
  it('catches A1 R on 3 half-days with a max of 2', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = setModes(plan, 'A1', 'RRRS');
    expect(rulesBroken(snapshot, plan)).toContain('weekly-max');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('weekly-max');
  });
});
