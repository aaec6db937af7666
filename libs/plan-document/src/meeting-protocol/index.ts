export * from './meeting-protocol.js';
export * from './parse-meeting-protocol.js';
