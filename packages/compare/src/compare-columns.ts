import { assertNever } from '@autogen/ops';
import type { ColumnChange, Op } from '@autogen/ops';
import { describeDefault, describeType } from '@autogen/schema';
import type { Column } from '@autogen/schema';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { byName, columnChanges } from './equality';

function describeIdentity(column: Column): string {
  return column.identity ? `GENERATED ${column.identity.toUpperCase()} AS IDENTITY` : 'none';
}

/** `'text'` (SQL-quoted), or `none` for no (or an empty) comment. */
export function describeComment(comment: string | undefined): string {
  return comment ? `'${comment.replace(/'/g, "''")}'` : 'none';
}

function describeChange(from: Column, to: Column, change: ColumnChange): string {
  switch (change) {
    case 'type':
      return `type ${describeType(from.type)} -> ${describeType(to.type)}`;
    case 'nullable':
      return from.nullable ? 'NULL -> NOT NULL' : 'NOT NULL -> NULL';
    case 'default':
      return `default ${describeDefault(from.default)} -> ${describeDefault(to.default)}`;
    case 'autoincrement':
      return to.autoincrement ? 'autoincrement added' : 'autoincrement removed';
    case 'collation':
      return `collation ${from.collation ?? 'BINARY'} -> ${to.collation ?? 'BINARY'}`;
    case 'identity':
      return `identity ${describeIdentity(from)} -> ${describeIdentity(to)}`;
    case 'comment':
      return `comment ${describeComment(from.comment)} -> ${describeComment(to.comment)}`;
    default:
      return assertNever(change, 'column change');
  }
}

/**
 * Column ops of one table: `renameColumn` for accepted renames (by old name), `addColumn` in model order,
 * `alterColumn` for changed columns in model order, `dropColumn` by name. Columns are matched by name (after
 * renames), so their order is never a change. An `alterColumn`'s `from` carries the column's new name: the
 * rename has run by then.
 */
export function compareColumns(pair: TablePair, context: CompareContext): Op[] {
  const table = pairKey(pair);
  const ops: Op[] = [];
  const currentByNewName = new Map(pair.current.columns.map((c) => [context.columnName(table, c.name), c]));
  const targetNames = new Set(pair.target.columns.map((c) => c.name));

  for (const column of [...pair.current.columns].sort(byName)) {
    const to = context.columnName(table, column.name);
    if (to === column.name) continue;
    context.log(`Detected renamed column '${table}.${column.name}' -> '${table}.${to}'`);
    ops.push({ kind: 'renameColumn', table, from: column.name, to });
  }
  for (const column of pair.target.columns) {
    const existing = currentByNewName.get(column.name);
    if (existing) {
      const from: Column = { ...existing, name: column.name };
      const changes = columnChanges(from, column);
      if (changes.length === 0) continue;
      context.log(`Detected changed column '${table}.${column.name}': ${changes.map((c) => describeChange(from, column, c)).join(', ')}`);
      ops.push({ kind: 'alterColumn', table, column: column.name, from, to: column, changes });
    } else {
      context.log(`Detected added column '${table}.${column.name}'`);
      ops.push({ kind: 'addColumn', table, column });
    }
  }
  for (const column of [...pair.current.columns].sort(byName)) {
    if (targetNames.has(context.columnName(table, column.name))) continue;
    context.log(`Detected removed column '${table}.${column.name}'`);
    ops.push({ kind: 'dropColumn', table, column: column.name, existing: column });
  }
  return ops;
}
