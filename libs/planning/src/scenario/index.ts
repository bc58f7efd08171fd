export * from './crisis';
export * from './departement';
export * from './scenarios';
export { mulberry32, type Rng } from './prng';
export * from './random-events';
export * from './region';
export * from './shift';
export * from './varied';
