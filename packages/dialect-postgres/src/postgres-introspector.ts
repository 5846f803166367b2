import type { Connection, IntrospectOptions } from '@autogen/dialect';
import { sortSchema } from '@autogen/schema';
import type {
  Check,
  Column,
  ColumnType,
  EnumType,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexPart,
  Schema,
  Table,
  Unique,
} from '@autogen/schema';
import { postgresNeedsQuoting } from './postgres-keywords';
import { normalizePostgresType } from './postgres-normalizer';

/**
 * How many queries {@link introspectPostgres} runs, whatever the number of tables: tables (with comments),
 * columns (with defaults, comments and serial detection), constraints, indexes, enum types.
 */
export const POSTGRES_INTROSPECTION_QUERIES = 5;

/**
 * The tables read: ordinary and partitioned tables (`relkind` r/p) of the configured schemas, leaving out
 * partitions (they follow their parent), views, materialized views, foreign tables and tables that belong to an
 * extension (`pg_depend` deptype `e`, e.g. PostGIS's `spatial_ref_sys`). `$1` is the schema list.
 * https://www.postgresql.org/docs/current/catalog-pg-class.html
 */
const TABLES = `
  SELECT c.oid, n.nspname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')`;

const TABLE_QUERY = `
  WITH t AS (${TABLES})
  SELECT c.oid AS oid, t.nspname AS schema, c.relname AS name, pg_catalog.obj_description(c.oid, 'pg_class') AS comment
  FROM t JOIN pg_catalog.pg_class c ON c.oid = t.oid`;

/**
 * Columns in order. The type comes three ways: `format_type` (the exact built-in spelling with modifiers) and the
 * type's (or array element's) kind, schema and name, for enums and domains. `serial_sequence` is true when the
 * default draws from a sequence OWNED BY this column: the default depends on the sequence (deptype `n`) and the
 * sequence on the column (deptype `a`), which is what `serial` creates
 * (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL). Identity sequences (deptype
 * `i`) have no default.
 */
const COLUMN_QUERY = `
  WITH t AS (${TABLES})
  SELECT a.attrelid AS table_oid, a.attname AS name,
    pg_catalog.format_type(a.atttypid, a.atttypmod) AS formatted,
    ty.typtype AS typtype, tn.nspname AS type_schema, ty.typname AS type_name,
    el.typtype AS element_typtype, en.nspname AS element_schema, el.typname AS element_name,
    a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
    pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) AS default_expr,
    CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname::text END AS collation,
    pg_catalog.col_description(a.attrelid, a.attnum) AS comment,
    (d.oid IS NOT NULL AND EXISTS (
      SELECT 1
      FROM pg_catalog.pg_depend dd
      JOIN pg_catalog.pg_class s ON s.oid = dd.refobjid AND s.relkind = 'S'
      JOIN pg_catalog.pg_depend ds ON ds.classid = 'pg_catalog.pg_class'::regclass AND ds.objid = s.oid
        AND ds.refclassid = 'pg_catalog.pg_class'::regclass AND ds.refobjid = a.attrelid AND ds.refobjsubid = a.attnum
        AND ds.deptype = 'a'
      WHERE dd.classid = 'pg_catalog.pg_attrdef'::regclass AND dd.objid = d.oid
        AND dd.refclassid = 'pg_catalog.pg_class'::regclass)) AS serial_sequence
  FROM t
  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
  LEFT JOIN pg_catalog.pg_type el ON el.oid = ty.typelem AND ty.typcategory = 'A'
  LEFT JOIN pg_catalog.pg_namespace en ON en.oid = el.typnamespace
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  ORDER BY a.attrelid, a.attnum`;

/**
 * Primary keys, foreign keys, unique and check constraints, with key columns in key order (`unnest … WITH
 * ORDINALITY` over `conkey`/`confkey`). Foreign keys a partitioned referenced table adds per partition
 * (`conparentid` ≠ 0) are left out. https://www.postgresql.org/docs/current/catalog-pg-constraint.html
 */
const CONSTRAINT_QUERY = `
  WITH t AS (${TABLES})
  SELECT con.conrelid AS table_oid, con.conname AS name, con.contype AS type,
    ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
    ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS referenced_columns,
    rn.nspname AS referenced_schema, rc.relname AS referenced_table,
    con.confdeltype AS on_delete, con.confupdtype AS on_update,
    con.condeferrable AS deferrable, con.condeferred AS deferred,
    CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END AS definition
  FROM t
  JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.contype IN ('p', 'f', 'u', 'c') AND con.conparentid = 0
  ORDER BY con.conrelid, con.conname`;

/**
 * Indexes that do not back a PRIMARY KEY, UNIQUE or EXCLUDE constraint (those are reported as constraints).
 * Per index: the column name of each of its `indnatts` columns (NULL for an expression), each column's definition
 * from `pg_get_indexdef(index, k, true)` (the expression text), `indoption` (bit 0 = DESC), the first
 * `indnkeyatts` being key columns and the rest INCLUDE columns, the access method and the predicate.
 * https://www.postgresql.org/docs/current/catalog-pg-index.html
 */
const INDEX_QUERY = `
  WITH t AS (${TABLES})
  SELECT i.indrelid AS table_oid, ic.relname AS name, i.indisunique AS is_unique, am.amname AS method,
    i.indnkeyatts AS key_count,
    ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
          LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num <> 0
          ORDER BY k.ord) AS columns,
    ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts::int) AS k
          ORDER BY k) AS definitions,
    i.indoption::int2[] AS options,
    pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate
  FROM t
  JOIN pg_catalog.pg_index i ON i.indrelid = t.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
  ORDER BY i.indrelid, ic.relname`;

/** Enum types of the configured schemas with their labels in declared order (`enumsortorder`). */
const ENUM_QUERY = `
  SELECT n.nspname AS schema, ty.typname AS name,
    ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = ty.oid ORDER BY e.enumsortorder) AS labels
  FROM pg_catalog.pg_type ty
  JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace
  WHERE ty.typtype = 'e' AND n.nspname = ANY($1::text[])
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_type'::regclass AND e.objid = ty.oid AND e.deptype = 'e')
  ORDER BY n.nspname, ty.typname`;

interface TableRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
}

interface ColumnRow {
  readonly table_oid: number;
  readonly name: string;
  readonly formatted: string;
  readonly typtype: string;
  readonly type_schema: string;
  readonly type_name: string;
  readonly element_typtype: string | null;
  readonly element_schema: string | null;
  readonly element_name: string | null;
  readonly not_null: boolean;
  readonly identity: string;
  readonly generated: string;
  readonly default_expr: string | null;
  readonly collation: string | null;
  readonly comment: string | null;
  readonly serial_sequence: boolean;
}

interface ConstraintRow {
  readonly table_oid: number;
  readonly name: string;
  readonly type: 'p' | 'f' | 'u' | 'c';
  readonly columns: ReadonlyArray<string>;
  readonly referenced_columns: ReadonlyArray<string>;
  readonly referenced_schema: string | null;
  readonly referenced_table: string | null;
  readonly on_delete: string;
  readonly on_update: string;
  readonly deferrable: boolean;
  readonly deferred: boolean;
  readonly definition: string | null;
}

interface IndexRow {
  readonly table_oid: number;
  readonly name: string;
  readonly is_unique: boolean;
  readonly method: string;
  readonly key_count: number;
  readonly columns: ReadonlyArray<string | null>;
  readonly definitions: ReadonlyArray<string>;
  readonly options: ReadonlyArray<number>;
  readonly predicate: string | null;
}

interface EnumRow {
  readonly schema: string;
  readonly name: string;
  readonly labels: ReadonlyArray<string>;
}

/**
 * Reads the live database into the schema model from `pg_catalog`, in {@link POSTGRES_INTROSPECTION_QUERIES}
 * queries whatever the number of tables (no query per table).
 *
 * - Schemas: `options.schemas` (default `['public']`); tables and enums of the first one carry no `schema`, and
 *   are named by their bare name in foreign keys and column types; others by `schema.name`.
 * - Tables named in `options.exclude` (bare name or `schema.name`) are left out.
 * - Column types: built-in types as `format_type` spells them (`character varying(20)`, `timestamp(3) with time
 *   zone`, `integer[]`), parsed by {@link normalizePostgresType}; enums, domains and other user types by their key
 *   (`mood`, `audit.status`), with a quoted `raw` for DDL.
 * - An integer column whose default draws from a sequence it owns is `serial`/`bigserial`/`smallserial` with no
 *   default; identity columns carry `identity` and no default.
 * - Defaults are reported as the SQL `pg_get_expr` prints (`'x'::text`); the normalizer reads them.
 * - CHECK expressions without `CHECK (…)` and without `NOT VALID` / `NO INHERIT`.
 * - Needs PostgreSQL 12 or later (`attgenerated`, `indnkeyatts`, `conparentid`).
 * - Not represented, so left out: generated-column expressions (the column is kept without a default), index
 *   operator classes, collations and NULLS FIRST/LAST, exclusion constraints, `NULLS NOT DISTINCT`.
 */
export async function introspectPostgres(connection: Connection, options: IntrospectOptions): Promise<Schema> {
  const schemas = options.schemas?.length ? [...options.schemas] : ['public'];
  const defaultSchema = schemas[0] as string;
  const params = [schemas];
  const tableRows = await connection.query<TableRow>(TABLE_QUERY, params);
  const columnRows = await connection.query<ColumnRow>(COLUMN_QUERY, params);
  const constraintRows = await connection.query<ConstraintRow>(CONSTRAINT_QUERY, params);
  const indexRows = await connection.query<IndexRow>(INDEX_QUERY, params);
  const enumRows = await connection.query<EnumRow>(ENUM_QUERY, params);

  const excluded = new Set(options.exclude);
  const columnsByTable = groupBy(columnRows, (r) => r.table_oid);
  const constraintsByTable = groupBy(constraintRows, (r) => r.table_oid);
  const indexesByTable = groupBy(indexRows, (r) => r.table_oid);
  const key = (schema: string, name: string): string => (schema === defaultSchema ? name : `${schema}.${name}`);

  const tables = tableRows
    .filter((row) => !excluded.has(key(row.schema, row.name)) && !excluded.has(`${row.schema}.${row.name}`))
    .map((row): Table => {
      const constraints = constraintsByTable.get(row.oid) ?? [];
      const primaryKey = constraints.find((c) => c.type === 'p');
      return {
        name: row.name,
        ...(row.schema !== defaultSchema ? { schema: row.schema } : {}),
        ...(row.comment ? { comment: row.comment } : {}),
        columns: (columnsByTable.get(row.oid) ?? []).map((c) => buildColumn(c, defaultSchema)),
        ...(primaryKey ? { primaryKey: { name: primaryKey.name, columns: [...primaryKey.columns] } } : {}),
        foreignKeys: constraints.filter((c) => c.type === 'f').map((c) => buildForeignKey(c, defaultSchema)),
        indexes: (indexesByTable.get(row.oid) ?? []).map(buildIndex),
        uniques: constraints.filter((c) => c.type === 'u').map((c): Unique => ({ name: c.name, columns: [...c.columns] })),
        checks: constraints.filter((c) => c.type === 'c').map((c): Check => ({ name: c.name, expression: checkConstraintExpression(c.definition ?? '') })),
      };
    });
  const enums = enumRows.map(
    (row): EnumType => ({ name: row.name, ...(row.schema !== defaultSchema ? { schema: row.schema } : {}), values: [...row.labels] }),
  );
  return sortSchema(enums.length ? { tables, enums } : { tables });
}

const SERIAL_TYPES: Readonly<Record<string, string>> = { int4: 'serial', int8: 'bigserial', int2: 'smallserial' };

function buildColumn(row: ColumnRow, defaultSchema: string): Column {
  const serial =
    row.serial_sequence && row.type_schema === 'pg_catalog' && /^nextval\(/i.test(row.default_expr ?? '') ? SERIAL_TYPES[row.type_name] : undefined;
  const type: ColumnType = serial ? { name: serial, args: [], raw: serial } : columnType(row, defaultSchema);
  const identity = row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : undefined;
  // A generated column's expression is in pg_attrdef too, but it is not a default.
  const defaultExpr = serial || row.generated ? null : row.default_expr;
  return {
    name: row.name,
    type,
    nullable: !row.not_null,
    ...(defaultExpr !== null ? { default: { kind: 'sql', expr: defaultExpr } } : {}),
    ...(row.collation ? { collation: row.collation } : {}),
    ...(identity ? { identity } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

const quote = (name: string): string => (postgresNeedsQuoting(name) ? `"${name.replace(/"/g, '""')}"` : name);

/**
 * The column type. Types in `pg_catalog` are spelled by `format_type`. Others (enums, domains, extension types) are
 * named by key — bare in the default schema, `schema.name` elsewhere — and `raw` is the quoted, qualified name
 * with `format_type`'s modifiers (`vector(3)`) and `[]` for an array.
 */
function columnType(row: ColumnRow, defaultSchema: string): ColumnType {
  const array = row.element_name !== null;
  const schema = (array ? row.element_schema : row.type_schema) as string;
  const name = (array ? row.element_name : row.type_name) as string;
  if (schema === 'pg_catalog') return normalizePostgresType({ name: '', args: [], raw: row.formatted });
  const typeKey = schema === defaultSchema ? name : `${schema}.${name}`;
  const modifiers = /(\([0-9, ]*\))(?:\[\])?$/.exec(row.formatted)?.[1] ?? '';
  const args = modifiers ? modifiers.slice(1, -1).split(',').map((a) => Number(a.trim())).filter(Number.isFinite) : [];
  const raw = `${schema === defaultSchema ? quote(name) : `${quote(schema)}.${quote(name)}`}${modifiers}${array ? '[]' : ''}`;
  return { name: array ? `${typeKey}[]` : typeKey, args, raw };
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

function buildForeignKey(row: ConstraintRow, defaultSchema: string): ForeignKey {
  const schema = row.referenced_schema as string;
  const table = row.referenced_table as string;
  const deferred = row.deferred;
  return {
    name: row.name,
    columns: [...row.columns],
    referencedTable: table,
    referencedColumns: [...row.referenced_columns],
    onDelete: ACTIONS[row.on_delete] ?? 'no action',
    onUpdate: ACTIONS[row.on_update] ?? 'no action',
    ...(row.deferrable || deferred ? { deferrable: true } : {}),
    ...(deferred ? { deferred: true } : {}),
    ...(schema !== defaultSchema ? { referencedSchema: schema } : {}),
  };
}

/**
 * The expression inside `CHECK (…)` as `pg_get_constraintdef` prints it, without the `NO INHERIT` and `NOT VALID`
 * markers it appends (https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-CATALOG).
 */
export function checkConstraintExpression(definition: string): string {
  let text = definition.trim();
  for (;;) {
    const marker = /\s+(NOT VALID|NO INHERIT)$/i.exec(text);
    if (!marker) break;
    text = text.slice(0, marker.index);
  }
  const match = /^CHECK\s*\(([\s\S]*)\)$/i.exec(text);
  return (match ? (match[1] as string) : text).trim();
}

/** indoption bit 0: the column sorts descending (https://www.postgresql.org/docs/current/catalog-pg-index.html). */
const INDOPTION_DESC = 1;

function buildIndex(row: IndexRow): Index {
  const parts: IndexPart[] = [];
  const include: string[] = [];
  row.columns.forEach((column, k) => {
    const descending = ((row.options[k] ?? 0) & INDOPTION_DESC) !== 0;
    if (k >= row.key_count) {
      include.push(column ?? (row.definitions[k] as string));
    } else if (column !== null) {
      parts.push({ kind: 'column', name: column, ...(descending ? { descending: true } : {}) });
    } else {
      const sql = row.definitions[k] as string;
      parts.push({ kind: 'expression', sql: descending ? `${sql} DESC` : sql });
    }
  });
  return {
    name: row.name,
    parts,
    unique: row.is_unique,
    ...(row.predicate ? { where: row.predicate } : {}),
    ...(row.method !== 'btree' ? { method: row.method } : {}),
    ...(include.length ? { include } : {}),
  };
}

function groupBy<T, K>(rows: ReadonlyArray<T>, key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
