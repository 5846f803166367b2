import { tableKey, describeCheck, describeColumn, describeDefault, describeForeignKey, describeIndex, describeType, describeUnique } from '@autogen/schema';
import type { Column, ForeignKey } from '@autogen/schema';
import type { Op } from './op';
import { assertNever } from './reverse';

/** A one-line, human description of an op, as printed by the CLI and written as a comment in revisions. */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'createTable':
      return `create table ${tableKey(op.table)}`;
    case 'dropTable':
      return `drop table ${op.table}`;
    case 'renameTable':
      return `rename table ${op.from} to ${op.to}`;
    case 'addColumn':
      return `add column ${op.table}.${describeColumn(op.column)}`;
    case 'dropColumn':
      return `drop column ${op.table}.${op.column}`;
    case 'alterColumn':
      return `alter column ${op.table}.${op.column}: ${op.changes.map((c) => describeColumnChange(op.from, op.to, c)).join(', ')}`;
    case 'renameColumn':
      return `rename column ${op.table}.${op.from} to ${op.to}`;
    case 'createIndex':
      return `create index ${describeIndex(op.index)} on ${op.table}`;
    case 'dropIndex':
      return `drop index ${op.existing.name} on ${op.table}`;
    case 'createForeignKey':
      return `add foreign key ${fkText(op.table, op.foreignKey)}`;
    case 'dropForeignKey':
      return `drop foreign key ${fkText(op.table, op.existing)}`;
    case 'createUnique':
      return `add ${describeUnique(op.unique)} on ${op.table}`;
    case 'dropUnique':
      return `drop ${describeUnique(op.existing)} on ${op.table}`;
    case 'createCheck':
      return `add ${describeCheck(op.check)} on ${op.table}`;
    case 'dropCheck':
      return `drop ${describeCheck(op.existing)} on ${op.table}`;
    case 'createPrimaryKey':
      return `add primary key ${op.table}(${op.primaryKey.columns.join(', ')})`;
    case 'dropPrimaryKey':
      return `drop primary key ${op.table}(${op.existing.columns.join(', ')})`;
    case 'rebuildTable':
      return `rebuild table ${op.table}: ${op.changes.map(describeOp).join('; ')}`;
    case 'createEnum':
      return `create enum ${op.enum.schema ? `${op.enum.schema}.` : ''}${op.enum.name} (${op.enum.values.map((v) => `'${v}'`).join(', ')})`;
    case 'dropEnum':
      return `drop enum ${op.existing.schema ? `${op.existing.schema}.` : ''}${op.existing.name}`;
    case 'alterEnum':
      return `alter enum ${op.name}: (${op.from.map((v) => `'${v}'`).join(', ')}) -> (${op.to.map((v) => `'${v}'`).join(', ')})`;
    case 'setTableComment':
      return `set comment on table ${op.table}: ${op.from === undefined ? 'none' : `'${op.from}'`} -> ${op.to === undefined ? 'none' : `'${op.to}'`}`;
    case 'execute':
      return `execute SQL: ${op.sql.split('\n')[0]}`;
    default:
      return assertNever(op, 'operation kind');
  }
}

/** `fk_name items(user_id) -> users(id) ...`: the name (if any), then the table and what the key does. */
function fkText(table: string, fk: ForeignKey): string {
  return `${fk.name ? `${fk.name} ` : ''}${table}${describeForeignKey({ ...fk, name: undefined })}`;
}

function describeColumnChange(from: Column, to: Column, change: string): string {
  switch (change) {
    case 'type':
      return `type ${describeType(from.type)} -> ${describeType(to.type)}`;
    case 'nullable':
      return to.nullable ? 'drop NOT NULL' : 'set NOT NULL';
    case 'default':
      return `default ${describeDefault(from.default)} -> ${describeDefault(to.default)}`;
    case 'autoincrement':
      return to.autoincrement ? 'add AUTOINCREMENT' : 'drop AUTOINCREMENT';
    case 'identity':
      return to.identity ? `add identity (GENERATED ${to.identity.toUpperCase()} AS IDENTITY)` : 'drop identity';
    case 'comment':
      return `comment ${from.comment === undefined ? 'none' : `'${from.comment}'`} -> ${to.comment === undefined ? 'none' : `'${to.comment}'`}`;
    case 'collation':
      return `collation ${from.collation ?? 'default'} -> ${to.collation ?? 'default'}`;
    default:
      return change;
  }
}
