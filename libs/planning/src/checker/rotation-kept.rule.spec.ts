import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('rotation-kept rule', () => {
  it('catches a change to the given rotation', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = { ...plan, rotation: [{ groupId: 'G1', date: '2026-12-07', period: 'PM' }] };
    expect(rulesBroken(snapshot, plan)).toContain('rotation-kept');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('rotation-kept');
  });
});
