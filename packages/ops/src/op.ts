import type { Check, Column, EnumType, ForeignKey, Index, PrimaryKey, Table, Unique } from '@autogen/schema';

/**
 * Migration operations: plain readonly data. Each `kind` is the name of the method a revision file calls on
 * `op` (`{ kind: 'addColumn' }` ↔ `op.addColumn(...)`). Every op that destroys something carries what it
 * destroys (`existing`), so {@link reverse} is exact and the downgrade is never a second diff.
 */
export type Op =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | RenameColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateForeignKeyOp
  | DropForeignKeyOp
  | CreateUniqueOp
  | DropUniqueOp
  | CreateCheckOp
  | DropCheckOp
  | CreatePrimaryKeyOp
  | DropPrimaryKeyOp
  | RebuildTableOp
  | CreateEnumOp
  | DropEnumOp
  | AlterEnumOp
  | SetTableCommentOp
  | ExecuteOp;

/** All op kinds (= revision API method names). */
export type OpKind = Op['kind'];

/** `op.createTable(table)`: create a table with its columns, constraints and indexes. */
export interface CreateTableOp {
  readonly kind: 'createTable';
  readonly table: Table;
}

/*
 * Tables are named by their key (see `tableKey` in @autogen/schema): the bare name in the default schema,
 * `schema.name` in another one. The same holds for enum types.
 */

/** `op.dropTable(name, existing)`: drop a table; `existing` recreates it on downgrade. */
export interface DropTableOp {
  readonly kind: 'dropTable';
  readonly table: string;
  readonly existing: Table;
}

/** `op.renameTable(from, to)`. */
export interface RenameTableOp {
  readonly kind: 'renameTable';
  readonly from: string;
  readonly to: string;
}

/** `op.addColumn(table, column)`. */
export interface AddColumnOp {
  readonly kind: 'addColumn';
  readonly table: string;
  readonly column: Column;
}

/** `op.dropColumn(table, name, existing)`. */
export interface DropColumnOp {
  readonly kind: 'dropColumn';
  readonly table: string;
  readonly column: string;
  readonly existing: Column;
}

/** Which aspects of a column an {@link AlterColumnOp} changes. */
export type ColumnChange = 'type' | 'nullable' | 'default' | 'autoincrement' | 'collation' | 'identity' | 'comment';

/** `op.alterColumn(table, name, { from, to })`: both sides are kept so the reverse swaps them. */
export interface AlterColumnOp {
  readonly kind: 'alterColumn';
  readonly table: string;
  readonly column: string;
  readonly from: Column;
  readonly to: Column;
  readonly changes: ReadonlyArray<ColumnChange>;
}

/** `op.renameColumn(table, from, to)`. */
export interface RenameColumnOp {
  readonly kind: 'renameColumn';
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/**
 * `op.createIndex(table, index, { concurrently })`. `concurrently` (PostgreSQL `CREATE INDEX CONCURRENTLY`) does
 * not lock writes but cannot run inside a transaction: a revision with such an op runs without one.
 */
export interface CreateIndexOp {
  readonly kind: 'createIndex';
  readonly table: string;
  readonly index: Index;
  readonly concurrently?: boolean;
}

/** `op.dropIndex(table, existing, { concurrently })`. */
export interface DropIndexOp {
  readonly kind: 'dropIndex';
  readonly table: string;
  readonly existing: Index;
  readonly concurrently?: boolean;
}

/** `op.createForeignKey(table, foreignKey)`. */
export interface CreateForeignKeyOp {
  readonly kind: 'createForeignKey';
  readonly table: string;
  readonly foreignKey: ForeignKey;
}

/** `op.dropForeignKey(table, existing)`. */
export interface DropForeignKeyOp {
  readonly kind: 'dropForeignKey';
  readonly table: string;
  readonly existing: ForeignKey;
}

/** `op.createUnique(table, unique)`. */
export interface CreateUniqueOp {
  readonly kind: 'createUnique';
  readonly table: string;
  readonly unique: Unique;
}

/** `op.dropUnique(table, existing)`. */
export interface DropUniqueOp {
  readonly kind: 'dropUnique';
  readonly table: string;
  readonly existing: Unique;
}

/** `op.createCheck(table, check)`. */
export interface CreateCheckOp {
  readonly kind: 'createCheck';
  readonly table: string;
  readonly check: Check;
}

/** `op.dropCheck(table, existing)`. */
export interface DropCheckOp {
  readonly kind: 'dropCheck';
  readonly table: string;
  readonly existing: Check;
}

/** `op.createPrimaryKey(table, primaryKey)`. */
export interface CreatePrimaryKeyOp {
  readonly kind: 'createPrimaryKey';
  readonly table: string;
  readonly primaryKey: PrimaryKey;
}

/** `op.dropPrimaryKey(table, existing)`. */
export interface DropPrimaryKeyOp {
  readonly kind: 'dropPrimaryKey';
  readonly table: string;
  readonly existing: PrimaryKey;
}

/**
 * `op.rebuildTable({ table, from, to, changes })`: a table change the dialect cannot make in place (SQLite cannot
 * ALTER a constraint) done by creating the new table, copying rows, dropping the old one and renaming. `from` and
 * `to` are the full definitions, so the SQL is known without connecting (offline `--sql`) and the reverse is the
 * same block with `from`/`to` swapped. `changes` lists the ops the rebuild stands for; rename ops among them map
 * old column names to new ones when rows are copied.
 */
export interface RebuildTableOp {
  readonly kind: 'rebuildTable';
  readonly table: string;
  readonly from: Table;
  readonly to: Table;
  readonly changes: ReadonlyArray<Op>;
}

/** `op.createEnum(enumType)`: `CREATE TYPE ... AS ENUM (...)`. */
export interface CreateEnumOp {
  readonly kind: 'createEnum';
  readonly enum: EnumType;
}

/** `op.dropEnum(existing)`. */
export interface DropEnumOp {
  readonly kind: 'dropEnum';
  readonly existing: EnumType;
}

/** A column that uses an enum type; an enum change that recreates the type must convert it. */
export interface EnumUsage {
  readonly table: string;
  readonly column: string;
  /** The column's default, which must be dropped and restored around the conversion. */
  readonly default?: Column['default'];
}

/**
 * `op.alterEnum(name, { from, to, renames, usages })`: changes an enum's labels. Added labels become
 * `ALTER TYPE ... ADD VALUE ... BEFORE/AFTER`, renamed ones `RENAME VALUE`; a removed label needs the safe
 * sequence (rename the old type, create the new one, convert every column in `usages` with a cast, drop the old
 * type), which fails — and rolls back — if a row still holds the removed label.
 */
export interface AlterEnumOp {
  readonly kind: 'alterEnum';
  /** The enum's key (`name` or `schema.name`). */
  readonly name: string;
  readonly from: ReadonlyArray<string>;
  readonly to: ReadonlyArray<string>;
  /** Renamed labels, old → new. */
  readonly renames?: Readonly<Record<string, string>>;
  readonly usages: ReadonlyArray<EnumUsage>;
}

/** `op.setTableComment(table, { from, to })`: `COMMENT ON TABLE`; an absent side means no comment. */
export interface SetTableCommentOp {
  readonly kind: 'setTableComment';
  readonly table: string;
  readonly from?: string;
  readonly to?: string;
}

/** `op.execute(sql, reverseSql?)`: hand-written SQL. Without `reverseSql` it cannot be reversed. */
export interface ExecuteOp {
  readonly kind: 'execute';
  readonly sql: string;
  readonly reverseSql?: string;
}

/** The table an op acts on (`undefined` for `execute`). For `renameTable`, the old name. */
export function opTable(op: Op): string | undefined {
  switch (op.kind) {
    case 'createTable':
      return op.table.schema ? `${op.table.schema}.${op.table.name}` : op.table.name;
    case 'renameTable':
      return op.from;
    case 'execute':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
      return undefined;
    default:
      return op.table;
  }
}

/** Ops that destroy data or schema objects users may rely on; the renderer puts a warning comment above them. */
export function isDestructive(op: Op): boolean {
  switch (op.kind) {
    case 'dropTable':
    case 'dropColumn':
      return true;
    case 'alterColumn':
      return op.changes.includes('type');
    case 'rebuildTable':
      return op.changes.some(isDestructive);
    case 'alterEnum':
      return op.from.some((v) => !op.to.includes(v) && !(op.renames && Object.hasOwn(op.renames, v)));
    default:
      return false;
  }
}
