/** A seeded generator (mulberry32): the same seed builds the same store on every run. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 0x100000000).toString(16).toUpperCase().padStart(8, '0');
    return out.slice(0, length);
  }
}

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent. */
export class Zipf {
  readonly #cdf: Float64Array;

  constructor(n: number, exponent: number) {
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let rank = 0; rank < n; rank += 1) {
      sum += 1 / (rank + 1) ** exponent;
      this.#cdf[rank] = sum;
    }
    for (let rank = 0; rank < n; rank += 1) this.#cdf[rank]! /= sum;
  }

  /** Share of draws that land on `rank`. */
  probability(rank: number): number {
    return this.#cdf[rank]! - (rank === 0 ? 0 : this.#cdf[rank - 1]!);
  }

  draw(random: Random): number {
    const target = random.next();
    let low = 0;
    let high = this.#cdf.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#cdf[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
