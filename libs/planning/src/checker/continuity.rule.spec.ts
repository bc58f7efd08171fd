import { recordText } from '@telework/contracts';
import { Plan } from '../model/plan';
import { PlanningSnapshot } from '../model/snapshot';
import { planSnapshot } from '../pipeline/plan-snapshot';
import { rulesBroken, setModes } from '../testing/check-helpers';
import { checkPlan } from './check-plan';

/**
 * Mon 2026-12-07 and Tue 2026-12-08. S1 (4 desks) closed to 1 desk on Monday AM by E1, whose
 * ESSENTIAL agents must stay on site; VDI has 1 seat. A1 STANDARD and A2 DIRECTOR eligible on
 * VDI, A3 not eligible, A4 ESSENTIAL not eligible, all at S1; A5 eligible at S2. No group remote.
 * Monday AM: A4 on site (must stay), A2 takes the seat, A1 (VDI full) and A3 (not eligible) are N.
 */
function snapshot(): PlanningSnapshot {
  return {
    version: 2,
    horizon: { from: '2026-12-07', to: '2026-12-08' },
    pools: [{ id: 'VDI', capacity: 1 }],
    sites: [{ id: 'S1', name: 'Hôtel', capacity: 4 }, { id: 'S2', capacity: 4 }],
    groups: [{ id: 'G1' }],
    agents: [
      { id: 'A1', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', weeklyMin: 0 },
      { id: 'A2', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', tier: 'DIRECTOR', weeklyMin: 0 },
      { id: 'A3', siteId: 'S1', eligible: false },
      { id: 'A4', siteId: 'S1', eligible: false, tier: 'ESSENTIAL' },
      { id: 'A5', siteId: 'S2', groupId: 'G1', eligible: true, pool: 'VDI', weeklyMin: 0 },
    ],
    rotation: [],
    events: [
      {
        id: 'E1', label: 'Grève', from: '2026-12-07', fromPeriod: 'AM', to: '2026-12-07', toPeriod: 'AM',
        sites: [{ siteId: 'S1', capacity: 1 }], onSite: { tiers: ['ESSENTIAL'] },
      },
    ],
  };
}

const clone = (p: Plan): Plan => JSON.parse(JSON.stringify(p));

describe('continuity rule (and the rules it changes on event half-days)', () => {
  const s = snapshot();
  const plan = planSnapshot(s);

  it('finds nothing on the planner output, whose figures it recomputes', () => {
    expect(checkPlan(s, plan).violations).toEqual([]);
    expect(plan.agents.map((a) => `${a.id}:${a.modes}`)).toEqual(['A1:NSSS', 'A2:RSSS', 'A3:NSSS', 'A4:SSSS', 'A5:SSSS']);
    expect(plan.noWorkplace?.map((n) => [n.agentId, n.why.code])).toEqual([
      ['A1', 'NO_WORKPLACE_POOL_FULL'],
      ['A3', 'NO_WORKPLACE_NOT_ELIGIBLE'],
    ]);
    expect(plan.noWorkplace?.[0].why).toEqual({
      code: 'NO_WORKPLACE_POOL_FULL', event: 'Grève', site: 'Hôtel', siteCapacity: 1, date: '2026-12-07', period: 'AM',
      pool: 'VDI', used: 1, capacity: 1, reserved: 0,
    });
    expect(plan.events).toEqual([{ id: 'E1', halfDays: 1, onSite: 2, remote: 1, noWorkplace: 2, agentsWithoutWorkplace: 2 }]);
    // A2 remote on Monday AM although its group is not: cohesion is waived on event half-days
    expect(rulesBroken(s, plan)).not.toContain('cohesion');
  });

  it('catches an agent who must stay on site and is not there', () => {
    const p = setModes(plan, 'A4', 'NSSS');
    const v = checkPlan(s, p).violations.filter((x) => x.rule === 'continuity').map((x) => x.message);
    expect(v.some((m) => m.includes('A4 must stay on site'))).toBe(true);
  });

  it('catches a listed site above its event capacity with agents who need not be there', () => {
    const p = setModes(plan, 'A1', 'SSSS');
    p.noWorkplace = p.noWorkplace?.filter((n) => n.agentId !== 'A1');
    const v = checkPlan(s, p).violations.filter((x) => x.rule === 'continuity').map((x) => x.message);
    expect(v).toContainEqual(expect.stringContaining('S1 has 2 on site on 2026-12-07 AM, above its 1 desks'));
  });

  it('catches an N without its entry, an entry without its N, and a reason whose figures do not hold', () => {
    const missing = clone(plan);
    missing.noWorkplace = missing.noWorkplace?.slice(1);
    expect(checkPlan(s, missing).violations.map((v) => v.message)).toContainEqual('A1 is N on 2026-12-07 AM without a noWorkplace entry');

    const extra = clone(plan);
    extra.noWorkplace?.push({ ...(extra.noWorkplace?.[0] as NonNullable<Plan['noWorkplace']>[number]), agentId: 'A5' });
    expect(rulesBroken(s, extra)).toContain('continuity');

    const figures = clone(plan);
    const entry = figures.noWorkplace?.[0] as NonNullable<Plan['noWorkplace']>[number];
    entry.why = { ...entry.why, used: 0 } as typeof entry.why;
    entry.reason = recordText(entry.why);
    expect(checkPlan(s, figures).violations.map((v) => v.message)).toContainEqual(expect.stringContaining('the plan has 1 seats used'));

    const notEligible = clone(plan);
    const a1 = notEligible.noWorkplace?.[0] as NonNullable<Plan['noWorkplace']>[number];
    a1.why = { code: 'NO_WORKPLACE_NOT_ELIGIBLE', event: 'Grève', site: 'Hôtel', siteCapacity: 1, date: '2026-12-07', period: 'AM' };
    a1.reason = recordText(a1.why);
    expect(checkPlan(s, notEligible).violations.map((v) => v.message)).toContainEqual(expect.stringContaining('A1 may telework on VDI'));

    const wording = clone(plan);
    (wording.noWorkplace?.[1] as NonNullable<Plan['noWorkplace']>[number]).reason = 'no desk';
    expect(rulesBroken(s, wording)).toContain('continuity');
  });

  it('catches an N where the site still has a desk, and an N outside every event', () => {
    const freeDesk = setModes(plan, 'A4', 'RSSS');
    expect(checkPlan(s, freeDesk).violations.map((v) => v.message)).toContainEqual(expect.stringContaining('S1 has 0 on site for 1 desks'));
    const outside = setModes(plan, 'A5', 'SNSS');
    expect(checkPlan(s, outside).violations.map((v) => v.message)).toContainEqual('A5 is N on 2026-12-07 PM, outside every continuity event');
  });

  it('catches outcomes that do not match the modes, and N, noWorkplace or events in a version 1 plan', () => {
    const outcomes = clone(plan);
    (outcomes.events as NonNullable<Plan['events']>)[0].noWorkplace = 1;
    expect(rulesBroken(s, outcomes)).toContain('continuity');

    const { events: _events, ...rest } = s;
    void _events;
    const v1: PlanningSnapshot = { ...rest, version: 1 };
    const asV1 = { ...clone(plan), version: 1 as const };
    const broken = rulesBroken(v1, asV1);
    expect(broken).toEqual(expect.arrayContaining(['continuity', 'plan-shape']));
  });

  it('lets agents made eligible be remote on the event pool on event half-days only', () => {
    const withExtra: PlanningSnapshot = { ...s, events: [{ ...(s.events?.[0] as NonNullable<PlanningSnapshot['events']>[number]), extraEligible: [{ agentId: 'A3', pool: 'VDI' }] }] };
    const p = planSnapshot(withExtra);
    expect(checkPlan(withExtra, p).violations).toEqual([]);
    const a3 = p.agents.find((a) => a.id === 'A3') as { modes: string };
    expect(['R', 'N']).toContain(a3.modes[0]);
    expect(rulesBroken(withExtra, setModes(p, 'A3', `${a3.modes[0]}RSS`))).toContain('ineligible-never-remote');
  });

  it('counts a regime\'s weekly max in the weeks it touches', () => {
    const regime: PlanningSnapshot = {
      ...s,
      agents: s.agents.map((a) => (a.id === 'A5' ? { ...a, weeklyMax: 1 } : a)),
      events: [{ ...(s.events?.[0] as NonNullable<PlanningSnapshot['events']>[number]), regime: { weeklyMax: 3, scope: { agentIds: ['A5'] } } }],
    };
    const base = planSnapshot(regime);
    expect(rulesBroken(regime, setModes(base, 'A5', 'RRRS'))).not.toContain('weekly-max');
    expect(rulesBroken(regime, setModes(base, 'A5', 'RRRR'))).toContain('weekly-max');
    const noRegime = { ...regime, events: s.events };
    expect(rulesBroken(noRegime, setModes(planSnapshot(noRegime), 'A5', 'RRSS'))).toContain('weekly-max');
  });
});
