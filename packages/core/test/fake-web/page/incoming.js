  // ===============================================================================================
  // 7. Incoming messages: what the receive* knobs deliver, as the phone's contacts would send them
  // ===============================================================================================
  function isRegistered(wid) {
    return wid.server === 'c.us' && !CONFIG.unregisteredNumbers.includes(wid.user);
  }

  function receiveMessage(fromChatId, body, authorId) {
    return deliverIncoming(fromChatId, authorId, { body: String(body) });
  }

  /** Knob: someone shares a location (name and address optional). */
  function receiveLocation(fromChatId, { latitude, longitude, name, address }, authorId) {
    const loc = [name, address].filter(Boolean).join('\n');
    return deliverIncoming(fromChatId, authorId, { type: 'location', lat: latitude, lng: longitude, loc: loc || undefined, body: undefined });
  }

  // `attrs` overrides the text message's attributes; in groups the author defaults to a member.
  function deliverIncoming(fromChatId, authorId, attrs) {
    if (Socket.state !== 'CONNECTED' || !Socket.hasSynced) throw new Error('not connected and synced');
    const chatWid = createWid(fromChatId);
    if (!chatWid.isGroup() && !isRegistered(chatWid)) throw new Error(fromChatId + ' is not on WhatsApp');
    const chat = Chat.get(chatWid) || (chatWid.isGroup() ? null : createChat(chatWid));
    if (!chat) throw new Error('unknown group ' + fromChatId);
    let author;
    if (chatWid.isGroup()) {
      const members = chat.groupMetadata.participants;
      author = authorId ? createWid(authorId) : members.getModelsArray().map((p) => p.id).find((id) => !id.equals(ME));
      if (!members.get(author)) throw new Error(keyOf(author) + ' is not a member of ' + fromChatId);
    }
    if (!Contact.get(author || chatWid)) Contact.add({ id: author || chatWid, isAddressBookContact: false });
    const msg = newMessage(chat, { fromMe: false, body: attrs.body, t: nowSeconds(), author, extra: { isNewMsg: true, ...attrs } });
    addMessage(chat, msg, { unread: true });
    return msg.id._serialized;
  }
