export * from './allocation-runner';
export * from './working-days';
export * from './allocation-jobs';
