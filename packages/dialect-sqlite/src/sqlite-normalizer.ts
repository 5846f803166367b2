import { parseColumnType, sortSchema } from '@autogen/schema';
import type { Check, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexPart, Schema, Table, Unique } from '@autogen/schema';
import { canonicalSql, stripOuterParentheses } from './sqlite-sql-text';
import { isKeyword, tokenize } from './sqlite-tokenizer';

/**
 * Rewrites a schema into SQLite's canonical spelling so equivalent spellings compare equal. Runs on both the
 * model side and the introspected side; idempotent; never changes `type.raw`.
 *
 * - Types: lowercase name with collapsed whitespace, numeric arguments parsed (`NUMERIC( 10 , 2 )` →
 *   `numeric` `[10, 2]`). The only synonym merged is `int` → `integer`, and not for a single-column primary
 *   key: `INTEGER PRIMARY KEY` makes the column an alias of the rowid while `INT PRIMARY KEY` does not
 *   (https://www.sqlite.org/lang_createtable.html#rowid). Other affinity-equal spellings (`varchar`/`text`,
 *   `bigint`/`integer`) stay distinct on purpose: the declared type is visible to drivers and ORMs that map
 *   values by it, so a model that changes it should get a migration.
 * - Defaults: see {@link normalizeSqliteDefault}.
 * - A UNIQUE constraint on exactly the primary key's columns is left out: SQLite builds no index for it and
 *   cannot report it back.
 * - Primary-key columns are NOT NULL (a rowid alias cannot hold NULL; for other keys SQLite's legacy
 *   behaviour allows NULL, https://www.sqlite.org/lang_createtable.html#the_primary_key, but no model means it).
 * - Collation uppercased; `BINARY` (the default) is no collation.
 * - CHECK expressions, index predicates and expression parts: {@link canonicalSql}; a trailing `ASC` on an
 *   expression part is dropped (it is the default order).
 * - Foreign-key actions lowercase; `deferred: false` and `autoincrement: false` are left out.
 * - Model fields SQLite cannot store are dropped, so they never show as drift: a table's `schema` and `comment`,
 *   a column's `identity` and `comment`, a foreign key's `referencedSchema` and `deferrable` (a key that is
 *   DEFERRABLE but INITIALLY IMMEDIATE is checked immediately, like any other:
 *   https://www.sqlite.org/foreignkeys.html#fk_deferred), an index's `method` and `include` columns
 *   (https://www.sqlite.org/lang_createindex.html has neither), and enum types.
 */
export function normalizeSqliteSchema(schema: Schema): Schema {
  return sortSchema({ tables: schema.tables.map(normalizeTable) });
}

function normalizeTable(table: Table): Table {
  const pkColumns = new Set(table.primaryKey?.columns ?? []);
  const singlePk = table.primaryKey?.columns.length === 1 ? table.primaryKey.columns[0] : undefined;
  return {
    name: table.name,
    columns: table.columns.map((c) => normalizeColumn(c, pkColumns.has(c.name), c.name === singlePk)),
    ...(table.primaryKey
      ? { primaryKey: { ...(table.primaryKey.name ? { name: table.primaryKey.name } : {}), columns: [...table.primaryKey.columns] } }
      : {}),
    foreignKeys: table.foreignKeys.map(normalizeForeignKey),
    indexes: table.indexes.map(normalizeIndex),
    // A UNIQUE constraint on exactly the primary key's columns gets no index of its own, so SQLite cannot report it
    // back (`PRAGMA index_list` shows only the key's): it is the key's uniqueness, already there.
    uniques: table.uniques
      .filter((u) => !(table.primaryKey && sameColumns(u.columns, table.primaryKey.columns)))
      .map((u): Unique => ({ ...(u.name ? { name: u.name } : {}), columns: [...u.columns] })),
    // The spelling as written stays in `raw` (DDL writes it, so ORMs that parse the table's SQL read back
    // exactly what they wrote); comparison uses the canonical `expression`.
    checks: table.checks.map((c): Check => {
      const written = c.raw ?? c.expression;
      const expression = canonicalSql(c.expression);
      return { ...(c.name ? { name: c.name } : {}), expression, ...(expression !== written ? { raw: written } : {}) };
    }),
  };
}

function sameColumns(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((name, i) => name.toLowerCase() === (b[i] as string).toLowerCase());
}

function normalizeColumn(column: Column, inPrimaryKey: boolean, soleKey: boolean): Column {
  const defaultValue = column.default ? normalizeSqliteDefault(column.default) : undefined;
  const collation = column.collation?.toUpperCase();
  return {
    name: column.name,
    type: normalizeSqliteType(column.type, soleKey),
    nullable: inPrimaryKey ? false : column.nullable,
    ...(defaultValue ? { default: defaultValue } : {}),
    ...(column.autoincrement ? { autoincrement: true } : {}),
    ...(collation && collation !== 'BINARY' ? { collation } : {}),
  };
}

/**
 * Canonical type name and arguments for a SQLite column type; `raw` is kept as it is. `soleKey` is true for
 * the only column of the primary key, where `int` must not become `integer` (rowid alias rule, see
 * {@link normalizeSqliteSchema}).
 */
export function normalizeSqliteType(type: ColumnType, soleKey: boolean): ColumnType {
  const parsed = parseColumnType(type.raw || type.name);
  const name = parsed.name === 'int' && !soleKey ? 'integer' : parsed.name;
  return { name, args: parsed.args, raw: type.raw };
}

const CURRENT_KEYWORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME']);

/**
 * The canonical form of a column default (`undefined` = no default):
 * - a quoted string → literal string (`''` unescaped); a number (optionally signed) → literal number;
 * - `TRUE`/`FALSE` and boolean literals → 1/0 (SQLite has no boolean type: https://www.sqlite.org/datatype3.html#boolean_datatype);
 * - `NULL` (literal or SQL) → no default, which is what SQLite does without one;
 * - `CURRENT_TIMESTAMP`/`CURRENT_DATE`/`CURRENT_TIME` → uppercase SQL;
 * - any other SQL expression: redundant outer parentheses removed (`PRAGMA table_xinfo` reports
 *   `DEFAULT (1+2)` as `1+2`), then {@link canonicalSql}.
 * Integers beyond 2^53 stay SQL text so no digit is lost.
 */
export function normalizeSqliteDefault(value: DefaultValue): DefaultValue | undefined {
  if (value.kind === 'literal') {
    if (value.value === null) return undefined;
    if (typeof value.value === 'boolean') return { kind: 'literal', value: value.value ? 1 : 0 };
    return { kind: 'literal', value: value.value, ...(value.raw !== undefined ? { raw: value.raw } : {}) };
  }
  const expr = stripOuterParentheses(value.expr);
  if (!expr) return undefined;
  const tokens = tokenize(expr);
  const [first, second] = tokens;
  if (tokens.length === 1 && first) {
    if (first.kind === 'string') return { kind: 'literal', value: first.value };
    if (first.kind === 'number') return numberLiteral(first.text, expr);
    if (isKeyword(first, 'NULL')) return undefined;
    // TRUE/FALSE are 1/0 in SQLite (https://www.sqlite.org/lang_expr.html#booleanexpr); the spelling stays in
    // `raw` for DDL, since ORMs that compare default text (MikroORM) expect to read back what they wrote.
    if (isKeyword(first, 'TRUE')) return { kind: 'literal', value: 1, raw: value.raw ?? value.expr };
    if (isKeyword(first, 'FALSE')) return { kind: 'literal', value: 0, raw: value.raw ?? value.expr };
    if (first.kind === 'word' && CURRENT_KEYWORDS.has(first.value.toUpperCase())) return sqlDefault(first.value.toUpperCase(), value);
  }
  if (tokens.length === 2 && first && second && (first.text === '-' || first.text === '+') && second.kind === 'number') {
    return numberLiteral(first.text + second.text, expr);
  }
  return sqlDefault(expr, value);
}

/** A SQL default in canonical form, keeping the spelling as written (`current_timestamp`) in `raw` for DDL. */
function sqlDefault(expr: string, written: Extract<DefaultValue, { kind: 'sql' }>): DefaultValue {
  const raw = written.raw ?? written.expr;
  return raw === expr ? { kind: 'sql', expr } : { kind: 'sql', expr, raw };
}

function numberLiteral(text: string, expr: string): DefaultValue {
  const unsigned = text.replace(/^[+-]/, '');
  const negative = text.startsWith('-');
  const value = /^0x/i.test(unsigned) ? Number.parseInt(unsigned.slice(2), 16) : Number(unsigned);
  const exactInteger = /^[0-9]+$/.test(unsigned) || /^0x/i.test(unsigned);
  if (!Number.isFinite(value) || (exactInteger && !Number.isSafeInteger(value))) return { kind: 'sql', expr };
  // `-0` would not survive JSON; it is the same default as 0.
  return { kind: 'literal', value: negative && value !== 0 ? -value : value };
}

function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  return {
    ...(fk.name ? { name: fk.name } : {}),
    columns: [...fk.columns],
    referencedTable: fk.referencedTable,
    referencedColumns: [...fk.referencedColumns],
    onDelete: fk.onDelete.toLowerCase() as ForeignKey['onDelete'],
    onUpdate: fk.onUpdate.toLowerCase() as ForeignKey['onUpdate'],
    ...(fk.deferred ? { deferred: true } : {}),
  };
}

function normalizeIndex(index: Index): Index {
  const where = index.where === undefined ? '' : canonicalSql(index.where);
  return {
    name: index.name,
    parts: index.parts.map(normalizeIndexPart),
    unique: index.unique,
    ...(where ? { where } : {}),
  };
}

function normalizeIndexPart(part: IndexPart): IndexPart {
  if (part.kind === 'column') return { kind: 'column', name: part.name, ...(part.descending ? { descending: true } : {}) };
  const tokens = tokenize(part.sql);
  const last = tokens[tokens.length - 1];
  const sql = tokens.length > 1 && last && isKeyword(last, 'ASC') ? part.sql.slice(0, last.start) : part.sql;
  return { kind: 'expression', sql: canonicalSql(sql) };
}
