export * from './allocation-runner';
export * from './allocation-runs.repository';
export * from './working-days';
export * from './allocation-jobs';
