import { assertNever, type CreateForeignKeyOp, type DropForeignKeyOp, type Op } from '@autogen/ops';
import {
  describeCheck,
  describeColumn,
  describeForeignKey,
  describeIndex,
  describeUnique,
  indexColumnNames,
  tableKey,
  type Column,
  type EnumType,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type Table,
} from '@autogen/schema';
import { changeLines } from '../output';
import type { Difference } from './check-report';

/**
 * The differences an op list (database → models) stands for, one per line `changeLines` prints and in the same
 * order, so `description` is that line: a `rebuildTable` is listed as its `changes` (the rebuild itself says
 * nothing about what differs), and a `dropForeignKey` followed by a `createForeignKey` of the same key (same
 * table, columns and referenced columns) is one `alterForeignKey`.
 */
export function driftDifferences(ops: ReadonlyArray<Op>): Difference[] {
  const flat = ops.flatMap((op) => (op.kind === 'rebuildTable' ? op.changes : [op]));
  const differences: Difference[] = [];
  const paired = new Set<Op>();
  for (const op of flat) {
    if (paired.has(op)) continue;
    if (op.kind === 'dropForeignKey') {
      // The same pairing as changeLines, so the descriptions line up with what the CLI prints.
      const same = flat.find(
        (o): o is CreateForeignKeyOp => o.kind === 'createForeignKey' && o.table === op.table && sameKey(o.foreignKey, op.existing) && !paired.has(o),
      );
      if (same) {
        paired.add(same);
        differences.push(alterForeignKey(op, same));
        continue;
      }
    }
    differences.push(...opDifferences(op));
  }
  return differences;
}

function sameKey(a: ForeignKey, b: ForeignKey): boolean {
  return a.referencedTable === b.referencedTable && a.columns.join() === b.columns.join() && a.referencedColumns.join() === b.referencedColumns.join();
}

function alterForeignKey(drop: DropForeignKeyOp, create: CreateForeignKeyOp): Difference {
  const name = create.foreignKey.name ?? drop.existing.name;
  return {
    kind: 'alterForeignKey',
    table: drop.table,
    ...onlyColumn(create.foreignKey.columns),
    ...(name ? { constraint: name } : {}),
    before: describeForeignKey(drop.existing),
    after: describeForeignKey(create.foreignKey),
    description: line([drop, create]),
  };
}

/** The differences of one op: one, except for a (nested) rebuild, which is its changes. */
function opDifferences(op: Op): Difference[] {
  const description = line([op]);
  switch (op.kind) {
    case 'createTable':
      return [{ kind: op.kind, table: tableKey(op.table), before: null, after: tableSummary(op.table), description }];
    case 'dropTable':
      return [{ kind: op.kind, table: op.table, before: tableSummary(op.existing), after: null, description }];
    case 'renameTable':
      return [{ kind: op.kind, table: op.to, before: op.from, after: op.to, description }];
    case 'addColumn':
      return [{ kind: op.kind, table: op.table, column: op.column.name, before: null, after: columnDefinition(op.column), description }];
    case 'dropColumn':
      return [{ kind: op.kind, table: op.table, column: op.column, before: columnDefinition(op.existing), after: null, description }];
    case 'alterColumn':
      return [{ kind: op.kind, table: op.table, column: op.column, before: columnDefinition(op.from), after: columnDefinition(op.to), description }];
    case 'renameColumn':
      return [{ kind: op.kind, table: op.table, column: op.to, before: op.from, after: op.to, description }];
    case 'createIndex':
      return [{ kind: op.kind, table: op.table, ...indexColumn(op.index), constraint: op.index.name, before: null, after: describeIndex(op.index), description }];
    case 'dropIndex':
      return [{ kind: op.kind, table: op.table, ...indexColumn(op.existing), constraint: op.existing.name, before: describeIndex(op.existing), after: null, description }];
    case 'createForeignKey':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.foreignKey.columns), ...named(op.foreignKey), before: null, after: describeForeignKey(op.foreignKey), description }];
    case 'dropForeignKey':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.existing.columns), ...named(op.existing), before: describeForeignKey(op.existing), after: null, description }];
    case 'createUnique':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.unique.columns), ...named(op.unique), before: null, after: describeUnique(op.unique), description }];
    case 'dropUnique':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.existing.columns), ...named(op.existing), before: describeUnique(op.existing), after: null, description }];
    case 'createCheck':
      return [{ kind: op.kind, table: op.table, ...named(op.check), before: null, after: describeCheck(op.check), description }];
    case 'dropCheck':
      return [{ kind: op.kind, table: op.table, ...named(op.existing), before: describeCheck(op.existing), after: null, description }];
    case 'createPrimaryKey':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.primaryKey.columns), ...named(op.primaryKey), before: null, after: primaryKeyText(op.primaryKey), description }];
    case 'dropPrimaryKey':
      return [{ kind: op.kind, table: op.table, ...onlyColumn(op.existing.columns), ...named(op.existing), before: primaryKeyText(op.existing), after: null, description }];
    case 'rebuildTable':
      // A rebuild inside a rebuild's changes does not occur; were it there, its changes are what differs.
      return driftDifferences(op.changes);
    case 'createEnum':
      return [{ kind: op.kind, table: null, enum: tableKey(op.enum), before: null, after: labels(op.enum.values), description }];
    case 'dropEnum':
      return [{ kind: op.kind, table: null, enum: tableKey(op.existing), before: labels(op.existing.values), after: null, description }];
    case 'alterEnum':
      return [{ kind: op.kind, table: null, enum: op.name, before: labels(op.from), after: labels(op.to), description }];
    case 'setTableComment':
      return [{ kind: op.kind, table: op.table, before: op.from ?? null, after: op.to ?? null, description }];
    case 'execute':
      return [{ kind: op.kind, table: null, before: op.reverseSql ?? null, after: op.sql, description }];
    default:
      return assertNever(op, 'operation kind');
  }
}

/** The line `changeLines` prints for these ops (one op, or a drop/create foreign key pair). */
function line(ops: ReadonlyArray<Op>): string {
  return changeLines(ops)[0] ?? '';
}

/** `integer NOT NULL DEFAULT 0`: the column's definition without its name (the name is in `column`). */
function columnDefinition(column: Column): string {
  return describeColumn(column).slice(column.name.length + 1);
}

/** A one-line, CREATE TABLE-like summary: `(id integer NOT NULL, name text, PRIMARY KEY (id), INDEX ix (name))`. */
function tableSummary(table: Table): string {
  const items = [
    ...table.columns.map(describeColumn),
    ...(table.primaryKey ? [primaryKeyText(table.primaryKey)] : []),
    ...table.foreignKeys.map((fk) => `${fk.name ? `${fk.name} ` : ''}FOREIGN KEY ${describeForeignKey({ ...fk, name: undefined })}`),
    ...table.uniques.map(describeUnique),
    ...table.checks.map(describeCheck),
    ...table.indexes.map((index) => `INDEX ${describeIndex(index)}`),
  ];
  return `(${items.join(', ')})${table.comment ? ` COMMENT '${table.comment.replace(/'/g, "''")}'` : ''}`;
}

function primaryKeyText(key: PrimaryKey): string {
  return `${key.name ? `${key.name} ` : ''}PRIMARY KEY (${key.columns.join(', ')})`;
}

function labels(values: EnumType['values']): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `column` for a constraint on exactly one column: annotations can then point at that column's line. */
function onlyColumn(columns: ReadonlyArray<string>): { column?: string } {
  return columns.length === 1 ? { column: columns[0] as string } : {};
}

function indexColumn(index: Index): { column?: string } {
  return index.parts.length === 1 ? onlyColumn(indexColumnNames(index)) : {};
}

function named(object: { readonly name?: string | undefined }): { constraint?: string } {
  return object.name ? { constraint: object.name } : {};
}
