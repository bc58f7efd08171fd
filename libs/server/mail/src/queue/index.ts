export * from './mail-queue';
