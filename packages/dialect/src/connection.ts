/**
 * A live database connection, as thin as the runner and introspectors need. Async so that network drivers (pg)
 * and in-process ones (better-sqlite3) share one shape.
 */
export interface Connection {
  /** Runs a query and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<T[]>;
  /** Runs a statement (or several, separated by `;`, when `params` is absent) and returns the changed-row count. */
  execute(sql: string, params?: ReadonlyArray<unknown>): Promise<number>;
  /** Closes the connection. */
  close(): Promise<void>;
  /** A description safe to print: never includes a password. */
  readonly description: string;
}

/** Options for {@link Dialect.connect}. */
export interface ConnectOptions {
  /** Directory relative SQLite paths are resolved against (the config file's directory). */
  readonly baseDir: string;
  /**
   * When true, a database that does not exist is an error ({@link DatabaseNotFoundError}) instead of being
   * created: `check`, `current` and `history` must never leave an empty database file behind.
   */
  readonly mustExist: boolean;
  /**
   * PostgreSQL: the schemas to resolve unqualified names in, in order (the configured `schemas`, whose first one
   * is the default schema autogen names tables in without a schema). Absent: the server's own `search_path`.
   */
  readonly searchPath?: ReadonlyArray<string>;
}

/** Options for {@link Dialect.openScratch}. */
export interface ScratchOptions {
  /** PostgreSQL: schemas to create and resolve unqualified names in, as {@link ConnectOptions.searchPath}. */
  readonly searchPath?: ReadonlyArray<string>;
}

/** The database named by the URL does not exist. */
export class DatabaseNotFoundError extends Error {
  constructor(readonly location: string, hint: string) {
    super(`database not found: ${location}. ${hint}`);
    this.name = 'DatabaseNotFoundError';
  }
}

/** The URL cannot be understood by the dialect. */
export class InvalidUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUrlError';
  }
}
