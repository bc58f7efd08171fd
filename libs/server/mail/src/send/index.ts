export * from './mail-outbox.store';
export * from './mail-sender';
