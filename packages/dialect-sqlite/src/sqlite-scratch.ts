import type { Connection, ScratchOptions } from '@autogen/dialect';
import { connectSqlite } from './sqlite-connection';

/**
 * Opens an empty in-memory SQLite database, the scratch database of `autogen check --offline`: every revision is
 * replayed into it and closing it discards it. Same settings as {@link connectSqlite} (foreign keys on).
 * `options` has nothing for SQLite (one schema, `main`).
 */
export async function openSqliteScratch(_options: ScratchOptions = {}): Promise<Connection> {
  return connectSqlite(':memory:', { baseDir: process.cwd(), mustExist: false });
}
