import type BetterSqlite3 from 'better-sqlite3';
import type { Connection } from '@autogen/dialect';

/** How long a second autogen process waits for the first one to finish migrating (10 minutes). */
const LOCK_WAIT_MS = 10 * 60 * 1000;

/** The lock file beside a database file: `app.db` → `app.db-autogen-lock` (next to SQLite's own `-journal`). */
export function sqliteLockFile(databaseFile: string): string {
  return `${databaseFile}-autogen-lock`;
}

/**
 * The migration lock of SQLite: an exclusive lock held for the whole command, taken *before* the current
 * revision is read, so that several `autogen upgrade` processes started together (an app scaled out, each
 * migrating at start-up) run one after the other and each sees what the previous one applied.
 *
 * Each revision's own `BEGIN IMMEDIATE` serializes single transactions, but the runner reads the version table
 * before it: without this lock two processes read the same revision and the second one fails on its first
 * statement ("table already exists") after waiting. SQLite has no advisory locks, and an exclusive transaction on
 * the database itself would lock out the migrating connection, so the lock is an exclusive transaction on a
 * small side database (`<file>-autogen-lock`), waited for with a busy timeout
 * (https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions). The operating
 * system releases it if the process dies. The file stays: deleting it while another process waits on it would
 * let a third one lock a new file. In-memory databases take no lock.
 */
export async function lockSqlite(connection: Connection): Promise<() => Promise<void>> {
  const file = (connection as { readonly description?: unknown }).description;
  if (typeof file !== 'string' || file === ':memory:' || file === '') return async () => undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load, as in connectSqlite
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const lock = new Database(sqliteLockFile(file), { timeout: LOCK_WAIT_MS });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    throw error;
  }
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    try {
      lock.exec('COMMIT');
    } finally {
      lock.close();
    }
  };
}
