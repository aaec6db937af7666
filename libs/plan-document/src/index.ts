export * from './plan-document.js';
