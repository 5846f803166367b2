import type { Table as DrizzleTable } from 'drizzle-orm';
import type { DrizzleRuntime } from './drizzle-runtime';

/** A drizzle table found among a module's exports. */
export interface DrizzleTableExport {
  /** The export that holds it (`default` for a default export). */
  readonly exportName: string;
  readonly table: DrizzleTable;
  /** The table's name in the database. */
  readonly name: string;
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
    found.push({ exportName, table: value, name: core.getTableName(value), kind: drizzleTableKind(value, runtime) });
  }
  return found;
}

/** drizzle's entity kind of a table's class (`SQLiteTable`, `PgTable`, …). */
export function drizzleTableKind(table: DrizzleTable, runtime: DrizzleRuntime): string {
  const constructor = Object.getPrototypeOf(table)?.constructor as Record<symbol, unknown> | undefined;
  const kind = constructor?.[runtime.core.entityKind];
  return typeof kind === 'string' ? kind : 'Table';
}
