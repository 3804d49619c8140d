import { chatOf } from '../driver/index.js';
import { toMessageSummary } from '../operations/mappers.js';
import type { Session } from '../session/index.js';
import type { EventLog } from './event-log.js';
import { ACK_NAMES } from './gateway-event.js';

/**
 * Publishes the session's domain events into the event log, in their wire shape. Secrets never
 * enter the log: a new QR or pairing code is announced, its value is not included.
 * Returns a function that stops recording.
 */
export function recordSessionEvents(session: Session, log: EventLog): () => void {
  const offs = [
    session.on('state_changed', ({ from, to, snapshot }) =>
      log.append('session.state', null, { from, to, last_error: snapshot.lastError, account: to === 'ready' ? snapshot.account : null }),
    ),
    session.on('qr', () => log.append('session.qr', null, { has_qr: true })),
    session.on('pairing_code', () => log.append('session.pairing_code', null, { phone_number: session.snapshot().pairingCode?.phoneNumber ?? null })),
    session.on('message_received', (message) =>
      log.append('message.received', chatOf(message), { message: toMessageSummary(message) }, `received:${message.id}`),
    ),
    session.on('message_sent', (message) => log.append('message.sent', chatOf(message), { message: toMessageSummary(message) }, `sent:${message.id}`)),
    session.on('message_ack', ({ messageId, chatId, ack }) =>
      log.append('message.ack', chatId, { message_id: messageId, ack, ack_name: ACK_NAMES[String(ack)] ?? 'unknown' }, `ack:${messageId}:${ack}`),
    ),
    session.on('message_revoked', ({ messageId, chatId }) => log.append('message.revoked', chatId, { message_id: messageId }, `revoked:${messageId}`)),
    session.on('message_edited', ({ message, previousBody }) =>
      log.append('message.edited', chatOf(message), { message: toMessageSummary(message), previous_body: previousBody }, `edited:${message.id}:${message.body}`),
    ),
    session.on('message_reaction', ({ messageId, chatId, senderId, reaction, timestamp }) =>
      log.append(
        'message.reaction',
        chatId,
        { message_id: messageId, sender: senderId, reaction, timestamp },
        `reaction:${messageId}:${senderId}:${reaction}:${timestamp}`,
      ),
    ),
  ];
  return () => offs.forEach((off) => off());
}
