  // ===============================================================================================
  // 5. The account behind the fake phone: seed data and its persistence
  // ===============================================================================================
  function seedAccount() {
    const now = nowSeconds();
    const at = (minutesAgo) => now - minutesAgo * 60;
    const alice = createWid(ALICE);
    const bob = createWid(BOB);
    Contact.add([
      { id: ME, pushname: ACCOUNT.pushname, isAddressBookContact: false },
      { id: alice, name: 'Alice Example', shortName: 'Alice', pushname: 'Alice', isAddressBookContact: true },
      { id: bob, name: 'Bob Example', shortName: 'Bob', pushname: 'Bob', isAddressBookContact: true },
    ].map((c) => ({ type: 'in', isBusiness: false, isEnterprise: false, isContactBlocked: false, statusMute: false, labels: [], ...c })));
    const groupWid = createWid(GROUP);
    createGroupMetadata(groupWid, {
      subject: 'Fake Group', owner: ME, creation: at(60 * 24 * 30), desc: 'A group on the fake phone',
      participants: [
        { id: ME, isAdmin: true, isSuperAdmin: true },
        { id: alice, isAdmin: true, isSuperAdmin: false },
        { id: bob, isAdmin: false, isSuperAdmin: false },
      ],
    });
    // Oldest activity first here; the chat list shows the group, then Bob, then Alice.
    const script = [
      [createChat(alice, { t: 0 }), [[220, false, "Hi, it's Alice"], [210, true, 'Hello Alice'], [180, false, 'Lunch tomorrow?'], [170, true, 'Sure, 12:30'], [165, false, 'See you then']]],
      [createChat(bob, { t: 0 }), [[80, true, 'Did you get the files?'], [70, false, 'Yes, thanks'], [60, false, 'Call me later', null, true]]],
      [createChat(groupWid, { t: 0, name: 'Fake Group', groupMetadata: GroupMetadata.get(groupWid) }), [[50, false, 'Welcome to the group', alice], [40, true, 'Thanks!'], [30, false, 'Meeting at 3?', bob]]],
    ];
    for (const [chat, lines] of script) {
      const msgs = lines.map(([ago, fromMe, body, author, unread]) => {
        if (unread) chat.set('unreadCount', chat.unreadCount + 1, { silent: true });
        return newMessage(chat, { fromMe, body, t: at(ago), author });
      });
      placeHistory(chat, msgs);
    }
    saveDb();
  }

  function placeHistory(chat, msgs) {
    msgs.sort(byTimeAsc);
    chat._earlier = msgs.slice(0, Math.max(0, msgs.length - LOADED_PER_CHAT));
    for (const m of msgs.slice(chat._earlier.length)) { chat.msgs.add(m, { silent: true }); Msg.add(m, { silent: true }); }
    const last = msgs[msgs.length - 1];
    if (last) chat.set({ t: last.t, lastReceivedKey: last.id }); // change:t re-sorts the chat list
  }

  // Wid and MsgKey need tagging to come back as objects with methods after a JSON round trip.
  function encode(v) {
    if (v instanceof Wid) return { $wid: v._serialized };
    if (v instanceof MsgKey) return { $key: [v.fromMe, keyOf(v.remote), v.id, v.participant ? keyOf(v.participant) : null] };
    if (v instanceof Model || v instanceof Collection) return undefined;
    if (Array.isArray(v)) return v.map(encode);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    return v;
  }
  function decode(v) {
    if (Array.isArray(v)) return v.map(decode);
    if (v && typeof v === 'object') {
      if (v.$wid) return createWid(v.$wid);
      if (v.$key) return MsgKey.of(v.$key[0], createWid(v.$key[1]), v.$key[2], v.$key[3] ? createWid(v.$key[3]) : undefined);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
    return v;
  }

  function saveDb() {
    if (!ME || !storage.read(PAIRED_KEY)) return; // logged out meanwhile: nothing to keep
    storage.write(DB_KEY, {
      contacts: Contact.map((c) => encode(c.attributes)),
      groups: GroupMetadata.map((g) => ({ ...encode(g.attributes), participants: g.participants.map((p) => encode(p.attributes)) })),
      chats: Chat.map((chat) => ({
        ...encode(chat.attributes),
        msgs: [...chat._earlier, ...chat.msgs.getModelsArray()].map((m) => encode({ ...m.attributes, isNewMsg: false })),
      })),
    });
  }

  function loadDb(db) {
    Contact.add(db.contacts.map(decode));
    for (const g of db.groups) {
      const { participants, ...attrs } = decode(g);
      createGroupMetadata(attrs.id, { ...attrs, participants });
    }
    for (const c of db.chats) {
      const { msgs, ...attrs } = decode(c);
      const chat = createChat(attrs.id, { ...attrs, groupMetadata: GroupMetadata.get(attrs.id) });
      placeHistory(chat, msgs.map((m) => new MsgModel(m)));
    }
  }

