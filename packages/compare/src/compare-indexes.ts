import type { Op } from '@autogen/ops';
import { describeIndex } from '@autogen/schema';
import type { Index } from '@autogen/schema';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import { currentIdentifierRenamer } from './current-identifier-renamer';
import { indexMethod } from './equality';
import { sqlExpressionKey } from './sql-expression';

/** How the indexes of a table pair correspond. */
export interface IndexMatch {
  /** Same name, different content: dropped and created again. */
  readonly changed: ReadonlyArray<{ readonly from: Index; readonly to: Index }>;
  /** Current indexes with no counterpart. */
  readonly removed: ReadonlyArray<Index>;
  /** Target indexes with no counterpart. */
  readonly added: ReadonlyArray<Index>;
}

/**
 * What an index does: uniqueness, key parts, predicate, access method (absent = `btree`) and INCLUDE columns
 * (absent = none; in order). `column` gives a column's target name and `rename` an identifier's inside
 * expressions (both the identity on the target side).
 */
function contentKey(index: Index, column: (name: string) => string, rename: (name: string) => string): string {
  return JSON.stringify([
    index.unique,
    index.parts.map((p) => (p.kind === 'column' ? ['c', column(p.name), !!p.descending] : ['e', sqlExpressionKey(p.sql, rename)])),
    index.where === undefined ? null : sqlExpressionKey(index.where, rename),
    indexMethod(index.method),
    (index.include ?? []).map(column),
  ]);
}

/**
 * Matches indexes by name first, then the remaining ones by content. A content match under another name is not
 * a change (names never are on their own); the same name with other content is.
 */
export function matchIndexes(pair: TablePair, context: CompareContext): IndexMatch {
  const rename = currentIdentifierRenamer(pair, context);
  const table = pairKey(pair);
  const currentKey = (i: Index): string => contentKey(i, (c) => context.columnName(table, c), rename);
  const targetKey = (i: Index): string => contentKey(i, (c) => c, (n) => n);
  const changed: { from: Index; to: Index }[] = [];
  const current = [...pair.current.indexes];
  const withoutNameMatch: Index[] = [];
  for (const to of pair.target.indexes) {
    const i = current.findIndex((from) => from.name === to.name);
    if (i < 0) {
      withoutNameMatch.push(to);
      continue;
    }
    const from = current.splice(i, 1)[0] as Index;
    if (currentKey(from) !== targetKey(to)) changed.push({ from, to });
  }
  const added = withoutNameMatch.filter((to) => {
    const i = current.findIndex((from) => currentKey(from) === targetKey(to));
    if (i >= 0) current.splice(i, 1);
    return i < 0;
  });
  return { changed, removed: current, added };
}

/** `ix USING gin (a) INCLUDE (b)`, for change lines. */
function describeFullIndex(index: Index): string {
  return describeIndex(index);
}

/**
 * `dropIndex` / `createIndex` ops for a match, logging each detection. Changed indexes are dropped, then created.
 * With `context.concurrentIndexes` every op gets `concurrently: true` (the table exists: new tables carry their
 * indexes in `createTable`).
 */
export function indexOps(table: string, match: IndexMatch, context: CompareContext): Op[] {
  const drops: Op[] = [];
  const creates: Op[] = [];
  const options = context.concurrentIndexes ? ({ concurrently: true } as const) : {};
  for (const { from, to } of match.changed) {
    context.log(`Detected changed index '${to.name}' on '${table}': ${describeFullIndex(from)} -> ${describeFullIndex(to)}`);
    drops.push({ kind: 'dropIndex', table, existing: from, ...options });
    creates.push({ kind: 'createIndex', table, index: to, ...options });
  }
  for (const from of match.removed) {
    context.log(`Detected removed index '${from.name}' on '${table}'`);
    drops.push({ kind: 'dropIndex', table, existing: from, ...options });
  }
  for (const to of match.added) {
    context.log(`Detected added index '${to.name}' on '${table}'`);
    creates.push({ kind: 'createIndex', table, index: to, ...options });
  }
  const byIndexName = (op: Op): string => (op.kind === 'dropIndex' ? op.existing.name : op.kind === 'createIndex' ? op.index.name : '');
  const order = (a: Op, b: Op): number => (byIndexName(a) < byIndexName(b) ? -1 : byIndexName(a) > byIndexName(b) ? 1 : 0);
  return [...drops.sort(order), ...creates.sort(order)];
}
