export { ATTEMPT_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery, verifyDelivery } from './signature.js';
export { QUEUE_FILE, WEBHOOKS_FILE, webhooksPlugin } from './webhooks-plugin.js';
export type { WebhooksPluginOptions } from './webhooks-plugin.js';
