export { toErrorReply } from './error-reply.js';
export type { ErrorBody, ErrorReply } from './error-reply.js';
export { HTTP_STATUS_BY_KIND } from './error-status.js';
export { restPlugin } from './rest-plugin.js';
export type { RestPluginOptions } from './rest-plugin.js';
