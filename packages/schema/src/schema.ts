/**
 * The dialect-neutral schema model: plain, readonly, JSON-serializable data.
 *
 * Both sides of a comparison use it: the *target* schema built by an ORM adapter from the user's models, and the
 * *current* schema read from the live database by a dialect's introspector. Each dialect normalizes both sides
 * (type synonyms, default spellings) before they are compared, so equivalent spellings never become operations.
 */

/** Dialects autogen knows. */
export type DialectName = 'sqlite' | 'postgresql';

/**
 * A column's type: a normalized lowercase `name` (e.g. `integer`, `text`, `varchar`), optional numeric
 * arguments (`varchar(255)` → `[255]`) and the `raw` spelling the database or model used.
 */
export interface ColumnType {
  /** Normalized lowercase type name without arguments, e.g. `integer`, `text`, `numeric`. */
  readonly name: string;
  /** Type arguments such as length, precision and scale, in declaration order. Empty when none. */
  readonly args: ReadonlyArray<number>;
  /** The spelling as declared (database or model); kept for messages and for round-tripping. */
  readonly raw: string;
}

/**
 * A server-side default: a `literal` value the dialect quotes, or a `sql` expression emitted verbatim
 * (`CURRENT_TIMESTAMP`, `(lower('x'))`).
 */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'sql'; readonly expr: string };

/** A table column. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** True when the column accepts NULL. */
  readonly nullable: boolean;
  /** The server default, if any. */
  readonly default?: DefaultValue;
  /** True for an auto-incrementing key (SQLite `AUTOINCREMENT`). */
  readonly autoincrement?: boolean;
  /** Collation name, e.g. `NOCASE`, when not the database default. */
  readonly collation?: string;
}

/** Referential action of a foreign key (SQL standard spelling, lowercase). */
export type ForeignKeyAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

/** A primary key. `name` is absent when the database did not name it. */
export interface PrimaryKey {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
}

/** A foreign key constraint. Matched by what it does (columns, referenced table/columns, actions), not by name. */
export interface ForeignKey {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
  readonly referencedTable: string;
  readonly referencedColumns: ReadonlyArray<string>;
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  /** `DEFERRABLE INITIALLY DEFERRED` when true. */
  readonly deferred?: boolean;
}

/** One key part of an index: a column (optionally descending) or an expression. */
export type IndexPart =
  | { readonly kind: 'column'; readonly name: string; readonly descending?: boolean }
  | { readonly kind: 'expression'; readonly sql: string };

/** An index, unique or not, optionally partial (`where`). */
export interface Index {
  readonly name: string;
  readonly parts: ReadonlyArray<IndexPart>;
  readonly unique: boolean;
  /** The predicate of a partial index, without the `WHERE` keyword. */
  readonly where?: string;
}

/** A unique constraint (as opposed to a unique index). */
export interface Unique {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
}

/** A check constraint. */
export interface Check {
  readonly name?: string;
  /** The boolean expression, without `CHECK (...)`. */
  readonly expression: string;
}

/** A table and everything defined on it. Lists are kept in a stable order (see {@link sortSchema}). */
export interface Table {
  readonly name: string;
  readonly columns: ReadonlyArray<Column>;
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: ReadonlyArray<ForeignKey>;
  readonly indexes: ReadonlyArray<Index>;
  readonly uniques: ReadonlyArray<Unique>;
  readonly checks: ReadonlyArray<Check>;
}

/** A whole database schema: the tables autogen manages. */
export interface Schema {
  readonly tables: ReadonlyArray<Table>;
}
