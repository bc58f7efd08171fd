export * from './engine-job';
export * from './engine-job.store';
export * from './engine-jobs';
export * from './engine-jobs.consumer';
export * from './thread-entry';
export * from './thread-pool';
export * from './planning/planning-jobs';
export * from './planning/planning-job-handlers';
