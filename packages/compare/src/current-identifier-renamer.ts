import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';

/**
 * A function mapping a lowercased identifier of the current table to its lowercased target name, so expressions
 * on renamed columns still match (the database rewrites them on RENAME COLUMN,
 * https://www.sqlite.org/lang_altertable.html#altertabmvcol).
 */
export function currentIdentifierRenamer(pair: TablePair, context: CompareContext): (name: string) => string {
  const table = pairKey(pair);
  const map = new Map(pair.current.columns.map((c) => [c.name.toLowerCase(), context.columnName(table, c.name).toLowerCase()]));
  return (name) => map.get(name) ?? name;
}
