export * from './test-database';
export * from './table-schema';
export * from './assignment-counts';
