export * from './device-guess';
export * from './listings';
export * from './discover';
