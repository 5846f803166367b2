import type { SqlStatement } from '@autogen/dialect';
import type { RebuildTableOp } from '@autogen/ops';
import type { Column, Table } from '@autogen/schema';
import { createIndexStatement, createTableSql, defaultSql } from './sqlite-ddl';
import { quoteIdentifier as q, quoteLiteral } from './sqlite-quote';

/** One statement of a table rebuild, with the short step name shown as progress. */
export interface RebuildStep extends SqlStatement {
  readonly step: string;
  readonly comment: string;
}

/** The step that copies the rows (the `sqlite-rebuild:after-copy` failpoint fires after it). */
export const REBUILD_COPY_STEP = 'copy rows';

/** Name of the table a rebuild fills before it takes the real name: `__autogen_new_<table>`. */
export function rebuildTempName(table: string): string {
  return `__autogen_new_${table}`;
}

/**
 * Which `from` column fills each `to` column, following the op's `changes` in order: a `renameColumn` carries
 * the old column to its new name, a `dropColumn` forgets it, an `addColumn` makes the name new (no source).
 * Columns the changes do not mention keep their name.
 */
export function rebuildColumnSources(op: RebuildTableOp): ReadonlyMap<string, Column> {
  const sources = new Map<string, string | null>(op.from.columns.map((c) => [c.name, c.name]));
  for (const change of op.changes) {
    if (change.kind === 'renameColumn') {
      const source = sources.get(change.from);
      sources.delete(change.from);
      sources.set(change.to, source ?? null);
    } else if (change.kind === 'dropColumn') {
      sources.delete(change.column);
    } else if (change.kind === 'addColumn') {
      sources.set(change.column.name, null);
    }
  }
  const result = new Map<string, Column>();
  for (const column of op.to.columns) {
    const sourceName = sources.get(column.name);
    const source = sourceName ? op.from.columns.find((c) => c.name === sourceName) : undefined;
    if (source) result.set(column.name, source);
  }
  return result;
}

/**
 * The SQL of SQLite's 12-step table change (https://www.sqlite.org/lang_altertable.html#otheralter), the
 * in-transaction part: create `__autogen_new_<t>` with the new definition, copy the rows, drop the old table,
 * rename the new one (with `PRAGMA legacy_alter_table` on for that one statement), recreate the indexes. The caller turns `PRAGMA foreign_keys` off outside the
 * transaction and runs `PRAGMA foreign_key_check` before committing (see `applySqliteRevision`), and
 * recreates triggers, which only the live database knows.
 *
 * Rows are copied without CASTs: the new column's type affinity converts values the way an application's
 * INSERT would (https://www.sqlite.org/datatype3.html#type_affinity), whereas a CAST would silently turn
 * unconvertible text into 0. A column that becomes NOT NULL and has a default takes the default where the old
 * value is NULL. When both sides use AUTOINCREMENT the counter in `sqlite_sequence` is carried over, so ids of
 * deleted rows are not handed out again (https://www.sqlite.org/autoinc.html).
 */
export function compileRebuildSteps(op: RebuildTableOp): ReadonlyArray<RebuildStep> {
  const { from, to } = op;
  const temp = rebuildTempName(to.name);
  const label = (step: string): RebuildStep => ({ step, sql: '', comment: `rebuild ${to.name}: ${step}` });
  const steps: RebuildStep[] = [{ ...label('create the new table'), sql: createTableSql(to, temp) }];
  const sources = rebuildColumnSources(op);
  const copied = to.columns.filter((c) => sources.has(c.name));
  if (copied.length) {
    const targets = copied.map((c) => q(c.name)).join(', ');
    const values = copied.map((c) => copyExpression(c, sources.get(c.name) as Column)).join(', ');
    steps.push({ ...label(REBUILD_COPY_STEP), sql: `INSERT INTO ${q(temp)} (${targets}) SELECT ${values} FROM ${q(from.name)}` });
  }
  if (hasAutoincrement(from) && hasAutoincrement(to)) steps.push(...keepSequence(from.name, temp, label('keep the AUTOINCREMENT counter')));
  steps.push({ ...label('drop the old table'), sql: `DROP TABLE ${q(from.name)}` });
  // Legacy rename just for this statement: with the old table gone, the modern RENAME re-checks every view and
  // trigger that names it and fails (https://www.sqlite.org/lang_altertable.html#alter_table_rename). Turned off
  // right after, so native renameTable ops in the same revision still update references.
  const rename = label('rename the new table');
  steps.push({ ...rename, comment: `${rename.comment}: legacy RENAME leaves views and triggers as written`, sql: 'PRAGMA legacy_alter_table = ON' });
  steps.push({ ...rename, sql: `ALTER TABLE ${q(temp)} RENAME TO ${q(to.name)}` });
  steps.push({ ...rename, comment: `${rename.comment}: back to the modern RENAME`, sql: 'PRAGMA legacy_alter_table = OFF' });
  for (const index of to.indexes) {
    const statement = createIndexStatement(to.name, index);
    steps.push({ ...label(`create index ${index.name}`), sql: statement.sql });
  }
  return steps;
}

function copyExpression(target: Column, source: Column): string {
  const value = target.default ? defaultSql(target.default) : undefined;
  if (!target.nullable && source.nullable && value !== undefined) return `COALESCE(${q(source.name)}, ${value})`;
  return q(source.name);
}

const hasAutoincrement = (table: Table): boolean => table.columns.some((c) => c.autoincrement);

/** Moves the old table's `sqlite_sequence` value to the new table when it is higher than what the copy left. */
function keepSequence(from: string, temp: string, step: RebuildStep): ReadonlyArray<RebuildStep> {
  const oldSeq = `SELECT seq FROM sqlite_sequence WHERE name = ${quoteLiteral(from)}`;
  return [
    {
      ...step,
      sql:
        `UPDATE sqlite_sequence SET seq = (${oldSeq}) WHERE name = ${quoteLiteral(temp)} AND seq < (${oldSeq})`,
    },
    {
      ...step,
      sql:
        `INSERT INTO sqlite_sequence (name, seq) SELECT ${quoteLiteral(temp)}, seq FROM sqlite_sequence ` +
        `WHERE name = ${quoteLiteral(from)} AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${quoteLiteral(temp)})`,
    },
  ];
}
