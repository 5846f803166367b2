import { parseColumnType } from '@autogen/schema';
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
  Table,
  Unique,
} from '@autogen/schema';
import { closestName } from './closest-name';
import type { ColumnChange, EnumUsage } from './op';
import { COLUMN_CHANGES } from './operations';

/*
 * Run-time readers for the arguments of `op.*` calls. Revision files are user-editable and may be plain
 * JavaScript, so nothing about an argument is trusted: each reader checks its value, reports the first problem
 * through `fail` with the value's path (`column.name is missing`), and returns fresh model data in the schema
 * model's key order (never the caller's objects).
 */

/** Reports a problem with an argument; never returns. `problem` starts with the path, e.g. `column.name is missing`. */
export type Fail = (problem: string) => never;

const FOREIGN_KEY_ACTIONS: ReadonlyArray<ForeignKeyAction> = ['no action', 'restrict', 'cascade', 'set null', 'set default'];

/** A short, quoted rendering of a value for messages: `'text'`, `42`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return quoteForMessage(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

/** `'text'` with quotes, backslashes and line breaks escaped, cut at 40 characters. */
export function quoteForMessage(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return `'${short.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

/** An object with only the `allowed` fields; unknown fields are reported with a "did you mean" hint. */
export function readObject(value: unknown, path: string, allowed: ReadonlyArray<string>, fail: Fail): Readonly<Record<string, unknown>> {
  if (value === undefined) return fail(`${path} is missing`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`${path} must be an object, got ${describeValue(value)}`);
  }
  const record = value as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key) && record[key] !== undefined) {
      const hint = closestName(key, allowed);
      fail(
        `${path} has an unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; allowed fields: ${allowed.join(', ')}`,
      );
    }
  }
  return record;
}

/** A non-empty string (names, SQL text). */
export function readString(value: unknown, path: string, fail: Fail): string {
  if (value === undefined) return fail(`${path} is missing`);
  if (typeof value !== 'string') return fail(`${path} must be a string, got ${describeValue(value)}`);
  if (value.trim() === '') return fail(`${path} must not be empty`);
  return value;
}

/** Free text (comments): any string, empty included. */
export function readText(value: unknown, path: string, fail: Fail): string {
  if (typeof value !== 'string') return fail(`${path} must be a string, got ${describeValue(value)}`);
  return value;
}

/** A boolean (no truthy/falsy coercion: `'false'` is an error, not true). */
export function readBoolean(value: unknown, path: string, fail: Fail): boolean {
  if (value === undefined) return fail(`${path} is missing (true or false)`);
  if (typeof value !== 'boolean') return fail(`${path} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** An array read item by item; `nonEmpty` rejects `[]`. */
export function readList<T>(
  value: unknown,
  path: string,
  fail: Fail,
  readItem: (item: unknown, itemPath: string) => T,
  nonEmpty: boolean,
): ReadonlyArray<T> {
  if (value === undefined) return fail(`${path} is missing`);
  if (!Array.isArray(value)) return fail(`${path} must be an array, got ${describeValue(value)}`);
  if (nonEmpty && value.length === 0) return fail(`${path} must not be empty`);
  return value.map((item: unknown, i) => readItem(item, `${path}[${i}]`));
}

/** A list of column names without repeats; non-empty unless `nonEmpty` is false. */
export function readColumnNames(value: unknown, path: string, fail: Fail, nonEmpty = true): ReadonlyArray<string> {
  const names = readList(value, path, fail, (item, itemPath) => readString(item, itemPath, fail), nonEmpty);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) fail(`${path} lists '${repeated}' twice`);
  return names;
}

/** A column type: a spelling parsed with `parseColumnType`, or a full `{ name, args, raw }`. */
export function readColumnType(value: unknown, path: string, fail: Fail): ColumnType {
  if (typeof value === 'string') return parseColumnType(readString(value, path, fail));
  if (value === undefined) return fail(`${path} is missing (e.g. 'integer' or 'varchar(255)')`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`${path} must be a type spelling such as 'varchar(255)' or { name, args, raw }, got ${describeValue(value)}`);
  }
  const o = readObject(value, path, ['name', 'args', 'raw'], fail);
  const name = readString(o.name, `${path}.name`, fail);
  const args = readList(o.args, `${path}.args`, fail, (item, itemPath) => readFiniteNumber(item, itemPath, fail), false);
  if (o.raw === undefined) return fail(`${path}.raw is missing (the spelling compiled into SQL)`);
  if (typeof o.raw !== 'string') return fail(`${path}.raw must be a string, got ${describeValue(o.raw)}`);
  return { name, args, raw: o.raw };
}

function readFiniteNumber(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${path} must be a finite number, got ${describeValue(value)}`);
  return value;
}

/** `{ kind: 'literal', value }` (string, finite number, boolean or null) or `{ kind: 'sql', expr }`. */
export function readDefault(value: unknown, path: string, fail: Fail): DefaultValue {
  const kind = readObject(value, path, ['kind', 'value', 'expr'], fail).kind;
  if (kind === 'literal') {
    const o = readObject(value, path, ['kind', 'value'], fail);
    const literal = o.value;
    if (literal === undefined) return fail(`${path}.value is missing (use null for a NULL default)`);
    if (typeof literal === 'number') return { kind: 'literal', value: readFiniteNumber(literal, `${path}.value`, fail) };
    if (literal === null || typeof literal === 'string' || typeof literal === 'boolean') return { kind: 'literal', value: literal };
    return fail(`${path}.value must be a string, number, boolean or null, got ${describeValue(literal)}`);
  }
  if (kind === 'sql') {
    const o = readObject(value, path, ['kind', 'expr'], fail);
    return { kind: 'sql', expr: readString(o.expr, `${path}.expr`, fail) };
  }
  if (kind === undefined) return fail(`${path}.kind is missing ('literal' or 'sql')`);
  return fail(`${path}.kind must be 'literal' or 'sql', got ${describeValue(kind)}`);
}

/** A column (see `ColumnInput`). */
export function readColumn(value: unknown, path: string, fail: Fail): Column {
  const o = readObject(value, path, ['name', 'type', 'nullable', 'default', 'autoincrement', 'collation', 'identity', 'comment'], fail);
  return {
    name: readString(o.name, `${path}.name`, fail),
    type: readColumnType(o.type, `${path}.type`, fail),
    nullable: readBoolean(o.nullable, `${path}.nullable`, fail),
    ...(o.default !== undefined ? { default: readDefault(o.default, `${path}.default`, fail) } : {}),
    ...(o.autoincrement !== undefined ? { autoincrement: readBoolean(o.autoincrement, `${path}.autoincrement`, fail) } : {}),
    ...(o.collation !== undefined ? { collation: readString(o.collation, `${path}.collation`, fail) } : {}),
    ...(o.identity !== undefined ? { identity: readIdentity(o.identity, `${path}.identity`, fail) } : {}),
    ...(o.comment !== undefined ? { comment: readText(o.comment, `${path}.comment`, fail) } : {}),
  };
}

const IDENTITIES: ReadonlyArray<NonNullable<Column['identity']>> = ['always', 'by default'];

/** `'always'` or `'by default'`, in any letter case. */
function readIdentity(value: unknown, path: string, fail: Fail): NonNullable<Column['identity']> {
  const identity = typeof value === 'string' ? IDENTITIES.find((i) => i === value.trim().replace(/\s+/g, ' ').toLowerCase()) : undefined;
  if (identity === undefined) return fail(`${path} must be 'always' or 'by default', got ${describeValue(value)}`);
  return identity;
}

/** An index key part: a column name, `{ kind: 'column', name, descending? }` or `{ kind: 'expression', sql }`. */
function readIndexPart(value: unknown, path: string, fail: Fail): IndexPart {
  if (typeof value === 'string') return { kind: 'column', name: readString(value, path, fail) };
  const kind = readObject(value, path, ['kind', 'name', 'descending', 'sql'], fail).kind;
  if (kind === 'column') {
    const o = readObject(value, path, ['kind', 'name', 'descending'], fail);
    return {
      kind: 'column',
      name: readString(o.name, `${path}.name`, fail),
      ...(o.descending !== undefined ? { descending: readBoolean(o.descending, `${path}.descending`, fail) } : {}),
    };
  }
  if (kind === 'expression') {
    const o = readObject(value, path, ['kind', 'sql'], fail);
    return { kind: 'expression', sql: readString(o.sql, `${path}.sql`, fail) };
  }
  if (kind === undefined) return fail(`${path}.kind is missing ('column' or 'expression'); a plain column name also works`);
  return fail(`${path}.kind must be 'column' or 'expression', got ${describeValue(kind)}`);
}

/** An index (see `IndexInput`); `unique` defaults to false. */
export function readIndex(value: unknown, path: string, fail: Fail): Index {
  const o = readObject(value, path, ['name', 'parts', 'unique', 'where', 'method', 'include'], fail);
  const include = o.include === undefined ? [] : readColumnNames(o.include, `${path}.include`, fail, false);
  return {
    name: readString(o.name, `${path}.name`, fail),
    parts: readList(o.parts, `${path}.parts`, fail, (item, itemPath) => readIndexPart(item, itemPath, fail), true),
    unique: o.unique === undefined ? false : readBoolean(o.unique, `${path}.unique`, fail),
    ...(o.where !== undefined ? { where: readString(o.where, `${path}.where`, fail) } : {}),
    ...(o.method !== undefined ? { method: readString(o.method, `${path}.method`, fail) } : {}),
    ...(include.length > 0 ? { include } : {}),
  };
}

/** The options of `op.createIndex`/`op.dropIndex`: `{ concurrently? }`; a false flag is recorded as absent. */
export function readIndexOptions(value: unknown, path: string, fail: Fail): { readonly concurrently?: true } {
  if (value === undefined) return {};
  const o = readObject(value, path, ['concurrently'], fail);
  if (o.concurrently === undefined) return {};
  return readBoolean(o.concurrently, `${path}.concurrently`, fail) ? { concurrently: true } : {};
}

function readAction(value: unknown, path: string, fail: Fail): ForeignKeyAction {
  if (value === undefined) return 'no action';
  const action = typeof value === 'string' ? FOREIGN_KEY_ACTIONS.find((a) => a === value.trim().toLowerCase()) : undefined;
  if (action === undefined) {
    return fail(`${path} must be one of ${FOREIGN_KEY_ACTIONS.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`);
  }
  return action;
}

/** A foreign key (see `ForeignKeyInput`); actions default to `'no action'`. */
export function readForeignKey(value: unknown, path: string, fail: Fail): ForeignKey {
  const o = readObject(
    value,
    path,
    ['name', 'columns', 'referencedTable', 'referencedColumns', 'onDelete', 'onUpdate', 'deferred', 'deferrable', 'referencedSchema'],
    fail,
  );
  const name = o.name !== undefined ? readString(o.name, `${path}.name`, fail) : undefined;
  const columns = readColumnNames(o.columns, `${path}.columns`, fail);
  const referencedTable = readString(o.referencedTable, `${path}.referencedTable`, fail);
  const referencedColumns = readColumnNames(o.referencedColumns, `${path}.referencedColumns`, fail);
  if (referencedColumns.length !== columns.length) {
    fail(`${path} has ${columns.length} column(s) but ${referencedColumns.length} referenced column(s)`);
  }
  return {
    ...(name !== undefined ? { name } : {}),
    columns,
    referencedTable,
    referencedColumns,
    onDelete: readAction(o.onDelete, `${path}.onDelete`, fail),
    onUpdate: readAction(o.onUpdate, `${path}.onUpdate`, fail),
    ...(o.deferred !== undefined ? { deferred: readBoolean(o.deferred, `${path}.deferred`, fail) } : {}),
    ...(o.deferrable !== undefined ? { deferrable: readBoolean(o.deferrable, `${path}.deferrable`, fail) } : {}),
    ...(o.referencedSchema !== undefined ? { referencedSchema: readString(o.referencedSchema, `${path}.referencedSchema`, fail) } : {}),
  };
}

/** A unique constraint `{ name?, columns }`. */
export function readUnique(value: unknown, path: string, fail: Fail): Unique {
  const o = readObject(value, path, ['name', 'columns'], fail);
  return {
    ...(o.name !== undefined ? { name: readString(o.name, `${path}.name`, fail) } : {}),
    columns: readColumnNames(o.columns, `${path}.columns`, fail),
  };
}

/** A check constraint `{ name?, expression }`. */
export function readCheck(value: unknown, path: string, fail: Fail): Check {
  const o = readObject(value, path, ['name', 'expression'], fail);
  return {
    ...(o.name !== undefined ? { name: readString(o.name, `${path}.name`, fail) } : {}),
    expression: readString(o.expression, `${path}.expression`, fail),
  };
}

/** A primary key `{ name?, columns }`. */
export function readPrimaryKey(value: unknown, path: string, fail: Fail): PrimaryKey {
  const o = readObject(value, path, ['name', 'columns'], fail);
  return {
    ...(o.name !== undefined ? { name: readString(o.name, `${path}.name`, fail) } : {}),
    columns: readColumnNames(o.columns, `${path}.columns`, fail),
  };
}

/** A table (see `TableInput`): at least one column, no two columns or indexes with the same name. */
export function readTable(value: unknown, path: string, fail: Fail): Table {
  const o = readObject(
    value,
    path,
    ['name', 'schema', 'comment', 'columns', 'primaryKey', 'foreignKeys', 'indexes', 'uniques', 'checks'],
    fail,
  );
  const optionalList = <T>(field: string, read: (item: unknown, itemPath: string, f: Fail) => T): ReadonlyArray<T> | undefined =>
    o[field] === undefined ? undefined : readList(o[field], `${path}.${field}`, fail, (item, itemPath) => read(item, itemPath, fail), false);
  const name = readString(o.name, `${path}.name`, fail);
  const schema = o.schema !== undefined ? readString(o.schema, `${path}.schema`, fail) : undefined;
  const comment = o.comment !== undefined ? readText(o.comment, `${path}.comment`, fail) : undefined;
  const columns = readList(o.columns, `${path}.columns`, fail, (item, itemPath) => readColumn(item, itemPath, fail), true);
  const indexes = optionalList('indexes', readIndex);
  rejectRepeatedNames(columns, `${path}.columns`, 'columns', fail);
  rejectRepeatedNames(indexes ?? [], `${path}.indexes`, 'indexes', fail);
  const primaryKey = o.primaryKey !== undefined ? readPrimaryKey(o.primaryKey, `${path}.primaryKey`, fail) : undefined;
  const foreignKeys = optionalList('foreignKeys', readForeignKey);
  const uniques = optionalList('uniques', readUnique);
  const checks = optionalList('checks', readCheck);
  // Built here rather than with `createTable` from @autogen/schema, which keeps only name, columns and lists.
  return {
    name,
    ...(schema !== undefined ? { schema } : {}),
    ...(comment !== undefined ? { comment } : {}),
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    foreignKeys: foreignKeys ?? [],
    indexes: indexes ?? [],
    uniques: uniques ?? [],
    checks: checks ?? [],
  };
}

/** Enum labels: strings (the empty label is allowed, as in PostgreSQL) without repeats. */
export function readLabels(value: unknown, path: string, fail: Fail): ReadonlyArray<string> {
  const labels = readList(value, path, fail, (item, itemPath) => readText(item, itemPath, fail), false);
  const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
  if (repeated !== undefined) fail(`${path} lists ${quoteForMessage(repeated)} twice`);
  return labels;
}

/** An enum type `{ name, schema?, values }` (see `EnumInput`). */
export function readEnum(value: unknown, path: string, fail: Fail): EnumType {
  const o = readObject(value, path, ['name', 'schema', 'values'], fail);
  return {
    name: readString(o.name, `${path}.name`, fail),
    ...(o.schema !== undefined ? { schema: readString(o.schema, `${path}.schema`, fail) } : {}),
    values: readLabels(o.values, `${path}.values`, fail),
  };
}

/** A column of an enum type `{ table, column, default? }` (see `EnumUsageInput`). */
export function readEnumUsage(value: unknown, path: string, fail: Fail): EnumUsage {
  const o = readObject(value, path, ['table', 'column', 'default'], fail);
  return {
    table: readString(o.table, `${path}.table`, fail),
    column: readString(o.column, `${path}.column`, fail),
    ...(o.default !== undefined ? { default: readDefault(o.default, `${path}.default`, fail) } : {}),
  };
}

/**
 * Renamed enum labels, old → new: each old label in `from` and not in `to`, each new one in `to` and not in
 * `from`, no new label twice. Built with `Object.fromEntries`, so a label such as `__proto__` stays a plain key.
 */
export function readLabelRenames(
  value: unknown,
  path: string,
  from: ReadonlyArray<string>,
  to: ReadonlyArray<string>,
  fail: Fail,
): Readonly<Record<string, string>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`${path} must be an object of old label → new label, got ${describeValue(value)}`);
  }
  const entries = Object.entries(value as Readonly<Record<string, unknown>>).map(([old, renamed]): [string, string] => {
    const label = readText(renamed, `${path}[${quoteForMessage(old)}]`, fail);
    if (!from.includes(old) || to.includes(old)) fail(`${path} renames ${quoteForMessage(old)}, which must be in from and not in to`);
    if (!to.includes(label) || from.includes(label)) fail(`${path} renames to ${quoteForMessage(label)}, which must be in to and not in from`);
    return [old, label];
  });
  const targets = entries.map(([, label]) => label);
  const repeated = targets.find((label, i) => targets.indexOf(label) !== i);
  if (repeated !== undefined) fail(`${path} renames two labels to ${quoteForMessage(repeated)}`);
  return Object.fromEntries(entries);
}

function rejectRepeatedNames(items: ReadonlyArray<{ readonly name: string }>, path: string, what: string, fail: Fail): void {
  const names = items.map((item) => item.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) fail(`${path} has two ${what} named '${repeated}'`);
}

/** The `changes` of an alterColumn: a non-empty list of known aspects without repeats. */
export function readColumnChanges(value: unknown, path: string, fail: Fail): ReadonlyArray<ColumnChange> {
  const changes = readList(
    value,
    path,
    fail,
    (item, itemPath) => {
      const change = COLUMN_CHANGES.find((c) => c === item);
      if (change === undefined) {
        return fail(`${itemPath} must be one of ${COLUMN_CHANGES.map((c) => `'${c}'`).join(', ')}, got ${describeValue(item)}`);
      }
      return change;
    },
    true,
  );
  const repeated = changes.find((c, i) => changes.indexOf(c) !== i);
  if (repeated !== undefined) fail(`${path} lists '${repeated}' twice`);
  return changes;
}
