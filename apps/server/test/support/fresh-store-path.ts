import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A message-store file of its own for each test gateway, so parallel tests never share history. */
export function freshStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'wa-store-')), 'messages.db');
}
