import { readFileSync, statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { LockTimeoutError } from '@autogen/dialect';
import type { Connection, LockOptions } from '@autogen/dialect';
import { SqliteQueryError } from './sqlite-connection';

/** How often a waiting process tries the lock again. */
const POLL_MS = 100;

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
 * small side database (`<file>-autogen-lock`)
 * (https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions). The operating
 * system releases it if the process dies, so it never goes stale. The file stays: deleting it while another
 * process waits on it would let a third one lock a new file. In-memory databases take no lock.
 *
 * While it is held elsewhere, `BEGIN EXCLUSIVE` is retried every {@link POLL_MS} ms without a busy timeout, so
 * the event loop stays free (better-sqlite3's busy handler would block it): as long as it takes by default,
 * `options.timeoutMs` at most, then {@link LockTimeoutError}. `options.onWait` hears once who holds it (Linux:
 * the pid from `/proc/locks`).
 */
export async function lockSqlite(connection: Connection, options: LockOptions = {}): Promise<() => Promise<void>> {
  const file = (connection as { readonly description?: unknown }).description;
  if (typeof file !== 'string' || file === ':memory:' || file === '') return async () => undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load, as in connectSqlite
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const lockFile = sqliteLockFile(file);
  let lock: BetterSqlite3.Database;
  try {
    lock = new Database(lockFile, { timeout: 0 });
  } catch (error) {
    throw sqliteError(`cannot open the migration lock file ${lockFile}`, error);
  }
  const started = Date.now();
  let waited = false;
  for (;;) {
    try {
      lock.exec('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      const elapsed = Date.now() - started;
      const timedOut = options.timeoutMs !== undefined && elapsed >= options.timeoutMs;
      if (!isBusy(error) || timedOut) {
        lock.close();
        if (!isBusy(error)) throw sqliteError(`cannot take the migration lock ${lockFile}`, error);
        throw new LockTimeoutError(
          options.timeoutMs ?? elapsed,
          sqliteLockHolder(lockFile),
          'another autogen process is migrating this database: wait for it and run again, or give --lock-timeout more seconds',
        );
      }
      if (!waited) {
        waited = true;
        options.onWait?.(sqliteLockHolder(lockFile));
      }
      const left = options.timeoutMs === undefined ? POLL_MS : Math.max(0, Math.min(POLL_MS, options.timeoutMs - elapsed));
      await new Promise((resolve) => setTimeout(resolve, left));
    }
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

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

const isBusy = (error: unknown): boolean => codeOf(error)?.startsWith('SQLITE_BUSY') ?? false;

/** The driver's error with its SQLite code kept (`SQLITE_CANTOPEN` for a folder the process cannot write). */
function sqliteError(context: string, error: unknown): SqliteQueryError {
  return new SqliteQueryError(`${context}: ${String((error as Error | undefined)?.message ?? error)}`, codeOf(error), { cause: error });
}

/**
 * Who holds the lock on `lockFile`, from the kernel's table of POSIX locks (`/proc/locks`, Linux only:
 * https://man7.org/linux/man-pages/man5/proc.5.html, "/proc/locks"): `pid 1234 (node …/autogen upgrade head)`.
 * Undefined where that table does not exist or names no process for the file.
 */
export function sqliteLockHolder(lockFile: string): string | undefined {
  try {
    const inode = String(statSync(lockFile).ino);
    for (const line of readFileSync('/proc/locks', 'utf8').split('\n')) {
      // "1: POSIX  ADVISORY  WRITE 4711 00:2e:123456 1073741824 1073741824" (a "->" marks a blocked waiter)
      const fields = line.trim().split(/\s+/);
      if (fields[1] !== 'POSIX' || fields.includes('->')) continue;
      const pid = Number(fields[4]);
      if (fields[5]?.split(':')[2] !== inode || !pid) continue;
      return `pid ${pid}${commandOf(pid)}`;
    }
  } catch {
    // Not Linux, or the file vanished: say nothing about the holder.
  }
  return undefined;
}

/** ` (node /app/node_modules/.bin/autogen upgrade head)` from `/proc/<pid>/cmdline`, or nothing. */
function commandOf(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\u0000').filter(Boolean).join(' ');
    return command ? ` (${command.length > 120 ? `${command.slice(0, 119)}…` : command})` : '';
  } catch {
    return '';
  }
}
