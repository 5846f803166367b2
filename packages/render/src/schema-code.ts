import type { Check, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexPart, PrimaryKey, Table, Unique } from '@autogen/schema';
import { arr, obj, scalar, str, strings } from './code';
import type { Code } from './code';

/*
 * Schema objects as compact object literals, in the key order of the schema model, in the input form
 * `recordOperations` reads back (see `ColumnInput` and friends in @autogen/ops). Fields that are absent or false
 * are left out, and so are values equal to the input default (an index's `unique: false`, a foreign key's
 * `'no action'`), except a column's `nullable`, which is always written so a reader never has to guess.
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
  return value.kind === 'literal'
    ? obj([
        ['kind', str('literal')],
        ['value', typeof value.value === 'string' ? str(value.value) : scalar(value.value)],
      ])
    : obj([
        ['kind', str('sql')],
        ['expr', str(value.expr)],
      ]);
}

/** `{ name: 'email', type: 'TEXT', nullable: false }` plus default, autoincrement and collation when set. */
export function columnCode(column: Column): Code {
  return obj([
    ['name', str(column.name)],
    ['type', columnTypeCode(column.type)],
    ['nullable', scalar(column.nullable)],
    ['default', column.default && defaultCode(column.default)],
    ['autoincrement', column.autoincrement ? scalar(true) : undefined],
    ['collation', column.collation === undefined ? undefined : str(column.collation)],
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

/** `{ name: 'ix_x', parts: ['a', ...], unique: true, where: '...' }`. */
export function indexCode(index: Index): Code {
  return obj([
    ['name', str(index.name)],
    ['parts', arr(index.parts.map(indexPartCode))],
    ['unique', index.unique ? scalar(true) : undefined],
    ['where', index.where === undefined ? undefined : str(index.where)],
  ]);
}

/** A foreign key; `'no action'` actions and a false `deferred` are left out. */
export function foreignKeyCode(fk: ForeignKey): Code {
  return obj([
    optionalName(fk.name),
    ['columns', strings(fk.columns)],
    ['referencedTable', str(fk.referencedTable)],
    ['referencedColumns', strings(fk.referencedColumns)],
    ['onDelete', fk.onDelete === 'no action' ? undefined : str(fk.onDelete)],
    ['onUpdate', fk.onUpdate === 'no action' ? undefined : str(fk.onUpdate)],
    ['deferred', fk.deferred ? scalar(true) : undefined],
  ]);
}

/** `{ name?, columns }`. */
export function uniqueCode(unique: Unique): Code {
  return obj([optionalName(unique.name), ['columns', strings(unique.columns)]]);
}

/** `{ name?, expression }`. */
export function checkCode(check: Check): Code {
  return obj([optionalName(check.name), ['expression', str(check.expression)]]);
}

/** `{ name?, columns }`. */
export function primaryKeyCode(primaryKey: PrimaryKey): Code {
  return obj([optionalName(primaryKey.name), ['columns', strings(primaryKey.columns)]]);
}

/** A table; empty constraint lists are left out (`createTable` fills them back in). */
export function tableCode(table: Table): Code {
  const list = <T>(items: ReadonlyArray<T>, code: (item: T) => Code): Code | undefined =>
    items.length === 0 ? undefined : arr(items.map(code));
  return obj([
    ['name', str(table.name)],
    ['columns', arr(table.columns.map(columnCode))],
    ['primaryKey', table.primaryKey && primaryKeyCode(table.primaryKey)],
    ['foreignKeys', list(table.foreignKeys, foreignKeyCode)],
    ['indexes', list(table.indexes, indexCode)],
    ['uniques', list(table.uniques, uniqueCode)],
    ['checks', list(table.checks, checkCode)],
  ]);
}
