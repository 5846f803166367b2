import type { Op, OpKind } from '@autogen/ops';
import { compareChecks } from './compare-checks';
import { compareColumns } from './compare-columns';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { compareForeignKeys } from './compare-foreign-keys';
import { indexOps, matchIndexes } from './compare-indexes';
import { comparePrimaryKeys } from './compare-primary-keys';
import { compareTableComment } from './compare-table-comment';
import { matchUniques, settleUniqueIndexes, uniqueOps } from './compare-uniques';

/**
 * Where each op kind goes inside one table's block: everything that could stand in the way of a column change is
 * dropped first, columns are changed, then the new constraints and indexes are made, and the comment set.
 * Table-level and enum kinds never occur inside a block; they get the last rank.
 */
const RANK: Readonly<Record<OpKind, number>> = {
  dropIndex: 0,
  dropForeignKey: 1,
  dropUnique: 2,
  dropCheck: 3,
  dropPrimaryKey: 4,
  renameColumn: 5,
  addColumn: 6,
  alterColumn: 7,
  dropColumn: 8,
  createPrimaryKey: 9,
  createUnique: 10,
  createCheck: 11,
  createForeignKey: 12,
  createIndex: 13,
  setTableComment: 14,
  createTable: 15,
  dropTable: 15,
  renameTable: 15,
  rebuildTable: 15,
  createEnum: 15,
  dropEnum: 15,
  alterEnum: 15,
  execute: 15,
};

/**
 * All ops for one table present on both sides, in block order: dropIndex, dropForeignKey, dropUnique, dropCheck,
 * dropPrimaryKey, renameColumn, addColumn, alterColumn, dropColumn, createPrimaryKey, createUnique, createCheck,
 * createForeignKey, createIndex, setTableComment. Within a kind, each comparator's own (deterministic) order is
 * kept.
 */
export function compareTable(pair: TablePair, context: CompareContext): Op[] {
  const table = pairKey(pair);
  const settled = settleUniqueIndexes(pair, context, matchUniques(pair, context), matchIndexes(pair, context));
  const ops = [
    ...compareColumns(pair, context),
    ...comparePrimaryKeys(pair, context),
    ...compareForeignKeys(pair, context),
    ...uniqueOps(table, settled.uniques, context),
    ...compareChecks(pair, context),
    ...indexOps(table, settled.indexes, context),
    ...compareTableComment(pair, context),
  ];
  // Array.prototype.sort is stable (ES2019), so the comparators' order survives within a rank.
  return ops.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
}
