export * from './parse-plan-document.js';
export * from './plan-document-error.js';
export * from './plan-document.js';
export * from './validate-plan-document.js';
export * from './meeting-protocol/index.js';
export * from './amendment-list/parse-amendment-list.js';
export * from './meeting-papers/papers-fingerprint.js';
export * from './bounded-yaml.js';
