export * from './snapshot.repository';
export * from './plan.writer';
