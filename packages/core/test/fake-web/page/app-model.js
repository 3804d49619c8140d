  // ===============================================================================================
  // 4. The models the app is made of
  // ===============================================================================================
  class MsgModel extends Model {
    get isNotification() { return this.type === 'notification' || this.type === 'gp2' || this.type === 'e2e_notification'; }
    // What a reply carries about the message it quotes (spread into the new message by the library).
    msgContextInfo(chat) {
      return {
        quotedMsg: { type: this.type, body: this.body },
        quotedStanzaID: this.id.id,
        quotedParticipant: this.author || this.from,
        quotedRemoteJid: chat && chat.id && !chat.id.equals(this.id.remote) ? this.id.remote : undefined,
      };
    }
    // Media messages (media.js): download state, the stored file, and fetching it from the server.
    get mediaData() { return this.directPath ? mediaDataOf(this) : undefined; }
    get mediaObject() { return this.directPath ? mediaObjectOf(this) : undefined; }
    downloadMedia() { return fetchMessageMedia(this); }
  }

  class ChatModel extends Model {
    get formattedTitle() {
      if (this.groupMetadata) return this.groupMetadata.subject;
      const contact = Contact.get(this.id);
      return (contact && (contact.name || contact.pushname)) || '+' + this.id.user;
    }
  }

  class SocketModel extends Model {
    async logout() { return endLinkedSession('logout'); }
    takeover() { if (this.state === 'CONFLICT') this.set('state', 'CONNECTED'); }
    reconnect() {
      if (this.state !== 'CONNECTED') return;
      const generation = session.generation;
      this.set('state', 'OPENING');
      setTimeout(() => { if (generation === session.generation) this.set('state', 'CONNECTED'); }, CONFIG.bootDelayMs);
    }
  }

  class CmdEmitter extends Events {
    refreshQR() { if (Socket.state === 'UNPAIRED' || Socket.state === 'UNPAIRED_IDLE') rotateQr(); }
    // Deleting messages (message-actions.js); `selection` is { list, type: 'message' } since 2.3000.
    async sendRevokeMsgs(chat, selection) { return revokeMessages(chat, selection.list); }
    async sendDeleteMsgs(chat, selection) { return deleteMessagesHere(chat, selection.list); }
  }

  class StreamModel extends Model {
    markAvailable() { this.set('available', true); }
    markUnavailable() { this.set('available', false); }
  }

  const byTimeAsc = (a, b) => (a.t || 0) - (b.t || 0);
  // Timestamps are in seconds: within one second, the chat with the latest activity goes on top.
  const byPinThenTimeDesc = (a, b) => (b.pin || 0) - (a.pin || 0) || (b.t || 0) - (a.t || 0) || b._activity - a._activity;
  let activitySeq = 0;

  const Socket = new SocketModel({ state: 'OPENING', hasSynced: false });
  const Conn = new Model({ ref: undefined, wid: undefined, pushname: undefined, platform: undefined, battery: undefined, plugged: undefined });
  const Cmd = new CmdEmitter();
  const Stream = new StreamModel({ available: false, displayInfo: 'NORMAL' });
  const Msg = new Collection({ model: MsgModel });
  const Chat = new Collection({ model: ChatModel, comparator: byPinThenTimeDesc, sortOn: ['t', 'pin'] });
  const Contact = new Collection();
  const GroupMetadata = new Collection();
  const Blocklist = new Collection();
  const CallCollection = new Collection();
  let ME; // the account's Wid once linked

  Msg.getMessagesById = async (ids) => ({ messages: ids.map(findMessage).filter(Boolean) });
  Chat.find = async (id) => {
    const chat = Chat.get(id);
    if (!chat) throw new Error('Chat.find: no chat ' + keyOf(id));
    return chat;
  };
  Contact.find = async (id) => Contact.get(id) || Contact.add({ id: createWid(id), isAddressBookContact: false });
  GroupMetadata.update = async (id) => { await delay(5); return GroupMetadata.get(id); };

  // Loaded messages sit in chat.msgs and Msg; older ones wait in chat._earlier ("the database")
  // until WAWebChatLoadMessages pulls them in, which is what Chat.fetchMessages({limit}) exercises.
  const LOADED_PER_CHAT = 3;
  const EARLIER_BATCH = 2;

  function createChat(wid, attrs = {}) {
    const chat = new ChatModel({
      id: wid, t: nowSeconds(), unreadCount: 0, archive: false, pin: 0, isLocked: false, isReadOnly: false,
      muteExpiration: 0, mute: { expiration: 0 }, ...attrs,
    });
    chat.set('msgs', new Collection({ model: MsgModel, comparator: byTimeAsc }), { silent: true });
    Object.defineProperty(chat, '_earlier', { value: [], writable: true });
    Object.defineProperty(chat, '_activity', { value: 0, writable: true });
    return Chat.add(chat);
  }

  function createGroupMetadata(wid, { subject, owner, creation, desc, participants }) {
    const meta = new Model({ id: wid, owner, subject, creation, desc, announce: false, restrict: false, isLidAddressingMode: false, size: participants.length });
    const members = new Collection();
    members.add(participants.map((p) => new Model(p)));
    meta.set('participants', members, { silent: true });
    return GroupMetadata.add(meta);
  }

  function newMessage(chat, { fromMe, body, t, author, id, extra }) {
    const group = chat.id.isGroup();
    const authorWid = group && !fromMe ? author : undefined;
    const key = new MsgKey({
      from: fromMe ? ME : chat.id, to: fromMe ? chat.id : ME, id: id || phoneMsgId(),
      participant: group ? (fromMe ? ME : authorWid) : undefined, selfDir: fromMe ? 'out' : 'in',
    });
    return new MsgModel({
      id: key, type: 'chat', body, t, from: fromMe ? ME : chat.id, to: fromMe ? chat.id : ME, author: authorWid,
      ack: fromMe ? 3 : 1, isNewMsg: false, self: fromMe ? 'out' : 'in', star: false, isForwarded: false, ...extra,
    });
  }

  // The one way a message enters the app: Msg 'add' is what the library turns into message_create
  // (and message when not fromMe); chat t/lastReceivedKey drive getChats() order and lastMessage.
  function addMessage(chat, msg, { unread = false } = {}) {
    chat.msgs.add(msg);
    Msg.add(msg);
    chat._activity = ++activitySeq;
    chat.set({ t: Math.max(chat.t || 0, msg.t), lastReceivedKey: msg.id, ...(unread ? { unreadCount: chat.unreadCount + 1 } : {}) });
    Chat.sort(); // also when t did not change (same second)
    saveDb();
    return msg;
  }

  function findMessage(id) {
    const found = Msg.get(id);
    if (found) return found;
    for (const chat of Chat.getModelsArray()) {
      const earlier = chat._earlier.find((m) => m.id._serialized === keyOf(id));
      if (earlier) return Msg.add(earlier);
    }
    return undefined;
  }

