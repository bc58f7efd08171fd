import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';

describe('request-status rule', () => {
  it('catches an approved request marked IGNORED and a pending one GRANTED', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    void setModes;
    plan = { ...plan, requests: [{ id: 'Q1', status: 'IGNORED' }, { id: 'Q2', status: 'GRANTED' }] };
    expect(rulesBroken(snapshot, plan)).toContain('request-status');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('request-status');
  });
});
