import Type from 'typebox';

/** Wire shapes of the media operations. */

export const MediaInputSchema = Type.Object(
  {
    url: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: 'An http(s) URL the gateway downloads (bounded in time and size; internal addresses refused unless the operator allows them).',
        examples: ['https://example.com/menu.pdf'],
      }),
    ),
    data_base64: Type.Optional(Type.String({ minLength: 1, description: 'The file itself, base64 (a data: URL also works).' })),
    mimetype: Type.Optional(Type.String({ minLength: 3, maxLength: 255, description: 'Like image/jpeg; worked out from the file name or bytes when omitted.' })),
    filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Shown for documents; taken from the URL when omitted.' })),
  },
  { additionalProperties: false, description: 'Exactly one of url or data_base64.' },
);

export const SendAsSchema = Type.Enum(['auto', 'document', 'voice'], {
  description: 'auto: images, videos and audio inline, other files as documents; document: always a file attachment; voice: audio as a voice note.',
  default: 'auto',
});

export const SentMediaSchema = Type.Object({
  type: Type.String({ description: 'image, video, audio, ptt (voice note) or document.' }),
  mimetype: Type.String(),
  filename: Type.Union([Type.String(), Type.Null()]),
  size: Type.Integer({ description: 'Bytes sent.' }),
});

export const MediaItemSchema = Type.Object(
  {
    message_id: Type.String(),
    type: Type.String(),
    timestamp: Type.Integer({ description: 'Unix seconds.' }),
    from_me: Type.Boolean(),
    author: Type.Union([Type.String(), Type.Null()]),
    caption: Type.String({ description: 'Untrusted text.' }),
    mimetype: Type.Union([Type.String(), Type.Null()]),
    filename: Type.Union([Type.String(), Type.Null()]),
    size: Type.Union([Type.Integer(), Type.Null()]),
  },
  { title: 'MediaItem' },
);
