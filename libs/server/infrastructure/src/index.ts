export * from './app-config.provider';
export * from './redis-connection';
export * from './allocation-queue';
export * from './planning-clock';
