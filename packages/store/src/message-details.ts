import type { GeoLocation, MediaInfo, Message } from '@wa/core';

/** The detail columns of a message row (JSON text, NULL when the message has none). */
export interface DetailColumns {
  quoted_message_id: string | null;
  mentions: string | null;
  media: string | null;
  location: string | null;
}

/** Named parameters for the detail columns. */
export interface DetailParams {
  quotedMessageId: string | null;
  mentions: string | null;
  media: string | null;
  location: string | null;
}

type Details = Required<Pick<Message, 'quotedMessageId' | 'mentions' | 'media' | 'location'>>;

/**
 * Only the known fields are kept (a driver's object may carry more), so what is read back has
 * exactly the shape the driver port declares. An empty mention list is stored as NULL, like the
 * other absent details: a later report without details then never erases earlier ones.
 */
export function toDetailParams(message: Message): DetailParams {
  const { quotedMessageId, mentions, media, location } = message;
  return {
    quotedMessageId: quotedMessageId || null,
    mentions: mentions && mentions.length > 0 ? JSON.stringify(mentions) : null,
    media: media ? JSON.stringify(cleanMedia(media)) : null,
    location: location && Number.isFinite(location.latitude) && Number.isFinite(location.longitude) ? JSON.stringify(cleanLocation(location)) : null,
  };
}

export function toDetails(row: DetailColumns): Details {
  return {
    quotedMessageId: row.quoted_message_id,
    mentions: row.mentions === null ? [] : (JSON.parse(row.mentions) as string[]),
    media: row.media === null ? null : (JSON.parse(row.media) as MediaInfo),
    location: row.location === null ? null : (JSON.parse(row.location) as GeoLocation),
  };
}

function cleanMedia(media: MediaInfo): MediaInfo {
  const size = typeof media.size === 'number' && Number.isFinite(media.size) ? Math.trunc(media.size) : null;
  return { mimetype: media.mimetype ?? null, filename: media.filename ?? null, size };
}

function cleanLocation(location: GeoLocation): GeoLocation {
  return { latitude: location.latitude, longitude: location.longitude, name: location.name ?? null, address: location.address ?? null };
}
