export * from './test-database';
export * from './table-schema';
