export * from './meeting-names.js';
export * from './meeting.queries.js';
export * from './meetings.projection.js';
