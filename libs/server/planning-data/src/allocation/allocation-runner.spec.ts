import { formatMessage, recordText } from '@telework/contracts';
import { EngineJobError, PlanningRefusedError } from '@telework/engine-jobs';
import { AllocationRunError, runErrorCode } from './allocation-runner';

describe('a failed run’s coded error', () => {
  it('is the runner’s own problem, its English record as the message', () => {
    const error = new AllocationRunError({ code: 'RUN_NO_PUBLISHED_ROTATION', from: '2027-03-01', to: '2027-03-14' });
    expect(error.message).toBe('no published rotation calendar covers 2027-03-01 → 2027-03-14: publish one first');
    expect(runErrorCode(error, 1)).toEqual({ code: 'RUN_NO_PUBLISHED_ROTATION', from: '2027-03-01', to: '2027-03-14' });
    expect(recordText(runErrorCode(error))).toBe(error.message);
  });

  it('is the engine job’s ending when the solve was an engine job that did not answer', () => {
    expect(runErrorCode(new EngineJobError('job-1', 'FAILED', 'engine job allocationPlan failed: boom'), 2))
      .toEqual({ code: 'JOB_FAILED', jobId: 'job-1' });
    expect(runErrorCode(new EngineJobError('job-2', 'TIMED_OUT', 'engine job allocationPlan took too long'), 1))
      .toEqual({ code: 'JOB_TIMED_OUT', jobId: 'job-2' });
    expect(runErrorCode(new EngineJobError('job-3', 'CANCELLED', 'cancelled')).code).toBe('JOB_CANCELLED');
  });

  it('is the engine’s own refusal when the solve’s job refused its snapshot', () => {
    const problem = { code: 'STORED_DATA_INVALID', count: 2 };
    expect(runErrorCode(new PlanningRefusedError(problem, 'the allocation solve was refused: STORED_DATA_INVALID'), 1)).toEqual(problem);
    expect(formatMessage(runErrorCode(new PlanningRefusedError(problem, 'refused')), 'fr')).toBeTruthy();
  });

  it('is RUN_FAILED with the attempts made for any other error', () => {
    expect(runErrorCode(new Error('connection reset'), 3)).toEqual({ code: 'RUN_FAILED', attempts: 3 });
    expect(runErrorCode(new AllocationRunError('allocation run x does not exist'))).toEqual({ code: 'RUN_FAILED' });
    expect(formatMessage(runErrorCode('odd', 2), 'fr'))
      .toBe('l’exécution d’allocation a échoué sur une erreur interne (2 tentatives) : le plan précédent reste en vigueur');
  });
});
