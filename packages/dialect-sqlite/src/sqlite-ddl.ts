import type { SqlStatement } from '@autogen/dialect';
import type { Check, Column, DefaultValue, ForeignKey, ForeignKeyAction, Index, PrimaryKey, Table, Unique } from '@autogen/schema';
import { normalizeSqliteDefault } from './sqlite-normalizer';
import { quoteIdentifier as q, quoteLiteral } from './sqlite-quote';
import { isParenthesized } from './sqlite-sql-text';

/**
 * The SQL of a column default, or `undefined` for none. The value is normalized first (so `NULL` is no
 * default and `('x')` is the literal `'x'`); literals are written bare, `CURRENT_*` keywords as they are, and
 * every other expression in parentheses, as SQLite requires (https://www.sqlite.org/lang_createtable.html#dfltval).
 */
export function defaultSql(value: DefaultValue): string | undefined {
  const normal = normalizeSqliteDefault(value);
  if (!normal) return undefined;
  if (normal.kind === 'sql') {
    // The model's own spelling (`current_timestamp`), which ORMs comparing default text expect to read back.
    const text = normal.raw ?? normal.expr;
    return /^CURRENT_(TIMESTAMP|DATE|TIME)$/i.test(text.trim()) || isParenthesized(text) ? text : `(${text})`;
  }
  if (normal.raw !== undefined) return normal.raw;
  if (typeof normal.value === 'string') return quoteLiteral(normal.value);
  if (typeof normal.value === 'number') {
    if (!Number.isFinite(normal.value)) throw new Error(`default ${normal.value} cannot be written in SQLite`);
    return String(normal.value);
  }
  return normal.value ? '1' : '0';
}

/**
 * A column definition: `"name" type [CONSTRAINT "pk"] [PRIMARY KEY AUTOINCREMENT] [NOT NULL] [DEFAULT x]
 * [COLLATE "c"]`. The type is `type.raw`, the spelling the model used. `inlinePrimaryKey` is given for the one
 * AUTOINCREMENT column, whose key must be declared on the column itself.
 */
export function columnDefinition(column: Column, inlinePrimaryKey?: PrimaryKey, inlineCheck?: Check): string {
  const parts = [q(column.name)];
  if (column.type.raw.trim()) parts.push(column.type.raw.trim());
  if (inlineCheck) parts.push(`CHECK (${inlineCheck.raw ?? inlineCheck.expression})`);
  if (inlinePrimaryKey) {
    if (inlinePrimaryKey.name) parts.push(`CONSTRAINT ${q(inlinePrimaryKey.name)}`);
    parts.push('PRIMARY KEY AUTOINCREMENT');
  }
  if (!column.nullable) parts.push('NOT NULL');
  const value = column.default ? defaultSql(column.default) : undefined;
  if (value !== undefined) parts.push(`DEFAULT ${value}`);
  if (column.collation) parts.push(`COLLATE ${q(column.collation)}`);
  return parts.join(' ');
}

const columnList = (columns: ReadonlyArray<string>): string => columns.map(q).join(', ');
const constraintName = (name: string | undefined): string => (name ? `CONSTRAINT ${q(name)} ` : '');

/** `ON DELETE`/`ON UPDATE` clause text, omitted for the default `no action`. */
function action(event: 'DELETE' | 'UPDATE', value: ForeignKeyAction): string {
  return value === 'no action' ? '' : ` ON ${event} ${value.toUpperCase()}`;
}

/** A table-level `FOREIGN KEY` clause. */
export function foreignKeyDefinition(fk: ForeignKey): string {
  const referenced = fk.referencedColumns.length ? ` (${columnList(fk.referencedColumns)})` : '';
  return (
    `${constraintName(fk.name)}FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${q(fk.referencedTable)}${referenced}` +
    `${action('DELETE', fk.onDelete)}${action('UPDATE', fk.onUpdate)}${fk.deferred ? ' DEFERRABLE INITIALLY DEFERRED' : ''}`
  );
}

/** A table-level `UNIQUE` clause. */
export function uniqueDefinition(unique: Unique): string {
  return `${constraintName(unique.name)}UNIQUE (${columnList(unique.columns)})`;
}

/** A table-level `CHECK` clause. */
export function checkDefinition(check: Check): string {
  return `${constraintName(check.name)}CHECK (${check.raw ?? check.expression})`;
}

/**
 * `CREATE TABLE` for `table`, under `name` (a rebuild creates it under a temporary name). A single
 * AUTOINCREMENT column carries its key inline (`PRIMARY KEY AUTOINCREMENT`, the only place SQLite accepts the
 * keyword: https://www.sqlite.org/autoinc.html); any other key is a table-level `PRIMARY KEY (...)`.
 */
export function createTableSql(table: Table, name: string = table.name): string {
  const autoincrement = table.columns.filter((c) => c.autoincrement);
  const [inline] = autoincrement;
  if (autoincrement.length > 1 || (inline && table.primaryKey && (table.primaryKey.columns.length !== 1 || table.primaryKey.columns[0] !== inline.name))) {
    throw new Error(`AUTOINCREMENT on table "${table.name}" needs a single-column primary key on the AUTOINCREMENT column`);
  }
  const inlineKey: PrimaryKey | undefined = inline ? (table.primaryKey ?? { columns: [inline.name] }) : undefined;
  const inlineChecks = columnChecks(table);
  const lines = table.columns.map((c) => columnDefinition(c, c === inline ? inlineKey : undefined, inlineChecks.get(c.name)));
  if (table.primaryKey && !inline) lines.push(`${constraintName(table.primaryKey.name)}PRIMARY KEY (${columnList(table.primaryKey.columns)})`);
  const tableChecks = table.checks.filter((c) => ![...inlineChecks.values()].includes(c));
  lines.push(...table.uniques.map(uniqueDefinition), ...tableChecks.map(checkDefinition), ...table.foreignKeys.map(foreignKeyDefinition));
  // The closing parenthesis stays on the last line: ORMs that parse the stored SQL look for a constraint followed
  // by `,` or by the final `)` (TypeORM's CHECK reader does), and SQLite stores the text exactly as written.
  return `CREATE TABLE ${q(name)} (\n  ${lines.join(',\n  ')})`;
}

/**
 * Unnamed `"col" IN (...)` checks, written on their column right after its type (`"status" varchar CHECK ("status"
 * IN ('a', 'b'))`) rather than at table level. SQLite treats both the same, but that is the spelling ORMs use for
 * enum columns and read back as one: TypeORM recognizes a `simple-enum` column only in this form, and would
 * otherwise see a plain varchar (and drop the check when it next rebuilds the table).
 */
function columnChecks(table: Table): Map<string, Check> {
  const inline = new Map<string, Check>();
  for (const check of table.checks) {
    if (check.name) continue;
    const match = /^\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*))\s+IN\s*\(/i.exec(check.raw ?? check.expression);
    const column = match ? (match[1]?.replace(/""/g, '"') ?? match[2]) : undefined;
    if (column && !inline.has(column) && table.columns.some((c) => c.name === column)) inline.set(column, check);
  }
  return inline;
}

/** `CREATE [UNIQUE] INDEX` with expression parts, `DESC` and a partial-index `WHERE` (https://www.sqlite.org/lang_createindex.html). */
export function createIndexStatement(table: string, index: Index): SqlStatement {
  const parts = index.parts.map((p) => (p.kind === 'column' ? `${q(p.name)}${p.descending ? ' DESC' : ''}` : p.sql));
  const where = index.where ? ` WHERE ${index.where}` : '';
  return {
    sql: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table)} (${parts.join(', ')})${where}`,
    comment: `create ${index.unique ? 'unique ' : ''}index ${index.name} on ${table}`,
  };
}
