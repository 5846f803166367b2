/** Schema-model builders and capabilities for the lint tests. */
import type { DialectCapabilities } from '@autogen/dialect';
import { createTable, parseColumnType } from '@autogen/schema';
import type { Column, ForeignKey, Index, Table } from '@autogen/schema';

/** A column: `col('email', 'varchar(255)', { nullable: false })`; nullable by default. */
export function col(name: string, type: string, extra: Partial<Omit<Column, 'name' | 'type'>> = {}): Column {
  return { name, type: parseColumnType(type), nullable: true, ...extra };
}

/** An integer primary key column `id`. */
export const id = (): Column => col('id', 'integer', { nullable: false });

/** A table with primary key `id` (unless given) and empty constraint lists filled in. */
export function table(name: string, columns: ReadonlyArray<Column>, extra: Partial<Omit<Table, 'name' | 'columns'>> = {}): Table {
  return createTable({ name, columns, primaryKey: { columns: ['id'] }, ...extra });
}

/** A foreign key with `no action` actions unless given. */
export function fk(columns: ReadonlyArray<string>, referencedTable: string, referencedColumns: ReadonlyArray<string>, extra: Partial<ForeignKey> = {}): ForeignKey {
  return { columns, referencedTable, referencedColumns, onDelete: 'no action', onUpdate: 'no action', ...extra };
}

/** A column index. */
export function ix(name: string, columns: ReadonlyArray<string>, extra: Partial<Index> = {}): Index {
  return { name, parts: columns.map((c) => ({ kind: 'column' as const, name: c })), unique: false, ...extra };
}

/** In-place capabilities without concurrent indexes (no blocking-index-build findings). */
export const plain: DialectCapabilities = { transactionalDdl: true, uniqueIndexSatisfiesUnique: false, requiresRebuild: () => false };

/** In-place capabilities with concurrent indexes, as on PostgreSQL. */
export const concurrent: DialectCapabilities = { ...plain, concurrentIndexes: true };
