import type { DialectCapabilities } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import { applyNamingConvention, sortSchema, sortTable } from '@autogen/schema';
import type { NamingConvention, Schema } from '@autogen/schema';
import type { CompareContext } from './compare-context';
import { alterEnumOps, createEnumOps, dropEnumOps, matchEnums } from './compare-enums';
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
  /**
   * Give `createIndex`/`dropIndex` ops on existing tables `concurrently: true` (PostgreSQL `CREATE/DROP INDEX
   * CONCURRENTLY`: no write lock, but the revision then runs outside a transaction). Never for the indexes of a
   * new table, which `createTable` builds while the table is still empty, nor inside a table rebuild. Default
   * false.
   */
  readonly concurrentIndexes?: boolean;
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
 * and returns the ops that turn the first into the second. Tables and enum types are matched by key (`tableKey`:
 * the name, or `schema.name` outside the default schema), and ops name them by key.
 *
 * Order (independent of the order of the inputs): `renameTable` ops (by old key); `createEnum` and then
 * `alterEnum` ops (by key), so new tables and changed columns find their labels; `createTable` ops, tables
 * referred to first (cycles broken by key); then for each existing table in key order its block — dropIndex,
 * dropForeignKey, dropUnique, dropCheck, dropPrimaryKey, renameColumn, addColumn, alterColumn, dropColumn,
 * createPrimaryKey, createUnique, createCheck, createForeignKey, createIndex, setTableComment — or one
 * `rebuildTable` in its place when the dialect cannot do one of them in place; then the `dropTable` ops,
 * referring tables first; last the `dropEnum` ops, once no dropped table uses them.
 *
 * Renames run before creates so that a new table's foreign key can refer to a renamed table by its new name.
 *
 * @throws Error from `applyNamingConvention` when a convention template uses a token an object cannot fill.
 */
export function compare(current: Schema, target: Schema, options: CompareOptions): CompareResult {
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  const sortedCurrent = sortSchema(current);
  const namedTarget = sortSchema({ ...target, tables: target.tables.map((t) => sortTable(applyNamingConvention(t, options.namingConvention))) });
  const renames = resolveRenames(sortedCurrent, namedTarget, options.renames ?? {}, log);
  const renamedCurrent = sortSchema(applyTableRenames(sortedCurrent, renames));
  const tables = matchTables(renamedCurrent, namedTarget);
  const enums = matchEnums(renamedCurrent, namedTarget);
  const context: CompareContext = {
    capabilities: options.capabilities,
    columnName: renames.columnName,
    concurrentIndexes: options.concurrentIndexes ?? false,
    log,
  };
  const ops: Op[] = [
    ...renameTableOps(renames.tables, log),
    ...createEnumOps(enums, log),
    ...alterEnumOps(enums, renamedCurrent, renames, log),
    ...createTableOps(tables.added, log, options.capabilities.foreignKeyTargetsMustExist === true),
    ...tables.pairs.flatMap((pair) => compareTable(pair, context)),
    ...dropTableOps(tables.removed, log, options.capabilities.foreignKeyTargetsMustExist === true),
    ...dropEnumOps(enums, log),
  ];
  return { ops: planRebuilds(ops, tables.pairs, options.capabilities, log), log: lines };
}
