export * from './plan-visibility.js';
export * from './roles.js';
export * from './user.js';
