import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('pool-cap rule', () => {
  it('catches 3 VDI agents for 2 seats', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    snapshot.agents[2] = { id: 'A3', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', tier: 'ELECTED', weeklyMin: 0 };
    plan = setModes(plan, 'A3', 'RSSS');
    expect(rulesBroken(snapshot, plan)).toContain('pool-cap');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('pool-cap');
  });
});
