  // ===============================================================================================
  // 11. Test knobs, a tiny screen, and boot
  // ===============================================================================================
  window.__fakeWa = Object.freeze({
    scan,
    enterPairingCode,
    phoneLogout,
    conflict,
    receiveMessage,
    receiveMedia,
    receiveLocation,
    receiveReaction,
    expireMedia,
    messageInfo,
    state: () => ({
      version: VERSION,
      socketState: Socket.state,
      hasSynced: Socket.hasSynced,
      paired: Boolean(storage.read(PAIRED_KEY)),
      me: ME ? ME._serialized : null,
      qrRef: showingQr() ? Conn.ref : null,
      linking: session.linking,
      pairing: session.pairing ? { ...session.pairing } : null,
      linkedDevice: session.linkedDevice,
      streamAvailable: Stream.available,
      chatStates: Object.fromEntries(chatStates),
      media: { uploads: [...mediaLog.uploads], downloads: [...mediaLog.downloads], storedFiles: mediaServer.size },
      chats: Chat.map((c) => ({ id: c.id._serialized, t: c.t, unreadCount: c.unreadCount, loaded: c.msgs.length, earlier: c._earlier.length })),
      hasSyncedListeners: Socket.listenerCount('change:hasSynced'),
      unknownRequires: [...unknownRequires],
      errors: [...errors],
      config: { ...CONFIG },
    }),
  });

  const showingQr = () => Socket.state === 'UNPAIRED' && session.linking === 'qr';
  const screen = document.getElementById('screen');
  const render = () => {
    screen.textContent = 'Fake WhatsApp Web ' + VERSION + '\nstate: ' + Socket.state + (Socket.hasSynced ? ' (synced)' : '') +
      (showingQr() ? '\nQR: ' + Conn.ref : '') + (session.pairing ? '\ncode: ' + session.pairing.code : '') +
      (ME ? '\naccount: ' + ME._serialized : '');
  };
  Socket.on('change', render);
  Conn.on('change:ref', render);

  window.Debug = { VERSION }; // last: the library starts injecting as soon as it sees this
  render();
  boot();
