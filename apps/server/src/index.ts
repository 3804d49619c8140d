export { buildServer } from './build-server.js';
export type { BuildServerOptions, Gateway } from './build-server.js';
export { REDACTED_PATHS, createLogger } from './logger.js';
export type { LoggerOptions } from './logger.js';
