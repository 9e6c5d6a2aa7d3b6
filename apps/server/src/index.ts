export * from './app';
export * from './config';
export * from './center/center-service';
export * from './center/errors';
