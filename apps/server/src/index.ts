export * from './app';
export * from './config';
export * from './center-service';
