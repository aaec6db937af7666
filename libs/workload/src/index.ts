export * from './generate-workload.js';
export * from './prng.js';
export * from './scale.js';
export * from './text-corpus.js';
export * from './write-workload.js';
export * from './meeting-protocol.js';
export * from './large-plan-document.js';
