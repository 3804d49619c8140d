import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A JSON document on disk that is either the old or the new version, never half of one: written to
 * a temporary file, flushed, then renamed over the old one. Owner-only: it holds webhook secrets.
 */
export class AtomicJsonFile<T> {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  read(fallback: T): T {
    try {
      return JSON.parse(readFileSync(this.#path, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
      throw new Error(`${this.#path} is not readable JSON (${(error as Error).message}); move it away to start afresh`);
    }
  }

  write(value: T): void {
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    const temporary = `${this.#path}.tmp`;
    writeFileSync(temporary, JSON.stringify(value), { mode: 0o600, flush: true });
    renameSync(temporary, this.#path);
  }
}
