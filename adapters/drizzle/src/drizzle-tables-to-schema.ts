import type { Table as DrizzleTable } from 'drizzle-orm';
import { sortSchema, tableKey, type DialectName, type Schema } from '@autogen/schema';
import { ownDrizzleRuntime, type DrizzleRuntime } from './drizzle-runtime';
import { drizzleTableToSchema } from './drizzle-table-to-schema';
import { drizzleTableSchema } from './find-drizzle-tables';
import { pgTableEnums, type DrizzlePgEnum } from './pg-enums';
import { pgEnumsToSchema, type PgEnumSource } from './pg-enums-to-schema';

/**
 * Maps drizzle tables to a sorted schema (the *target* side of a comparison). Pure: it imports nothing and
 * touches no database. The same table object given twice counts once; two different tables with one key (name, or
 * `schema.name` for a pgSchema table) throw.
 *
 * For `postgresql`, the schema's `enums` are every pgEnum the tables' columns use plus `enums` (e.g. the pgEnums a
 * module exports without using them); two enums with one key and different labels throw.
 *
 * @param tables tables built with drizzle-orm (`sqliteTable(...)`, `pgTable(...)`); other values are not accepted.
 * @param dialect the dialect the schema is for; a table of another dialect throws an `Error` saying so.
 * @param runtime the drizzle-orm copy to read them with; defaults to the adapter's own.
 * @param enums further pgEnums to include (postgresql only; ignored for sqlite).
 */
export function drizzleTablesToSchema(
  tables: ReadonlyArray<DrizzleTable>,
  dialect: DialectName,
  runtime: DrizzleRuntime = ownDrizzleRuntime(),
  enums: ReadonlyArray<DrizzlePgEnum> = [],
): Schema {
  const unique = [...new Set(tables)];
  const byKey = new Map<string, DrizzleTable>();
  for (const table of unique) {
    const key = tableKey({ name: runtime.core.getTableName(table), schema: drizzleTableSchema(table) });
    if (byKey.has(key)) throw new Error(`two different drizzle tables are named "${key}"`);
    byKey.set(key, table);
  }
  const mapped = unique.map((table) => drizzleTableToSchema(table, dialect, runtime));
  if (dialect !== 'postgresql') return sortSchema({ tables: mapped });
  const sources: PgEnumSource[] = [
    ...enums.map((declared): PgEnumSource => ({ enum: declared, source: 'the enums given' })),
    ...unique.flatMap((table) =>
      pgTableEnums(table, runtime).map((used): PgEnumSource => ({ enum: used, source: `table "${runtime.core.getTableName(table)}"` })),
    ),
  ];
  return sortSchema({ tables: mapped, enums: pgEnumsToSchema(sources) });
}
