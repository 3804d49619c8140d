  // ===============================================================================================
  // 3. Ids: Wid ("15550001111@c.us") and message keys ("true_<remote>_<id>[_<participant>]")
  // ===============================================================================================
  class Wid {
    constructor(serialized) {
      const at = serialized.indexOf('@');
      this.server = serialized.slice(at + 1);
      this.user = serialized.slice(0, at);
      this._serialized = serialized;
    }
    isUser() { return this.server === 'c.us' || this.server === 'lid'; }
    isLid() { return this.server === 'lid'; }
    isGroup() { return this.server === 'g.us'; }
    isBroadcast() { return this.server === 'broadcast'; }
    isStatus() { return this.user === 'status' && this.server === 'broadcast'; }
    isNewsletter() { return this.server === 'newsletter'; }
    equals(other) { return keyOf(other) === this._serialized; }
    toString() { return this._serialized; }
    toJSON() { return this._serialized; }
  }

  const WID_RE = /^(\d{5,20})@(c\.us|lid)$|^(\d{5,20}(-\d+)?)@g\.us$|^status@broadcast$|^\d+@(broadcast|newsletter)$/;
  function createWid(input) {
    if (input instanceof Wid) return new Wid(input._serialized);
    if (input && typeof input === 'object' && typeof input._serialized === 'string') return createWid(input._serialized);
    if (typeof input !== 'string') throw new Error('createWid: not a wid: ' + String(input));
    const serialized = input.replace(/@s\.whatsapp\.net$/, '@c.us');
    if (!WID_RE.test(serialized)) throw new Error('createWid: invalid wid "' + input + '"');
    return new Wid(serialized);
  }

  class MsgKey {
    constructor({ from, to, id, participant, selfDir }) {
      if (!id || (selfDir !== 'in' && selfDir !== 'out')) throw new Error('MsgKey: id and selfDir are required');
      this.fromMe = selfDir === 'out';
      this.remote = this.fromMe ? to : from;
      this.id = id;
      if (participant) this.participant = participant;
      this._serialized = [this.fromMe, keyOf(this.remote), id].concat(participant ? [keyOf(participant)] : []).join('_');
    }
    static async newId() { return '3EB0' + hex(8); } // web-sent ids: short, "3EB0..." (Message.deviceType 'web')
    static of(fromMe, remote, id, participant) {
      return new MsgKey({ from: remote, to: remote, id, participant, selfDir: fromMe ? 'out' : 'in' });
    }
    toString() { return this._serialized; }
    equals(other) { return keyOf(other) === this._serialized; }
  }
  const phoneMsgId = () => hex(16); // ids made on an Android phone: 32 hex chars

