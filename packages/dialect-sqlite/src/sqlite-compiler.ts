import type { SqlStatement } from '@autogen/dialect';
import { assertNever, describeOp } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { addColumnRebuildReason } from './sqlite-capabilities';
import { columnDefinition, createIndexStatement, createTableSql } from './sqlite-ddl';
import { quoteIdentifier as q } from './sqlite-quote';
import { compileRebuildSteps } from './sqlite-rebuild';

/** Compiles ops into SQLite statements, in order (see {@link compileSqliteOp}). */
export function compileSqlite(ops: ReadonlyArray<Op>): ReadonlyArray<SqlStatement> {
  return ops.flatMap(compileSqliteOp);
}

/**
 * The statements for one op, each with a `comment`. Identifiers are double-quoted; column types are written
 * as `type.raw`. Ops SQLite cannot do in place (see `sqliteRequiresRebuild`) are only valid inside a
 * `rebuildTable`; given alone they are a planner bug and throw.
 */
export function compileSqliteOp(op: Op): ReadonlyArray<SqlStatement> {
  const comment = describeOp(op);
  switch (op.kind) {
    case 'createTable':
      return [
        { sql: createTableSql(op.table), comment },
        ...op.table.indexes.map((index) => createIndexStatement(op.table.name, index)),
      ];
    case 'dropTable':
      return [{ sql: `DROP TABLE ${q(op.table)}`, comment }];
    case 'renameTable':
      return [{ sql: `ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`, comment }];
    case 'addColumn': {
      const reason = addColumnRebuildReason(op.column);
      if (reason) throw mustRebuild(op, reason);
      return [{ sql: `ALTER TABLE ${q(op.table)} ADD COLUMN ${columnDefinition(op.column)}`, comment }];
    }
    case 'dropColumn':
      // Whether SQLite allows it depends on the table (sqliteRequiresRebuild); SQLite itself refuses otherwise.
      return [{ sql: `ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column)}`, comment }];
    case 'renameColumn':
      return [{ sql: `ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`, comment }];
    // `concurrently` is ignored: SQLite has no CREATE INDEX CONCURRENTLY, and its writers are serialized anyway
    // (https://www.sqlite.org/lang_createindex.html).
    case 'createIndex':
      return [{ ...createIndexStatement(op.table, op.index), comment }];
    case 'dropIndex':
      return [{ sql: `DROP INDEX ${q(op.existing.name)}`, comment }];
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
      throw new Error(
        `SQLite has no enum types; ${describeOp(op)} cannot be compiled for SQLite. Use a text column with a CHECK ` +
          `(col IN (...)) constraint instead, or remove the op from the revision (https://www.sqlite.org/datatype3.html)`,
      );
    case 'setTableComment':
      // SQLite has no comments on tables or columns (https://www.sqlite.org/lang_createtable.html); nothing to run.
      return [];
    case 'execute':
      return [{ sql: op.sql, comment: 'hand-written SQL' }];
    case 'rebuildTable':
      return compileRebuildSteps(op).map(({ sql, comment: stepComment }) => ({ sql, comment: stepComment }));
    case 'alterColumn':
    case 'createForeignKey':
    case 'dropForeignKey':
    case 'createUnique':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
      throw mustRebuild(op, 'SQLite cannot ALTER a column definition or a constraint');
    default:
      return assertNever(op, 'operation kind');
  }
}

function mustRebuild(op: Op & { readonly table: string }, reason: string): Error {
  return new Error(
    `internal error: ${op.kind} on table "${op.table}" must be wrapped in rebuildTable (${reason}; ` +
      'https://www.sqlite.org/lang_altertable.html#otheralter)',
  );
}
