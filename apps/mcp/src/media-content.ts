import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { downloadMessageMedia, type DownloadedMedia, type OperationContext } from '@wa/core';

export const MESSAGE_MEDIA_TEMPLATE = 'whatsapp://messages/{message_id}/media';
export const MESSAGE_MEDIA = /^whatsapp:\/\/messages\/([^/]+)\/media$/;

export function messageMediaUri(messageId: string): string {
  return `whatsapp://messages/${encodeURIComponent(messageId)}/media`;
}

/** Images an MCP client can show; SVG is a document (it can carry script), not an image block. */
function isInlineImage(mimetype: string): boolean {
  return mimetype.startsWith('image/') && mimetype !== 'image/svg+xml';
}

/**
 * The download_media tool's answer: metadata as structured content and text, and the file as an
 * image block or an embedded resource when it is small enough, else a link to the media resource
 * (read it with resources/read). Base64 never goes into the structured content or the text.
 */
export function mediaToolResult(media: DownloadedMedia, inlineMaxBytes: number): CallToolResult {
  const uri = messageMediaUri(media.messageId);
  const metadata = { ok: true, message_id: media.messageId, mimetype: media.mimetype, filename: media.filename, size: media.data.length };
  const inline = media.data.length <= inlineMaxBytes;
  const text = { ...metadata, ...(inline ? {} : { resource: uri, note: `Larger than ${inlineMaxBytes} bytes: read the resource to get the file.` }) };
  const data = inline ? media.data.toString('base64') : null;
  const file: CallToolResult['content'][number] =
    data === null
      ? { type: 'resource_link', uri, name: media.filename, mimeType: media.mimetype, size: media.data.length }
      : isInlineImage(media.mimetype)
        ? { type: 'image', data, mimeType: media.mimetype }
        : { type: 'resource', resource: { uri, mimeType: media.mimetype, blob: data } };
  return { content: [{ type: 'text', text: JSON.stringify(text, null, 2) }, file], structuredContent: metadata };
}

/** resources/read of a message's media: the bytes as a blob, within the media size limit. */
export async function readMediaResource(context: OperationContext, messageId: string): Promise<ReadResourceResult> {
  const media = await downloadMessageMedia(context, messageId);
  return { contents: [{ uri: messageMediaUri(media.messageId), mimeType: media.mimetype, blob: media.data.toString('base64') }] };
}
