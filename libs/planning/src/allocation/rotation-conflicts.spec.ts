import { recordText } from '@telework/contracts';
import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { AgentSnapshot, PlanningSnapshot, Tier } from '../model/snapshot';
import { planWithReport, RotationConflictError } from '../pipeline/plan-snapshot';

const agent = (id: string, tier: Tier, extra: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id, siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', tier, weeklyMin: 0, weeklyMax: 6, ...extra,
});

/**
 * G1 (A1 ELECTED, A2 DIRECTOR, A3..A5 STANDARD) is remote on Monday 7 and Tuesday 8 December,
 * AM and PM, by a published rotation; VDI was cut to 3 seats, 1 kept for the priority tiers.
 */
function cutAfterPublication(): PlanningSnapshot {
  return {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    pools: [{ id: 'VDI', capacity: 3, reserve: 1 }],
    sites: [{ id: 'S1', capacity: 10 }],
    groups: [{ id: 'G1' }],
    agents: [agent('A1', 'ELECTED'), agent('A2', 'DIRECTOR'), agent('A3', 'STANDARD'), agent('A4', 'STANDARD'), agent('A5', 'STANDARD')],
    rotation: ['2026-12-07', '2026-12-08'].flatMap((date) => (['AM', 'PM'] as const).map((period) => ({ groupId: 'G1', date, period }))),
    requests: [],
  };
}

const remoteOn = (plan: Plan, halfDay: string) =>
  plan.agents.filter((a) => a.modes[plan.halfDays.indexOf(halfDay)] === 'R').map((a) => a.id);

describe('a published rotation that a later HR edit makes break a hard rule', () => {
  it('is refused with the figures by default (rotation drafts and edits)', () => {
    expect(() => planWithReport(cutAfterPublication())).toThrow(RotationConflictError);
    try {
      planWithReport(cutAfterPublication());
    } catch (e) {
      const error = e as RotationConflictError;
      expect(error.conflicts).toContainEqual({
        code: 'ROTATION_POOL_OVER_CAPACITY', pool: 'VDI', date: '2026-12-07', period: 'AM', remote: 5, reserved: 0, used: 5, capacity: 3,
      });
      expect(error.conflicts).toContainEqual({
        code: 'ROTATION_STANDARD_SHARE_OVER', pool: 'VDI', date: '2026-12-07', period: 'AM',
        standardRemote: 3, reserved: 0, used: 3, open: 2, capacity: 3, reserve: 1,
      });
      // the record wording of each, kept for logs and older readers
      expect(error.issues).toEqual(error.conflicts.map(recordText));
      expect(error.issues).toContain('VDI over capacity on 2026-12-07 AM: the rotation puts 5 agents remote + 0 reserved = 5 of 3 seats');
    }
  });

  it('with keep-on-site: the lowest tiers stay on site, as few as needed, and each half-day is a warning with the figures', () => {
    const snapshot = cutAfterPublication();
    const { plan } = planWithReport(snapshot, { rotationConflicts: 'keep-on-site' });
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    expect(plan.rotation).toEqual(snapshot.rotation);
    // 3 seats, 2 outside the reserve: ELECTED and DIRECTOR keep their half-days, one STANDARD agent too
    for (const h of ['2026-12-07AM', '2026-12-07PM', '2026-12-08AM', '2026-12-08PM']) {
      const remote = remoteOn(plan, h);
      expect(remote).toHaveLength(3);
      expect(remote).toEqual(expect.arrayContaining(['A1', 'A2']));
    }
    // fairly: the STANDARD agent who stays remote changes from one half-day to the next
    expect(['2026-12-07AM', '2026-12-07PM', '2026-12-08AM'].map((h) => remoteOn(plan, h).filter((a) => a >= 'A3'))).toEqual([
      ['A5'], ['A4'], ['A3'],
    ]);
    expect(plan.keptOnSite).toHaveLength(8);
    expect(plan.keptOnSite?.every((k) => k.rule === 'pool' && k.agentId >= 'A3')).toBe(true);
    expect(plan.warnings).toContain(
      'VDI over its cap on 2026-12-07 AM with the rotation: 5 agents remote + 0 reserved = 5 of 3 seats; ' +
        '3 STANDARD agents remote + 0 reserved = 3 of 2 seats outside the reserve of 1: 2 agents kept on site (2 STANDARD) of group G1',
    );
    expect(plan.warnings?.filter((w) => w.startsWith('VDI over its cap on '))).toHaveLength(4);
    // the same warnings as data, in the same order
    expect(plan.warnings).toEqual(plan.codedWarnings?.map(recordText));
    expect(plan.codedWarnings).toContainEqual({
      code: 'KEPT_ON_SITE_POOL', pool: 'VDI', date: '2026-12-07', period: 'AM',
      remote: 5, standardRemote: 3, reserved: 0, used: 5, standardUsed: 3, capacity: 3, open: 2, reserve: 1,
      kept: 2, keptByTier: { STANDARD: 2 }, groups: ['G1'],
    });
  });

  it('with keep-on-site: an agent whose weekly max is below the rotation keeps weeklyMax remote half-days', () => {
    const snapshot = cutAfterPublication();
    snapshot.pools[0] = { id: 'VDI', capacity: 10, reserve: 0 };
    snapshot.agents[3] = agent('A4', 'STANDARD', { weeklyMax: 1 });
    const { plan } = planWithReport(snapshot, { rotationConflicts: 'keep-on-site' });
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    expect(plan.agents.find((a) => a.id === 'A4')?.modes).toBe('RSSSSSSSSS');
    expect(plan.agents.find((a) => a.id === 'A3')?.modes).toBe('RRRRSSSSSS');
    expect(plan.keptOnSite).toEqual([
      { agentId: 'A4', date: '2026-12-07', period: 'PM', rule: 'weekly-max' },
      { agentId: 'A4', date: '2026-12-08', period: 'AM', rule: 'weekly-max' },
      { agentId: 'A4', date: '2026-12-08', period: 'PM', rule: 'weekly-max' },
    ]);
    expect(plan.warnings).toContain(
      'A4 (group G1) is remote 4 half-days in week 50 by the rotation, weekly max 1: kept on site on 2026-12-07 PM, 2026-12-08 AM, 2026-12-08 PM',
    );
    expect(plan.codedWarnings).toContainEqual({
      code: 'KEPT_ON_SITE_WEEKLY_MAX', agent: 'A4', group: 'G1', week: 50, count: 4, max: 1,
      halfDays: [{ date: '2026-12-07', period: 'PM' }, { date: '2026-12-08', period: 'AM' }, { date: '2026-12-08', period: 'PM' }],
    });
  });

  it('plans a rotation without conflicts exactly as before (no keptOnSite, same bytes)', () => {
    const snapshot = cutAfterPublication();
    snapshot.pools[0] = { id: 'VDI', capacity: 10, reserve: 0 };
    const refusing = planWithReport(snapshot).plan;
    expect(JSON.stringify(planWithReport(snapshot, { rotationConflicts: 'keep-on-site' }).plan)).toBe(JSON.stringify(refusing));
    expect(refusing.keptOnSite).toBeUndefined();
  });

  describe('the checker accepts only the agents kept on site that are needed', () => {
    const snapshot = cutAfterPublication();
    const { plan } = planWithReport(snapshot, { rotationConflicts: 'keep-on-site' });
    // hard rules only: editing modes by hand also changes the metrics
    const rules = (p: Plan) => [...new Set(checkPlan(snapshot, p).violations.map((v) => v.rule))].filter((r) => r !== 'metrics').sort();
    const edit = (f: (p: Plan) => void): Plan => {
      const copy = JSON.parse(JSON.stringify(plan)) as Plan;
      f(copy);
      return copy;
    };
    const setMode = (p: Plan, id: string, h: number, m: string) => {
      const a = p.agents.find((x) => x.id === id) as { modes: string };
      a.modes = a.modes.slice(0, h) + m + a.modes.slice(h + 1);
    };

    it('one more than needed', () => {
      const remote = remoteOn(plan, '2026-12-07AM').find((a) => a >= 'A3') as string;
      expect(rules(edit((p) => {
        p.keptOnSite?.push({ agentId: remote, date: '2026-12-07', period: 'AM', rule: 'pool' });
        setMode(p, remote, 0, 'S');
      }))).toEqual(['kept-on-site']);
    });

    it('a DIRECTOR kept on site while a STANDARD agent stays remote', () => {
      const keptStd = (plan.keptOnSite ?? []).find((k) => k.date === '2026-12-07' && k.period === 'AM')?.agentId as string;
      expect(rules(edit((p) => {
        const k = p.keptOnSite?.find((x) => x.agentId === keptStd && x.date === '2026-12-07' && x.period === 'AM');
        if (k) k.agentId = 'A2';
        setMode(p, 'A2', 0, 'S');
        setMode(p, keptStd, 0, 'R');
      }))).toEqual(['kept-on-site']);
    });

    it('an agent on site without an entry breaks cohesion; an entry without a given rotation is refused', () => {
      expect(rules(edit((p) => setMode(p, 'A1', 0, 'S')))).toEqual(['cohesion']);
      const built = { ...snapshot, rotation: undefined, pools: [{ id: 'VDI', capacity: 10, reserve: 0 }] };
      const free = planWithReport(built).plan;
      const tampered = { ...free, keptOnSite: [{ agentId: 'A1', date: '2026-12-07', period: 'AM' as const, rule: 'pool' as const }] };
      expect(checkPlan(built, tampered).violations.map((v) => v.rule)).toContain('kept-on-site');
    });
  });
});
