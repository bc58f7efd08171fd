export * from './format';
export * from './reasons';
export * from './api-errors';
