import type { Table as DrizzleTable } from 'drizzle-orm';
import type { DrizzleRuntime } from './drizzle-runtime';

/**
 * What autogen reads of a drizzle `pgEnum(...)` / `pgSchema(...).enum(...)`: both the array form and the object form
 * (`pgEnum('mood', { Happy: 'happy' })`) have these. See https://orm.drizzle.team/docs/column-types/pg#enum
 */
export interface DrizzlePgEnum {
  readonly enumName: string;
  readonly enumValues: ReadonlyArray<string>;
  /** The pgSchema it was declared in; `undefined` for `pgEnum` (the default schema). */
  readonly schema: string | undefined;
}

/** A pgEnum found among a module's exports. */
export interface DrizzlePgEnumExport {
  /** The export that holds it (`default` for a default export). */
  readonly exportName: string;
  readonly enum: DrizzlePgEnum;
}

/**
 * Every pgEnum among a module's top-level exports, in export order, each once, recognised with drizzle's own
 * `isPgEnum` (a symbol drizzle puts on the enum function). pgSchema objects, sequences and views are skipped.
 */
export function findPgEnums(moduleExports: unknown, runtime: DrizzleRuntime): ReadonlyArray<DrizzlePgEnumExport> {
  const entries: Array<[string, unknown]> =
    moduleExports !== null && (typeof moduleExports === 'object' || typeof moduleExports === 'function')
      ? Object.entries(moduleExports)
      : [];
  const found: DrizzlePgEnumExport[] = [];
  const seen = new Set<unknown>();
  for (const [exportName, value] of entries) {
    if (seen.has(value) || !runtime.pg.isPgEnum(value)) continue;
    seen.add(value);
    found.push({ exportName, enum: value });
  }
  return found;
}

/**
 * The pgEnum a column is declared with (`mood('mood')`), or `undefined` for any other column. With
 * `throughArrays`, an array of an enum (`mood('moods').array()`) counts as using that enum too.
 */
export function pgEnumOfColumn(column: object, runtime: DrizzleRuntime, options: { readonly throughArrays: boolean }): DrizzlePgEnum | undefined {
  if (options.throughArrays && runtime.core.is(column, runtime.pg.PgArray)) return pgEnumOfColumn(column.baseColumn, runtime, options);
  // PgEnumColumn and PgEnumObjectColumn both keep the enum they were built from in `enum`.
  const candidate: unknown = (column as { readonly enum?: unknown }).enum;
  return runtime.pg.isPgEnum(candidate) ? candidate : undefined;
}

/** The pgEnums a table's columns use (arrays of enums included), each once, in column order. */
export function pgEnumsOfColumns(columns: ReadonlyArray<object>, runtime: DrizzleRuntime): ReadonlyArray<DrizzlePgEnum> {
  const found = columns.flatMap((column) => pgEnumOfColumn(column, runtime, { throughArrays: true }) ?? []);
  return [...new Set(found)];
}

/**
 * The pgEnums a drizzle pg table's columns use, each once, in column order. Reads the columns only
 * (`getTableColumns`), not the table's constraints.
 */
export function pgTableEnums(table: DrizzleTable, runtime: DrizzleRuntime): ReadonlyArray<DrizzlePgEnum> {
  return pgEnumsOfColumns(Object.values(runtime.core.getTableColumns(table)), runtime);
}
