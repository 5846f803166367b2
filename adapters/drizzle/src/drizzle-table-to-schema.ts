import type { Table as DrizzleTable } from 'drizzle-orm';
import type { DialectName, Table } from '@autogen/schema';
import { dialectMismatch } from './dialect-mismatch';
import { ownDrizzleRuntime, type DrizzleRuntime } from './drizzle-runtime';
import { drizzleTableKind } from './find-drizzle-tables';
import { pgTableToSchema } from './pg-table-to-schema';
import { sqliteTableToSchema } from './sqlite-table-to-schema';

/**
 * Maps one drizzle table to the schema model for `dialect`, dispatching to that dialect's mapping. Throws an
 * `Error` naming the table when the table belongs to another dialect or uses something the model cannot express.
 */
export function drizzleTableToSchema(table: DrizzleTable, dialect: DialectName, runtime: DrizzleRuntime = ownDrizzleRuntime()): Table {
  const name = runtime.core.getTableName(table);
  const mismatch = dialectMismatch(name, drizzleTableKind(table, runtime), dialect);
  if (mismatch) throw new Error(mismatch);
  switch (dialect) {
    case 'sqlite':
      if (!runtime.core.is(table, runtime.sqlite.SQLiteTable)) throw new Error(`table "${name}" is not a sqliteTable`);
      return sqliteTableToSchema(table, runtime);
    case 'postgresql':
      // pg-core is loaded here, on the first pg table, so SQLite projects never load it.
      if (!runtime.core.is(table, runtime.pg.PgTable)) throw new Error(`table "${name}" is not a pgTable`);
      return pgTableToSchema(table, runtime);
    default: {
      const unknown: never = dialect;
      throw new Error(`unknown dialect ${String(unknown)}`);
    }
  }
}
