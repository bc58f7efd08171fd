export * from './snapshot';
export * from './plan';
