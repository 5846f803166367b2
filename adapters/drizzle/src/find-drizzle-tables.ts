import type { Table as DrizzleTable } from 'drizzle-orm';
import type { DrizzleRuntime } from './drizzle-runtime';
import { pgSchemaName } from './pg-schema-name';

/** A drizzle table found among a module's exports. */
export interface DrizzleTableExport {
  /** The export that holds it (`default` for a default export). */
  readonly exportName: string;
  readonly table: DrizzleTable;
  /** The table's name in the database. */
  readonly name: string;
  /** The pgSchema the table is declared in; absent for the default schema and for SQLite tables. */
  readonly schema?: string;
  /** drizzle's entity kind of the table class, e.g. `SQLiteTable`, `PgTable`, `MySqlTable`. */
  readonly kind: string;
}

/**
 * Every drizzle table among a module's top-level exports, in export order, whatever its dialect. Relations,
 * enums, views, helpers and any other exports are skipped, as drizzle-kit does. A table exported under two names
 * appears once, under the first.
 */
export function findDrizzleTables(moduleExports: unknown, runtime: DrizzleRuntime): ReadonlyArray<DrizzleTableExport> {
  const { core } = runtime;
  const entries: Array<[string, unknown]> = core.is(moduleExports, core.Table)
    ? [['module.exports', moduleExports]]
    : moduleExports !== null && typeof moduleExports === 'object'
      ? Object.entries(moduleExports)
      : [];
  const found: DrizzleTableExport[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, value] of entries) {
    if (!core.is(value, core.Table) || seen.has(value)) continue;
    seen.add(value);
    const schema = drizzleTableSchema(value);
    found.push({ exportName, table: value, name: core.getTableName(value), ...(schema ? { schema } : {}), kind: drizzleTableKind(value, runtime) });
  }
  return found;
}

/** drizzle's entity kind of a table's class (`SQLiteTable`, `PgTable`, …). */
export function drizzleTableKind(table: DrizzleTable, runtime: DrizzleRuntime): string {
  const constructor = Object.getPrototypeOf(table)?.constructor as Record<symbol, unknown> | undefined;
  const kind = constructor?.[runtime.core.entityKind];
  return typeof kind === 'string' ? kind : 'Table';
}

/**
 * The schema a drizzle table is declared in (`pgSchema('x').table`), or `undefined` for the default schema and
 * for dialects without schemas. Read from drizzle's `drizzle:Schema` symbol, which every drizzle table carries and
 * which is the same registered symbol in every drizzle-orm copy, so no dialect module has to be loaded for it.
 */
export function drizzleTableSchema(table: DrizzleTable): string | undefined {
  const schema = (table as unknown as Record<symbol, unknown>)[Symbol.for('drizzle:Schema')];
  return typeof schema === 'string' ? pgSchemaName(schema) : undefined;
}
