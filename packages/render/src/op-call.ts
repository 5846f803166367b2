import { assertNever } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { obj, propertyKey, scalar, str, strings } from './code';
import type { CallStatement, Code } from './code';
import { opComments } from './op-comments';
import { lineCommentText } from './quote-string';
import {
  checkCode,
  columnCode,
  enumCode,
  enumUsageCode,
  foreignKeyCode,
  indexCode,
  primaryKeyCode,
  tableCode,
  uniqueCode,
} from './schema-code';

/** The parameter name of the callback that holds a rebuild's nested changes. */
const REBUILD_PARAM = 'rebuild';

/**
 * The statement a revision file uses for `op`: `receiver.<kind>(args);` with the arguments `Operations` takes
 * (the exact inverse of `recordOperations`), and the comments of {@link opComments} above it when `withComments`.
 * With `replaceWarnings`, its `notes` (lint findings) stand in for the `WARNING:` lines.
 */
export function opCall(op: Op, receiver: string, withComments: boolean, replaceWarnings?: { readonly notes: ReadonlyArray<string> }): CallStatement {
  const comments = !withComments
    ? []
    : replaceWarnings
      ? [...replaceWarnings.notes.map(lineCommentText), ...opComments(op, { warnings: false })]
      : opComments(op);
  return { comments, receiver, method: op.kind, args: opArguments(op) };
}

function opArguments(op: Op): ReadonlyArray<Code> {
  switch (op.kind) {
    case 'createTable':
      return [tableCode(op.table)];
    case 'dropTable':
      return [str(op.table), tableCode(op.existing)];
    case 'renameTable':
      return [str(op.from), str(op.to)];
    case 'addColumn':
      return [str(op.table), columnCode(op.column)];
    case 'dropColumn':
      return [str(op.table), str(op.column), columnCode(op.existing)];
    case 'alterColumn':
      return [
        str(op.table),
        str(op.column),
        obj([
          ['from', columnCode(op.from)],
          ['to', columnCode(op.to)],
          ['changes', strings(op.changes)],
        ]),
      ];
    case 'renameColumn':
      return [str(op.table), str(op.from), str(op.to)];
    case 'createIndex':
      return [str(op.table), indexCode(op.index), ...indexOptions(op.concurrently)];
    case 'dropIndex':
      return [str(op.table), indexCode(op.existing), ...indexOptions(op.concurrently)];
    case 'createForeignKey':
      return [str(op.table), foreignKeyCode(op.foreignKey)];
    case 'dropForeignKey':
      return [str(op.table), foreignKeyCode(op.existing)];
    case 'createUnique':
      return [str(op.table), uniqueCode(op.unique)];
    case 'dropUnique':
      return [str(op.table), uniqueCode(op.existing)];
    case 'createCheck':
      return [str(op.table), checkCode(op.check)];
    case 'dropCheck':
      return [str(op.table), checkCode(op.existing)];
    case 'createPrimaryKey':
      return [str(op.table), primaryKeyCode(op.primaryKey)];
    case 'dropPrimaryKey':
      return [str(op.table), primaryKeyCode(op.existing)];
    case 'rebuildTable':
      return [
        str(op.table),
        obj([
          ['from', tableCode(op.from)],
          ['to', tableCode(op.to)],
          // Nested changes as calls on the callback's recorder, so they read like the rest of the file.
          [
            'changes',
            op.changes.length === 0
              ? { kind: 'array', items: [] }
              : { kind: 'callback', param: REBUILD_PARAM, body: op.changes.map((change) => opCall(change, REBUILD_PARAM, false)) },
          ],
        ]),
      ];
    case 'createEnum':
      return [enumCode(op.enum)];
    case 'dropEnum':
      return [enumCode(op.existing)];
    case 'alterEnum':
      return [
        str(op.name),
        obj([
          ['from', strings(op.from)],
          ['to', strings(op.to)],
          ['renames', op.renames && obj(Object.entries(op.renames).map(([from, to]) => [propertyKey(from), str(to)] as const))],
          ['usages', { kind: 'array', items: op.usages.map(enumUsageCode) }],
        ]),
      ];
    case 'setTableComment':
      return [
        str(op.table),
        obj([
          ['from', op.from === undefined ? undefined : str(op.from)],
          ['to', op.to === undefined ? undefined : str(op.to)],
        ]),
      ];
    case 'execute':
      return op.reverseSql === undefined ? [str(op.sql)] : [str(op.sql), str(op.reverseSql)];
    default:
      return assertNever(op, 'operation kind');
  }
}

/** The third argument of createIndex/dropIndex: `{ concurrently: true }`, or nothing (the default). */
function indexOptions(concurrently: boolean | undefined): ReadonlyArray<Code> {
  return concurrently ? [obj([['concurrently', scalar(true)]])] : [];
}
