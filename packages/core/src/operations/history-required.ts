import { GatewayError } from '../errors.js';
import type { History } from '../store/index.js';
import type { OperationContext } from './operation.js';

/** The history of a context, or a clear error when the store is turned off. */
export function historyOf(context: OperationContext): History {
  if (!context.history) {
    throw new GatewayError('store_disabled', 'The message store is turned off (WHATSAPP_STORE=false); search and history need it.');
  }
  return context.history;
}
