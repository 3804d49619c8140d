import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the schema to the newest version (or to `migrations`' last one): every pending step runs
 * in order inside one IMMEDIATE transaction, each followed by `PRAGMA user_version`, so a failed
 * step leaves the file as it was and two processes opening the same file cannot both migrate it.
 * A file written by a newer version is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const run = db.transaction((): MigrationResult => {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > latest) {
      throw new Error(`The message store ${db.name} has schema version ${from}, newer than this gateway knows (${latest}): upgrade the gateway or move the file away.`);
    }
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    return { from, to: Math.max(from, latest) };
  });
  return run.immediate();
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`);
  });
}
