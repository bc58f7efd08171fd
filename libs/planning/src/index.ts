export * from './model';
export * from './calendar/public-holidays';
export * from './scenario';
