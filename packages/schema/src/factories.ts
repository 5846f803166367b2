import type { Check, Column, ColumnType, ForeignKey, Index, Schema, Table, Unique } from './schema';

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
    columns: table.columns,
    ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}),
    foreignKeys: table.foreignKeys ?? [],
    indexes: table.indexes ?? [],
    uniques: table.uniques ?? [],
    checks: table.checks ?? [],
  };
}

/** Finds a table by name. */
export function findTable(schema: Schema, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
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
  return { tables: [...schema.tables].map(sortTable).sort(byName) };
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
