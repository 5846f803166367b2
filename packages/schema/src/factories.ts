import type { Check, Column, ColumnType, EnumType, ForeignKey, Index, Schema, Table, Unique } from './schema';

/**
 * Builds a {@link ColumnType} from a spelling such as `varchar(255)` or `INTEGER`: lowercases the name and parses
 * numeric arguments. Dialects refine the result in their normalizer.
 */
export function parseColumnType(raw: string): ColumnType {
  const text = raw.trim();
  const match = /^([^()]*?)\s*(?:\(([^)]*)\))?\s*$/.exec(text);
  if (!match) return { name: text.toLowerCase(), args: [], raw: text };
  const name = (match[1] ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  const args = (match[2] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0)
    .map(Number)
    .filter((n) => Number.isFinite(n));
  return { name, args, raw: text };
}

/** Returns a table with empty constraint lists filled in, so adapters can give only what they have. */
export function createTable(
  table: Pick<Table, 'name' | 'columns'> & Partial<Omit<Table, 'name' | 'columns'>>,
): Table {
  return {
    name: table.name,
    ...(table.schema !== undefined ? { schema: table.schema } : {}),
    ...(table.comment !== undefined ? { comment: table.comment } : {}),
    columns: table.columns,
    ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}),
    foreignKeys: table.foreignKeys ?? [],
    indexes: table.indexes ?? [],
    uniques: table.uniques ?? [],
    checks: table.checks ?? [],
  };
}

/**
 * How ops and foreign keys name a table: the bare name in the default schema, `schema.name` in another one.
 * Parse with {@link parseTableKey}.
 */
export function tableKey(table: { readonly name: string; readonly schema?: string | undefined }): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/**
 * Splits a {@link tableKey}. Only names that carry a schema have a dot before the table name, so a key is split at
 * its first dot only when `schemas` (the non-default schemas in play) contains the part before it.
 */
export function parseTableKey(key: string, schemas: ReadonlyArray<string> = []): { readonly schema?: string; readonly name: string } {
  const dot = key.indexOf('.');
  if (dot > 0 && schemas.includes(key.slice(0, dot))) return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
  return { name: key };
}

/** Finds a table by {@link tableKey} (the bare name for the default schema). */
export function findTable(schema: Schema, key: string): Table | undefined {
  return schema.tables.find((t) => tableKey(t) === key);
}

/** Finds a column by name. */
export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The columns an index covers by name (expression parts excluded). */
export function indexColumnNames(index: Index): ReadonlyArray<string> {
  return index.parts.flatMap((p) => (p.kind === 'column' ? [p.name] : []));
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const key = (x: unknown): string => JSON.stringify(x);
const byKey =
  <T>(f: (x: T) => unknown) =>
  (a: T, b: T): number => {
    const ka = key(f(a));
    const kb = key(f(b));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/**
 * Puts a schema in its canonical order: tables, indexes by name; foreign keys, uniques and checks by content.
 * Column order is meaningful and kept. Deterministic output everywhere downstream relies on this.
 */
export function sortSchema(schema: Schema): Schema {
  const tables = [...schema.tables].map(sortTable).sort(byKey((t: Table) => tableKey(t)));
  if (!schema.enums?.length) return { tables };
  return { tables, enums: [...schema.enums].sort(byKey((e: EnumType) => tableKey(e))) };
}

/** Canonical order inside one table (see {@link sortSchema}). */
export function sortTable(table: Table): Table {
  return {
    ...table,
    foreignKeys: [...table.foreignKeys].sort(byKey((f: ForeignKey) => [f.columns, f.referencedTable, f.name ?? ''])),
    indexes: [...table.indexes].sort(byName),
    uniques: [...table.uniques].sort(byKey((u: Unique) => [u.columns, u.name ?? ''])),
    checks: [...table.checks].sort(byKey((c: Check) => [c.expression, c.name ?? ''])),
  };
}
