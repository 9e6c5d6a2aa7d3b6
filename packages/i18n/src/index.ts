export * from './catalogue';
export * from './ticket-messages';
export * from './ticket-format';
