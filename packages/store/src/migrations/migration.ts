/** One step of the schema. Versions start at 1 and follow each other without gaps. */
export interface Migration {
  /** The `PRAGMA user_version` the database has once this step ran. */
  version: number;
  name: string;
  /** Statements run inside the migration's transaction. Never edit a shipped migration: add one. */
  sql: string;
}
