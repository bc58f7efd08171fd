export * from './data-source';
export * from './bulk-insert';
export * from './seed/demo-seeder';
export * from './phase-timer';
