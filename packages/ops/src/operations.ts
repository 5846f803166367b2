import type { ColumnChange, OpKind } from './op';
import type {
  AlterColumnInput,
  AlterEnumInput,
  EnumInput,
  IndexOptions,
  TableCommentInput,
  CheckInput,
  ColumnInput,
  ForeignKeyInput,
  IndexInput,
  PrimaryKeyInput,
  RebuildTableInput,
  TableInput,
  UniqueInput,
} from './operation-inputs';

/**
 * The revision-file API: what `upgrade(op)` and `downgrade(op)` call. One method per Op kind, named exactly as
 * the kind (`op.addColumn(...)` records `{ kind: 'addColumn', ... }`), with the table (or name) positional and
 * the definition as an object. Generated revisions pass full model data; hand-written ones may use the shorthands
 * of the input types (a type as `'varchar(255)'`, tables without empty lists). See `recordOperations`.
 *
 * A `table` argument is the table's key (`tableKey` from @autogen/schema): its name in the default schema,
 * `schema.name` in another one (PostgreSQL); the same holds for enum names.
 */
export interface Operations {
  /** Creates a table with its columns, constraints and indexes. */
  createTable(table: TableInput): void;
  /** Drops table `table`; `existing` is its full definition (its key must be `table`), so the drop can be reversed. */
  dropTable(table: string, existing: TableInput): void;
  /** Renames table `from` to `to`. */
  renameTable(from: string, to: string): void;
  /** Adds `column` to `table`. */
  addColumn(table: string, column: ColumnInput): void;
  /** Drops `table.column`; `existing` is the column as it was (its name must be `column`). */
  dropColumn(table: string, column: string, existing: ColumnInput): void;
  /** Changes `table.column` from `change.from` to `change.to`; `change.changes` lists what differs. */
  alterColumn(table: string, column: string, change: AlterColumnInput): void;
  /** Renames column `from` of `table` to `to`. */
  renameColumn(table: string, from: string, to: string): void;
  /** Creates `index` on `table`; `options.concurrently` builds it without blocking writes (PostgreSQL). */
  createIndex(table: string, index: IndexInput, options?: IndexOptions): void;
  /** Drops index `existing.name` of `table`; `options.concurrently` as for {@link createIndex}. */
  dropIndex(table: string, existing: IndexInput, options?: IndexOptions): void;
  /** Adds a foreign key to `table`. */
  createForeignKey(table: string, foreignKey: ForeignKeyInput): void;
  /** Drops the foreign key of `table` that `existing` describes. */
  dropForeignKey(table: string, existing: ForeignKeyInput): void;
  /** Adds a unique constraint to `table`. */
  createUnique(table: string, unique: UniqueInput): void;
  /** Drops the unique constraint of `table` that `existing` describes. */
  dropUnique(table: string, existing: UniqueInput): void;
  /** Adds a check constraint to `table`. */
  createCheck(table: string, check: CheckInput): void;
  /** Drops the check constraint of `table` that `existing` describes. */
  dropCheck(table: string, existing: CheckInput): void;
  /** Adds a primary key to `table`. */
  createPrimaryKey(table: string, primaryKey: PrimaryKeyInput): void;
  /** Drops the primary key of `table`. */
  dropPrimaryKey(table: string, existing: PrimaryKeyInput): void;
  /**
   * Rebuilds `table` (create the new table, copy all rows, drop the old one, rename) for changes the dialect
   * cannot make in place. The key of `rebuild.from` must be `table`.
   */
  rebuildTable(table: string, rebuild: RebuildTableInput): void;
  /** Creates an enum type (PostgreSQL `CREATE TYPE ... AS ENUM`). */
  createEnum(enumType: EnumInput): void;
  /** Drops the enum type `existing` describes (its labels recreate it on downgrade). */
  dropEnum(existing: EnumInput): void;
  /**
   * Changes the labels of enum `name` (its key, `name` or `schema.name`) from `change.from` to `change.to`.
   * Removing a label converts every column in `change.usages` and fails if a row still holds the label.
   */
  alterEnum(name: string, change: AlterEnumInput): void;
  /** Sets, changes or removes (absent `to`) the comment of `table`. */
  setTableComment(table: string, change: TableCommentInput): void;
  /** Runs hand-written SQL; `reverseSql` undoes it (without it the op cannot be reversed). */
  execute(sql: string, reverseSql?: string): void;
}

const operationNames = [
  'createTable',
  'dropTable',
  'renameTable',
  'addColumn',
  'dropColumn',
  'alterColumn',
  'renameColumn',
  'createIndex',
  'dropIndex',
  'createForeignKey',
  'dropForeignKey',
  'createUnique',
  'dropUnique',
  'createCheck',
  'dropCheck',
  'createPrimaryKey',
  'dropPrimaryKey',
  'rebuildTable',
  'createEnum',
  'dropEnum',
  'alterEnum',
  'setTableComment',
  'execute',
] as const;

const columnChanges = ['type', 'nullable', 'default', 'autoincrement', 'collation', 'identity', 'comment'] as const;

/** The method names of {@link Operations} (= all Op kinds), in the order of the Op union. */
export const OPERATION_NAMES: ReadonlyArray<OpKind> = Object.freeze([...operationNames]);

/** The aspects an `alterColumn` may list in `changes`. */
export const COLUMN_CHANGES: ReadonlyArray<ColumnChange> = Object.freeze([...columnChanges]);

// Compile-time guards: the API has exactly one method per Op kind, and the two lists above are complete, so
// adding an Op kind or a ColumnChange without updating them is a type error.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsMatchKinds: Same<keyof Operations, OpKind> = true;
const namesComplete: Same<(typeof operationNames)[number], OpKind> = true;
const changesComplete: Same<(typeof columnChanges)[number], ColumnChange> = true;
void [methodsMatchKinds, namesComplete, changesComplete];
