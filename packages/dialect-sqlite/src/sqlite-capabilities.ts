import type { DialectCapabilities } from '@autogen/dialect';
import { assertNever } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import type { Column, Table } from '@autogen/schema';
import { indexColumnNames } from '@autogen/schema';
import { normalizeSqliteDefault } from './sqlite-normalizer';
import { mentionsIdentifier } from './sqlite-sql-text';

/**
 * Why `ALTER TABLE ... ADD COLUMN` cannot add this column, or `undefined` when it can
 * (https://www.sqlite.org/lang_altertable.html#altertabaddcol). The rules that can be checked on the column:
 * - no PRIMARY KEY: an `autoincrement` column implies one (UNIQUE and PRIMARY KEY are separate ops, which
 *   always rebuild);
 * - NOT NULL needs a non-NULL default;
 * - the default may not be `CURRENT_TIME`/`CURRENT_DATE`/`CURRENT_TIMESTAMP` nor any other expression that
 *   would be written in parentheses; only plain literals are allowed.
 * The "REFERENCES with a non-NULL default" rule never applies: a foreign key is a separate op, which rebuilds.
 */
export function addColumnRebuildReason(column: Column): string | undefined {
  if (column.autoincrement) return 'an AUTOINCREMENT column is a PRIMARY KEY, which ADD COLUMN cannot add';
  const value = column.default ? normalizeSqliteDefault(column.default) : undefined;
  if (!column.nullable && !value) return 'a NOT NULL column needs a non-NULL default for ADD COLUMN';
  if (value?.kind === 'sql') return `ADD COLUMN cannot use the expression default ${value.expr}`;
  return undefined;
}

/**
 * Why `ALTER TABLE ... DROP COLUMN` cannot drop `column` from `table`, or `undefined` when it can
 * (https://www.sqlite.org/lang_altertable.html#altertabdropcol): the column may not be in the primary key,
 * an index (as a part, in an expression or in a partial-index predicate), a UNIQUE constraint, a foreign key
 * of this table (either side: the referenced side of *other* tables' keys is always a primary key or
 * unique column of this table, which this already covers), or a CHECK (conservatively: any CHECK whose
 * expression mentions the name, since the model does not say which column a CHECK was declared on).
 * Views and triggers that use the column are not visible here; SQLite then refuses the DROP COLUMN and the
 * revision rolls back.
 */
export function dropColumnRebuildReason(table: Table, column: string): string | undefined {
  const same = (name: string): boolean => name.toLowerCase() === column.toLowerCase();
  if (table.primaryKey?.columns.some(same)) return 'the column is part of the primary key';
  for (const index of table.indexes) {
    const inExpression = index.parts.some((p) => p.kind === 'expression' && mentionsIdentifier(p.sql, column));
    const inWhere = index.where !== undefined && mentionsIdentifier(index.where, column);
    if (indexColumnNames(index).some(same) || inExpression || inWhere) return `the column is used by index ${index.name}`;
  }
  if (table.uniques.some((u) => u.columns.some(same))) return 'the column is in a UNIQUE constraint';
  const selfReference = (fk: Table['foreignKeys'][number]): boolean =>
    fk.referencedTable.toLowerCase() === table.name.toLowerCase() && fk.referencedColumns.some(same);
  if (table.foreignKeys.some((fk) => fk.columns.some(same) || selfReference(fk))) return 'the column is in a foreign key';
  if (table.checks.some((c) => mentionsIdentifier(c.expression, column))) return 'a CHECK constraint mentions the column';
  return undefined;
}

/**
 * True when `op` must be done by rebuilding `table` (the 12-step procedure,
 * https://www.sqlite.org/lang_altertable.html#otheralter). Native: createTable, dropTable, renameTable,
 * renameColumn, createIndex, dropIndex, execute, rebuildTable itself, and the enum and comment ops (which the
 * compiler refuses or skips, as SQLite has neither); addColumn and dropColumn unless the
 * rules above forbid it. Everything else changes a column definition or a constraint, which SQLite cannot
 * ALTER.
 */
export function sqliteRequiresRebuild(op: Op, table: Table): boolean {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
    case 'renameTable':
    case 'renameColumn':
    case 'createIndex':
    case 'dropIndex':
    case 'execute':
    case 'rebuildTable':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
    case 'setTableComment':
      return false;
    case 'addColumn':
      return addColumnRebuildReason(op.column) !== undefined;
    case 'dropColumn':
      return dropColumnRebuildReason(table, op.column) !== undefined;
    case 'alterColumn':
    case 'createForeignKey':
    case 'dropForeignKey':
    case 'createUnique':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
      return true;
    default:
      return assertNever(op, 'operation kind');
  }
}

/** SQLite's capabilities: transactional DDL, UNIQUE constraints are unique indexes, rebuilds as above. */
export const sqliteCapabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  uniqueIndexSatisfiesUnique: true,
  requiresRebuild: sqliteRequiresRebuild,
});
