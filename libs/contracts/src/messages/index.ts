export * from './format';
export * from './reasons';
export * from './api-errors';
export * from './errors/requests';
export * from './errors/capacity';
export * from './errors/directory';
export * from './errors/jobs';
export * from './engine';
