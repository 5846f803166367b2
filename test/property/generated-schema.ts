/**
 * The generator's own schema model: like @autogen/schema's, but mutable and with stable ids (`uid`) on tables and
 * columns, so that a table or column keeps its identity through renames and the test can follow every value from
 * the current schema to the target one. {@link toSchema} turns it into the dialect-neutral model a user's ORM
 * adapter would produce.
 */
import type { Check, Column, DefaultValue, DialectName, ForeignKey, ForeignKeyAction, Index, IndexPart, Schema, Table, Unique } from '@autogen/schema';
import { columnKind } from './column-kinds';

/** A generated column. `kind` names a {@link ColumnKind}, or is `enum` (then `enumUid` names the type). */
export interface GenColumn {
  uid: number;
  name: string;
  kind: string;
  enumUid?: number;
  nullable: boolean;
  default?: DefaultValue;
  /** Every row holds a different value (so the column can get a unique constraint later). */
  distinct: boolean;
  comment?: string;
  identity?: 'by default';
  autoincrement?: boolean;
}

/** A generated foreign key: `column` of this table → the single-column primary key of table `parent`. */
export interface GenForeignKey {
  column: number;
  parent: number;
  onDelete: ForeignKeyAction;
  onUpdate: ForeignKeyAction;
  deferred?: boolean;
}

/** A generated index part: a column, maybe descending, or `lower(column)`. */
export type GenIndexPart = { readonly column: number; readonly descending?: boolean } | { readonly lower: number };

/** A generated index; `whereNotNull` makes it partial (`WHERE column IS NOT NULL`). */
export interface GenIndex {
  name: string;
  parts: GenIndexPart[];
  unique: boolean;
  whereNotNull?: number;
}

/** A generated table. `primaryKey` lists column uids (empty: no key). */
export interface GenTable {
  uid: number;
  name: string;
  columns: GenColumn[];
  primaryKey: number[];
  foreignKeys: GenForeignKey[];
  indexes: GenIndex[];
  uniques: number[][];
  checks: number[];
  comment?: string;
}

/** A generated PostgreSQL enum type. */
export interface GenEnum {
  uid: number;
  name: string;
  labels: string[];
}

/** A whole generated schema. */
export interface GenSchema {
  tables: GenTable[];
  enums: GenEnum[];
}

/** A deep copy (the target starts as a copy of the current schema). */
export function cloneGenSchema(schema: GenSchema): GenSchema {
  return JSON.parse(JSON.stringify(schema)) as GenSchema;
}

/** The column with `uid` in `table`, or an error (a generator bug). */
export function columnOf(table: GenTable, uid: number): GenColumn {
  const column = table.columns.find((c) => c.uid === uid);
  if (!column) throw new Error(`generator: no column ${uid} in ${table.name}`);
  return column;
}

/**
 * True when the column is part of the key or of a foreign key (other tables' foreign keys point at keys, so this
 * covers them too).
 */
export function isStructural(table: GenTable, uid: number): boolean {
  if (table.primaryKey.includes(uid)) return true;
  if (table.foreignKeys.some((fk) => fk.column === uid)) return true;
  return false;
}

/** Removes everything that uses column `uid` of `table` (indexes, uniques, checks, foreign keys). */
export function removeColumnUses(table: GenTable, uid: number): void {
  const uses = (part: GenIndexPart): boolean => ('column' in part ? part.column === uid : part.lower === uid);
  table.indexes = table.indexes.filter((ix) => !ix.parts.some(uses) && ix.whereNotNull !== uid);
  table.uniques = table.uniques.filter((u) => !u.includes(uid));
  table.checks = table.checks.filter((c) => c !== uid);
  table.foreignKeys = table.foreignKeys.filter((fk) => fk.column !== uid);
}

/** The kind's type spelling, or the enum's name. */
function typeOf(schema: GenSchema, column: GenColumn, dialect: DialectName): Column['type'] {
  if (column.kind === 'enum') {
    const type = schema.enums.find((e) => e.uid === column.enumUid);
    if (!type) throw new Error(`generator: column ${column.name} uses a missing enum`);
    return { name: type.name, args: [], raw: `"${type.name.replace(/"/g, '""')}"` };
  }
  const raw = columnKind(dialect, column.kind).raw;
  return { name: raw.replace(/\(.*$/, ''), args: [...raw.matchAll(/\d+/g)].map((m) => Number(m[0])), raw };
}

/** Quotes an identifier the way both SQLite and PostgreSQL read it. */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The schema as an ORM adapter would hand it to autogen: names resolved from uids, checks and index expressions
 * written as SQL, unnamed keys, uniques and checks (the database names them), and only what `dialect` has.
 */
export function toSchema(schema: GenSchema, dialect: DialectName): Schema {
  const tableName = (uid: number): string => {
    const table = schema.tables.find((t) => t.uid === uid);
    if (!table) throw new Error(`generator: a foreign key points at missing table ${uid}`);
    return table.name;
  };
  const postgres = dialect === 'postgresql';
  const tables = schema.tables.map((table): Table => {
    const name = (uid: number): string => columnOf(table, uid).name;
    const columns = table.columns.map(
      (c): Column => ({
        name: c.name,
        type: typeOf(schema, c, dialect),
        nullable: c.nullable,
        ...(c.default ? { default: c.default } : {}),
        ...(postgres && c.comment !== undefined ? { comment: c.comment } : {}),
        ...(postgres && c.identity ? { identity: c.identity } : {}),
        ...(!postgres && c.autoincrement ? { autoincrement: true } : {}),
      }),
    );
    const foreignKeys = table.foreignKeys.map(
      (fk): ForeignKey => {
        const parent = schema.tables.find((t) => t.uid === fk.parent) as GenTable;
        return {
          columns: [name(fk.column)],
          referencedTable: tableName(fk.parent),
          referencedColumns: parent.primaryKey.map((uid) => columnOf(parent, uid).name),
          onDelete: fk.onDelete,
          onUpdate: fk.onUpdate,
          ...(fk.deferred ? { deferred: true, deferrable: true } : {}),
        };
      },
    );
    const indexes = table.indexes.map(
      (ix): Index => ({
        name: ix.name,
        parts: ix.parts.map((p): IndexPart =>
          'column' in p
            ? { kind: 'column', name: name(p.column), ...(p.descending ? { descending: true } : {}) }
            : { kind: 'expression', sql: `lower(${quoteName(name(p.lower))})` },
        ),
        unique: ix.unique,
        ...(ix.whereNotNull !== undefined ? { where: `${quoteName(name(ix.whereNotNull))} IS NOT NULL` } : {}),
      }),
    );
    const uniques = table.uniques.map((u): Unique => ({ columns: u.map(name) }));
    const checks = table.checks.map((uid): Check => {
      const column = columnOf(table, uid);
      const kind = columnKind(dialect, column.kind);
      if (!kind.check) throw new Error(`generator: kind ${column.kind} has no check`);
      return { expression: kind.check(quoteName(column.name)) };
    });
    return {
      name: table.name,
      ...(postgres && table.comment !== undefined ? { comment: table.comment } : {}),
      columns,
      ...(table.primaryKey.length ? { primaryKey: { columns: table.primaryKey.map(name) } } : {}),
      foreignKeys,
      indexes,
      uniques,
      checks,
    };
  });
  const enums = postgres ? schema.enums.map((e) => ({ name: e.name, values: [...e.labels] })) : [];
  return enums.length ? { tables, enums } : { tables };
}
