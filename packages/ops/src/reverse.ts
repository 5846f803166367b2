import { tableKey } from '@autogen/schema';
import type { Op } from './op';

/** Thrown when an op cannot be reversed (e.g. `execute` without `reverseSql`). */
export class IrreversibleOpError extends Error {
  constructor(readonly op: Op, reason: string) {
    super(`operation ${op.kind} cannot be reversed: ${reason}`);
    this.name = 'IrreversibleOpError';
  }
}

/** Fails to compile when a union member is not handled; throws for an unknown kind at run time. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unknown ${what}: ${JSON.stringify(value)}`);
}

/** The op that undoes `op` exactly. */
export function reverse(op: Op): Op {
  switch (op.kind) {
    case 'createTable':
      return { kind: 'dropTable', table: tableKey(op.table), existing: op.table };
    case 'dropTable':
      return { kind: 'createTable', table: op.existing };
    case 'renameTable':
      return { kind: 'renameTable', from: op.to, to: op.from };
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column.name, existing: op.column };
    case 'dropColumn':
      return { kind: 'addColumn', table: op.table, column: op.existing };
    case 'alterColumn':
      return { kind: 'alterColumn', table: op.table, column: op.to.name, from: op.to, to: op.from, changes: op.changes };
    case 'renameColumn':
      return { kind: 'renameColumn', table: op.table, from: op.to, to: op.from };
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, existing: op.index, ...(op.concurrently ? { concurrently: true } : {}) };
    case 'dropIndex':
      return { kind: 'createIndex', table: op.table, index: op.existing, ...(op.concurrently ? { concurrently: true } : {}) };
    case 'createForeignKey':
      return { kind: 'dropForeignKey', table: op.table, existing: op.foreignKey };
    case 'dropForeignKey':
      return { kind: 'createForeignKey', table: op.table, foreignKey: op.existing };
    case 'createUnique':
      return { kind: 'dropUnique', table: op.table, existing: op.unique };
    case 'dropUnique':
      return { kind: 'createUnique', table: op.table, unique: op.existing };
    case 'createCheck':
      return { kind: 'dropCheck', table: op.table, existing: op.check };
    case 'dropCheck':
      return { kind: 'createCheck', table: op.table, check: op.existing };
    case 'createPrimaryKey':
      return { kind: 'dropPrimaryKey', table: op.table, existing: op.primaryKey };
    case 'dropPrimaryKey':
      return { kind: 'createPrimaryKey', table: op.table, primaryKey: op.existing };
    case 'rebuildTable':
      return { kind: 'rebuildTable', table: tableKey(op.to), from: op.to, to: op.from, changes: reverseAll(op.changes) };
    case 'createEnum':
      return { kind: 'dropEnum', existing: op.enum };
    case 'dropEnum':
      return { kind: 'createEnum', enum: op.existing };
    case 'alterEnum': {
      const renames = op.renames ? Object.fromEntries(Object.entries(op.renames).map(([from, to]) => [to, from])) : undefined;
      return { kind: 'alterEnum', name: op.name, from: op.to, to: op.from, ...(renames ? { renames } : {}), usages: op.usages };
    }
    case 'setTableComment':
      return {
        kind: 'setTableComment',
        table: op.table,
        ...(op.to !== undefined ? { from: op.to } : {}),
        ...(op.from !== undefined ? { to: op.from } : {}),
      };
    case 'execute':
      if (op.reverseSql === undefined) throw new IrreversibleOpError(op, 'no reverseSql was given');
      return { kind: 'execute', sql: op.reverseSql, reverseSql: op.sql };
    default:
      return assertNever(op, 'operation kind');
  }
}

/** The downgrade of an upgrade: the reversed list of reversed ops. */
export function reverseAll(ops: ReadonlyArray<Op>): ReadonlyArray<Op> {
  return [...ops].reverse().map(reverse);
}
