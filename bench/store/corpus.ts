import type { Chat, Message } from '../../packages/core/src/index.js';
import { Random, Zipf } from './random.js';

export const OWN_WID = '15550000000@c.us';
const TWO_YEARS = 2 * 365 * 24 * 3600;

export interface CorpusOptions {
  messages: number;
  chats: number;
  vocabulary: readonly string[];
  /** Unix seconds of the first message; the last one is two years later. */
  start: number;
  seed?: number;
}

interface ChatPlan {
  chat: Chat;
  members: string[];
}

/**
 * A generated account history: `chats` chats whose activity follows a Zipf law (a few busy chats,
 * a long tail of quiet ones), about one in six a group, two years of messages in time order, text
 * drawn word by word from a Zipf distribution over the vocabulary (exponent 1, as in natural
 * language), 3-25 words per message, and a share of media (with and without captions).
 */
export class Corpus {
  readonly chats: Chat[];
  readonly #plans: ChatPlan[];
  readonly #options: CorpusOptions;
  readonly #random: Random;
  readonly #words: Zipf;
  readonly #chatActivity: Zipf;
  #produced = 0;

  constructor(options: CorpusOptions) {
    this.#options = options;
    this.#random = new Random(options.seed ?? 42);
    this.#words = new Zipf(options.vocabulary.length, 1);
    this.#chatActivity = new Zipf(options.chats, 0.9);
    this.#plans = Array.from({ length: options.chats }, (_, index) => this.#planChat(index));
    this.chats = this.#plans.map((plan) => plan.chat);
  }

  /** Rank of the chat `index` in activity order: 0 is the busiest. */
  chatShare(index: number): number {
    return this.#chatActivity.probability(index);
  }

  /** Share of words in the text that are the vocabulary word of `rank`. */
  wordShare(rank: number): number {
    return this.#words.probability(rank);
  }

  /** The next `count` messages in time order (fewer at the end). */
  next(count: number): Array<Message & { chatId: string }> {
    const out: Array<Message & { chatId: string }> = [];
    const { messages, start } = this.#options;
    while (out.length < count && this.#produced < messages) {
      const timestamp = start + Math.floor((this.#produced / messages) * TWO_YEARS) + this.#random.int(0, 30);
      out.push(this.#message(this.#plans[this.#chatActivity.draw(this.#random)]!, timestamp));
      this.#produced += 1;
    }
    return out;
  }

  text(words = this.#random.int(3, 25)): string {
    const vocabulary = this.#options.vocabulary;
    const parts: string[] = [];
    for (let i = 0; i < words; i += 1) {
      let word = vocabulary[this.#words.draw(this.#random)]!;
      if (i === 0 || this.#random.chance(0.03)) word = word.charAt(0).toUpperCase() + word.slice(1);
      parts.push(word);
      if (this.#random.chance(0.08)) parts.push(this.#random.pick([',', '.', '!', '?', ' :)', ' 😂', ' 👍']));
    }
    return parts.join(' ').replace(/ ([,.!?])/g, '$1');
  }

  #message(plan: ChatPlan, timestamp: number): Message & { chatId: string } {
    const random = this.#random;
    const fromMe = random.chance(0.4);
    const sender = plan.members.length === 1 ? plan.members[0]! : random.pick(plan.members);
    const kind = random.next();
    const [type, hasMedia, body] =
      kind < 0.9 ? ['chat', false, this.text()]
      : kind < 0.95 ? ['image', true, random.chance(0.5) ? this.text(random.int(1, 8)) : '']
      : kind < 0.98 ? ['ptt', true, '']
      : kind < 0.99 ? ['document', true, `${this.text(2).toLowerCase().replace(/\W+/gu, '_')}.pdf`]
      : ['sticker', true, ''];
    return {
      id: `${fromMe}_${plan.chat.id}_3EB0${random.hex(16)}`,
      chatId: plan.chat.id,
      from: fromMe ? OWN_WID : plan.chat.isGroup ? plan.chat.id : sender,
      to: fromMe ? plan.chat.id : OWN_WID,
      author: plan.chat.isGroup ? (fromMe ? OWN_WID : sender) : null,
      fromMe,
      type,
      body,
      timestamp,
      hasMedia,
    };
  }

  #planChat(index: number): ChatPlan {
    const random = this.#random;
    const isGroup = index % 6 === 5;
    const contact = (n: number) => `1555${String(1_000_000 + n).padStart(7, '0')}@c.us`;
    const id = isGroup ? `120363${String(100_000_000 + index)}@g.us` : contact(index);
    const members = isGroup ? Array.from({ length: random.int(3, 30) }, () => contact(random.int(0, 5000))) : [id];
    const chat: Chat = {
      id,
      name: isGroup ? `Group ${index}` : `Contact ${index}`,
      isGroup,
      isReadOnly: false,
      unreadCount: random.int(0, 3),
      timestamp: null,
      archived: false,
      pinned: false,
      muted: false,
      lastMessage: null,
    };
    return { chat, members };
  }
}
