export * from './access-command-runner.js';
export * from './access-streams.js';
export * from './credentials.js';
