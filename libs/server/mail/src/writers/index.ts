export * from './outbox-sql';
export * from './manager-digest.writer';
export * from './request-decided.writer';
export * from './activation.writer';
export * from './schedule-changed.writer';
