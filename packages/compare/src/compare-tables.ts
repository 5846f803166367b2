import type { CreateForeignKeyOp, CreateTableOp, DropForeignKeyOp, DropTableOp, RenameTableOp } from '@autogen/ops';
import { tableKey } from '@autogen/schema';
import type { ForeignKey, Schema, Table } from '@autogen/schema';
import { referencedKey } from './referenced-key';
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
export function createTableOps(
  added: ReadonlyArray<Table>,
  log: (line: string) => void,
  splitCycles = false,
): Array<CreateTableOp | CreateForeignKeyOp> {
  const ordered = parentsFirst(added);
  const position = new Map(ordered.map((t, i) => [tableKey(t), i]));
  const deferred: CreateForeignKeyOp[] = [];
  const creates = ordered.map((table, i): CreateTableOp => {
    log(`Detected added table '${tableKey(table)}'`);
    if (!splitCycles) return { kind: 'createTable', table };
    // A key to a table created later (a cycle among new tables) is added once both exist.
    const later = (fk: ForeignKey): boolean => (position.get(referencedKey(fk)) ?? -1) > i;
    for (const fk of table.foreignKeys.filter(later)) deferred.push({ kind: 'createForeignKey', table: tableKey(table), foreignKey: fk });
    return { kind: 'createTable', table: { ...table, foreignKeys: table.foreignKeys.filter((fk) => !later(fk)) } };
  });
  return [...creates, ...deferred];
}

/**
 * `dropTable` ops carrying the dropped definition, children before the tables they refer to. With `splitCycles`,
 * a key from a table dropped later to one dropped earlier (a cycle) is dropped first, so each DROP TABLE finds
 * nothing pointing at its table.
 */
export function dropTableOps(
  removed: ReadonlyArray<Table>,
  log: (line: string) => void,
  splitCycles = false,
): Array<DropTableOp | DropForeignKeyOp> {
  const ordered = childrenFirst(removed);
  const position = new Map(ordered.map((t, i) => [tableKey(t), i]));
  const first: DropForeignKeyOp[] = [];
  const drops = ordered.map((table, i): DropTableOp => {
    log(`Detected removed table '${tableKey(table)}'`);
    if (!splitCycles) return { kind: 'dropTable', table: tableKey(table), existing: table };
    const earlier = (fk: ForeignKey): boolean => {
      const at = position.get(referencedKey(fk));
      return at !== undefined && at < i;
    };
    for (const fk of table.foreignKeys.filter(earlier)) first.push({ kind: 'dropForeignKey', table: tableKey(table), existing: fk });
    return { kind: 'dropTable', table: tableKey(table), existing: { ...table, foreignKeys: table.foreignKeys.filter((fk) => !earlier(fk)) } };
  });
  return [...first, ...drops];
}
