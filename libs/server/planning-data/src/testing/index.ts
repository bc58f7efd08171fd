export * from './publish-rotation';
