export * from './enums';
export * from './common';
export * from './auth';
export * from './directory';
export * from './planning-ops';
export * from './messages';
export * from './jobs';
export * from './continuity';
