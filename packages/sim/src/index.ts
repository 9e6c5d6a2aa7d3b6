export * from './random';
export * from './event-queue';
export * from './scenario';
export * from './simulate';
export * from './report';
export * from './format';
