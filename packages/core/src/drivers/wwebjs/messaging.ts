import type { GeoLocation, MediaFile, Message, SendMediaOptions, SendOptions } from '../../driver/index.js';
import { describeError, GatewayError } from '../../errors.js';
import type { ClientLike, MessageContent, SendMessageOptions } from './client-like.js';
import type { WwebjsLibrary } from './load-library.js';
import { toMessage } from './to-domain.js';

/** The library's content classes, loaded with it on first use (never imported statically). */
export type ContentClasses = Pick<WwebjsLibrary, 'MessageMedia' | 'Location'>;

export async function sendText(client: ClientLike, chatId: string, text: string, options: SendOptions = {}): Promise<Message> {
  return send(client, chatId, text, baseOptions(options));
}

export async function sendMedia(client: ClientLike, classes: ContentClasses, chatId: string, media: MediaFile, options: SendMediaOptions = {}): Promise<Message> {
  // The page turns the data into a File named after `filename`: without one, documents arrive named "undefined".
  const content = new classes.MessageMedia(media.mimetype, media.data.toString('base64'), media.filename || 'file', media.data.length);
  return send(client, chatId, content, {
    ...baseOptions(options),
    ...(options.caption ? { caption: options.caption } : {}),
    ...(options.asDocument ? { sendMediaAsDocument: true } : {}),
    ...(options.asVoice ? { sendAudioAsVoice: true } : {}),
  });
}

export async function sendLocation(client: ClientLike, classes: ContentClasses, chatId: string, location: GeoLocation, options: SendOptions = {}): Promise<Message> {
  const place = {
    ...(location.name ? { name: location.name } : {}),
    ...(location.address ? { address: location.address } : {}),
  };
  return send(client, chatId, new classes.Location(location.latitude, location.longitude, place), baseOptions(options));
}

/**
 * sendSeen defaults to true and marks the chat read first; a WhatsApp change to that path once
 * broke every send. Marking read is its own, explicit operation. An unknown quoted message fails
 * the send instead of the library's default of silently dropping the quote.
 */
function baseOptions(options: SendOptions): SendMessageOptions {
  return {
    sendSeen: false,
    ...(options.quotedMessageId ? { quotedMessageId: options.quotedMessageId, ignoreQuoteErrors: false } : {}),
    ...(options.mentions?.length ? { mentions: options.mentions } : {}),
  };
}

async function send(client: ClientLike, chatId: string, content: MessageContent, options: SendMessageOptions): Promise<Message> {
  let sent;
  try {
    sent = await client.sendMessage(chatId, content, options);
  } catch (error) {
    if (options.quotedMessageId && /Could not get the quoted message/.test(describeError(error))) {
      throw new GatewayError('message_not_found', `The message to reply to (${options.quotedMessageId}) is not known in this account; check the quoted message id.`, { cause: error });
    }
    throw error;
  }
  if (!sent) throw new Error(`WhatsApp Web did not return the message it sent to ${chatId}`);
  return toMessage(sent);
}
