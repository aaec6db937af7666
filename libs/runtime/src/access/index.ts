export * from './access.service.js';
export * from './session-secret.js';
