import { recordText, type Refusal } from '@telework/contracts';
import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan, PlanRequest } from '../model/plan';

/** threeAgents' plan with A1 remote Mon AM and Tue PM (its weekly max of 2) and Q1 (Tue AM) refused as `entry` says. */
function refusedQ1(entry: Omit<PlanRequest, 'id' | 'status'>): Plan {
  const plan = setModes(threeAgentsPlan(), 'A1', 'RSSR');
  return { ...plan, requests: [{ id: 'Q1', status: 'REFUSED', ...entry }, { id: 'Q2', status: 'IGNORED' }] };
}

const weeklyMax: Refusal = { code: 'WEEKLY_MAX', max: 2, week: 50 };

describe('request-status rule', () => {
  it('catches an approved request marked IGNORED and a pending one GRANTED', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    plan = { ...plan, requests: [{ id: 'Q1', status: 'IGNORED' }, { id: 'Q2', status: 'GRANTED' }] };
    expect(rulesBroken(snapshot, plan)).toContain('request-status');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('request-status');
  });

  it('accepts a refusal with a known code and its record wording', () => {
    expect(rulesBroken(threeAgents(), refusedQ1({ refusal: weeklyMax, reason: recordText(weeklyMax) }))).not.toContain('request-status');
    expect(recordText(weeklyMax)).toBe('weekly max of 2 half-days reached in week 50');
  });

  it('wants a refusal with a known code, and its record wording as the reason', () => {
    // a plan written before refusals were data: a reason only
    expect(rulesBroken(threeAgents(), refusedQ1({ reason: recordText(weeklyMax) }))).toContain('request-status');
    expect(rulesBroken(threeAgents(), refusedQ1({ refusal: { code: 'NO_SUCH_CODE' } as unknown as Refusal, reason: 'x' }))).toContain('request-status');
    expect(rulesBroken(threeAgents(), refusedQ1({ refusal: weeklyMax }))).toContain('request-status');
    expect(rulesBroken(threeAgents(), refusedQ1({ refusal: weeklyMax, reason: 'weekly max reached' }))).toContain('request-status');
  });

  it('wants no refusal on a granted request', () => {
    const plan = threeAgentsPlan();
    expect(plan.requests[0]).toEqual({ id: 'Q1', status: 'GRANTED' });
    const granted = { ...plan, requests: [{ ...plan.requests[0], refusal: weeklyMax, reason: recordText(weeklyMax) }, plan.requests[1]] };
    expect(rulesBroken(threeAgents(), granted)).toContain('request-status');
  });
});
