export type { DriverName, GatewayConfig, LogLevel } from './config.js';
export { CONFIG_DEFAULTS, isLoopback, loadConfig } from './load-config.js';
export type { LoadConfigOptions } from './load-config.js';
