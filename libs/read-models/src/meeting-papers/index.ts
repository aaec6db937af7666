export * from './meeting-papers.queries.js';
export * from './render-papers.js';
