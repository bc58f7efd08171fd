export * from './bundle-thread.testing';
