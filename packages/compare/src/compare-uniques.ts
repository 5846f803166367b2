import type { Op } from '@autogen/ops';
import type { Index, Unique } from '@autogen/schema';
import { pairKey } from './compare-context';
import type { CompareContext, TablePair } from './compare-context';
import type { IndexMatch } from './compare-indexes';
import { indexMethod, sameList } from './equality';

/** How the unique constraints of a table pair correspond. */
export interface UniqueMatch {
  /** Current unique constraints with no counterpart. */
  readonly removed: ReadonlyArray<Unique>;
  /** Target unique constraints with no counterpart. */
  readonly added: ReadonlyArray<Unique>;
}

/** Matches unique constraints by column list (current columns after renames); names are not compared. */
export function matchUniques(pair: TablePair, context: CompareContext): UniqueMatch {
  const table = pairKey(pair);
  const columns = (u: Unique): ReadonlyArray<string> => u.columns.map((c) => context.columnName(table, c));
  const removed = [...pair.current.uniques];
  const added = pair.target.uniques.filter((to) => {
    const i = removed.findIndex((from) => sameList(columns(from), to.columns));
    if (i >= 0) removed.splice(i, 1);
    return i < 0;
  });
  return { removed, added };
}

/**
 * The columns of a unique index with no predicate, no expression part, no INCLUDE columns and the default
 * (btree) method, i.e. one equal to a UNIQUE constraint.
 */
function uniqueIndexColumns(index: Index): ReadonlyArray<string> | undefined {
  if (!index.unique || index.where !== undefined || index.include?.length || indexMethod(index.method) !== 'btree') return undefined;
  const columns: string[] = [];
  for (const part of index.parts) {
    if (part.kind !== 'column') return undefined;
    columns.push(part.name);
  }
  return columns;
}

/**
 * When the dialect says a unique index is a unique constraint (`capabilities.uniqueIndexSatisfiesUnique`), pairs
 * the leftovers across kinds: a target unique constraint is satisfied by a current unique index on the same
 * columns without predicate, and a target such index by a current unique constraint. Paired objects leave both
 * matches, so neither side becomes an op. Without the capability the matches are returned unchanged.
 */
export function settleUniqueIndexes(
  pair: TablePair,
  context: CompareContext,
  uniques: UniqueMatch,
  indexes: IndexMatch,
): { readonly uniques: UniqueMatch; readonly indexes: IndexMatch } {
  if (!context.capabilities.uniqueIndexSatisfiesUnique) return { uniques, indexes };
  const table = pairKey(pair);
  const renamed = (columns: ReadonlyArray<string>): ReadonlyArray<string> => columns.map((c) => context.columnName(table, c));
  const removedIndexes = [...indexes.removed];
  const removedUniques = [...uniques.removed];
  const addedUniques = uniques.added.filter((to) => {
    const i = removedIndexes.findIndex((from) => {
      const columns = uniqueIndexColumns(from);
      return !!columns && sameList(renamed(columns), to.columns);
    });
    if (i >= 0) removedIndexes.splice(i, 1);
    return i < 0;
  });
  const addedIndexes = indexes.added.filter((to) => {
    const columns = uniqueIndexColumns(to);
    const i = columns ? removedUniques.findIndex((from) => sameList(renamed(from.columns), columns)) : -1;
    if (i >= 0) removedUniques.splice(i, 1);
    return i < 0;
  });
  return {
    uniques: { removed: removedUniques, added: addedUniques },
    indexes: { ...indexes, removed: removedIndexes, added: addedIndexes },
  };
}

/** `dropUnique` / `createUnique` ops for a match, logging each detection. */
export function uniqueOps(table: string, match: UniqueMatch, context: CompareContext): Op[] {
  const ops: Op[] = [];
  for (const from of match.removed) {
    context.log(`Detected removed unique constraint on '${table}' (${from.columns.join(', ')})`);
    ops.push({ kind: 'dropUnique', table, existing: from });
  }
  for (const to of match.added) {
    context.log(`Detected added unique constraint on '${table}' (${to.columns.join(', ')})`);
    ops.push({ kind: 'createUnique', table, unique: to });
  }
  return ops;
}
