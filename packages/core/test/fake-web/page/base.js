  // ===============================================================================================
  // 1. Config, storage, diagnostics
  // ===============================================================================================
  const CONFIG = {
    autoScanAfterMs: null,
    autoEnterCodeAfterMs: null,
    qrRotateMs: 20000,
    bootDelayMs: 100,
    pairingDelayMs: 150,
    syncDelayMs: 150,
    uploadDelayMs: 60,
    downloadDelayMs: 30,
    unregisteredNumbers: ['15550009999'],
    ...(window.__fakeWaConfig || {}),
  };
  const VERSION = '2.3000.1000000000';
  const ACCOUNT = { wid: '15550001111@c.us', pushname: 'Fake Account', platform: 'android' };
  const ALICE = '15550002222@c.us';
  const BOB = '15550003333@c.us';
  const GROUP = '120363000000000001@g.us';

  // Everything that must survive a restart lives in this origin's localStorage, i.e. inside the
  // Chromium profile LocalAuth keeps at <dataPath>/session-default: a restart restores without a QR,
  // LocalAuth's logout (rm -rf of the profile) unlinks, and a hard kill can lose it, like the real app.
  const KEYS_KEY = 'fakeWa.keys';
  const PAIRED_KEY = 'fakeWa.paired';
  const DB_KEY = 'fakeWa.db';
  const storage = {
    read(key) {
      try { return JSON.parse(localStorage.getItem(key)); } catch { return null; }
    },
    write(key, value) { localStorage.setItem(key, JSON.stringify(value)); },
    wipe() { for (const key of [KEYS_KEY, PAIRED_KEY, DB_KEY]) localStorage.removeItem(key); },
  };

  // Errors inside the library's injected code are swallowed on the Node side; keep them visible here.
  const errors = [];
  window.addEventListener('error', (e) => errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) =>
    errors.push('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason))));

  const randomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));
  const hex = (n) => Array.from(randomBytes(n), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  const b64 = (bytes) => {
    const all = new Uint8Array(bytes);
    let text = '';
    for (let i = 0; i < all.length; i += 0x8000) text += String.fromCharCode(...all.subarray(i, i + 0x8000)); // spread has an argument limit
    return btoa(text);
  };
  const unb64 = (text) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ===============================================================================================
  // 2. Backbone-like events, models and collections: the shapes the library's injected code reads
  // ===============================================================================================
  const splitNames = (names) => String(names).split(/\s+/).filter(Boolean);

  class Events {
    _ev() {
      // Non-enumerable: the library scans WAWebCallCollection's own keys for "the" Map.
      if (!this._events) Object.defineProperty(this, '_events', { value: {}, writable: true });
      return this._events;
    }
    on(names, callback, context) {
      for (const name of splitNames(names)) (this._ev()[name] ||= []).push({ callback, context });
      return this;
    }
    once(names, callback, context) {
      for (const name of splitNames(names)) {
        const wrapper = (...args) => { this.off(name, wrapper); callback.apply(context ?? this, args); };
        wrapper._original = callback;
        this.on(name, wrapper, context);
      }
      return this;
    }
    off(names, callback) {
      const events = this._ev();
      for (const name of names ? splitNames(names) : Object.keys(events)) {
        if (!callback) delete events[name];
        else events[name] = (events[name] || []).filter((l) => l.callback !== callback && l.callback._original !== callback);
      }
      return this;
    }
    trigger(name, ...args) {
      for (const l of [...(this._ev()[name] || [])]) l.callback.apply(l.context ?? this, args);
      for (const l of [...(this._ev().all || [])]) l.callback.apply(l.context ?? this, [name, ...args]);
      return this;
    }
    listenerCount(name) { return (this._ev()[name] || []).length; }
  }

  // Attributes are readable and writable as properties (chat.t = 5 goes through set), and set()
  // fires change:<key> with (model, value, previous) and then change(model); both bubble to the
  // collections holding the model, which is how the library's Msg.on('change:ack') works.
  class Model extends Events {
    constructor(attrs = {}) {
      super();
      Object.defineProperty(this, 'attributes', { value: {} });
      Object.defineProperty(this, 'collections', { value: new Set() });
      this.set(attrs, { silent: true });
    }
    get(key) { return this.attributes[key]; }
    set(key, value, options) {
      const attrs = key !== null && typeof key === 'object' ? key : { [key]: value };
      const opts = (key !== null && typeof key === 'object' ? value : options) || {};
      const changed = [];
      for (const [k, v] of Object.entries(attrs)) {
        if (!(k in this)) {
          Object.defineProperty(this, k, {
            get: () => this.attributes[k], set: (nv) => this.set(k, nv), configurable: true,
          });
        }
        const previous = this.attributes[k];
        if (previous === v) continue;
        this.attributes[k] = v;
        changed.push([k, v, previous]);
      }
      if (!opts.silent) {
        for (const [k, v, previous] of changed) this.trigger('change:' + k, this, v, previous);
        if (changed.length) this.trigger('change', this);
      }
      return this;
    }
    trigger(name, ...args) {
      super.trigger(name, ...args);
      if (name === 'change' || name.startsWith('change:')) for (const c of this.collections) c.trigger(name, ...args);
      return this;
    }
    serialize() { return toPlain(this.attributes); }
    toJSON() { return this.serialize(); }
    unsafe() { return this; }
  }

  const keyOf = (x) => (x == null ? undefined : typeof x === 'string' ? x : x._serialized ?? keyOf(x.id));

  class Collection extends Events {
    constructor({ model = Model, comparator, sortOn = [] } = {}) {
      super();
      this.modelClass = model;
      this._models = [];
      this._index = new Map();
      Object.defineProperty(this, 'comparator', { value: comparator });
      if (comparator && sortOn.length) this.on(sortOn.map((k) => 'change:' + k).join(' '), () => this.sort());
    }
    get length() { return this._models.length; }
    get(id) { return this._index.get(keyOf(id)); }
    add(input, options = {}) {
      const list = Array.isArray(input) ? input : [input];
      const added = [];
      for (const item of list) {
        const existing = this.get(item.id);
        if (existing) {
          if (options.merge && !(item instanceof Model)) existing.set(item);
          continue;
        }
        const model = item instanceof Model ? item : new this.modelClass(item);
        this._insert(model);
        model.collections.add(this);
        this._index.set(keyOf(model.id), model);
        added.push(model);
      }
      if (!options.silent) for (const m of added) this.trigger('add', m, this, options);
      return Array.isArray(input) ? added : this.get(list[0].id);
    }
    _insert(model) {
      if (!this.comparator) return void this._models.push(model);
      const at = this._models.findIndex((m) => this.comparator(model, m) < 0);
      if (at === -1) this._models.push(model); else this._models.splice(at, 0, model);
    }
    remove(input) {
      const removed = [];
      for (const item of Array.isArray(input) ? input : [input]) {
        const model = this.get(item instanceof Model ? item.id : item);
        if (!model) continue;
        this._models.splice(this._models.indexOf(model), 1);
        this._index.delete(keyOf(model.id));
        model.collections.delete(this);
        removed.push(model);
        this.trigger('remove', model, this);
      }
      return removed;
    }
    sort() { if (this.comparator) { this._models.sort(this.comparator); this.trigger('sort', this); } return this; }
    getModelsArray() { return [...this._models]; }
    map(fn) { return this._models.map(fn); }
    filter(fn) { return this._models.filter(fn); }
    forEach(fn) { this._models.forEach(fn); }
    serialize() { return this._models.map((m) => m.serialize()); }
    toJSON() { return this.serialize(); }
  }

  // What serialize() hands to puppeteer: plain data, ids kept as Wid/MsgKey objects (their own
  // fields survive returnByValue; JSON.stringify in exposed-function calls uses Wid.toJSON).
  function toPlain(v) {
    if (v instanceof Model || v instanceof Collection) return v.serialize();
    if (v instanceof Wid || v instanceof MsgKey) return v;
    if (Array.isArray(v)) return v.map(toPlain);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
    }
    return v;
  }

