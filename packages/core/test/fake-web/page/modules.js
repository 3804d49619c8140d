  // ===============================================================================================
  // 8. The module registry behind window.require (required-modules.ts lists the names by parsing
  //    the define('WA...') calls that start a line). Unknown names throw like the real loader's
  //    and are recorded for state().unknownRequires.
  // ===============================================================================================
  const MODULES = new Map();
  const unknownRequires = new Set();
  const define = (name, factory) => MODULES.set(name, { factory, loaded: false, exports: undefined });
  window.require = (name) => {
    const entry = MODULES.get(name);
    if (!entry) {
      unknownRequires.add(String(name));
      throw new Error('Requiring unknown module "' + name + '"');
    }
    if (!entry.loaded) { entry.exports = entry.factory(); entry.loaded = true; } // the library patches exports in place
    return entry.exports;
  };

  // --- connection, auth store and linking
  define('WAWebSocketModel', () => ({ Socket }));
  define('WAWebConnModel', () => ({ Conn }));
  define('WAWebCmd', () => ({ Cmd }));
  define('WAWebStreamModel', () => ({ Stream }));
  define('WAWebOfflineHandler', () => ({ OfflineMessageHandler: { getOfflineDeliveryProgress: () => offline.progress } }));
  define('WAWebLaunchSocketUtils', () => ({ refreshQR: () => Cmd.refreshQR() }));
  define('WABase64', () => ({
    encodeB64: (bytes) => b64(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes),
    decodeB64: unb64,
  }));
  define('WAWebCompanionRegClientUtils', () => ({ DEVICE_PLATFORM: 'CHROME' }));
  // Spread into AuthStore.RegistrationUtils next to the others; nothing in it is read on these paths.
  define('WAWebAdvSignatureApi', () => ({}));
  define('WAWebUserPrefsInfoStore', () => ({
    waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: unb64(keys.noise) } }) },
  }));
  define('WAWebSignalStoreApi', () => ({
    waSignalStore: {
      getRegistrationInfo: async () => ({
        registrationId: keys.registrationId,
        identityKeyPair: { pubKey: unb64(keys.identity) },
      }),
    },
  }));
  define('WAWebUserPrefsMultiDevice', () => ({ getADVSecretKey: () => keys.adv }));
  define('WAWebAltDeviceLinkingApi', () => ({
    setPairingType(type) { session.pairingType = type; },
    async initializeAltDeviceLinking() {
      requireUnpaired();
      session.linking = 'code'; // the QR is replaced by the code screen and stops rotating
    },
    async startAltLinkingFlow(phoneNumber, showNotification) {
      requireUnpaired();
      if (session.linking !== 'code') throw new Error('startAltLinkingFlow before initializeAltDeviceLinking');
      const digits = String(phoneNumber);
      if (!/^\d{7,15}$/.test(digits)) throw new Error('invalid phone number ' + digits);
      await delay(30); // a server round trip
      const alphabet = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';
      const code = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
      session.pairing = { code, phoneNumber: digits, notified: Boolean(showNotification) };
      if (CONFIG.autoEnterCodeAfterMs != null) {
        const generation = session.generation;
        setTimeout(() => {
          if (generation === session.generation && session.pairing && session.pairing.code === code) enterPairingCode(code);
        }, CONFIG.autoEnterCodeAfterMs);
      }
      return code;
    },
    async initializeQRLinking() { session.pairing = null; showQr(); },
  }));
  define('WAWebMiscBrowserUtils', () => ({ info: () => ({ name: 'Chrome', version: '120.0.0', os: 'Linux' }) }));
  define('WAWebUserPrefsMeUser', () => ({
    getMaybeMePnUser: () => ME,
    getMaybeMeLidUser: () => undefined, // the fake account has no LID
    getMeUser: () => { if (!ME) throw new Error('not logged in'); return ME; },
  }));
  define('WAWebSyncGatingUtils', () => ({ isPlaceholderMessageResendEnabled: () => false }));
  define('WAWebCallCollection', () => CallCollection);

  // --- collections, ids, chats and contacts
  define('WAWebCollections', () => ({ Msg, Chat, Contact, GroupMetadata, Blocklist }));
  define('WAWebWidFactory', () => ({
    createWid,
    createWidFromWidLike: createWid,
    createUserWid: (user, server = 'c.us') => createWid(user + '@' + server),
    asUserWidOrThrow(wid) { if (!wid || !wid.isUser()) throw new Error('not a user wid: ' + keyOf(wid)); return wid; },
  }));
  define('WAWebMsgKey', () => MsgKey);
  define('WAWebChatGetters', () => ({
    getIsNewsletter: (chat) => chat.id.isNewsletter(),
    getIsBroadcast: (chat) => chat.id.isBroadcast(),
    getIsGroup: (chat) => chat.id.isGroup(),
  }));
  define('WAWebContactGetters', () => ({
    getIsMe: (c) => Boolean(ME && c.id.equals(ME)),
    getIsUser: (c) => c.id.isUser(),
    getIsGroup: (c) => c.id.isGroup(),
    getIsWAContact: (c) => c.id.isUser() && isRegistered(c.id),
    getUserid: (c) => c.id.user,
    getVerifiedName: (c) => c.verifiedName,
    getVerifiedLevel: (c) => c.verifiedLevel,
    getStatusMute: (c) => Boolean(c.statusMute),
    getName: (c) => c.name,
    getShortName: (c) => c.shortName,
    getPushname: (c) => c.pushname,
    getIsEnterprise: (c) => Boolean(c.isEnterprise),
  }));
  define('WAWebFrontendContactGetters', () => ({ getIsMyContact: (c) => Boolean(c.isAddressBookContact) }));
  define('WAWebApiContact', () => ({ getAlternateUserWid: () => null, getCurrentLid: () => null, getPhoneNumber: () => null }));
  define('WAWebLidMigrationUtils', () => ({ toPn: (wid) => (wid && !wid.isLid() ? wid : null) }));
  define('WAWebQueryExistsJob', () => ({
    async queryWidExists(wid) {
      await delay(20); // a server round trip
      const user = createWid(wid);
      return user.isUser() && isRegistered(user) ? { wid: createWid(user.user + '@c.us'), biz: false } : null;
    },
  }));
  define('WAWebFindChatAction', () => ({
    // A chat with a number not in the list is created locally after asking the server whether the
    // number exists. For a number that does not, this fake rejects (real behaviour not measured).
    async findOrCreateLatestChat(wid) {
      const existing = Chat.get(wid);
      if (existing) return { chat: existing, created: false };
      if (!wid.isUser()) throw new Error('findOrCreateLatestChat: unknown chat ' + keyOf(wid));
      const exists = await window.require('WAWebQueryExistsJob').queryWidExists(wid);
      if (!exists) throw new Error('findOrCreateLatestChat: ' + keyOf(wid) + ' is not on WhatsApp');
      if (!Contact.get(exists.wid)) Contact.add({ id: exists.wid, isAddressBookContact: false });
      const chat = Chat.get(exists.wid) || createChat(exists.wid);
      saveDb();
      return { chat, created: true };
    },
  }));
  define('WAWebChatLoadMessages', () => ({
    async loadEarlierMsgs(arg) {
      const chat = arg && arg.chat ? arg.chat : arg;
      await delay(5); // reading the local database
      const batch = chat._earlier.splice(Math.max(0, chat._earlier.length - EARLIER_BATCH));
      for (const m of batch) { chat.msgs.add(m); Msg.add(m); }
      return batch;
    },
  }));

  // --- sending and reading
  // [message added, server result]: the library awaits the first; acks 1 (server) and 2 (device) follow.
  function sendFromThisDevice(chat, attrs) {
    const msg = new MsgModel(attrs);
    const added = Promise.resolve().then(() => addMessage(chat, msg));
    const result = added.then(async () => {
      await delay(40);
      msg.set('ack', Math.max(msg.ack, 1));
      setTimeout(() => { msg.set('ack', Math.max(msg.ack, 2)); saveDb(); }, 120);
      saveDb();
      return { messageSendResult: 'OK', t: msg.t };
    });
    return [added, result];
  }

  define('WALinkify', () => {
    const findLinks = (text) => typeof text !== 'string' ? [] : Array.from(text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi), (m) => ({
      url: m[0], href: m[0].startsWith('www.') ? 'http://' + m[0] : m[0], index: m.index, suspiciousCharacters: undefined,
    }));
    return { findLinks, findLink: (text) => findLinks(text)[0] || null };
  });
  define('WAWebLinkPreviewChatAction', () => ({ getLinkPreview: async () => null })); // offline: no preview
  define('WAWebGetEphemeralFieldsMsgActionsUtils', () => ({ getEphemeralFields: () => ({}) })); // no disappearing messages
  define('WAWebMsgReply', () => ({ canReplyMsg: (msg) => msg.type !== 'revoked' && !msg.isNotification }));
  define('WAWebQuotedMsgModelUtils', () => ({
    getQuotedMsgObj(msg) {
      if (!msg || !msg.quotedStanzaID) return undefined;
      const remote = msg.quotedRemoteJid || msg.id.remote;
      const author = createWid(msg.quotedParticipant);
      const key = MsgKey.of(author.equals(ME), remote, msg.quotedStanzaID, remote.isGroup() ? author : undefined);
      return findMessage(key) || new MsgModel({ ...msg.quotedMsg, id: key, from: author, to: remote });
    },
  }));
  define('WAWebSendMsgChatAction', () => ({ addAndSendMsgToChat: sendFromThisDevice }));
  define('WAWebUpdateUnreadChatAction', () => ({
    async sendSeen({ chat }) { chat.set('unreadCount', 0); saveDb(); },
  }));
  define('WAWebPresenceChatAction', () => ({
    sendPresenceAvailable: async () => Stream.set('available', true),
    sendPresenceUnavailable: async () => Stream.set('available', false),
  }));

