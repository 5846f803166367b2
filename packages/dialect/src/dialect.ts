import type { Op } from '@autogen/ops';
import type { DialectName, Schema, Table } from '@autogen/schema';
import type { ConnectOptions, Connection, ScratchOptions } from './connection';
import type { SqlStatement } from './sql-statement';
import type { LockTimeoutError } from './lock-timeout-error';

/**
 * What a dialect can and cannot do. The comparator and planner ask these questions instead of testing the
 * dialect's name, so dialect differences stay in the dialect.
 */
export interface DialectCapabilities {
  /** DDL runs inside a transaction and rolls back with it (true for SQLite and PostgreSQL). */
  readonly transactionalDdl: boolean;
  /**
   * True when `op` cannot be done in place and its table must be rebuilt (SQLite cannot ALTER a constraint:
   * https://www.sqlite.org/lang_altertable.html#otheralter). `table` is the table's current definition, since
   * some ops are native only in some cases (SQLite's DROP COLUMN of a column in no index or constraint).
   */
  requiresRebuild(op: Op, table: Table): boolean;
  /**
   * True when a unique index without a predicate is the same thing as a unique constraint on those columns, so
   * a model's unique constraint is satisfied by such an index in the database (SQLite: a UNIQUE constraint *is*
   * an index, https://www.sqlite.org/lang_createtable.html#uniqueconst).
   */
  readonly uniqueIndexSatisfiesUnique: boolean;
  /**
   * A foreign key's target table must exist when the key is created, and a referenced table cannot be dropped
   * while a key still points at it (PostgreSQL). New tables that reference each other then get the keys that
   * close the cycle as separate `createForeignKey` ops after every `createTable`, and dropped ones lose them first.
   * SQLite resolves targets lazily (https://www.sqlite.org/foreignkeys.html#fk_schemacommands). Default false.
   */
  readonly foreignKeyTargetsMustExist?: boolean;
  /** Indexes can be built and dropped without blocking writes (PostgreSQL `CONCURRENTLY`). Default false. */
  readonly concurrentIndexes?: boolean;
}

/**
 * A revision's work as the runner hands it to the dialect: the ops, and the version-table statements that must
 * commit or roll back together with them.
 */
export interface RevisionPlan {
  /** Shown in errors and in offline SQL comments, e.g. `a1b2c3 -> d4e5f6 (add cascade)`. */
  readonly label: string;
  readonly ops: ReadonlyArray<Op>;
  /**
   * False when an op cannot run inside a transaction (PostgreSQL `CREATE INDEX CONCURRENTLY`): the dialect then
   * runs the statements one by one and the version move last, and a failure may leave part of the revision applied
   * (the error says what ran). Default true.
   */
  readonly transactional?: boolean;
  /** Version-table changes, run in the same transaction after the ops. */
  readonly versionStatements: ReadonlyArray<VersionStatement>;
}

/**
 * A version-table statement. `expectChanges` guards against concurrent runners: when the statement changes a
 * different number of rows (someone else moved the version meanwhile), the revision is rolled back.
 */
export interface VersionStatement extends SqlStatement {
  readonly expectChanges?: number;
}

/** Progress callback for long operations (table rebuilds), e.g. to draw a progress line on a TTY. */
export type ProgressListener = (event: { readonly table: string; readonly step: string }) => void;

/** Options of {@link Dialect.lock}. */
export interface LockOptions {
  /** How long to wait for another process's lock; absent: as long as it takes; 0: do not wait. */
  readonly timeoutMs?: number;
  /** Called once, when the lock is found held, with who holds it when the dialect can tell (`pid 123, …`). */
  readonly onWait?: (holder: string | undefined) => void;
}

/** Options of {@link Dialect.introspect}. */
export interface IntrospectOptions {
  readonly exclude: ReadonlyArray<string>;
  /** Namespaces to read (PostgreSQL); the first is the default schema, whose tables carry no `schema`. */
  readonly schemas?: ReadonlyArray<string>;
}

/**
 * A database dialect: everything that differs between SQLite and PostgreSQL lives behind this interface.
 * Each dialect package (`@autogen/dialect-sqlite`, …) exports one, with the same set of files.
 */
export interface Dialect {
  readonly name: DialectName;
  readonly capabilities: DialectCapabilities;
  /** Opens a connection to the database at `url`. */
  connect(url: string, options: ConnectOptions): Promise<Connection>;
  /**
   * Starts an empty throw-away database in this process, with no server and no URL (SQLite: in memory;
   * PostgreSQL: embedded PGlite), for `autogen check --offline`. Closing the connection discards it.
   */
  openScratch(options?: ScratchOptions): Promise<Connection>;
  /**
   * Reads the live schema, leaving out tables named in `exclude` (the version table). `schemas` lists the
   * namespaces to read (PostgreSQL; default `['public']`); tables of the first one get no `schema` field.
   */
  introspect(connection: Connection, options: IntrospectOptions): Promise<Schema>;
  /**
   * Takes a lock that serializes autogen runs that write (PostgreSQL: a session advisory lock), and returns the
   * function that releases it. Dialects whose transactions already serialize writers may take none. While another
   * process holds it, waits (calling `options.onWait` once), at most `options.timeoutMs` when given, then throws
   * {@link LockTimeoutError}.
   */
  lock(connection: Connection, options?: LockOptions): Promise<() => Promise<void>>;
  /**
   * Rewrites a schema into the dialect's canonical spelling (type synonyms, default spellings, implied
   * nullability), so that equivalent spellings compare equal. Runs on both sides before comparison.
   */
  normalize(schema: Schema): Schema;
  /**
   * Throws when the models (normalized, with the naming convention's names) hold something the database cannot
   * keep as written, so that nothing is generated from them (PostgreSQL: names over 63 bytes, which it would
   * silently truncate). The error carries a `hint`. Absent: every target is accepted.
   */
  validateTarget?(schema: Schema): void;
  /** Compiles ops into SQL, in order. */
  compile(ops: ReadonlyArray<Op>): ReadonlyArray<SqlStatement>;
  /**
   * Applies one revision atomically: ops and version statements commit together or not at all. Handles what the
   * dialect needs around a table rebuild (SQLite: `PRAGMA foreign_keys` off outside the transaction,
   * `foreign_key_check` before commit).
   */
  applyRevision(connection: Connection, plan: RevisionPlan, onProgress?: ProgressListener): Promise<void>;
  /** The offline SQL script for the same plans, exactly what {@link applyRevision} would run. */
  renderScript(plans: ReadonlyArray<RevisionPlan>): string;
  /** Quotes a string literal. */
  quoteLiteral(value: string): string;
  /** Quotes an identifier. */
  quoteIdentifier(name: string): string;
}
