import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('plan-shape rule', () => {
  it('catches a missing agent entry and a wrong halfDays list', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = { ...plan, agents: plan.agents.slice(0, 2), halfDays: plan.halfDays.slice(1) };
    expect(rulesBroken(snapshot, plan)).toContain('plan-shape');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('plan-shape');
  });
});
