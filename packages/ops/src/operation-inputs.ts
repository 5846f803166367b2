import type { Check, ColumnType, DefaultValue, EnumType, ForeignKeyAction, IndexPart, PrimaryKey, Unique } from '@autogen/schema';
import type { ColumnChange, Op } from './op';
import type { Operations } from './operations';

/*
 * What a revision file may pass to `op.*`. Each input type accepts the schema model's own type (so generated
 * revisions can pass model data unchanged) plus shorthands for hand-written revisions. `recordOperations` turns
 * inputs into the exact model data of the matching Op, filling in the documented defaults.
 */

/**
 * A column type: a spelling such as `'varchar(255)'` (parsed with `parseColumnType` from `@autogen/schema`, which
 * keeps it as `raw`, the text compiled into SQL), or a full {@link ColumnType}.
 */
export type ColumnTypeInput = string | ColumnType;

/**
 * A column, e.g. `{ name: 'email', type: 'varchar(255)', nullable: false, default: { kind: 'literal', value: 'x' } }`.
 * `nullable` has no default: a revision always says whether NULL is allowed.
 */
export interface ColumnInput {
  readonly name: string;
  readonly type: ColumnTypeInput;
  /** True when the column accepts NULL. Required. */
  readonly nullable: boolean;
  /** Server default; absent for none. */
  readonly default?: DefaultValue;
  /** SQLite `AUTOINCREMENT`; absent means false. */
  readonly autoincrement?: boolean;
  /** Collation name; absent for the database default. */
  readonly collation?: string;
  /** PostgreSQL identity column (`GENERATED ALWAYS|BY DEFAULT AS IDENTITY`); absent for none. */
  readonly identity?: 'always' | 'by default';
  /** Column comment; absent for none. */
  readonly comment?: string;
}

/** An index key part: a column name (ascending) or a full {@link IndexPart} (descending column, expression). */
export type IndexPartInput = string | IndexPart;

/** An index, e.g. `{ name: 'ix_users_email', parts: ['email'], unique: true, where: 'deleted_at IS NULL' }`. */
export interface IndexInput {
  readonly name: string;
  readonly parts: ReadonlyArray<IndexPartInput>;
  /** Default false. */
  readonly unique?: boolean;
  /** Predicate of a partial index, without `WHERE`. */
  readonly where?: string;
  /** Access method (PostgreSQL `USING gin`); absent for the default (`btree`). */
  readonly method?: string;
  /** Non-key columns (PostgreSQL `INCLUDE (...)`); absent or `[]` for none (`[]` is recorded as absent). */
  readonly include?: ReadonlyArray<string>;
}

/** The options of `op.createIndex` and `op.dropIndex`. */
export interface IndexOptions {
  /**
   * PostgreSQL `CREATE/DROP INDEX CONCURRENTLY`: does not block writes, but cannot run inside a transaction, so a
   * revision with such an op exports `transactional = false`. Default false (recorded as absent).
   */
  readonly concurrently?: boolean;
}

/**
 * A foreign key, e.g. `{ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }`.
 * Actions default to `'no action'` (the SQL default) and are accepted in any letter case.
 */
export interface ForeignKeyInput {
  readonly name?: string;
  readonly columns: ReadonlyArray<string>;
  readonly referencedTable: string;
  readonly referencedColumns: ReadonlyArray<string>;
  /** Default `'no action'`. */
  readonly onDelete?: ForeignKeyAction;
  /** Default `'no action'`. */
  readonly onUpdate?: ForeignKeyAction;
  /** `DEFERRABLE INITIALLY DEFERRED`; absent means false. */
  readonly deferred?: boolean;
  /** `DEFERRABLE` (initially immediate unless `deferred`); absent means false. */
  readonly deferrable?: boolean;
  /** Schema of the referenced table when it is not the default schema (PostgreSQL); absent for the default. */
  readonly referencedSchema?: string;
}

/** A unique constraint: `{ name?, columns }`. */
export type UniqueInput = Unique;

/** A check constraint: `{ name?, expression }`. */
export type CheckInput = Check;

/** A primary key: `{ name?, columns }`. */
export type PrimaryKeyInput = PrimaryKey;

/** A table. Empty lists may be left out (they are filled in with `createTable` from `@autogen/schema`). */
export interface TableInput {
  readonly name: string;
  /** The schema (PostgreSQL namespace) when not the default one; ops then name the table `schema.name`. */
  readonly schema?: string;
  /** Table comment; absent for none. */
  readonly comment?: string;
  readonly columns: ReadonlyArray<ColumnInput>;
  readonly primaryKey?: PrimaryKeyInput;
  readonly foreignKeys?: ReadonlyArray<ForeignKeyInput>;
  readonly indexes?: ReadonlyArray<IndexInput>;
  readonly uniques?: ReadonlyArray<UniqueInput>;
  readonly checks?: ReadonlyArray<CheckInput>;
}

/** An enum type, e.g. `{ name: 'mood', values: ['happy', 'sad'] }` (labels in order, no repeats). */
export type EnumInput = EnumType;

/** A column that uses an enum type: `{ table, column, default? }` (see `EnumUsage`). */
export interface EnumUsageInput {
  /** The table's key (`name` or `schema.name`). */
  readonly table: string;
  readonly column: string;
  /** The column's default, dropped and restored around a conversion; absent for none. */
  readonly default?: DefaultValue;
}

/**
 * The second argument of `op.alterEnum(name, change)`: the labels before and after (in order, no repeats), the
 * renamed labels (old → new: each old label only in `from`, each new one only in `to`) and every column that
 * uses the enum. `from` and `to` must differ.
 */
export interface AlterEnumInput {
  readonly from: ReadonlyArray<string>;
  readonly to: ReadonlyArray<string>;
  /** Renamed labels, old → new; default none. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Columns of this enum type (may be empty). Required: a removed label converts each of them. */
  readonly usages: ReadonlyArray<EnumUsageInput>;
}

/** The second argument of `op.setTableComment(table, change)`: the comment before and after; absent = none. */
export interface TableCommentInput {
  readonly from?: string;
  readonly to?: string;
}

/** The third argument of `op.alterColumn(table, column, change)`: both sides and the aspects that changed. */
export interface AlterColumnInput {
  readonly from: ColumnInput;
  readonly to: ColumnInput;
  /** Non-empty, no repeats. */
  readonly changes: ReadonlyArray<ColumnChange>;
}

/**
 * The second argument of `op.rebuildTable(table, rebuild)`: the full table before and after, and the changes the
 * rebuild stands for. `changes` is either a callback that calls `op.*` methods on the recorder it is given (the
 * form generated revisions use, so nested changes read like the rest of the file) or a list of plain Op objects.
 */
export interface RebuildTableInput {
  readonly from: TableInput;
  readonly to: TableInput;
  readonly changes: ((rebuild: Operations) => void) | ReadonlyArray<Op>;
}
