import { sortSchema, tableKey } from '@autogen/schema';
import { POSTGRES_TYPE_SYNONYMS } from './postgres-type-synonyms';
import type {
  Check,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexPart,
  PrimaryKey,
  Schema,
  Table,
  Unique,
} from '@autogen/schema';
import { canonicalPostgresSql } from './postgres-canonical-sql';
import type { CanonicalSqlOptions } from './postgres-canonical-sql';
import { tokenizePostgres } from './postgres-sql-tokenizer';
import type { PgToken } from './postgres-sql-tokenizer';

/**
 * Rewrites a schema into PostgreSQL's canonical spelling so that equivalent spellings compare equal. Runs on both
 * the model side and the introspected side; idempotent; never changes `type.raw`.
 *
 * - Types: {@link normalizePostgresType}. A column whose type names an enum of the schema keeps the enum's key.
 * - Defaults: {@link normalizePostgresDefault}. Serial and identity columns have none (their sequence is the
 *   default).
 * - Nullability: primary-key, serial and identity columns are NOT NULL (PostgreSQL makes them so:
 *   https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-PRIMARY-KEYS,
 *   https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL).
 * - Foreign keys: actions lowercase; `deferrable` is implied by `deferred`; a referenced table in another schema is
 *   its bare name in `referencedTable` with `referencedSchema` set (a `schema.name` key given alone is split, as
 *   the schema model defines the two fields); an empty
 *   referenced-column list means the referenced table's primary key.
 * - Indexes: `method` lowercase and absent for `btree` (the default); empty `include` left out; expression parts
 *   and predicates in {@link canonicalPostgresSql} form, `ASC` dropped, an expression that is just a column name
 *   becomes a column part.
 * - CHECK expressions: {@link canonicalPostgresSql}, told which columns are text or varchar.
 * - Comments: an empty comment is no comment (`COMMENT ... IS ''` removes it:
 *   https://www.postgresql.org/docs/current/sql-comment.html). Collation `default` is no collation.
 */
export function normalizePostgresSchema(schema: Schema): Schema {
  const enums = (schema.enums ?? []).map(normalizeEnum);
  const enumKeys = new Set(enums.map((e) => tableKey(e)));
  const schemas = new Set([...schema.tables, ...enums].flatMap((x) => (x.schema ? [x.schema] : [])));
  const tables = schema.tables.map((table) => normalizeTable(table, enumKeys, schemas, schema.tables));
  return sortSchema(enums.length ? { tables, enums } : { tables });
}

function normalizeEnum(value: EnumType): EnumType {
  return { name: value.name, ...(value.schema ? { schema: value.schema } : {}), values: [...value.values] };
}

function normalizeTable(table: Table, enumKeys: ReadonlySet<string>, schemas: ReadonlySet<string>, tables: ReadonlyArray<Table>): Table {
  const pkColumns = new Set(table.primaryKey?.columns ?? []);
  const columns = table.columns.map((c) => normalizeColumn(c, pkColumns.has(c.name), enumKeys));
  const sql: CanonicalSqlOptions = { textColumns: new Set(columns.filter((c) => TEXT_COLUMN_TYPES.has(c.type.name)).map((c) => c.name)) };
  return {
    name: table.name,
    ...(table.schema ? { schema: table.schema } : {}),
    ...(table.comment ? { comment: table.comment } : {}),
    columns,
    ...(table.primaryKey ? { primaryKey: normalizePrimaryKey(table.primaryKey) } : {}),
    foreignKeys: table.foreignKeys.map((fk) => normalizeForeignKey(fk, schemas, tables)),
    indexes: table.indexes.map((index) => normalizeIndex(index, sql)),
    uniques: table.uniques.map((u): Unique => ({ ...(u.name ? { name: u.name } : {}), columns: [...u.columns] })),
    checks: table.checks.map((c): Check => {
      const written = c.raw ?? c.expression;
      const expression = canonicalPostgresSql(c.expression, sql);
      return { ...(c.name ? { name: c.name } : {}), expression, ...(expression !== written ? { raw: written } : {}) };
    }),
  };
}

/** Column types whose `::text` cast PostgreSQL adds in expressions and the canonical form drops. */
const TEXT_COLUMN_TYPES = new Set(['text', 'varchar']);

function normalizePrimaryKey(key: PrimaryKey): PrimaryKey {
  return { ...(key.name ? { name: key.name } : {}), columns: [...key.columns] };
}

const SERIAL = /^(small|big)?serial$/;

function normalizeColumn(column: Column, inPrimaryKey: boolean, enumKeys: ReadonlySet<string>): Column {
  const type = normalizePostgresType(column.type, enumKeys);
  const generated = SERIAL.test(type.name) || column.identity !== undefined;
  const defaultValue = !generated && column.default ? normalizePostgresDefault(column.default, type) : undefined;
  const collation = column.collation && column.collation.toLowerCase() !== 'default' ? column.collation : undefined;
  return {
    name: column.name,
    type,
    nullable: inPrimaryKey || generated ? false : column.nullable,
    ...(defaultValue ? { default: defaultValue } : {}),
    ...(column.autoincrement ? { autoincrement: true } : {}),
    ...(collation ? { collation } : {}),
    ...(column.identity ? { identity: column.identity } : {}),
    ...(column.comment ? { comment: column.comment } : {}),
  };
}

const TYPE_SYNONYMS = POSTGRES_TYPE_SYNONYMS;

/** Element names of the `_int4` array spelling (`pg_type.typname` of array types). */
const INTERNAL_ARRAY_ELEMENTS = new Set([
  'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'bool', 'text', 'varchar', 'bpchar', 'date', 'time',
  'timetz', 'timestamp', 'timestamptz', 'interval', 'json', 'jsonb', 'uuid', 'bytea', 'inet', 'cidr', 'macaddr',
  'macaddr8', 'bit', 'varbit', 'money', 'xml', 'oid', 'name', 'char',
]);

/**
 * The canonical name and arguments of a PostgreSQL column type (see the type rules of the dialect); `raw` is kept.
 *
 * - Built-in names lowercase with synonyms merged: `int4`/`int` → `integer`, `int8` → `bigint`, `int2` →
 *   `smallint`, `float8`/`float` → `double precision`, `float4` → `real`, `bool` → `boolean`,
 *   `character varying` → `varchar`, `character`/`bpchar` → `char`, `decimal` → `numeric`,
 *   `timestamp [without time zone]` → `timestamp`, `timestamp with time zone` → `timestamptz`, likewise
 *   `time`/`timetz`, `serial4`/`serial8`/`serial2` → `serial`/`bigserial`/`smallserial`, `bit varying` → `varbit`;
 *   `float(p)` is `real` up to p = 24, else `double precision`
 *   (https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-FLOAT).
 * - Arguments parsed wherever they are written (`timestamp(3) with time zone` → `[3]`); `char` and `bit` without a
 *   length are length 1, `numeric(p)` is `numeric(p,0)` (what PostgreSQL stores and reports).
 * - Arrays as `<element>[]` with the element's arguments: `integer[]`, `int4[]`, `_int4`, `integer ARRAY`,
 *   `varchar(20)[]`, `int[3][3]` (PostgreSQL ignores dimensions) → `integer[]` / `varchar[]` `[20]`.
 * - Other names are user types (enums, domains): unquoted parts lowercased as PostgreSQL folds them, quoted parts
 *   kept, joined by `.` (`"audit"."Status"` → `audit.Status`). When `enumKeys` holds the type's name as given (the
 *   model may spell an enum `Mood` without quotes), that name is kept.
 */
export function normalizePostgresType(type: ColumnType, enumKeys: ReadonlySet<string> = new Set()): ColumnType {
  const text = (type.raw.trim() || spellFromName(type)).trim();
  const arrayMatch = /(?:\s*\[\s*\d*\s*\])+$|\s+array(?:\s*\[\s*\d*\s*\])?$/i.exec(text);
  let array = arrayMatch !== null;
  const base = arrayMatch ? text.slice(0, arrayMatch.index).trim() : text;
  for (const candidate of [base, type.name.replace(/\[\]$/, '')]) {
    if (enumKeys.has(candidate)) return { name: array || type.name.endsWith('[]') ? `${candidate}[]` : candidate, args: [], raw: type.raw };
  }
  // `"char"`, the one-byte internal type, is not `char` (https://www.postgresql.org/docs/current/datatype-character.html#DATATYPE-CHARACTER-SPECIAL-TABLE).
  if (base === '"char"') return { name: array ? '"char"[]' : '"char"', args: [], raw: type.raw };
  if (/[".]/.test(base)) {
    const name = userTypeName(base);
    if (name !== undefined) return { name: array ? `${name}[]` : name, args: [], raw: type.raw };
  }
  const args: number[] = [];
  const modifiers = /\(([^)]*)\)/.exec(base);
  if (modifiers) {
    for (const part of (modifiers[1] as string).split(',')) {
      const n = Number(part.trim());
      if (part.trim() !== '' && Number.isFinite(n)) args.push(n);
    }
  }
  let spelled = base.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  if (!array && spelled.startsWith('_') && INTERNAL_ARRAY_ELEMENTS.has(spelled.slice(1))) {
    array = true;
    spelled = spelled.slice(1);
  }
  let name = TYPE_SYNONYMS[spelled] ?? spelled;
  let finalArgs: number[] = args;
  if (spelled === 'float' && args.length) {
    name = (args[0] as number) <= 24 ? 'real' : 'double precision';
    finalArgs = [];
  } else if ((name === 'char' || name === 'bit') && args.length === 0 && spelled !== 'bpchar') {
    finalArgs = [1];
  } else if (spelled === 'bpchar' && args.length === 0) {
    name = 'bpchar';
  } else if (name === 'numeric' && args.length === 1) {
    finalArgs = [args[0] as number, 0];
  } else if (SERIAL.test(name)) {
    finalArgs = [];
  }
  if (enumKeys.has(name)) finalArgs = [];
  return { name: array ? `${name}[]` : name, args: finalArgs, raw: type.raw };
}

/** A spelling for a type given only by name and arguments: `varchar` `[20]` → `varchar(20)`, `varchar[]` → `varchar(20)[]`. */
function spellFromName(type: ColumnType): string {
  if (!type.args.length) return type.name;
  const array = type.name.endsWith('[]');
  const base = array ? type.name.slice(0, -2) : type.name;
  return `${base}(${type.args.join(',')})${array ? '[]' : ''}`;
}

/** `"audit"."Status"` → `audit.Status`; undefined when the text is not a (qualified) identifier. */
function userTypeName(text: string): string | undefined {
  const tokens = tokenizePostgres(text);
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as PgToken;
    if (i % 2 === 1) {
      if (token.kind !== 'punct' || token.value !== '.') return undefined;
    } else if (token.kind === 'word' || token.kind === 'quoted') {
      parts.push(token.value);
    } else return undefined;
  }
  return parts.length > 0 && tokens.length % 2 === 1 ? parts.join('.') : undefined;
}

const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'serial', 'bigserial', 'smallserial']);
const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0']);
const CURRENT_TIMESTAMP_CALLS = new Set(['now()', 'CURRENT_TIMESTAMP', 'transaction_timestamp()']);

/**
 * The canonical form of a column default for a column of the (normalized) `type`; `undefined` means no default.
 *
 * - `NULL`, with or without a cast (`NULL::text`), is no default: that is what PostgreSQL does without one.
 * - A string constant with casts (`'x'::text`, `'x'::character varying`, `'ok'::mood`, `'{}'::jsonb`,
 *   `'1 day'::interval`) is the literal string; a number, signed or parenthesized (`42`, `(-1)`, `'-1'::integer`),
 *   a literal number; `true`/`false` a literal boolean.
 * - Literals are then read as the column's type would read them: numeric strings become numbers on numeric
 *   columns (unless the integer is beyond 2^53), `'yes'`/`'off'`/`'t'`… become booleans on boolean columns
 *   (https://www.postgresql.org/docs/current/datatype-boolean.html), numbers and booleans become strings on other
 *   columns, and `jsonb` text is rewritten as PostgreSQL prints jsonb (keys sorted, `", "` and `": "`).
 * - `now()`, `CURRENT_TIMESTAMP`, `transaction_timestamp()` are `CURRENT_TIMESTAMP` (the same function:
 *   https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-CURRENT).
 * - `('now'::text)::<date/time type>` is the SQL value function it stands for (see {@link nowCastFunction}), never
 *   the literal `'now'`, which PostgreSQL would freeze at CREATE TABLE time.
 * - Any other expression: {@link canonicalPostgresSql}.
 */
export function normalizePostgresDefault(value: DefaultValue, type: ColumnType): DefaultValue | undefined {
  if (value.kind === 'literal') return value.value === null ? undefined : coerceLiteral(value.value, type);
  const expr = value.expr.trim();
  if (!expr) return undefined;
  // Keep the spelling as written (`now()`), for DDL; the canonical `expr` is what is compared.
  const written = value.raw ?? expr;
  const sql = (canonical: string): DefaultValue => (canonical === written ? { kind: 'sql', expr: canonical } : { kind: 'sql', expr: canonical, raw: written });
  const valueFunction = nowCastFunction(expr);
  if (valueFunction) return sql(valueFunction);
  const canonical = canonicalPostgresSql(expr);
  // The canonical form may reveal a constant the original hides (`('a'::text)::varchar` → `'a'`).
  const raw = readConstant(expr);
  const constant = raw === undefined ? readConstant(canonical) : raw;
  if (constant === null) return undefined;
  if (constant !== undefined) return coerceLiteral(constant, type);
  if (CURRENT_TIMESTAMP_CALLS.has(canonical)) return sql('CURRENT_TIMESTAMP');
  return sql(canonical);
}

/**
 * The SQL value function that `('now'::text)::<type>` spells, or undefined for any other expression:
 * `date` → `CURRENT_DATE`, `timestamp(p) with time zone` → `CURRENT_TIMESTAMP(p)`, `time(p) with time zone` →
 * `CURRENT_TIME(p)`, `timestamp(p) [without time zone]` → `LOCALTIMESTAMP(p)`, `time(p) [without time zone]` →
 * `LOCALTIME(p)`. Older PostgreSQL versions stored those functions in this form, and TypeORM still writes it for
 * `() => "CURRENT_DATE"`, `() => "CURRENT_TIMESTAMP(3)"`, … (`normalizeDatetimeFunction` in its PostgresDriver).
 * The cast of the *text* `'now'` runs at every insert, whereas `DEFAULT 'now'` or `'now'::date` is converted
 * once, when the table is created (https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-DATETIME-SPECIAL-VALUES),
 * so the text cast must not be read as the constant `'now'`.
 */
function nowCastFunction(expr: string): string | undefined {
  const match = /^(\()?\s*'now'\s*::\s*text\s*(\))?\s*::\s*(\S[\s\S]*)$/i.exec(expr);
  if (!match || (match[1] === undefined) !== (match[2] === undefined)) return undefined;
  const type = normalizePostgresType({ name: '', args: [], raw: match[3] as string });
  const precision = type.args.length === 1 ? `(${type.args[0]})` : '';
  switch (type.name) {
    case 'date':
      return type.args.length ? undefined : 'CURRENT_DATE';
    case 'timestamptz':
      return `CURRENT_TIMESTAMP${precision}`;
    case 'timetz':
      return `CURRENT_TIME${precision}`;
    case 'timestamp':
      return `LOCALTIMESTAMP${precision}`;
    case 'time':
      return `LOCALTIME${precision}`;
    default:
      return undefined;
  }
}

/**
 * The constant an expression spells, `null` for NULL, or undefined when it is not a constant: outer parentheses
 * and trailing casts are ignored, a sign may precede a number.
 */
function readConstant(expr: string): string | number | boolean | null | undefined {
  let tokens = tokenizePostgres(expr);
  while (tokens.length >= 2 && isPunct(tokens[0], '(') && closingParen(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1);
  // Drop a trailing cast chain: `::name`, `::name(1,2)`, `::character varying[]`, `::"Mood"`, `::audit.status`.
  const castAt = tokens.findIndex((t) => t.kind === 'cast');
  let head = tokens;
  if (castAt > 0) {
    const tail = tokens.slice(castAt);
    const castOnly = tail.every((t) => t.kind === 'cast' || t.kind === 'word' || t.kind === 'quoted' || t.kind === 'number' || (t.kind === 'punct' && '.()[],'.includes(t.value)));
    if (!castOnly) return undefined;
    head = tokens.slice(0, castAt);
    while (head.length >= 2 && isPunct(head[0], '(') && closingParen(head, 0) === head.length - 1) head = head.slice(1, -1);
  }
  const [first, second] = head;
  if (head.length === 1 && first) {
    if (first.kind === 'string') return first.value;
    if (first.kind === 'number') return numberOrText(first.text);
    if (first.kind === 'word' && first.value === 'null') return null;
    if (first.kind === 'word' && (first.value === 'true' || first.value === 'false')) return first.value === 'true';
  }
  if (head.length === 2 && first?.kind === 'operator' && (first.value === '-' || first.value === '+') && second?.kind === 'number') {
    return numberOrText(first.value + second.text);
  }
  return undefined;
}

const isPunct = (token: PgToken | undefined, value: string): boolean => token?.kind === 'punct' && token.value === value;

function closingParen(tokens: ReadonlyArray<PgToken>, open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

/** A number, or its text when converting would lose digits (integers beyond 2^53). */
function numberOrText(text: string): number | string {
  const clean = text.replace(/_/g, '').replace(/^\+/, '');
  const value = Number(clean);
  if (!Number.isFinite(value)) return clean;
  if (/^-?[0-9]+$/.test(clean) && !Number.isSafeInteger(value)) return clean;
  // `-0` would not survive JSON; it is the same default as 0.
  return value === 0 ? 0 : value;
}

function coerceLiteral(value: string | number | boolean, type: ColumnType): DefaultValue {
  const name = type.name;
  if (NUMERIC_TYPES.has(name)) {
    if (typeof value === 'string' && /^\s*[+-]?(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/.test(value)) {
      return { kind: 'literal', value: numberOrText(value.trim()) };
    }
    return { kind: 'literal', value };
  }
  if (name === 'boolean') {
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (TRUE_WORDS.has(text)) return { kind: 'literal', value: true };
      if (FALSE_WORDS.has(text)) return { kind: 'literal', value: false };
    }
    return { kind: 'literal', value };
  }
  const text = typeof value === 'string' ? value : String(value);
  if (name === 'jsonb') return { kind: 'literal', value: canonicalJsonb(text) };
  return { kind: 'literal', value: text };
}

/**
 * jsonb text as PostgreSQL prints it: object keys ordered by length then bytes, duplicates resolved to the last,
 * `", "` and `": "` separators (https://www.postgresql.org/docs/current/datatype-json.html). Text that does not
 * parse, or holds numbers JavaScript cannot carry exactly, is returned unchanged.
 */
function canonicalJsonb(text: string): string {
  if (/[0-9]{16,}/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const write = (node: unknown): string => {
    if (Array.isArray(node)) return `[${node.map(write).join(', ')}]`;
    if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node).sort((a, b) => {
        const la = Buffer.byteLength(a);
        const lb = Buffer.byteLength(b);
        return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
      });
      return `{${keys.map((k) => `${JSON.stringify(k)}: ${write((node as Record<string, unknown>)[k])}`).join(', ')}}`;
    }
    return JSON.stringify(node);
  };
  return write(parsed);
}

const ACTIONS: ReadonlySet<string> = new Set(['no action', 'restrict', 'cascade', 'set null', 'set default']);

function normalizeForeignKey(fk: ForeignKey, schemas: ReadonlySet<string>, tables: ReadonlyArray<Table>): ForeignKey {
  let referencedSchema = fk.referencedSchema;
  let referencedTable = fk.referencedTable;
  if (referencedSchema && !referencedTable.startsWith(`${referencedSchema}.`)) referencedTable = `${referencedSchema}.${referencedTable}`;
  const dot = referencedTable.indexOf('.');
  if (!referencedSchema && dot > 0 && schemas.has(referencedTable.slice(0, dot)) && !tables.some((t) => !t.schema && t.name === referencedTable)) {
    referencedSchema = referencedTable.slice(0, dot);
  }
  const referenced = tables.find((t) => tableKey(t) === referencedTable);
  // The schema model names the referenced table by its bare name plus `referencedSchema`.
  if (referencedSchema && referencedTable.startsWith(`${referencedSchema}.`)) referencedTable = referencedTable.slice(referencedSchema.length + 1);
  const referencedColumns = fk.referencedColumns.length ? [...fk.referencedColumns] : [...(referenced?.primaryKey?.columns ?? [])];
  const action = (a: string): ForeignKeyAction => {
    const lower = a.toLowerCase().replace(/\s+/g, ' ').trim();
    return (ACTIONS.has(lower) ? lower : a) as ForeignKeyAction;
  };
  const deferrable = fk.deferrable === true || fk.deferred === true;
  return {
    ...(fk.name ? { name: fk.name } : {}),
    columns: [...fk.columns],
    referencedTable,
    referencedColumns,
    onDelete: action(fk.onDelete ?? 'no action'),
    onUpdate: action(fk.onUpdate ?? 'no action'),
    ...(deferrable ? { deferrable: true } : {}),
    ...(fk.deferred ? { deferred: true } : {}),
    ...(referencedSchema ? { referencedSchema } : {}),
  };
}

function normalizeIndex(index: Index, sql: CanonicalSqlOptions): Index {
  const method = index.method?.toLowerCase();
  const where = index.where === undefined ? '' : canonicalPostgresSql(index.where, sql);
  return {
    name: index.name,
    parts: index.parts.map((part) => normalizeIndexPart(part, sql)),
    unique: index.unique,
    ...(where ? { where } : {}),
    ...(method && method !== 'btree' ? { method } : {}),
    ...(index.include?.length ? { include: [...index.include] } : {}),
  };
}

/**
 * An index part in canonical form (`sql.textColumns`: the table's text and varchar columns, see
 * {@link canonicalPostgresSql}): a column part with `descending` only when true; an expression canonicalized,
 * `ASC` dropped and `DESC` kept as a trailing ` desc`; an expression that is a bare column name is that column.
 */
export function normalizeIndexPart(part: IndexPart, sql: CanonicalSqlOptions = {}): IndexPart {
  if (part.kind === 'column') return { kind: 'column', name: part.name, ...(part.descending ? { descending: true } : {}) };
  const tokens = tokenizePostgres(part.sql);
  const last = tokens[tokens.length - 1];
  const direction = last?.kind === 'word' && (last.value === 'asc' || last.value === 'desc') && tokens.length > 1 ? last.value : undefined;
  const body = direction ? part.sql.slice(0, part.sql.toLowerCase().lastIndexOf(direction)) : part.sql;
  const canonical = canonicalPostgresSql(body, sql);
  const bodyTokens = tokenizePostgres(canonical);
  const only = bodyTokens[0];
  if (bodyTokens.length === 1 && only && (only.kind === 'quoted' || only.kind === 'word') && !/^(true|false|null)$/.test(only.value)) {
    return { kind: 'column', name: only.value, ...(direction === 'desc' ? { descending: true } : {}) };
  }
  return { kind: 'expression', sql: direction === 'desc' ? `${canonical} desc` : canonical };
}
