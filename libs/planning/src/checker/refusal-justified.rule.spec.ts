import { recordText, type Refusal } from '@telework/contracts';
import { checkPlan } from './check-plan';
import { rulesBroken, setModes, threeAgents, threeAgentsPlan } from '../testing/check-helpers';
import { Plan } from '../model/plan';
import { PlanningSnapshot } from '../model/snapshot';

/** threeAgents' plan with A1's modes `modes` and Q1 (A1 REMOTE, Tue 2026-12-08 AM) refused as `refusal`. */
function refusedQ1(modes: string, refusal: Refusal): Plan {
  const plan = setModes(threeAgentsPlan(), 'A1', modes);
  return { ...plan, requests: [{ id: 'Q1', status: 'REFUSED', refusal, reason: recordText(refusal) }, { id: 'Q2', status: 'IGNORED' }] };
}

function justifiedViolations(snapshot: PlanningSnapshot, plan: Plan): string[] {
  return checkPlan(snapshot, plan).violations.filter((v) => v.rule === 'refusal-justified').map((v) => v.message);
}

describe('refusal-justified rule', () => {
  it('catches a refusal while a seat and the week had room', () => {
    const snapshot = threeAgents();
    let plan: Plan = threeAgentsPlan();
    plan = setModes(plan, 'A1', 'RSSS');
    plan = { ...plan, requests: [{ id: 'Q1', status: 'REFUSED', reason: 'VDI full' }, { id: 'Q2', status: 'IGNORED' }] };
    expect(rulesBroken(snapshot, plan)).toContain('refusal-justified');
  });

  it('finds nothing on the planner output', () => {
    expect(rulesBroken(threeAgents(), threeAgentsPlan())).not.toContain('refusal-justified');
  });

  it('accepts the weekly max when the agent is remote that many half-days of the week', () => {
    // A1 is R on Mon AM and Tue PM: 2 of its weekly max of 2 in week 50
    expect(justifiedViolations(threeAgents(), refusedQ1('RSSR', { code: 'WEEKLY_MAX', max: 2, week: 50 }))).toEqual([]);
  });

  it('checks the figures of the refusal against the plan', () => {
    const snapshot = threeAgents();
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', { code: 'WEEKLY_MAX', max: 3, week: 50 }))).toEqual([
      "Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as WEEKLY_MAX, but A1's weekly max is 2 and the half-day is in week 50",
    ]);
    // the week had room: only 1 R
    expect(justifiedViolations(snapshot, refusedQ1('RSSS', { code: 'WEEKLY_MAX', max: 2, week: 50 }))).toHaveLength(2);
    // VDI has 2 seats on Tue AM and nobody remote there
    const full: Refusal = { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'AM', used: 2, capacity: 2, reserved: 0 };
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', full))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as POOL_FULL, but the plan has 0 seats used, 0 of them reserved',
    ]);
    const share: Refusal = { code: 'STANDARD_SHARE_FULL', pool: 'VDI', date: '2026-12-08', period: 'AM', used: 0, open: 1, capacity: 2, reserve: 1 };
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', share))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as STANDARD_SHARE_FULL, but 0 of 1 STANDARD seats are used',
    ]);
  });

  it('checks a refusal for a half-day not worked or an ineligible agent against the snapshot', () => {
    const snapshot = threeAgents();
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', { code: 'NOT_WORKING', why: 'PART_TIME', agent: 'A1', date: '2026-12-08', period: 'AM' }))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as NOT_WORKING, but the half-day is a working half-day, not PART_TIME',
    ]);
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', { code: 'NOT_ELIGIBLE', agent: 'A1' }))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as NOT_ELIGIBLE, but A1 is eligible or the request is not REMOTE',
    ]);
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', { code: 'ON_SITE_REQUEST', agent: 'A1', date: '2026-12-08', period: 'AM' }))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as ON_SITE_REQUEST, but no granted ON_SITE request of A1 covers that half-day',
    ]);
    expect(justifiedViolations(snapshot, refusedQ1('RSSR', { code: 'WAITING_NIGHTLY' }))).toEqual([
      'Q1 (REMOTE of A1 on 2026-12-08 AM) is refused as WAITING_NIGHTLY, but that is not a reason the planner gives',
    ]);
  });
});
