import type { Op } from '@autogen/ops';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { sameList } from './equality';

/**
 * Primary key ops of one table: keys compare by their column list (after column renames); a name alone is not a
 * change. A changed key is `dropPrimaryKey` + `createPrimaryKey`.
 */
export function comparePrimaryKeys(pair: TablePair, context: CompareContext): Op[] {
  const table = pairKey(pair);
  const from = pair.current.primaryKey;
  const to = pair.target.primaryKey;
  const fromColumns = from?.columns.map((c) => context.columnName(table, c));
  if (!from && !to) return [];
  if (fromColumns && to && sameList(fromColumns, to.columns)) return [];
  const list = (columns: ReadonlyArray<string>): string => `(${columns.join(', ')})`;
  if (from && to) context.log(`Detected changed primary key on '${table}': ${list(from.columns)} -> ${list(to.columns)}`);
  else if (from) context.log(`Detected removed primary key on '${table}' ${list(from.columns)}`);
  else if (to) context.log(`Detected added primary key on '${table}' ${list(to.columns)}`);
  const ops: Op[] = [];
  if (from) ops.push({ kind: 'dropPrimaryKey', table, existing: from });
  if (to) ops.push({ kind: 'createPrimaryKey', table, primaryKey: to });
  return ops;
}
