import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { PlanningSnapshot } from '../model/snapshot';
import { planSnapshot } from '../pipeline/plan-snapshot';

/**
 * Three agents, two days: Mon 2026-12-07 and Tue 2026-12-08 (4 half-days). VDI: 2 seats, 1
 * reserved for priority tiers. A1 STANDARD (max 2), A2 DIRECTOR (off Tuesday PM), A3 not
 * eligible. G1 is remote on Monday AM. One approved REMOTE request of A1 on Tuesday AM.
 */
export function threeAgents(): PlanningSnapshot {
  return {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-08' },
    pools: [{ id: 'VDI', capacity: 2, reserve: 1 }],
    sites: [{ id: 'S1', capacity: 3 }],
    groups: [{ id: 'G1' }],
    agents: [
      { id: 'A1', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', weeklyMin: 0, weeklyMax: 2 },
      { id: 'A2', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', tier: 'DIRECTOR', weeklyMin: 0, offHalfDays: ['TUE_PM'] },
      { id: 'A3', siteId: 'S1', eligible: false },
    ],
    rotation: [{ groupId: 'G1', date: '2026-12-07', period: 'AM' }],
    requests: [
      { id: 'Q1', agentId: 'A1', date: '2026-12-08', period: 'AM', kind: 'REMOTE', status: 'APPROVED' },
      { id: 'Q2', agentId: 'A2', date: '2026-12-08', period: 'AM', kind: 'REMOTE', status: 'PENDING' },
    ],
  };
}

/** The plan of `threeAgents()`: A1 RSRS, A2 RSSO, A3 SSSS. */
export function threeAgentsPlan(): Plan {
  return planSnapshot(threeAgents());
}

export function setModes(plan: Plan, agentId: string, modes: string): Plan {
  const copy = JSON.parse(JSON.stringify(plan)) as Plan;
  const a = copy.agents.find((x) => x.id === agentId);
  if (!a) throw new Error(agentId);
  a.modes = modes;
  return copy;
}

/** Rule ids of the violations found. */
export function rulesBroken(snapshot: PlanningSnapshot, plan: Plan): string[] {
  return [...new Set(checkPlan(snapshot, plan).violations.map((v) => v.rule))].sort();
}
