import { generateScenario, planSnapshot, type Plan, type PlanningSnapshot } from '@telework/planning';
import { PlanningRefusedError } from '../engine-job';
import { describeSplitOutcome, splitAllocationPlanner, SplitOutcome } from './allocation-planner';

jest.setTimeout(60_000);

/** The solves the wrapper asks for, planned inline (the engine jobs themselves are tested apart). */
function recordingSolve(calls: PlanningSnapshot[], refuse?: (snapshot: PlanningSnapshot) => boolean) {
  return async (snapshot: PlanningSnapshot): Promise<Plan> => {
    calls.push(snapshot);
    if (refuse?.(snapshot)) throw new PlanningRefusedError({ code: 'SNAPSHOT_INVALID' }, 'refused');
    return planSnapshot(snapshot, { rotationConflicts: 'keep-on-site' });
  };
}

describe('splitAllocationPlanner', () => {
  const region = generateScenario('region-tiny', 11).snapshot;
  const published: PlanningSnapshot = { ...region, rotation: planSnapshot(region, { maxRounds: 5 }).rotation };
  const options = { timeLimitMs: 10_000, rotationConflicts: 'keep-on-site' as const };

  it('plans each independent part as a solve of its own and merges them', async () => {
    const whole: PlanningSnapshot[] = [];
    const parts: PlanningSnapshot[] = [];
    const outcomes: SplitOutcome[] = [];
    const plan = await splitAllocationPlanner(recordingSolve(whole), recordingSolve(parts), { minAgents: 2, onSolved: (o) => outcomes.push(o) })(published, options);
    expect(whole).toHaveLength(0);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.reduce((n, p) => n + p.agents.length, 0)).toBe(published.agents.length);
    expect(outcomes).toEqual([expect.objectContaining({ agents: published.agents.length, parts: parts.length, whole: null })]);
    expect(plan.agents.map((a) => a.id)).toEqual(published.agents.map((a) => a.id));
  });

  it('plans whole below the threshold, and a snapshot whose pools are linked', async () => {
    const whole: PlanningSnapshot[] = [];
    const parts: PlanningSnapshot[] = [];
    const outcomes: SplitOutcome[] = [];
    const planner = splitAllocationPlanner(recordingSolve(whole), recordingSolve(parts), { minAgents: published.agents.length + 1, onSolved: (o) => outcomes.push(o) });
    await planner(published, options);
    const departement = generateScenario('tiny', 3).snapshot;
    await splitAllocationPlanner(recordingSolve(whole), recordingSolve(parts), { minAgents: 2, onSolved: (o) => outcomes.push(o) })(
      { ...departement, rotation: [] }, options);
    expect(whole).toHaveLength(2);
    expect(parts).toHaveLength(0);
    expect(outcomes.map((o) => o.whole)).toEqual(['BELOW_THRESHOLD', 'ONE_COMPONENT']);
  });

  it('plans the whole snapshot again when a part is refused, so that the refusal names the whole snapshot', async () => {
    const whole: PlanningSnapshot[] = [];
    const outcomes: SplitOutcome[] = [];
    const planner = splitAllocationPlanner(recordingSolve(whole), recordingSolve([], (part) => part.agents[0].id.startsWith('D02-')), {
      minAgents: 2, onSolved: (o) => outcomes.push(o),
    });
    await planner(published, options);
    expect(whole).toEqual([published]);
    expect(outcomes.map((o) => o.whole)).toEqual(['PART_REFUSED']);
  });

  it('lets a part that did not answer fail the run (it retries)', async () => {
    const failing = async (): Promise<Plan> => { throw new Error('engine job allocationPlan failed'); };
    const whole: PlanningSnapshot[] = [];
    await expect(splitAllocationPlanner(recordingSolve(whole), failing, { minAgents: 2 })(published, options)).rejects.toThrow(/failed/);
    expect(whole).toHaveLength(0);
  });

  it('words the outcome for the log: the split with its parts, a whole solve with its reason, nothing below the threshold', () => {
    expect(describeSplitOutcome({ agents: 100_000, parts: 20, whole: null, ms: 3_400 }))
      .toBe('Allocation solve of 100000 agents split by pool into 20 engine jobs, planned and merged in 3400 ms');
    expect(describeSplitOutcome({ agents: 100_000, parts: 1, whole: 'ONE_COMPONENT', ms: 3_000 }))
      .toBe('Allocation solve of 100000 agents planned whole (ONE_COMPONENT) in 3000 ms');
    expect(describeSplitOutcome({ agents: 40, parts: 1, whole: 'BELOW_THRESHOLD', ms: 90 })).toBeNull();
  });
});
