/** Schema-building helpers for the comparator tests (Alembic m1/m2 style: current and target as data). */
import type { DialectCapabilities } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, EnumType, ForeignKey, Index, Schema, Table } from '@autogen/schema';

/** A column: `col('email', 'varchar(255)', { nullable: false })`; nullable by default. */
export function col(name: string, type: string, extra: Partial<Omit<Column, 'name' | 'type'>> = {}): Column {
  return { name, type: parseColumnType(type), nullable: true, ...extra };
}

/** An integer primary key column `id`. */
export const id = (): Column => col('id', 'integer', { nullable: false });

/** A table with empty constraint lists filled in; `schema` and `comment` kept when given. */
export function table(name: string, columns: ReadonlyArray<Column>, extra: Partial<Omit<Table, 'name' | 'columns'>> = {}): Table {
  const { schema: namespace, comment, ...rest } = extra;
  return {
    ...createTable({ name, columns, primaryKey: { columns: ['id'] }, ...rest }),
    ...(namespace !== undefined ? { schema: namespace } : {}),
    ...(comment !== undefined ? { comment } : {}),
  };
}

/** A foreign key with `no action` actions unless given. */
export function fk(columns: ReadonlyArray<string>, referencedTable: string, referencedColumns: ReadonlyArray<string>, extra: Partial<ForeignKey> = {}): ForeignKey {
  return { columns, referencedTable, referencedColumns, onDelete: 'no action', onUpdate: 'no action', ...extra };
}

/** A column index. */
export function ix(name: string, columns: ReadonlyArray<string>, extra: Partial<Index> = {}): Index {
  return { name, parts: columns.map((c) => ({ kind: 'column' as const, name: c })), unique: false, ...extra };
}

export const schema = (...tables: Table[]): Schema => ({ tables });

/** A schema with enum types. */
export const withEnums = (enums: ReadonlyArray<EnumType>, ...tables: Table[]): Schema => ({ tables, enums });

/**
 * A dialect that does everything in place and keeps unique indexes and constraints apart: PostgreSQL's
 * capabilities (transactional DDL, no rebuilds, `uniqueIndexSatisfiesUnique` false).
 */
export const inPlace: DialectCapabilities = {
  transactionalDdl: true,
  uniqueIndexSatisfiesUnique: false,
  requiresRebuild: () => false,
};

/**
 * A SQLite-like dialect: constraints and column alterations need a rebuild
 * (https://www.sqlite.org/lang_altertable.html#otheralter), DROP COLUMN only when the column is in no index or
 * constraint, and a unique index is a unique constraint.
 */
export const rebuilding: DialectCapabilities = {
  transactionalDdl: true,
  uniqueIndexSatisfiesUnique: true,
  requiresRebuild(op: Op, current: Table): boolean {
    switch (op.kind) {
      case 'createForeignKey':
      case 'dropForeignKey':
      case 'createUnique':
      case 'dropUnique':
      case 'createCheck':
      case 'dropCheck':
      case 'createPrimaryKey':
      case 'dropPrimaryKey':
      case 'alterColumn':
        return true;
      case 'dropColumn':
        return (
          current.indexes.some((i) => i.parts.some((p) => p.kind === 'column' && p.name === op.column)) ||
          current.foreignKeys.some((f) => f.columns.includes(op.column)) ||
          current.uniques.some((u) => u.columns.includes(op.column)) ||
          (current.primaryKey?.columns.includes(op.column) ?? false)
        );
      default:
        return false;
    }
  },
};

/** Ops reduced to `kind table detail` strings, for readable order assertions. */
export function outline(ops: ReadonlyArray<Op>): string[] {
  return ops.map((op) => {
    switch (op.kind) {
      case 'createTable':
        return `createTable ${op.table.schema ? `${op.table.schema}.` : ''}${op.table.name}`;
      case 'createEnum':
        return `createEnum ${op.enum.name}`;
      case 'dropEnum':
        return `dropEnum ${op.existing.name}`;
      case 'alterEnum':
        return `alterEnum ${op.name}`;
      case 'renameTable':
        return `renameTable ${op.from}->${op.to}`;
      case 'execute':
        return `execute`;
      default:
        return `${op.kind} ${op.table}`;
    }
  });
}
