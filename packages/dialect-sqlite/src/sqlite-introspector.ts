import type { Connection } from '@autogen/dialect';
import { parseColumnType, sortSchema } from '@autogen/schema';
import type { Column, ForeignKey, ForeignKeyAction, Index, IndexPart, Schema, Table, Unique } from '@autogen/schema';
import { parseCreateIndex, parseCreateTable } from './sqlite-create-sql-parser';
import type { ParsedCreateTable, ParsedForeignKey, ParsedUnique } from './sqlite-create-sql-parser';

interface TableRow {
  readonly name: string;
  readonly sql: string | null;
}

interface ColumnRow {
  readonly tbl: string;
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
}

interface ForeignKeyRow {
  readonly tbl: string;
  readonly id: number;
  readonly parent: string;
  readonly from_column: string;
  readonly to_column: string | null;
  readonly on_update: string;
  readonly on_delete: string;
}

interface IndexPartRow {
  readonly tbl: string;
  readonly idx: string;
  readonly is_unique: number;
  readonly origin: 'c' | 'u' | 'pk';
  readonly sql: string | null;
  readonly seqno: number;
  readonly cid: number;
  readonly col: string | null;
  readonly is_desc: number;
}

// User tables only: `pragma_table_list` (SQLite 3.37+) reports virtual tables as 'virtual' and their
// backing tables as 'shadow' (https://www.sqlite.org/pragma.html#pragma_table_list).
const fromUserTables = (joins: string, where?: string): string =>
  `FROM pragma_table_list AS l ${joins}
   WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'${where ? ` AND ${where}` : ''}`;

/**
 * Reads the live database into the schema model, leaving out `sqlite_*` tables, virtual tables and the names in
 * `exclude` (compared case-insensitively, like SQLite names).
 *
 * Four queries, whatever the number of tables: table-valued pragma functions joined across all tables
 * (https://www.sqlite.org/pragma.html#pragfunc) for tables + CREATE SQL, columns (`table_xinfo`), foreign keys
 * (`foreign_key_list`) and index key parts (`index_list` × `index_xinfo` + CREATE INDEX SQL). The stored
 * CREATE TABLE text fills in what the pragmas do not report: constraint names, CHECKs, AUTOINCREMENT, column
 * collations, `DEFERRABLE INITIALLY DEFERRED`, the declared type as written (the pragma upper-cases
 * `integer`) and which unique constraint an autoindex stands for.
 *
 * Not represented in the model, so left out: generated columns, `WITHOUT ROWID` and `STRICT` (a rebuild of
 * such a table would lose them), index column collations.
 */
export async function introspectSqlite(connection: Connection, options: { readonly exclude: ReadonlyArray<string> }): Promise<Schema> {
  const excluded = new Set(options.exclude.map((name) => name.toLowerCase()));
  const tableRows = await connection.query<TableRow>(
    `SELECT l.name AS name, s.sql AS sql ${fromUserTables(`JOIN sqlite_schema AS s ON s.type = 'table' AND s.name = l.name`)}`,
  );
  const columnRows = await connection.query<ColumnRow>(
    `SELECT l.name AS tbl, c.name AS name, c.type AS type, c."notnull" AS "notnull", c.dflt_value AS dflt_value, c.pk AS pk, c.hidden AS hidden
     ${fromUserTables(`JOIN pragma_table_xinfo(l.name, 'main') AS c`)} ORDER BY l.name, c.cid`,
  );
  const foreignKeyRows = await connection.query<ForeignKeyRow>(
    `SELECT l.name AS tbl, f.id AS id, f."table" AS parent, f."from" AS from_column, f."to" AS to_column, f.on_update AS on_update, f.on_delete AS on_delete
     ${fromUserTables(`JOIN pragma_foreign_key_list(l.name, 'main') AS f`)} ORDER BY l.name, f.id, f.seq`,
  );
  const indexRows = await connection.query<IndexPartRow>(
    `SELECT l.name AS tbl, i.name AS idx, i."unique" AS is_unique, i.origin AS origin, s.sql AS sql,
            x.seqno AS seqno, x.cid AS cid, x.name AS col, x."desc" AS is_desc
     ${fromUserTables(
       `JOIN pragma_index_list(l.name, 'main') AS i JOIN pragma_index_xinfo(i.name, 'main') AS x
        LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = i.name`,
       'x.key = 1',
     )} ORDER BY l.name, i.name, x.seqno`,
  );

  const columnsByTable = groupBy(columnRows, (r) => r.tbl);
  const foreignKeysByTable = groupBy(foreignKeyRows, (r) => r.tbl);
  const indexesByTable = groupBy(indexRows, (r) => r.tbl);
  // Key columns in key order (`pk` is the 1-based position in the key); table names match case-insensitively.
  const primaryKeyOf = (table: string): ReadonlyArray<string> => {
    const rows = columnsByTable.get(table) ?? [...columnsByTable].find(([k]) => same(k, table))?.[1] ?? [];
    return rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  };

  const tables = tableRows
    .filter((row) => !excluded.has(row.name.toLowerCase()))
    .map((row) => {
      const parsed = parseCreateTable(row.sql ?? '');
      const columns = columnsByTable.get(row.name) ?? [];
      return buildTable(row.name, parsed, columns, foreignKeysByTable.get(row.name) ?? [], indexesByTable.get(row.name) ?? [], primaryKeyOf);
    });
  return sortSchema({ tables });
}

function buildTable(
  name: string,
  parsed: ParsedCreateTable,
  columnRows: ReadonlyArray<ColumnRow>,
  foreignKeyRows: ReadonlyArray<ForeignKeyRow>,
  indexRows: ReadonlyArray<IndexPartRow>,
  primaryKeyOf: (table: string) => ReadonlyArray<string>,
): Table {
  const parsedColumn = (column: string) => parsed.columns.find((c) => same(c.name, column));
  const primaryKeyColumns = primaryKeyOf(name);
  const autoincrement = parsed.primaryKey?.autoincrement === true && primaryKeyColumns.length === 1;
  const columns = columnRows
    // hidden: 0 = ordinary, 1 = virtual-table hidden, 2/3 = generated (https://www.sqlite.org/pragma.html#pragma_table_xinfo)
    .filter((row) => row.hidden === 0)
    .map((row): Column => {
      const declared = parsedColumn(row.name);
      const collation = declared?.collation;
      return {
        name: row.name,
        type: parseColumnType(declared && declared.type.toLowerCase() === row.type.toLowerCase() ? declared.type : row.type),
        nullable: row.notnull === 0,
        ...(row.dflt_value !== null ? { default: { kind: 'sql', expr: row.dflt_value } } : {}),
        ...(autoincrement && same(primaryKeyColumns[0] as string, row.name) ? { autoincrement: true } : {}),
        ...(collation ? { collation } : {}),
      };
    });
  return {
    name,
    columns,
    ...(primaryKeyColumns.length
      ? { primaryKey: { ...(parsed.primaryKey?.name ? { name: parsed.primaryKey.name } : {}), columns: primaryKeyColumns } }
      : {}),
    foreignKeys: buildForeignKeys(foreignKeyRows, parsed.foreignKeys, primaryKeyOf),
    ...buildIndexes(indexRows, parsed.uniques),
    checks: parsed.checks.map((c) => ({ ...(c.name ? { name: c.name } : {}), expression: c.expression })),
  };
}

/** Groups `foreign_key_list` rows by key id and names each key from the CREATE TABLE text. */
function buildForeignKeys(
  rows: ReadonlyArray<ForeignKeyRow>,
  declared: ReadonlyArray<ParsedForeignKey>,
  primaryKeyOf: (table: string) => ReadonlyArray<string>,
): ReadonlyArray<ForeignKey> {
  const unused = [...declared];
  return [...groupBy(rows, (r) => String(r.id)).values()].map((parts): ForeignKey => {
    const first = parts[0] as ForeignKeyRow;
    const columns = parts.map((p) => p.from_column);
    // `to` is NULL when the clause names no columns: the parent's primary key (https://www.sqlite.org/foreignkeys.html#fk_indexes).
    const referencedColumns = parts.every((p) => p.to_column !== null) ? parts.map((p) => p.to_column as string) : primaryKeyOf(first.parent);
    // foreign_key_list numbers keys in reverse declaration order, so match the declaration by content.
    const at = unused.findIndex((d) => same(d.referencedTable, first.parent) && sameList(d.columns, columns));
    const match = at >= 0 ? unused.splice(at, 1)[0] : undefined;
    return {
      ...(match?.name ? { name: match.name } : {}),
      columns,
      referencedTable: first.parent,
      referencedColumns: [...referencedColumns],
      onDelete: first.on_delete.toLowerCase() as ForeignKeyAction,
      onUpdate: first.on_update.toLowerCase() as ForeignKeyAction,
      ...(match?.deferred ? { deferred: true } : {}),
    };
  });
}

/**
 * Indexes by origin (https://www.sqlite.org/pragma.html#pragma_index_list): `pk` is the primary key (not an
 * index), `u` a UNIQUE constraint (named from the CREATE TABLE text), `c` a CREATE INDEX, whose expression
 * parts and predicate come from its stored SQL.
 */
function buildIndexes(rows: ReadonlyArray<IndexPartRow>, declared: ReadonlyArray<ParsedUnique>): { indexes: ReadonlyArray<Index>; uniques: ReadonlyArray<Unique> } {
  const indexes: Index[] = [];
  const uniques: Unique[] = [];
  const unused = [...declared];
  for (const parts of groupBy(rows, (r) => r.idx).values()) {
    const first = parts[0] as IndexPartRow;
    if (first.origin === 'pk') continue;
    if (first.origin === 'u') {
      const columns = parts.map((p) => p.col ?? '');
      const at = unused.findIndex((u) => sameList(u.columns, columns));
      const match = at >= 0 ? unused.splice(at, 1)[0] : undefined;
      uniques.push({ ...(match?.name ? { name: match.name } : {}), columns });
      continue;
    }
    const source = parseCreateIndex(first.sql ?? '');
    const indexParts = parts.map((p): IndexPart => {
      if (p.cid === -2 || p.col === null) return { kind: 'expression', sql: source.parts[p.seqno] ?? '' };
      return { kind: 'column', name: p.col, ...(p.is_desc ? { descending: true } : {}) };
    });
    indexes.push({ name: first.idx, parts: indexParts, unique: first.is_unique === 1, ...(source.where ? { where: source.where } : {}) });
  }
  return { indexes, uniques };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => a.length === b.length && a.every((x, i) => same(x, b[i] as string));

function groupBy<T>(rows: ReadonlyArray<T>, key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
