import { GatewayError } from '../errors.js';

export function mediaTooLarge(maxBytes: number): GatewayError {
  return new GatewayError('media_too_large', `The media is larger than the limit of ${maxBytes} bytes (WHATSAPP_MEDIA_MAX_BYTES).`, { details: { field: 'media', max_bytes: maxBytes } });
}
