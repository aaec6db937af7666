export * from './off-thread.js';
export * from './off-thread-errors.js';
export * from './off-thread-task.js';
export * from './time-slices.js';
export * from './transported-error.js';
