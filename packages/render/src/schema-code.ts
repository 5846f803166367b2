import type { EnumUsage } from '@autogen/ops';
import type { Check, Column, ColumnType, DefaultValue, EnumType, ForeignKey, Index, IndexPart, PrimaryKey, Table, Unique } from '@autogen/schema';
import { arr, obj, scalar, str, strings } from './code';
import type { Code } from './code';

/*
 * Schema objects as compact object literals, in the key order of the schema model, in the input form
 * `recordOperations` reads back (see `ColumnInput` and friends in @autogen/ops). Fields that are absent or false
 * are left out, and so are values equal to the input default (an index's `unique: false`, a foreign key's
 * `'no action'`), except a column's `nullable`, which is always written so a reader never has to guess. One
 * exception to the key order: a foreign key's `referencedSchema` is written just before `referencedTable`, where
 * it reads as the qualified name.
 */

/**
 * A column type as its `raw` spelling (what SQL is compiled from; `parseColumnType` re-derives name and args
 * when the file is read). A type without a spelling is written as the full object, so nothing is lost.
 */
export function columnTypeCode(type: ColumnType): Code {
  if (type.raw.trim() !== '') return str(type.raw);
  return obj([
    ['name', str(type.name)],
    ['args', arr(type.args.map(scalar))],
    ['raw', str(type.raw)],
  ]);
}

/** `{ kind: 'literal', value: 'x' }` or `{ kind: 'sql', expr: 'CURRENT_TIMESTAMP' }`. */
export function defaultCode(value: DefaultValue): Code {
  // A literal the model spelled otherwise (`true` for SQLite's 1) is written as that spelling, an expression.
  if (value.kind === 'literal' && value.raw !== undefined) return obj([['kind', str('sql')], ['expr', str(value.raw)]]);
  return value.kind === 'literal'
    ? obj([
        ['kind', str('literal')],
        ['value', typeof value.value === 'string' ? str(value.value) : scalar(value.value)],
      ])
    : obj([
        ['kind', str('sql')],
        // The model's own spelling when normalization changed it: the database gets what the model says.
        ['expr', str(value.raw ?? value.expr)],
      ]);
}

const optionalText = (text: string | undefined): Code | undefined => (text === undefined ? undefined : str(text));

/**
 * `{ name: 'email', type: 'TEXT', nullable: false }` plus default, autoincrement, collation, identity and comment
 * when set (an empty comment is written too: it is what the model says).
 */
export function columnCode(column: Column): Code {
  return obj([
    ['name', str(column.name)],
    ['type', columnTypeCode(column.type)],
    ['nullable', scalar(column.nullable)],
    ['default', column.default && defaultCode(column.default)],
    ['autoincrement', column.autoincrement ? scalar(true) : undefined],
    ['collation', optionalText(column.collation)],
    ['identity', optionalText(column.identity)],
    ['comment', optionalText(column.comment)],
  ]);
}

const optionalName = (name: string | undefined): readonly [string, Code | undefined] => ['name', name === undefined ? undefined : str(name)];

/** An ascending column part is written as its name alone (`'email'`); others as objects. */
function indexPartCode(part: IndexPart): Code {
  if (part.kind === 'expression') {
    return obj([
      ['kind', str('expression')],
      ['sql', str(part.sql)],
    ]);
  }
  if (!part.descending) return str(part.name);
  return obj([
    ['kind', str('column')],
    ['name', str(part.name)],
    ['descending', scalar(true)],
  ]);
}

/**
 * `{ name: 'ix_x', parts: ['a', ...], unique: true, where: '...', method: 'gin', include: ['b'] }`; an empty
 * `include` is left out (the recorder reads it as absent).
 */
export function indexCode(index: Index): Code {
  return obj([
    ['name', str(index.name)],
    ['parts', arr(index.parts.map(indexPartCode))],
    ['unique', index.unique ? scalar(true) : undefined],
    ['where', optionalText(index.where)],
    ['method', optionalText(index.method)],
    ['include', index.include === undefined || index.include.length === 0 ? undefined : strings(index.include)],
  ]);
}

/** A foreign key; `'no action'` actions and false `deferred`/`deferrable` are left out. */
export function foreignKeyCode(fk: ForeignKey): Code {
  return obj([
    optionalName(fk.name),
    ['columns', strings(fk.columns)],
    ['referencedSchema', optionalText(fk.referencedSchema)],
    ['referencedTable', str(fk.referencedTable)],
    ['referencedColumns', strings(fk.referencedColumns)],
    ['onDelete', fk.onDelete === 'no action' ? undefined : str(fk.onDelete)],
    ['onUpdate', fk.onUpdate === 'no action' ? undefined : str(fk.onUpdate)],
    ['deferred', fk.deferred ? scalar(true) : undefined],
    ['deferrable', fk.deferrable ? scalar(true) : undefined],
  ]);
}

/** `{ name?, columns }`. */
export function uniqueCode(unique: Unique): Code {
  return obj([optionalName(unique.name), ['columns', strings(unique.columns)]]);
}

/** `{ name?, expression }`. */
export function checkCode(check: Check): Code {
  return obj([optionalName(check.name), ['expression', str(check.raw ?? check.expression)]]);
}

/** `{ name?, columns }`. */
export function primaryKeyCode(primaryKey: PrimaryKey): Code {
  return obj([optionalName(primaryKey.name), ['columns', strings(primaryKey.columns)]]);
}

/** A table (schema and comment when set); empty constraint lists are left out (the recorder fills them back in). */
export function tableCode(table: Table): Code {
  const list = <T>(items: ReadonlyArray<T>, code: (item: T) => Code): Code | undefined =>
    items.length === 0 ? undefined : arr(items.map(code));
  return obj([
    ['name', str(table.name)],
    ['schema', optionalText(table.schema)],
    ['comment', optionalText(table.comment)],
    ['columns', arr(table.columns.map(columnCode))],
    ['primaryKey', table.primaryKey && primaryKeyCode(table.primaryKey)],
    ['foreignKeys', list(table.foreignKeys, foreignKeyCode)],
    ['indexes', list(table.indexes, indexCode)],
    ['uniques', list(table.uniques, uniqueCode)],
    ['checks', list(table.checks, checkCode)],
  ]);
}

/** `{ name: 'mood', schema?: 'sales', values: ['happy', 'sad'] }`. */
export function enumCode(enumType: EnumType): Code {
  return obj([
    ['name', str(enumType.name)],
    ['schema', optionalText(enumType.schema)],
    ['values', strings(enumType.values)],
  ]);
}

/** `{ table: 'users', column: 'mood', default?: { ... } }`. */
export function enumUsageCode(usage: EnumUsage): Code {
  return obj([
    ['table', str(usage.table)],
    ['column', str(usage.column)],
    ['default', usage.default && defaultCode(usage.default)],
  ]);
}
