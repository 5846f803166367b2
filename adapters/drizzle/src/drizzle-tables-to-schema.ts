import type { Table as DrizzleTable } from 'drizzle-orm';
import { sortSchema, type DialectName, type Schema } from '@autogen/schema';
import { ownDrizzleRuntime, type DrizzleRuntime } from './drizzle-runtime';
import { drizzleTableToSchema } from './drizzle-table-to-schema';

/**
 * Maps drizzle tables to a sorted schema (the *target* side of a comparison). Pure: it imports nothing and
 * touches no database. The same table object given twice counts once; two different tables with one name throw.
 *
 * @param tables tables built with drizzle-orm (`sqliteTable(...)`); other values are not accepted.
 * @param dialect the dialect the schema is for; a table of another dialect throws an `Error` saying so.
 * @param runtime the drizzle-orm copy to read them with; defaults to the adapter's own.
 */
export function drizzleTablesToSchema(
  tables: ReadonlyArray<DrizzleTable>,
  dialect: DialectName,
  runtime: DrizzleRuntime = ownDrizzleRuntime(),
): Schema {
  const unique = [...new Set(tables)];
  const byName = new Map<string, DrizzleTable>();
  for (const table of unique) {
    const name = runtime.core.getTableName(table);
    if (byName.has(name)) throw new Error(`two different drizzle tables are named "${name}"`);
    byName.set(name, table);
  }
  return sortSchema({ tables: unique.map((table) => drizzleTableToSchema(table, dialect, runtime)) });
}
