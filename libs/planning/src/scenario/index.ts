export * from './departement';
export * from './scenarios';
export { mulberry32, type Rng } from './prng';
export * from './shift';
export * from './varied';
