import * as fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseNotFoundError } from '@autogen/dialect';
import type { ConnectOptions, Connection } from '@autogen/dialect';
import { parseSqliteUrl } from './sqlite-url';

/**
 * A {@link Connection} over a better-sqlite3 database. better-sqlite3 is synchronous; the async methods only
 * give it the same shape as network drivers.
 */
export class SqliteConnection implements Connection {
  readonly #db: BetterSqlite3.Database;
  /** The database file's absolute path, or `:memory:`. */
  readonly description: string;

  constructor(db: BetterSqlite3.Database, description: string) {
    this.#db = db;
    this.description = description;
  }

  /** Runs one statement and returns its rows (none for a statement that returns no data). */
  async query<T = Record<string, unknown>>(sql: string, params: ReadonlyArray<unknown> = []): Promise<T[]> {
    return wrapErrors(() => {
      const statement = this.#db.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    });
  }

  /**
   * Runs one statement and returns the number of rows it changed. Without `params`, `sql` may hold several
   * statements (hand-written `execute` ops); they run through `exec` and the count is 0.
   */
  async execute(sql: string, params?: ReadonlyArray<unknown>): Promise<number> {
    return wrapErrors(() => {
      let statement: BetterSqlite3.Statement;
      try {
        statement = this.#db.prepare(sql);
      } catch (error) {
        // better-sqlite3 refuses to prepare zero or several statements (a RangeError, matched by message: see
        // wrapErrors about realms); exec runs any script.
        if (!params && /contains (more than one statement|no statements)/.test(String((error as Error | undefined)?.message))) {
          this.#db.exec(sql);
          return 0;
        }
        throw error;
      }
      return statement.run(...(params ?? [])).changes;
    });
  }

  /** Closes the database. */
  async close(): Promise<void> {
    this.#db.close();
  }
}

/**
 * An error from SQLite or better-sqlite3, with the same message. `code` is SQLite's extended result code name
 * (`SQLITE_CONSTRAINT_FOREIGNKEY`, https://www.sqlite.org/rescode.html) when there is one; `cause` is the
 * driver's error.
 */
export class SqliteQueryError extends Error {
  constructor(message: string, readonly code: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqliteQueryError';
  }
}

/**
 * Rethrows driver errors as {@link SqliteQueryError}. better-sqlite3's native addon is loaded once per process
 * and keeps the `SqliteError` class of the first VM context that loaded it, so under jest (a context per test
 * file) its errors are not `instanceof Error` in later files; a wrapper made here always is.
 */
function wrapErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
    throw new SqliteQueryError(String(message ?? error), typeof code === 'string' ? code : undefined, { cause: error });
  }
}

/**
 * Opens the SQLite database named by `url` (see {@link parseSqliteUrl} for the accepted forms).
 *
 * - better-sqlite3 is required here, not at module load, so CLI start-up stays light.
 * - With `mustExist`, a missing file is a {@link DatabaseNotFoundError} and is never created (better-sqlite3's
 *   `fileMustExist` makes that race-free).
 * - `PRAGMA foreign_keys=ON` is set on every connection, so cascades and checks behave as in an application
 *   that enables them. SQLite's own default is OFF (https://www.sqlite.org/foreignkeys.html#fk_enable); the
 *   better-sqlite3 build we ship happens to default to ON, but we do not rely on a compile-time option.
 */
export async function connectSqlite(url: string, options: ConnectOptions): Promise<SqliteConnection> {
  const location = parseSqliteUrl(url, options.baseDir);
  const description = location.kind === 'memory' ? ':memory:' : location.path;
  if (location.kind === 'file' && options.mustExist && !fs.existsSync(location.path)) {
    throw new DatabaseNotFoundError(
      location.path,
      `Relative SQLite paths are resolved against ${options.baseDir}; check the database URL, or run an upgrade to create the database.`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load, see above
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  let db: BetterSqlite3.Database;
  try {
    db = new Database(location.kind === 'memory' ? ':memory:' : location.path, { fileMustExist: options.mustExist });
  } catch (error) {
    if (options.mustExist && location.kind === 'file' && !fs.existsSync(location.path)) {
      throw new DatabaseNotFoundError(location.path, 'The file disappeared while opening it.');
    }
    const reason = String((error as Error | undefined)?.message ?? error);
    throw new SqliteQueryError(`cannot open SQLite database ${description}: ${reason}`, undefined, { cause: error });
  }
  db.exec('PRAGMA foreign_keys = ON');
  return new SqliteConnection(db, description);
}
