import type { DialectCapabilities } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import { applyNamingConvention, sortSchema, sortTable } from '@autogen/schema';
import type { NamingConvention, Schema } from '@autogen/schema';
import type { CompareContext } from './compare-context';
import { compareTable } from './compare-table';
import { createTableOps, dropTableOps, matchTables, renameTableOps } from './compare-tables';
import { planRebuilds } from './plan-rebuilds';
import { applyTableRenames, resolveRenames } from './renames';
import type { RenameMap } from './renames';

/** Options for {@link compare}. */
export interface CompareOptions {
  /** What the dialect can do in place; decides unique-index equivalence and table rebuilds. */
  readonly capabilities: DialectCapabilities;
  /** Accepted renames; default none (a disappeared table or column is dropped, an appeared one added). */
  readonly renames?: RenameMap;
  /** Names the unnamed constraints the revision creates; default none (they stay unnamed). */
  readonly namingConvention?: NamingConvention;
}

/** What {@link compare} found. */
export interface CompareResult {
  /** The upgrade, in execution order. The downgrade is `reverseAll(ops)`. */
  readonly ops: ReadonlyArray<Op>;
  /** One line per detection, e.g. `Detected added column 'users.email'`. */
  readonly log: ReadonlyArray<string>;
}

/**
 * Compares the live schema (`current`) with the model schema (`target`), both already normalized by the dialect,
 * and returns the ops that turn the first into the second.
 *
 * Order (independent of the order of the inputs): `renameTable` ops (by old name); `createTable` ops, tables
 * referred to first (cycles broken by name); then for each existing table in name order its block — dropIndex,
 * dropForeignKey, dropUnique, dropCheck, dropPrimaryKey, renameColumn, addColumn, alterColumn, dropColumn,
 * createPrimaryKey, createUnique, createCheck, createForeignKey, createIndex — or one `rebuildTable` in its place
 * when the dialect cannot do one of them in place; last the `dropTable` ops, referring tables first.
 *
 * Renames run before creates so that a new table's foreign key can refer to a renamed table by its new name.
 *
 * @throws Error from `applyNamingConvention` when a convention template uses a token an object cannot fill.
 */
export function compare(current: Schema, target: Schema, options: CompareOptions): CompareResult {
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  const sortedCurrent = sortSchema(current);
  const namedTarget = sortSchema({ tables: target.tables.map((t) => sortTable(applyNamingConvention(t, options.namingConvention))) });
  const renames = resolveRenames(sortedCurrent, namedTarget, options.renames ?? {}, log);
  const tables = matchTables(sortSchema(applyTableRenames(sortedCurrent, renames)), namedTarget);
  const context: CompareContext = { capabilities: options.capabilities, columnName: renames.columnName, log };
  const ops: Op[] = [
    ...renameTableOps(renames.tables, log),
    ...createTableOps(tables.added, log),
    ...tables.pairs.flatMap((pair) => compareTable(pair, context)),
    ...dropTableOps(tables.removed, log),
  ];
  return { ops: planRebuilds(ops, tables.pairs, options.capabilities, log), log: lines };
}
