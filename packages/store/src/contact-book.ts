import type { Contact } from '@wa/core';
import type { Database, Statement } from 'better-sqlite3';
import { contactQueryWords, contactSearchKey, contactSortName, MAX_QUERY_WORDS } from './contact-search.js';

interface ContactRow {
  id: string;
  number: string | null;
  name: string | null;
  pushname: string | null;
  is_my_contact: number;
  is_business: number;
  is_blocked: number;
}

const COLUMNS = 'id, number, name, pushname, is_my_contact, is_business, is_blocked';

/**
 * Best first: a name or pushname starting with the first word, then one with a word starting
 * with it, then the rest; own contacts first; then by the name people see. (The same rules as
 * core's `matchContacts`, which answers from the browser before contacts are stored.)
 */
const ORDER = `ORDER BY CASE WHEN instr(search_key, char(10) || @w0) > 0 THEN 0 WHEN instr(search_key, ' ' || @w0) > 0 THEN 1 ELSE 2 END,
  is_my_contact DESC, sort_name, id LIMIT @limit`;

/** The contacts table: the address book as the driver reports it, searchable by folded text. */
export class ContactBook {
  readonly #db: Database;
  readonly #upsert: Statement<[Record<string, string | number | null>]>;
  readonly #byId: Statement<[string], ContactRow>;
  /** One search statement per number of query words (0 to MAX_QUERY_WORDS), made on first use. */
  readonly #searches = new Map<number, Statement<[Record<string, string | number>], ContactRow>>();
  readonly #upsertAll: (contacts: readonly Contact[]) => void;

  constructor(db: Database) {
    this.#db = db;
    this.#upsert = db.prepare(
      `INSERT INTO contacts (id, number, name, pushname, is_my_contact, is_business, is_blocked, search_key, sort_name)
       VALUES (@id, @number, @name, @pushname, @isMyContact, @isBusiness, @isBlocked, @searchKey, @sortName)
       ON CONFLICT (id) DO UPDATE SET
         number = excluded.number, name = excluded.name, pushname = excluded.pushname, is_my_contact = excluded.is_my_contact,
         is_business = excluded.is_business, is_blocked = excluded.is_blocked, search_key = excluded.search_key, sort_name = excluded.sort_name`,
    );
    this.#byId = db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE id = ?`);
    this.#upsertAll = db.transaction((contacts: readonly Contact[]) => {
      for (const contact of contacts) this.#upsert.run(toParams(contact));
    });
  }

  upsert(contacts: readonly Contact[]): void {
    if (contacts.length > 0) this.#upsertAll(contacts);
  }

  get(contactId: string): Contact | null {
    const row = this.#byId.get(contactId);
    return row ? toContact(row) : null;
  }

  search(query: string, limit: number): Contact[] {
    if (limit <= 0) return [];
    const words = contactQueryWords(query);
    const params: Record<string, string | number> = { limit: Math.trunc(limit), w0: words[0] ?? '' };
    words.forEach((word, index) => (params[`w${index}`] = word));
    return this.#statement(words.length).all(params).map(toContact);
  }

  #statement(words: number): Statement<[Record<string, string | number>], ContactRow> {
    let statement = this.#searches.get(words);
    if (!statement) {
      const conditions = Array.from({ length: Math.min(words, MAX_QUERY_WORDS) }, (_, index) => `instr(search_key, @w${index}) > 0`);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      statement = this.#db.prepare(`SELECT ${COLUMNS} FROM contacts ${where} ${ORDER}`);
      this.#searches.set(words, statement);
    }
    return statement;
  }
}

function toParams(contact: Contact): Record<string, string | number | null> {
  return {
    id: contact.id,
    number: contact.number,
    name: contact.name,
    pushname: contact.pushname,
    isMyContact: contact.isMyContact ? 1 : 0,
    isBusiness: contact.isBusiness ? 1 : 0,
    isBlocked: contact.isBlocked ? 1 : 0,
    searchKey: contactSearchKey(contact),
    sortName: contactSortName(contact),
  };
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    pushname: row.pushname,
    isMyContact: row.is_my_contact === 1,
    isBusiness: row.is_business === 1,
    isBlocked: row.is_blocked === 1,
  };
}
