  function isRegistered(wid) {
    return wid.server === 'c.us' && !CONFIG.unregisteredNumbers.includes(wid.user);
  }

  function receiveMessage(fromChatId, body, authorId) {
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
    const msg = newMessage(chat, { fromMe: false, body: String(body), t: nowSeconds(), author, extra: { isNewMsg: true } });
    addMessage(chat, msg, { unread: true });
    return msg.id._serialized;
  }

