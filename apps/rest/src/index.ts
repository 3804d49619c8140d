export { toErrorReply } from './error-reply.js';
export type { ErrorBody, ErrorReply } from './error-reply.js';
export { HTTP_STATUS_BY_KIND } from './error-status.js';
export { DOCS_PATH, OPENAPI_JSON_PATH, registerOpenApi } from './openapi.js';
export { qrTerminal } from './qr/qr-image.js';
export { restPlugin } from './rest-plugin.js';
export type { RestPluginOptions } from './rest-plugin.js';
export { OPERATION_ROUTES } from './route-table.js';
