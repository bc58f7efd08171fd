import { DataSource } from 'typeorm';
import { nextMonday as mondayAfter, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import type { ApiHarness } from '../../../testing/api-harness';

export interface TestPlan {
  snapshot: PlanningSnapshot;
  plan: Plan;
  version: number;
}

export const MODE_OF_LETTER: Record<string, 'REMOTE' | 'ON_SITE' | 'OFF'> = { R: 'REMOTE', S: 'ON_SITE', O: 'OFF' };

/** The Monday after the API's "today" (the harness pins it; a Monday gives the next one). */
export function nextMonday(api: ApiHarness): string {
  return mondayAfter(api.config.planningToday ?? new Date().toISOString().slice(0, 10));
}

/** Plans [from, to] with the engine and writes it as the current plan (with notices), as a nightly run would. */
export async function writeTestPlan(api: ApiHarness, from: string, to: string): Promise<TestPlan> {
  const dataSource = api.app.get(DataSource);
  return dataSource.transaction(async (manager) => {
    const snapshot = await readPlanningSnapshot(manager, { from, to, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
    const plan = planSnapshot(snapshot);
    const { version } = await writePlan(manager, { snapshot, plan, kind: 'ALLOCATION', notify: true });
    return { snapshot, plan, version };
  });
}

/** What the plan says of one agent: "2026-12-07AM:REMOTE" entries in time order. */
export function expectedHalfDays(plan: Plan, agentId: string, from = '0000-00-00', to = '9999-99-99'): string[] {
  const agent = plan.agents.find((a) => a.id === agentId);
  if (!agent) throw new Error(`agent ${agentId} is not in the plan`);
  return plan.halfDays
    .map((key, i) => ({ key, mode: MODE_OF_LETTER[agent.modes[i]] }))
    .filter(({ key }) => key.slice(0, 10) >= from && key.slice(0, 10) <= to)
    .map(({ key, mode }) => `${key}:${mode}`);
}
