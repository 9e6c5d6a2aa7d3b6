export * from './catalogue';
export * from './ticket-messages';
export * from './ticket-format';
export * from './kiosk-messages';
export * from './display-messages';
