export * from './plan/measure-labels.js';
export * from './plan/measure-status.js';
export * from './plan/plan.commands.js';
export * from './plan/plan.decide.js';
export * from './plan/plan.events.js';
export * from './plan/plan.state.js';
export * from './shared/decider.js';
export * from './shared/domain-error.js';
