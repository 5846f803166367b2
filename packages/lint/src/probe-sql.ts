import type { Dialect } from '@autogen/dialect';
import { assertNever } from '@autogen/ops';
import { findTable, parseTableKey } from '@autogen/schema';
import type { Schema, Table } from '@autogen/schema';
import type { DataProbe, ProbeLimits } from './data-probe';

/** What {@link probeSql} needs: the live schema (which tables and columns exist) and the dialect's quoting. */
export interface ProbeSqlContext {
  readonly current: Schema;
  readonly dialect: Pick<Dialect, 'quoteIdentifier'>;
  readonly limits: ProbeLimits;
}

/**
 * The query that answers a probe, returning one row with the columns `n` (the count) and `nulls`; or undefined
 * when the live schema lacks the table or one of the columns (the finding then stays static).
 *
 * Plain SQL that SQLite and PostgreSQL both run: `count(*)`, scalar subqueries, `GROUP BY ... HAVING`,
 * `NOT EXISTS`, `LIMIT`, every derived table aliased (PostgreSQL before 16 requires it). Identifiers go through
 * `dialect.quoteIdentifier`; a table key is split with `parseTableKey` against the schemas of `current`, so a
 * table outside the default schema is qualified.
 */
export function probeSql(probe: DataProbe, context: ProbeSqlContext): string | undefined {
  const { current, limits } = context;
  const q = (name: string): string => context.dialect.quoteIdentifier(name);
  const table = findTable(current, probe.table);
  if (!table) return undefined;
  const from = qualified(probe.table, current, q);
  switch (probe.kind) {
    case 'null-values':
      if (!hasColumns(table, [probe.column])) return undefined;
      return `SELECT count(*) AS n, 0 AS nulls FROM ${from} WHERE ${q(probe.column)} IS NULL`;
    case 'has-rows':
      return `SELECT count(*) AS n, 0 AS nulls FROM (SELECT 1 AS one FROM ${from} LIMIT 1) AS lint_probe`;
    case 'large-table':
      // Counting stops one row past the threshold, so a huge table costs no more than a small one.
      return `SELECT count(*) AS n, 0 AS nulls FROM (SELECT 1 AS one FROM ${from} LIMIT ${limits.largeTableRows + 1}) AS lint_probe`;
    case 'duplicates': {
      const columns = probe.parts.flatMap((p) => (p.kind === 'column' ? [p.name] : []));
      if (!hasColumns(table, columns) || probe.parts.length === 0) return undefined;
      const keys = probe.parts.map((p) => (p.kind === 'column' ? q(p.name) : `(${p.sql})`));
      const where = probe.where !== undefined ? ` AND (${probe.where})` : '';
      // Rows with a NULL anywhere in the key never conflict in a unique constraint or index.
      const complete = keys.map((k) => `${k} IS NOT NULL`).join(' AND ');
      const duplicates = `SELECT count(*) FROM (SELECT 1 AS one FROM ${from} WHERE ${complete}${where} GROUP BY ${keys.join(', ')} HAVING count(*) > 1) AS lint_probe`;
      const nulls = probe.countNulls ? `(SELECT count(*) FROM ${from} WHERE ${keys.map((k) => `${k} IS NULL`).join(' OR ')})` : '0';
      return `SELECT (${duplicates}) AS n, ${nulls} AS nulls`;
    }
    case 'orphans': {
      if (!hasColumns(table, probe.columns) || probe.columns.length === 0) return undefined;
      const complete = probe.columns.map((c) => `lint_child.${q(c)} IS NOT NULL`).join(' AND ');
      const base = `SELECT count(*) AS n, 0 AS nulls FROM ${from} AS lint_child WHERE ${complete}`;
      if (!probe.parent) return base;
      const parent = findTable(current, probe.parent.table);
      if (!parent || !hasColumns(parent, probe.parent.columns) || probe.parent.columns.length !== probe.columns.length) return undefined;
      const match = probe.parent.columns.map((c, i) => `lint_parent.${q(c)} = lint_child.${q(probe.columns[i] as string)}`).join(' AND ');
      return `${base} AND NOT EXISTS (SELECT 1 FROM ${qualified(probe.parent.table, current, q)} AS lint_parent WHERE ${match})`;
    }
    default:
      return assertNever(probe, 'probe kind');
  }
}

function hasColumns(table: Table, names: ReadonlyArray<string>): boolean {
  return names.every((name) => table.columns.some((c) => c.name === name));
}

/** `"schema"."name"` for a table outside the default schema, else `"name"`. */
function qualified(key: string, current: Schema, q: (name: string) => string): string {
  const schemas = [...new Set(current.tables.flatMap((t) => (t.schema ? [t.schema] : [])))];
  const { schema, name } = parseTableKey(key, schemas);
  return schema ? `${q(schema)}.${q(name)}` : q(name);
}
