import type { Connection } from '@autogen/dialect';

/**
 * The migration lock of SQLite: none is needed, so this takes nothing and returns a release that does nothing.
 *
 * Every revision runs in `BEGIN IMMEDIATE` (see `applySqliteRevision`), which takes the database's write lock at
 * once, and the version table is moved inside the same transaction with an expected row count. A second
 * `autogen upgrade` on the same file therefore either waits on the busy timeout or fails, and when it gets the
 * lock it sees the version already moved (a version conflict, nothing applied twice)
 * (https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions).
 */
export async function lockSqlite(_connection: Connection): Promise<() => Promise<void>> {
  return async () => undefined;
}
