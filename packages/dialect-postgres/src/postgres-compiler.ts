import type { SqlStatement } from '@autogen/dialect';
import { assertNever, describeOp } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import type { Table } from '@autogen/schema';
import { alterColumnStatements } from './postgres-alter-column';
import { alterEnumStatements, enumsUsingAddedLabels } from './postgres-alter-enum';
import {
  checkDefinition,
  columnCommentStatement,
  columnDefinition,
  createIndexStatement,
  createTableStatements,
  dropIndexStatement,
  foreignKeyDefinition,
  primaryKeyDefinition,
  tableCommentStatement,
  uniqueDefinition,
} from './postgres-ddl';
import { defaultCheckName, defaultForeignKeyName, defaultPrimaryKeyName, defaultUniqueName } from './postgres-default-names';
import { parsePostgresKey, quoteIdentifier as q, quoteLiteral as lit, quoteQualified } from './postgres-quote';
import type { KeyContext } from './postgres-quote';

/** Compiles ops into PostgreSQL statements, in order (see {@link compilePostgresOp}). */
export function compilePostgres(ops: ReadonlyArray<Op>): ReadonlyArray<SqlStatement> {
  const context = postgresKeyContext(ops);
  return ops.flatMap((op) => compilePostgresOp(op, context));
}

/**
 * What the ops tell about table and enum keys: the default-schema tables and enums they carry in full, whose
 * keys are never split at a dot (see {@link KeyContext}).
 */
export function postgresKeyContext(ops: ReadonlyArray<Op>): KeyContext {
  const names = new Set<string>();
  const addTable = (table: Table): void => {
    if (!table.schema) names.add(table.name);
  };
  const visit = (op: Op): void => {
    switch (op.kind) {
      case 'createTable':
        return addTable(op.table);
      case 'dropTable':
        return addTable(op.existing);
      case 'rebuildTable':
        addTable(op.from);
        addTable(op.to);
        return op.changes.forEach(visit);
      case 'createEnum':
        if (!op.enum.schema) names.add(op.enum.name);
        return;
      case 'dropEnum':
        if (!op.existing.schema) names.add(op.existing.name);
        return;
      default:
        return;
    }
  };
  ops.forEach(visit);
  return { defaultSchemaNames: names, enumsRecreated: enumsUsingAddedLabels(ops) };
}

/**
 * The statements for one op, each with a `comment`. Identifiers are always double-quoted, tables outside the
 * default schema are schema-qualified, and column types are written as `type.raw`.
 */
export function compilePostgresOp(op: Op, context: KeyContext = postgresKeyContext([op])): ReadonlyArray<SqlStatement> {
  const comment = describeOp(op);
  const table = (key: string): string => quoteQualified(parsePostgresKey(key, context));
  switch (op.kind) {
    case 'createTable':
      return createTableStatements(op.table, context, comment);
    case 'dropTable':
      return [{ sql: `DROP TABLE ${table(op.table)}`, comment }];
    case 'renameTable':
      // RENAME TO takes a bare name: the table stays in its schema (https://www.postgresql.org/docs/current/sql-altertable.html).
      return [{ sql: `ALTER TABLE ${table(op.from)} RENAME TO ${q(parsePostgresKey(op.to, context).name)}`, comment }];
    case 'addColumn':
      return [
        { sql: `ALTER TABLE ${table(op.table)} ADD COLUMN ${columnDefinition(op.column)}`, comment },
        ...(op.column.comment !== undefined ? [columnCommentStatement(parsePostgresKey(op.table, context), op.column.name, op.column.comment)] : []),
      ];
    case 'dropColumn':
      return [{ sql: `ALTER TABLE ${table(op.table)} DROP COLUMN ${q(op.column)}`, comment }];
    case 'renameColumn':
      return [{ sql: `ALTER TABLE ${table(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`, comment }];
    case 'alterColumn':
      return alterColumnStatements(op, parsePostgresKey(op.table, context)).map((s) => ({ ...s, comment: `${comment}: ${s.comment ?? ''}` }));
    case 'createIndex':
      return [{ ...createIndexStatement(parsePostgresKey(op.table, context), op.index, op.concurrently === true), comment }];
    case 'dropIndex':
      return [{ ...dropIndexStatement(parsePostgresKey(op.table, context), op.existing, op.concurrently === true), comment }];
    case 'createForeignKey':
      return [{ sql: `ALTER TABLE ${table(op.table)} ADD ${foreignKeyDefinition(op.foreignKey, context)}`, comment }];
    case 'dropForeignKey':
      return [dropConstraint(table(op.table), op.existing.name ?? defaultForeignKeyName(bare(op.table, context), op.existing), comment)];
    case 'createUnique':
      return [{ sql: `ALTER TABLE ${table(op.table)} ADD ${uniqueDefinition(op.unique)}`, comment }];
    case 'dropUnique':
      return [dropConstraint(table(op.table), op.existing.name ?? defaultUniqueName(bare(op.table, context), op.existing), comment)];
    case 'createCheck':
      return [{ sql: `ALTER TABLE ${table(op.table)} ADD ${checkDefinition(op.check)}`, comment }];
    case 'dropCheck':
      return [dropConstraint(table(op.table), op.existing.name ?? defaultCheckName(bare(op.table, context), op.existing), comment)];
    case 'createPrimaryKey':
      return [{ sql: `ALTER TABLE ${table(op.table)} ADD ${primaryKeyDefinition(op.primaryKey)}`, comment }];
    case 'dropPrimaryKey':
      return [dropConstraint(table(op.table), op.existing.name ?? defaultPrimaryKeyName(bare(op.table, context)), comment)];
    case 'rebuildTable':
      // PostgreSQL alters everything in place; a revision written for SQLite still works by running its changes.
      return op.changes.flatMap((change) => compilePostgresOp(change, context));
    case 'createEnum':
      return [{ sql: `CREATE TYPE ${quoteQualified(op.enum)} AS ENUM (${op.enum.values.map(lit).join(', ')})`, comment }];
    case 'dropEnum':
      return [{ sql: `DROP TYPE ${quoteQualified(op.existing)}`, comment }];
    case 'alterEnum':
      return alterEnumStatements(op, context).map((s) => ({ ...s, comment: `${comment}: ${s.comment ?? ''}` }));
    case 'setTableComment':
      return [{ ...tableCommentStatement(parsePostgresKey(op.table, context), op.to), comment }];
    case 'execute':
      return [{ sql: op.sql, comment: 'hand-written SQL' }];
    default:
      return assertNever(op, 'operation kind');
  }
}

/** The table's own name (without schema): PostgreSQL's default constraint names start with it. */
const bare = (key: string, context: KeyContext): string => parsePostgresKey(key, context).name;

function dropConstraint(table: string, name: string, comment: string): SqlStatement {
  return { sql: `ALTER TABLE ${table} DROP CONSTRAINT ${q(name)}`, comment };
}
