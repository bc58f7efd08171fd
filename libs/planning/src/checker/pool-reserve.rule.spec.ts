import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('pool-reserve rule', () => {
  it('catches 2 STANDARD agents on 1 non-reserved seat', () => {
    const snapshot = threeAgents();
    const plan: Plan = threeAgentsPlan();
    void setModes;
    snapshot.agents[1].tier = 'STANDARD';
    expect(rulesBroken(snapshot, plan)).toContain('pool-reserve');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('pool-reserve');
  });
});
