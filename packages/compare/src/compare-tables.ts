import type { CreateTableOp, DropTableOp, RenameTableOp } from '@autogen/ops';
import { tableKey } from '@autogen/schema';
import type { Schema, Table } from '@autogen/schema';
import type { TablePair } from './compare-context';
import { childrenFirst, parentsFirst } from './dependency-order';
import type { TableRename } from './renames';

/** How the tables of the two schemas correspond. Every list is in key order. */
export interface TableMatch {
  /** Tables only in the target. */
  readonly added: ReadonlyArray<Table>;
  /** Tables only in the database. */
  readonly removed: ReadonlyArray<Table>;
  /** Tables on both sides. */
  readonly pairs: ReadonlyArray<TablePair>;
}

/**
 * Pairs tables by key (`tableKey`: the name, or `schema.name` outside the default schema). `current` must already
 * carry the accepted table renames (see `applyTableRenames`), so a renamed table pairs with its new key.
 */
export function matchTables(current: Schema, target: Schema): TableMatch {
  const targetKeys = new Set(target.tables.map(tableKey));
  const currentByKey = new Map(current.tables.map((t) => [tableKey(t), t]));
  const sorted = (xs: ReadonlyArray<Table>): Table[] =>
    [...xs].sort((a, b) => (tableKey(a) < tableKey(b) ? -1 : tableKey(a) > tableKey(b) ? 1 : 0));
  const pairs: TablePair[] = [];
  for (const t of sorted(target.tables)) {
    const c = currentByKey.get(tableKey(t));
    if (c) pairs.push({ current: c, target: t });
  }
  return {
    added: sorted(target.tables.filter((t) => !currentByKey.has(tableKey(t)))),
    removed: sorted(current.tables.filter((t) => !targetKeys.has(tableKey(t)))),
    pairs,
  };
}

/** `renameTable` ops for the accepted table renames, in old-key order. */
export function renameTableOps(renames: ReadonlyArray<TableRename>, log: (line: string) => void): RenameTableOp[] {
  return renames.map(({ from, to }) => {
    log(`Detected renamed table '${from}' -> '${to}'`);
    return { kind: 'renameTable', from, to };
  });
}

/** `createTable` ops (indexes included in the table), parents before the tables referring to them. */
export function createTableOps(added: ReadonlyArray<Table>, log: (line: string) => void): CreateTableOp[] {
  return parentsFirst(added).map((table) => {
    log(`Detected added table '${tableKey(table)}'`);
    return { kind: 'createTable', table };
  });
}

/** `dropTable` ops carrying the dropped definition, children before the tables they refer to. */
export function dropTableOps(removed: ReadonlyArray<Table>, log: (line: string) => void): DropTableOp[] {
  return childrenFirst(removed).map((table) => {
    log(`Detected removed table '${tableKey(table)}'`);
    return { kind: 'dropTable', table: tableKey(table), existing: table };
  });
}
