export * from './line-breaks.js';
export * from './meeting-papers.js';
export * from './papers.types.js';
