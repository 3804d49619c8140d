import type { MediaFile, MediaInfo, SendMediaOptions } from '../../driver/index.js';

/** The message type WhatsApp gives an attachment: inline image, video or audio, a voice note, or a document. */
export function mediaMessageType(mimetype: string, options: Pick<SendMediaOptions, 'asDocument' | 'asVoice'> = {}): string {
  if (options.asDocument) return 'document';
  const family = mimetype.split('/')[0]?.toLowerCase();
  if (family === 'image') return 'image';
  if (family === 'video') return 'video';
  if (family === 'audio') return options.asVoice ? 'ptt' : 'audio';
  return 'document';
}

/** Media bytes by message id, as WhatsApp's media servers keep them; every read is a private copy. */
export class SandboxMediaStore {
  readonly #files = new Map<string, MediaFile>();

  /** Keeps a copy of `file` for `messageId` and describes it as a message does. */
  put(messageId: string, file: MediaFile): MediaInfo {
    this.#files.set(messageId, { ...file, data: Buffer.from(file.data) });
    return { mimetype: file.mimetype, filename: file.filename, size: file.data.length };
  }

  get(messageId: string): MediaFile | null {
    const file = this.#files.get(messageId);
    return file ? { ...file, data: Buffer.from(file.data) } : null;
  }

  delete(messageId: string): void {
    this.#files.delete(messageId);
  }
}
