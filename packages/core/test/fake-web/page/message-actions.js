  // ===============================================================================================
  // 10. Acting on messages (react, edit, delete, forward) and chat states (typing, recording)
  // ===============================================================================================
  // WhatsApp's limits, applied by the app's capability checks before the library acts.
  const EDIT_WINDOW_S = 15 * 60;
  const REVOKE_WINDOW_S = 60 * 60 * 60;
  const CAPTIONED_TYPES = ['image', 'video', 'document'];
  const ageOf = (msg) => nowSeconds() - (msg.t || 0);
  const isAdminOf = (chat) => Boolean(chat && chat.groupMetadata && (chat.groupMetadata.participants.get(ME) || {}).isAdmin);

  define('WAWebMsgActionCapability', () => ({
    canEditText: (msg) => msg.id.fromMe && msg.type === 'chat' && ageOf(msg) <= EDIT_WINDOW_S,
    canEditCaption: (msg) => msg.id.fromMe && CAPTIONED_TYPES.includes(msg.type) && ageOf(msg) <= EDIT_WINDOW_S,
    canSenderRevokeMsg: (msg) => msg.id.fromMe && msg.type !== 'revoked' && ageOf(msg) <= REVOKE_WINDOW_S,
    canAdminRevokeMsg: (msg) => !msg.id.fromMe && msg.type !== 'revoked' && ageOf(msg) <= REVOKE_WINDOW_S && isAdminOf(Chat.get(msg.id.remote)),
  }));

  define('WAWebSendMessageEditAction', () => ({
    // change:body / change:caption is what the library turns into message_edit.
    async sendMessageEdit(msg, content, { mentionedJidList } = {}) {
      await delay(20); // a server round trip
      msg.set({
        [msg.directPath ? 'caption' : 'body']: content, latestEditSenderTimestampMs: Date.now(),
        ...(mentionedJidList && mentionedJidList.length ? { mentionedJidList } : {}),
      });
      saveDb();
    },
  }));

  // For everyone: the message stays as "deleted" (change:type is the library's message_revoke_everyone).
  function revokeMessages(chat, list) {
    for (const msg of list) {
      msg.set({ type: 'revoked', subtype: msg.id.fromMe ? 'sender_revoke' : 'admin_revoke', body: '', caption: undefined, directPath: undefined });
    }
    saveDb();
  }

  // For this account only: gone from the chat and the app.
  function deleteMessagesHere(chat, list) {
    for (const msg of list) {
      chat.msgs.remove(msg);
      Msg.remove(msg);
      chat._earlier = chat._earlier.filter((m) => !m.id.equals(msg.id));
    }
    const last = chat.msgs.getModelsArray().at(-1);
    chat.set('lastReceivedKey', last ? last.id : undefined);
    saveDb();
  }

  const FORWARDED_FIELDS = ['type', 'body', 'mimetype', 'filename', 'size', 'filehash', 'encFilehash', 'directPath', 'mediaKey', 'mediaKeyTimestamp', 'isGif', 'lat', 'lng', 'loc'];
  define('WAWebChatForwardMessage', () => ({
    async forwardMessages({ chat, msgs, includeCaption }) {
      return Promise.all(msgs.map(async (msg) => {
        const content = Object.fromEntries(FORWARDED_FIELDS.filter((k) => msg[k] !== undefined).map((k) => [k, msg[k]]));
        const id = new MsgKey({ from: ME, to: chat.id, id: await MsgKey.newId(), participant: chat.id.isGroup() ? ME : undefined, selfDir: 'out' });
        const [added, result] = sendFromThisDevice(chat, {
          ...content, ...(includeCaption && msg.caption ? { caption: msg.caption } : {}),
          id, from: ME, to: chat.id, t: nowSeconds(), ack: 0, self: 'out', local: true, isNewMsg: true,
          isForwarded: true, forwardingScore: (msg.forwardingScore || 0) + 1,
        });
        await added;
        return result;
      }));
    },
  }));

  // Reactions live in their own table. The library wraps reactionTableMode.bulkUpsert in place to
  // emit message_reaction, so every write goes through the module object, never a saved reference.
  const reactions = new Map(); // parent message id -> Map(sender id -> emoji)
  define('WAWebAddonReactionTableMode', () => ({
    reactionTableMode: {
      async bulkUpsert(records) {
        for (const record of records) {
          const parentId = record.reactionParentKey._serialized;
          const byParent = reactions.get(parentId) || new Map();
          reactions.set(parentId, byParent);
          if (record.reactionText) byParent.set(keyOf(record.author || record.from), record.reactionText);
          else byParent.delete(keyOf(record.author || record.from));
          const parent = findMessage(parentId);
          if (parent) parent.set('hasReaction', byParent.size > 0);
        }
        return records;
      },
    },
  }));
  const upsertReaction = (record) => window.require('WAWebAddonReactionTableMode').reactionTableMode.bulkUpsert([record]);

  function reactionRecord(parent, sender, reactionText) {
    const remote = parent.id.remote;
    const fromMe = sender.equals(ME);
    return {
      id: MsgKey.of(fromMe, remote, fromMe ? '3EB0' + hex(8) : phoneMsgId(), remote.isGroup() ? sender : undefined),
      reactionParentKey: parent.id, reactionText, reactionTimestamp: Date.now(),
      from: remote.isGroup() && !fromMe ? remote : sender, author: remote.isGroup() ? sender : undefined,
      orphan: 0, orphanReason: null, read: fromMe, ack: fromMe ? 1 : undefined,
    };
  }

  define('WAWebSendReactionMsgAction', () => ({
    async sendReactionToMsg(msg, reactionText) {
      await delay(20); // a server round trip
      await upsertReaction(reactionRecord(msg, ME, reactionText));
      return { messageSendResult: 'OK' };
    },
  }));

  /** Knob: someone reacts ('' removes); the sender defaults to the chat partner or a group member. */
  async function receiveReaction(messageId, reactionText, senderId) {
    const parent = findMessage(messageId);
    if (!parent) throw new Error('no message ' + messageId);
    const remote = parent.id.remote;
    const members = remote.isGroup() ? Chat.get(remote).groupMetadata.participants : null;
    const sender = senderId ? createWid(senderId) : members ? members.getModelsArray().map((p) => p.id).find((id) => !id.equals(ME)) : remote;
    if (members && !members.get(sender)) throw new Error(keyOf(sender) + ' is not a member of ' + keyOf(remote));
    await upsertReaction(reactionRecord(parent, sender, String(reactionText)));
  }

  const chatStates = new Map(); // chat id -> the last state this account showed there
  define('WAWebChatStateBridge', () => ({
    sendChatStateComposing: async (wid) => void chatStates.set(keyOf(wid), 'typing'),
    sendChatStateRecording: async (wid) => void chatStates.set(keyOf(wid), 'recording'),
    sendChatStatePaused: async (wid) => void chatStates.set(keyOf(wid), 'paused'),
  }));

  /** Knob: one message as the app holds it (null once deleted here), with its reactions. */
  function messageInfo(messageId) {
    const msg = findMessage(messageId);
    if (!msg) return null;
    return {
      id: msg.id._serialized, type: msg.type, body: msg.body, caption: msg.caption, fromMe: msg.id.fromMe, hasMedia: Boolean(msg.directPath),
      mimetype: msg.mimetype, filename: msg.filename, size: msg.size, quotedStanzaID: msg.quotedStanzaID,
      mentions: (msg.mentionedJidList || []).map(keyOf), isForwarded: Boolean(msg.isForwarded), lat: msg.lat, lng: msg.lng, loc: msg.loc,
      edited: Boolean(msg.latestEditSenderTimestampMs),
      reactions: Object.fromEntries(reactions.get(msg.id._serialized) || []),
    };
  }
