import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('refusal-justified rule', () => {
  it('catches a refusal while a seat and the week had room', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = setModes(plan, 'A1', 'RSSS');
    plan = { ...plan, requests: [{ id: 'Q1', status: 'REFUSED', reason: 'VDI full' }, { id: 'Q2', status: 'IGNORED' }] };
    expect(rulesBroken(snapshot, plan)).toContain('refusal-justified');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('refusal-justified');
  });
});
