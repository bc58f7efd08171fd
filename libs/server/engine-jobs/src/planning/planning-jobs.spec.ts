import { runPlanningJob } from './planning-jobs';
import { PLANNING_JOB_HANDLERS, PLANNING_JOB_KINDS } from './planning-job-handlers';

describe('the engine thread warm-up', () => {
  it('plans a generated département (its rotation searched, then kept as a nightly run keeps it) and says how many agents', () => {
    expect(runPlanningJob({ kind: 'warmUp' })).toEqual({ ok: true, kind: 'warmUp', agents: 5_000 });
  });

  it('is a kind every planning thread handles', () => {
    expect(PLANNING_JOB_KINDS).toContain('warmUp');
    expect(typeof PLANNING_JOB_HANDLERS['warmUp']).toBe('function');
  });
});
