export * from './first-come-first-served';
