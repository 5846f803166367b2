import type { CreateTableOp, DropTableOp, RenameTableOp } from '@autogen/ops';
import type { Schema, Table } from '@autogen/schema';
import type { TablePair } from './compare-context';
import { childrenFirst, parentsFirst } from './dependency-order';
import type { TableRename } from './renames';

/** How the tables of the two schemas correspond. Every list is in name order. */
export interface TableMatch {
  /** Tables only in the target. */
  readonly added: ReadonlyArray<Table>;
  /** Tables only in the database. */
  readonly removed: ReadonlyArray<Table>;
  /** Tables on both sides. */
  readonly pairs: ReadonlyArray<TablePair>;
}

/**
 * Pairs tables by name. `current` must already carry the accepted table renames (see `applyTableRenames`), so a
 * renamed table pairs with its new name.
 */
export function matchTables(current: Schema, target: Schema): TableMatch {
  const targetNames = new Set(target.tables.map((t) => t.name));
  const currentByName = new Map(current.tables.map((t) => [t.name, t]));
  const sorted = <T extends { readonly name: string }>(xs: ReadonlyArray<T>): T[] =>
    [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pairs: TablePair[] = [];
  for (const t of sorted(target.tables)) {
    const c = currentByName.get(t.name);
    if (c) pairs.push({ current: c, target: t });
  }
  return {
    added: sorted(target.tables.filter((t) => !currentByName.has(t.name))),
    removed: sorted(current.tables.filter((t) => !targetNames.has(t.name))),
    pairs,
  };
}

/** `renameTable` ops for the accepted table renames, in old-name order. */
export function renameTableOps(renames: ReadonlyArray<TableRename>, log: (line: string) => void): RenameTableOp[] {
  return renames.map(({ from, to }) => {
    log(`Detected renamed table '${from}' -> '${to}'`);
    return { kind: 'renameTable', from, to };
  });
}

/** `createTable` ops (indexes included in the table), parents before the tables referring to them. */
export function createTableOps(added: ReadonlyArray<Table>, log: (line: string) => void): CreateTableOp[] {
  return parentsFirst(added).map((table) => {
    log(`Detected added table '${table.name}'`);
    return { kind: 'createTable', table };
  });
}

/** `dropTable` ops carrying the dropped definition, children before the tables they refer to. */
export function dropTableOps(removed: ReadonlyArray<Table>, log: (line: string) => void): DropTableOp[] {
  return childrenFirst(removed).map((table) => {
    log(`Detected removed table '${table.name}'`);
    return { kind: 'dropTable', table: table.name, existing: table };
  });
}
