export type {
  Account,
  AckUpdate,
  MessageRef,
  ReactionUpdate,
  Chat,
  DriverEvents,
  DriverFactory,
  Message,
  StartOptions,
  WhatsAppDriver,
} from './types.js';
export { chatOf } from './chat-of.js';
