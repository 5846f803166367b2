import { assertNever, describeOp, reverse } from '@autogen/ops';
import type { Op, RebuildTableOp } from '@autogen/ops';
import type { DialectCapabilities } from '@autogen/dialect';
import { pairKey } from './compare-context';
import type { TablePair } from './compare-context';

/**
 * The existing table an op belongs to, or undefined for table-level ops (create, drop, rename, rebuild, execute)
 * and enum ops.
 */
function blockTable(op: Op): string | undefined {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
    case 'renameTable':
    case 'rebuildTable':
    case 'execute':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
      return undefined;
    case 'addColumn':
    case 'dropColumn':
    case 'alterColumn':
    case 'renameColumn':
    case 'createIndex':
    case 'dropIndex':
    case 'createForeignKey':
    case 'dropForeignKey':
    case 'createUnique':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
    case 'setTableComment':
      return op.table;
    default:
      return assertNever(op, 'operation kind');
  }
}

/**
 * Replaces the ops of every existing table the dialect cannot change in place with one `rebuildTable` op.
 *
 * When `capabilities.requiresRebuild(op, current)` holds for any op of a table, or for the `addColumn` that
 * reverses one of its `dropColumn` ops (the downgrade must run too), all of that table's ops (index
 * ops included) become the rebuild's `changes`, and the rebuild takes the place of the table's first op. Its
 * `from` is the current table as it is when the block runs (a preceding `renameTable` stays outside the rebuild,
 * so `from` already carries the new name) and its `to` the target table. Index ops moved into a rebuild lose
 * `concurrently`. Other ops are kept as they are.
 */
export function planRebuilds(
  ops: ReadonlyArray<Op>,
  pairs: ReadonlyArray<TablePair>,
  capabilities: DialectCapabilities,
  log: (line: string) => void,
): Op[] {
  const rebuilds = new Map<string, RebuildTableOp>();
  for (const pair of pairs) {
    const table = pairKey(pair);
    // A rebuild copies the table in one transaction and recreates its indexes: CONCURRENTLY has no place in it.
    const changes = ops.filter((op) => blockTable(op) === table).map(withoutConcurrently);
    // The downgrade runs the reverse of each op. A dropped column comes back by `addColumn`, which may not run in
    // place where the drop did (SQLite: a column whose default is an expression, or NOT NULL without a default,
    // cannot be added by ADD COLUMN): the upgrade is then a rebuild too, so that its reverse is one. The other
    // ops of a native block have native reverses (an added column's drop runs after its new indexes are dropped).
    const reason =
      changes.find((op) => capabilities.requiresRebuild(op, pair.current)) ??
      changes.filter((op) => op.kind === 'dropColumn').map((op) => reverse(op)).find((op) => capabilities.requiresRebuild(op, pair.target));
    if (!reason) continue;
    log(`Detected table '${table}' needs a rebuild: the dialect cannot ${describeOp(reason)} in place`);
    rebuilds.set(table, { kind: 'rebuildTable', table, from: pair.current, to: pair.target, changes });
  }
  const planned: Op[] = [];
  const placed = new Set<string>();
  for (const op of ops) {
    const table = blockTable(op);
    const rebuild = table === undefined ? undefined : rebuilds.get(table);
    if (!rebuild || table === undefined) {
      planned.push(op);
    } else if (!placed.has(table)) {
      placed.add(table);
      planned.push(rebuild);
    }
  }
  return planned;
}

function withoutConcurrently(op: Op): Op {
  if ((op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently) {
    const { concurrently: _concurrently, ...rest } = op;
    return rest;
  }
  return op;
}
