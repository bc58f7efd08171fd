export * from './snapshot.repository';
export * from './rotation-calendars.repository';
export * from './pool-capacity.repository';
export * from './plan.writer';
export * from './allocation';
export * from './publish-rotation';
export * from './data-version.repository';
export * from './data-version';
