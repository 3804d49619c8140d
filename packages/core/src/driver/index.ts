export type {
  Account,
  Chat,
  DriverEvents,
  DriverFactory,
  Message,
  StartOptions,
  WhatsAppDriver,
} from './types.js';
