  // ===============================================================================================
  // 6. The connection script: OPENING -> UNPAIRED (QR or code) -> PAIRING -> CONNECTED -> synced
  // ===============================================================================================
  const session = { generation: 0, linking: 'qr', pairing: null, qrTimer: null, linkedDevice: null };
  const offline = { progress: 0 };
  let keys = storage.read(KEYS_KEY);
  if (!keys) {
    keys = { noise: b64(randomBytes(32)), identity: b64(randomBytes(32)), adv: b64(randomBytes(32)), registrationId: 1 + (randomBytes(2)[0] << 6) };
    storage.write(KEYS_KEY, keys);
  }

  function boot() {
    const generation = session.generation;
    setTimeout(() => {
      if (generation !== session.generation) return;
      const paired = storage.read(PAIRED_KEY);
      if (paired && paired.wid === ACCOUNT.wid) {
        ME = createWid(paired.wid);
        session.linkedDevice = paired.device;
        const db = storage.read(DB_KEY);
        if (db) loadDb(db); else seedAccount();
        goConnected();
      } else {
        showQr();
      }
    }, CONFIG.bootDelayMs);
  }

  function rotateQr() { Conn.set('ref', '2@' + b64(randomBytes(36))); }

  function showQr() {
    session.linking = 'qr';
    rotateQr(); // the ref first: the library reads Conn.ref as soon as it sees UNPAIRED
    Socket.set('state', 'UNPAIRED');
    clearInterval(session.qrTimer);
    session.qrTimer = setInterval(() => {
      if (Socket.state === 'UNPAIRED' && session.linking === 'qr') rotateQr();
    }, CONFIG.qrRotateMs);
    if (CONFIG.autoScanAfterMs != null) {
      const generation = session.generation;
      setTimeout(() => {
        if (generation === session.generation && Socket.state === 'UNPAIRED' && session.linking === 'qr') scan();
      }, CONFIG.autoScanAfterMs);
    }
  }

  function requireUnpaired() {
    if (Socket.state !== 'UNPAIRED' && Socket.state !== 'UNPAIRED_IDLE') {
      throw new Error('not linking: socket state is ' + Socket.state);
    }
  }

  function scan() {
    requireUnpaired();
    if (session.linking !== 'qr') throw new Error('no QR on screen: the page is in pairing-code mode');
    link('qr');
  }

  function enterPairingCode(code) {
    requireUnpaired();
    const pairing = session.pairing;
    if (session.linking !== 'code' || !pairing) throw new Error('no pairing code has been requested');
    if (code !== undefined && code !== pairing.code) throw new Error('wrong pairing code ' + code);
    if (pairing.phoneNumber !== ME_DIGITS) {
      throw new Error('the code was requested for +' + pairing.phoneNumber + ', the fake phone is +' + ME_DIGITS);
    }
    link('code');
  }
  const ME_DIGITS = ACCOUNT.wid.split('@')[0];

  function link(via) {
    clearInterval(session.qrTimer);
    Socket.set('state', 'PAIRING');
    const generation = session.generation;
    setTimeout(() => {
      if (generation !== session.generation) return;
      // The phone records this device with the browser info the app reports (deviceName option).
      session.linkedDevice = { ...window.require('WAWebMiscBrowserUtils').info(), via };
      ME = createWid(ACCOUNT.wid);
      storage.write(PAIRED_KEY, { wid: ACCOUNT.wid, pairedAt: Date.now(), device: session.linkedDevice });
      seedAccount();
      goConnected();
    }, CONFIG.pairingDelayMs);
  }

  function goConnected() {
    session.linking = null;
    session.pairing = null;
    // Conn.ref stays as it was: the library emits a qr on every change:ref, even to undefined.
    Conn.set({ wid: ME, pushname: ACCOUNT.pushname, platform: ACCOUNT.platform });
    Socket.set('state', 'CONNECTED');
    syncWhenObserved(session.generation);
  }

  // Real WhatsApp Web needs seconds to sync after CONNECTED, always longer than the library needs to
  // attach its change:hasSynced listener (several round trips after it sees the state change). If
  // hasSynced flipped before that, the library would never emit ready; so the fake finishes its sync
  // only once someone listens, then after syncDelayMs, reporting offline progress on the way.
  function syncWhenObserved(generation) {
    const tick = () => {
      if (generation !== session.generation || Socket.state !== 'CONNECTED' || Socket.hasSynced) return;
      if (Socket.listenerCount('change:hasSynced') === 0) return void setTimeout(tick, 25);
      setTimeout(() => {
        if (generation !== session.generation || Socket.state !== 'CONNECTED') return;
        for (const progress of [50, 100]) {
          offline.progress = progress;
          Cmd.trigger('offline_progress_update_from_bridge');
        }
        Socket.set('hasSynced', true);
      }, CONFIG.syncDelayMs);
    };
    tick();
  }

  // Both logouts wipe what the origin stored and reload the app at the same URL, which is what the
  // library watches for (it cannot serve "?post_logout=1" from its local cache, so it relies on the
  // Cmd 'logout'/'logout_from_bridge' event it saw first). The reload waits a little so the library's
  // handler for that event has run, and so the evaluate() that called logout() can return.
  function endLinkedSession(kind) {
    session.generation++;
    clearInterval(session.qrTimer);
    storage.wipe();
    Cmd.trigger(kind === 'logout' ? 'logout' : 'logout_from_bridge');
    setTimeout(() => location.reload(), 150);
  }

  function phoneLogout() {
    if (Socket.state !== 'CONNECTED' && Socket.state !== 'CONFLICT') throw new Error('not linked: socket state is ' + Socket.state);
    endLinkedSession('phone');
  }

  // On CONFLICT the library destroys the browser: change the state only after the evaluate() that
  // called this knob has returned, or that call can fail with the closed target.
  function conflict() {
    if (Socket.state !== 'CONNECTED') throw new Error('not connected: socket state is ' + Socket.state);
    setTimeout(() => Socket.set('state', 'CONFLICT'), 0);
  }

