/** The chat a message belongs to: the recipient of our own messages, the sender's chat otherwise. */
export function chatOf(message: { fromMe: boolean; from: string; to: string }): string {
  return message.fromMe ? message.to : message.from;
}
