import mimeTypes from 'mime-types';

/** Magic numbers of the formats people send most, for bytes that arrive without a type. */
const SIGNATURES: ReadonlyArray<{ mimetype: string; offset: number; bytes: number[] }> = [
  { mimetype: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimetype: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { mimetype: 'image/gif', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { mimetype: 'application/pdf', offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mimetype: 'audio/ogg', offset: 0, bytes: [0x4f, 0x67, 0x67, 0x53] },
  { mimetype: 'audio/mpeg', offset: 0, bytes: [0x49, 0x44, 0x33] },
  { mimetype: 'video/mp4', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { mimetype: 'application/zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
];

function sniffBytes(data: Buffer): string | null {
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  for (const { mimetype, offset, bytes } of SIGNATURES) {
    if (data.length >= offset + bytes.length && bytes.every((byte, index) => data[offset + index] === byte)) return mimetype;
  }
  return null;
}

/**
 * The media type to send: the one the caller (or the server) declared, else the file name's
 * extension, else the bytes' signature, else a generic binary type (sent as a document).
 */
export function resolveMimetype(declared: string | null | undefined, filename: string | null, data: Buffer): string {
  const clean = declared?.split(';')[0]?.trim().toLowerCase();
  if (clean && clean !== 'application/octet-stream' && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(clean)) return clean;
  const byName = filename ? mimeTypes.lookup(filename) : false;
  if (byName) return byName;
  return sniffBytes(data) ?? 'application/octet-stream';
}

/** A file name for media that came without one, so documents open with the right program. */
export function defaultFilename(mimetype: string, stem = 'file'): string {
  const extension = mimeTypes.extension(mimetype);
  return extension ? `${stem}.${extension}` : stem;
}
