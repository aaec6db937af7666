export * from './errors.js';
export * from './event-ids.js';
export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './polling-subscription.js';
export * from './position.js';
export * from './recorded-event.js';
export * from './subscription-set.js';
