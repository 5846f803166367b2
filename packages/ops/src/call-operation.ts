import type { Op } from './op';
import type { Operations } from './operations';
import { assertNever } from './reverse';

/**
 * Calls the `Operations` method that records `op`, with the arguments a revision file would pass: the inverse of
 * recording, so `recordOperations((o) => callOperation(o, op))` gives `op` back. Used for the plain-object form
 * of `rebuildTable` changes, and handy for building revisions from ops in code.
 */
export function callOperation(target: Operations, op: Op): void {
  switch (op.kind) {
    case 'createTable':
      return target.createTable(op.table);
    case 'dropTable':
      return target.dropTable(op.table, op.existing);
    case 'renameTable':
      return target.renameTable(op.from, op.to);
    case 'addColumn':
      return target.addColumn(op.table, op.column);
    case 'dropColumn':
      return target.dropColumn(op.table, op.column, op.existing);
    case 'alterColumn':
      return target.alterColumn(op.table, op.column, { from: op.from, to: op.to, changes: op.changes });
    case 'renameColumn':
      return target.renameColumn(op.table, op.from, op.to);
    case 'createIndex':
      return op.concurrently ? target.createIndex(op.table, op.index, { concurrently: true }) : target.createIndex(op.table, op.index);
    case 'dropIndex':
      return op.concurrently ? target.dropIndex(op.table, op.existing, { concurrently: true }) : target.dropIndex(op.table, op.existing);
    case 'createForeignKey':
      return target.createForeignKey(op.table, op.foreignKey);
    case 'dropForeignKey':
      return target.dropForeignKey(op.table, op.existing);
    case 'createUnique':
      return target.createUnique(op.table, op.unique);
    case 'dropUnique':
      return target.dropUnique(op.table, op.existing);
    case 'createCheck':
      return target.createCheck(op.table, op.check);
    case 'dropCheck':
      return target.dropCheck(op.table, op.existing);
    case 'createPrimaryKey':
      return target.createPrimaryKey(op.table, op.primaryKey);
    case 'dropPrimaryKey':
      return target.dropPrimaryKey(op.table, op.existing);
    case 'rebuildTable':
      return target.rebuildTable(op.table, { from: op.from, to: op.to, changes: op.changes });
    case 'createEnum':
      return target.createEnum(op.enum);
    case 'dropEnum':
      return target.dropEnum(op.existing);
    case 'alterEnum':
      return target.alterEnum(op.name, {
        from: op.from,
        to: op.to,
        ...(op.renames !== undefined ? { renames: op.renames } : {}),
        usages: op.usages,
      });
    case 'setTableComment':
      return target.setTableComment(op.table, {
        ...(op.from !== undefined ? { from: op.from } : {}),
        ...(op.to !== undefined ? { to: op.to } : {}),
      });
    case 'execute':
      return op.reverseSql === undefined ? target.execute(op.sql) : target.execute(op.sql, op.reverseSql);
    default:
      return assertNever(op, 'operation kind');
  }
}
