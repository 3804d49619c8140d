  // ===============================================================================================
  // 9. Media: preparing, uploading and downloading attachments (WWebJS.processMediaData and
  //    Message.downloadMedia). WhatsApp's media servers are simulated in the page: an upload stores
  //    the bytes encrypted with a fresh media key under a fresh directPath; the key travels in the
  //    message; a download fetches the bytes back, checks the encrypted hash, decrypts with the
  //    message's key and checks the file hash, like the real app. The cipher is a stand-in for AES.
  // ===============================================================================================
  // The servers keep files after a logout (the profile directory, hence this storage, may not).
  const MEDIA_SERVER_KEY = 'fakeWa.mediaServer';
  const mediaServer = new Map(Object.entries(storage.read(MEDIA_SERVER_KEY) || {})); // directPath -> encrypted bytes, base64
  const mediaLog = { uploads: [], downloads: [] }; // this device's transfers, for state()
  const preparedMedia = new Map(); // filehash -> bytes, from prepRawMedia until the upload
  const mediaObjects = new Map(); // filehash -> the app's media object
  const mediaStages = new Map(); // message id -> { mediaStage }
  const inMemoryBlobs = new Map(); // filehash -> what the library caches for display

  const sha256 = async (bytes) => b64(await crypto.subtle.digest('SHA-256', bytes));
  function streamCipher(bytes, mediaKey) {
    const key = unb64(mediaKey);
    return bytes.map((byte, i) => byte ^ key[i % key.length] ^ ((i * 131) & 0xff));
  }

  function mediaTypeOf(mimetype, { asDocument, asSticker, isPtt } = {}) {
    if (asSticker) return 'sticker';
    if (asDocument) return 'document';
    const kind = String(mimetype).split('/')[0];
    if (kind === 'image' || kind === 'video') return kind;
    if (kind === 'audio') return isPtt ? 'ptt' : 'audio';
    return 'document';
  }

  /** What any sender's upload leaves on the servers and puts in the message. */
  async function storeOnMediaServer(bytes) {
    await delay(CONFIG.uploadDelayMs);
    const mediaKey = b64(randomBytes(32));
    const encrypted = streamCipher(bytes, mediaKey);
    const directPath = '/v/t62.7118-24/' + hex(12) + '_n.enc?ccb=11-4&oh=' + hex(8);
    mediaServer.set(directPath, b64(encrypted));
    try { storage.write(MEDIA_SERVER_KEY, Object.fromEntries(mediaServer)); } catch { /* over quota: lost on restart */ }
    return { directPath, mediaKey, mediaKeyTimestamp: nowSeconds(), encFilehash: await sha256(encrypted), filehash: await sha256(bytes) };
  }

  // The app wraps every blob in OpaqueData; the library checks `instanceof` on the module export.
  class OpaqueData {
    constructor(blob) { this._blob = blob; this._url = null; }
    static async createFromData(data, mimetype) {
      const blob = data instanceof Blob ? data : new Blob([data]);
      return new OpaqueData(mimetype && blob.type !== mimetype ? new File([blob], blob.name || 'blob', { type: mimetype }) : blob);
    }
    get type() { return this._blob.type; }
    get name() { return this._blob.name; }
    arrayBuffer() { return this._blob.arrayBuffer(); }
    url() { return (this._url ||= URL.createObjectURL(this._blob)); }
    autorelease() { if (this._url) setTimeout(() => URL.revokeObjectURL(this._url), 1000); }
    formData() { return this._blob; }
  }

  // The blob stays in the page: what the library spreads into the message must be plain data.
  class MediaDataModel extends Model {
    toJSON() {
      const { mediaBlob, ...plain } = this.attributes;
      return toPlain(plain);
    }
  }

  function mediaDataOf(msg) {
    const key = msg.id._serialized;
    // Media this device sent is already here; received media is fetched on demand.
    if (!mediaStages.has(key)) mediaStages.set(key, { mediaStage: msg.id.fromMe ? 'RESOLVED' : 'INIT' });
    return mediaStages.get(key);
  }

  function mediaObjectOf(msg) {
    return mediaObjects.get(msg.filehash) || { filehash: msg.filehash, type: msg.type, size: msg.size, contentInfo: {} };
  }

  async function fetchMessageMedia(msg) {
    const mediaData = mediaDataOf(msg);
    mediaData.mediaStage = 'FETCHING';
    await delay(CONFIG.downloadDelayMs);
    mediaData.mediaStage = mediaServer.has(msg.directPath) ? 'RESOLVED' : 'ERROR_MISSING';
  }

  define('WAWebMediaOpaqueData', () => OpaqueData);
  define('WAWebPrepRawMedia', () => ({
    prepRawMedia(opaqueData, { asSticker, asGif, isPtt, asDocument } = {}) {
      const prepared = (async () => {
        const bytes = new Uint8Array(await opaqueData.arrayBuffer());
        const type = mediaTypeOf(opaqueData.type, { asDocument, asSticker, isPtt });
        const filehash = await sha256(bytes);
        preparedMedia.set(filehash, bytes);
        return new MediaDataModel({
          type, mimetype: opaqueData.type, size: bytes.length, filehash, isGif: Boolean(asGif && type === 'video'),
          filename: type === 'document' ? opaqueData.name : undefined, mediaBlob: opaqueData,
        });
      })();
      return { waitForPrep: () => prepared };
    },
  }));
  define('WAWebMediaStorage', () => ({
    getOrCreateMediaObject(filehash) {
      if (!mediaObjects.has(filehash)) {
        mediaObjects.set(filehash, {
          filehash, type: undefined, size: undefined, contentInfo: {},
          consolidate(json) { Object.assign(this, { type: json.type, size: json.size, mimetype: json.mimetype }); },
        });
      }
      return mediaObjects.get(filehash);
    },
  }));
  define('WAWebMmsMediaTypes', () => ({
    msgToMediaType: ({ type, isGif }) => (isGif ? 'gif' : type),
    castToV4: (mediaType) => mediaType,
  }));
  define('WAWebMediaDataUtils', () => ({ shouldUseMediaCache: (mediaType) => ['image', 'gif', 'sticker'].includes(mediaType) }));
  define('WAWebMediaInMemoryBlobCache', () => ({
    InMemoryMediaBlobCache: { put: (filehash, data) => inMemoryBlobs.set(filehash, data), get: (filehash) => inMemoryBlobs.get(filehash) },
  }));
  define('WAWebMediaMmsV4Upload', () => ({
    async uploadMedia({ mediaObject, mediaType }) {
      const bytes = preparedMedia.get(mediaObject.filehash);
      if (!bytes) throw new Error('uploadMedia: nothing was prepared for ' + mediaObject.filehash);
      preparedMedia.delete(mediaObject.filehash);
      const stored = await storeOnMediaServer(bytes);
      mediaLog.uploads.push({ directPath: stored.directPath, mediaType, size: bytes.length });
      return {
        mediaEntry: {
          mmsUrl: 'https://mmg.whatsapp.net' + stored.directPath, deprecatedMms3Url: 'https://mmg.whatsapp.net' + stored.directPath,
          directPath: stored.directPath, mediaKey: stored.mediaKey, mediaKeyTimestamp: stored.mediaKeyTimestamp,
          encFilehash: stored.encFilehash, uploadHash: stored.encFilehash, sidecar: undefined, firstFrameSidecar: undefined,
        },
      };
    },
  }));
  define('WAWebDownloadManager', () => ({
    downloadManager: {
      async downloadAndMaybeDecrypt({ directPath, encFilehash, filehash, mediaKey, type }) {
        await delay(CONFIG.downloadDelayMs);
        const stored = mediaServer.get(directPath);
        if (stored === undefined) throw Object.assign(new Error('media not found: ' + directPath), { status: 404 });
        const encrypted = unb64(stored);
        if ((await sha256(encrypted)) !== encFilehash) throw new Error('downloadAndMaybeDecrypt: encrypted file hash mismatch');
        const bytes = streamCipher(encrypted, mediaKey);
        if ((await sha256(bytes)) !== filehash) throw new Error('downloadAndMaybeDecrypt: wrong media key (file hash mismatch)');
        mediaLog.downloads.push({ directPath, type, size: bytes.length });
        return bytes.buffer;
      },
    },
  }));

  /** Knob: someone sends media; their phone uploads it first. Resolves with the message id. */
  async function receiveMedia(fromChatId, { data, mimetype, filename, caption, asDocument = false, asVoice = false }, authorId) {
    const bytes = unb64(data);
    const type = mediaTypeOf(mimetype, { asDocument, isPtt: asVoice });
    const stored = await storeOnMediaServer(bytes);
    return deliverIncoming(fromChatId, authorId, {
      type, mimetype, size: bytes.length, filename: type === 'document' ? filename : undefined, caption,
      clientUrl: 'https://mmg.whatsapp.net' + stored.directPath, ...stored,
    });
  }

  /** Knob: the servers drop a file (expired media); downloads of its messages fail from now on. */
  function expireMedia(messageId) {
    const msg = findMessage(messageId);
    if (!msg || !msg.directPath) throw new Error('no media message ' + messageId);
    mediaServer.delete(msg.directPath);
    storage.write(MEDIA_SERVER_KEY, Object.fromEntries(mediaServer));
  }
