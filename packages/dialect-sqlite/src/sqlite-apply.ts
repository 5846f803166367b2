import { failpoint, failpointsArmed } from '@autogen/dialect';
import type { Connection, ProgressListener, RevisionPlan, SqlStatement } from '@autogen/dialect';
import type { Op, RebuildTableOp } from '@autogen/ops';
import { compileSqliteOp } from './sqlite-compiler';
import { quoteIdentifier } from './sqlite-quote';
import { compileRebuildSteps, REBUILD_COPY_STEP } from './sqlite-rebuild';
import type { RebuildStep } from './sqlite-rebuild';
import { isPunct, tokenize } from './sqlite-tokenizer';

/** One row of `PRAGMA foreign_key_check` (https://www.sqlite.org/pragma.html#pragma_foreign_key_check). */
export interface ForeignKeyViolation {
  /** The child table holding the offending row. */
  readonly table: string;
  /** The offending row's rowid (`null` for a WITHOUT ROWID table). */
  readonly rowid: number | null;
  /** The parent table the row should reference. */
  readonly parent: string;
  /** The child's foreign-key columns, when known. */
  readonly columns: ReadonlyArray<string>;
}

/** A revision would leave rows that break a foreign key; it was rolled back. */
export class ForeignKeyCheckError extends Error {
  constructor(readonly label: string, readonly violations: ReadonlyArray<ForeignKeyViolation>) {
    const shown = violations
      .slice(0, 5)
      .map((v) => `${v.table} rowid ${v.rowid ?? '?'}${v.columns.length ? ` (${v.columns.join(', ')})` : ''} references a missing row in ${v.parent}`);
    const more = violations.length > shown.length ? `; and ${violations.length - shown.length} more` : '';
    super(`revision ${label} rolled back: it would break foreign keys: ${shown.join('; ')}${more}`);
    this.name = 'ForeignKeyCheckError';
  }
}

/** A version-table statement changed an unexpected number of rows; the revision was rolled back. */
export class VersionConflictError extends Error {
  constructor(readonly label: string, readonly sql: string, readonly expected: number, readonly actual: number) {
    super(`revision ${label} rolled back: version table changed by another process (expected ${expected} row(s) changed, got ${actual}: ${sql})`);
    this.name = 'VersionConflictError';
  }
}

interface CompiledOp {
  readonly op: Op;
  readonly rebuild?: RebuildTableOp;
  readonly statements: ReadonlyArray<SqlStatement | RebuildStep>;
}

/**
 * True when the revision must run with `foreign_keys` off (and be checked with `foreign_key_check` before commit):
 * it rebuilds a table, or drops one. With keys on, `DROP TABLE` first runs an implicit `DELETE FROM`
 * (https://www.sqlite.org/foreignkeys.html#fk_schemacommands), whose actions fail on a self-reference with
 * `RESTRICT` (actions are immediate even for a deferred key) and would cascade into any child still holding a key.
 */
function foreignKeysOffFor(compiled: ReadonlyArray<CompiledOp>): boolean {
  return compiled.some((c) => c.rebuild !== undefined || c.op.kind === 'dropTable');
}

const compilePlan = (plan: RevisionPlan): ReadonlyArray<CompiledOp> =>
  plan.ops.map((op) =>
    op.kind === 'rebuildTable' ? { op, rebuild: op, statements: compileRebuildSteps(op) } : { op, statements: compileSqliteOp(op) },
  );

/**
 * Applies one revision atomically: its ops and version statements commit together, or nothing changes.
 *
 * For a plan with a table rebuild (https://www.sqlite.org/lang_altertable.html#otheralter) or a dropped table:
 * 1. `PRAGMA foreign_keys=OFF` *before* `BEGIN`: SQLite ignores it inside a transaction
 *    (https://www.sqlite.org/pragma.html#pragma_foreign_keys). With it on, `DROP TABLE parent` would run an
 *    implicit `DELETE` and cascade into the children (https://www.sqlite.org/foreignkeys.html#fk_schemacommands).
 * 2. `BEGIN IMMEDIATE` (takes the write lock now, so a concurrent writer fails fast), note the existing
 *    `foreign_key_check` rows and unusable views as a baseline, remember the triggers of each rebuilt table.
 * 3. Run the statements (a rebuild turns `PRAGMA legacy_alter_table` on around its RENAME, see
 *    `compileRebuildSteps`), recreating those triggers after each rebuild; then the version statements, each
 *    checked against `expectChanges`.
 * 4. `foreign_key_check` again: any violation beyond the baseline rolls back ({@link ForeignKeyCheckError});
 *    so does a view the rebuild left unusable (a rebuild that drops or renames a column a view reads).
 * 5. COMMIT; finally `foreign_keys` and `legacy_alter_table` are restored to what they were.
 * Any error rolls back, leaving schema, rows and version table as they were.
 *
 * `plan.transactional` is not consulted: a plan is non-transactional only because of `CONCURRENTLY`, which the
 * SQLite compiler ignores, so every SQLite revision runs in its transaction.
 */
export async function applySqliteRevision(connection: Connection, plan: RevisionPlan, onProgress?: ProgressListener): Promise<void> {
  // Compile first: a planner bug must fail before the database is touched.
  const compiled = compilePlan(plan);
  const foreignKeysOff = foreignKeysOffFor(compiled);
  const foreignKeysBefore = await pragmaFlag(connection, 'foreign_keys');
  const legacyAlterBefore = await pragmaFlag(connection, 'legacy_alter_table');
  try {
    if (foreignKeysOff) {
      await connection.execute('PRAGMA foreign_keys = OFF');
      if (await pragmaFlag(connection, 'foreign_keys')) {
        throw new Error(`revision ${plan.label}: cannot turn PRAGMA foreign_keys off; is a transaction already open on this connection?`);
      }
    }
    await connection.execute('BEGIN IMMEDIATE');
    try {
      const baseline = foreignKeysOff ? await foreignKeyViolations(connection) : [];
      const viewsBroken = foreignKeysOff ? await brokenViews(connection) : new Map<string, string>();
      const counted = statementCounter();
      for (const unit of compiled) await runOp(connection, plan.label, unit, onProgress, counted);
      for (const statement of plan.versionStatements) {
        const changes = await run(connection, plan.label, statement);
        counted();
        if (statement.expectChanges !== undefined && changes !== statement.expectChanges) {
          throw new VersionConflictError(plan.label, statement.sql, statement.expectChanges, changes);
        }
      }
      if (foreignKeysOff) {
        const introduced = subtractViolations(await foreignKeyViolations(connection), baseline);
        if (introduced.length) throw new ForeignKeyCheckError(plan.label, introduced);
        const newlyBroken = [...(await brokenViews(connection))].filter(([name]) => !viewsBroken.has(name));
        if (newlyBroken.length) {
          const list = newlyBroken.map(([name, message]) => `${name} (${message})`).join('; ');
          throw new Error(`revision ${plan.label} rolled back: the rebuild breaks view ${list}; drop or recreate the view in the revision`);
        }
      }
      failpoint('revision:before-commit');
      await connection.execute('COMMIT');
    } catch (error) {
      await connection.execute('ROLLBACK').catch(() => undefined); // SQLite may have rolled back already
      throw error;
    }
    failpoint('revision:after-commit');
  } finally {
    if (foreignKeysOff) {
      await connection.execute(`PRAGMA legacy_alter_table = ${legacyAlterBefore ? 'ON' : 'OFF'}`);
      await connection.execute(`PRAGMA foreign_keys = ${foreignKeysBefore ? 'ON' : 'OFF'}`);
    }
  }
}

/**
 * Counts a revision's statements for the `statement:<n>` failpoint (see `@autogen/dialect` failpoint.ts); a
 * no-op unless a failpoint is armed.
 */
function statementCounter(): () => void {
  if (!failpointsArmed) return () => undefined;
  let n = 0;
  return () => failpoint(`statement:${++n}`);
}

async function runOp(
  connection: Connection,
  label: string,
  unit: CompiledOp,
  onProgress: ProgressListener | undefined,
  counted: () => void,
): Promise<void> {
  const { rebuild } = unit;
  // Triggers live and die with their table (DROP TABLE drops them); only the live schema knows them.
  const triggers = rebuild
    ? await connection.query<{ name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE AND sql IS NOT NULL ORDER BY rowid`,
        [rebuild.from.name],
      )
    : [];
  let lastStep: string | undefined;
  for (const statement of unit.statements) {
    if (rebuild && 'step' in statement && statement.step !== lastStep) onProgress?.({ table: rebuild.to.name, step: statement.step });
    lastStep = 'step' in statement ? statement.step : undefined;
    await run(connection, label, statement);
    counted();
    if (lastStep === REBUILD_COPY_STEP) failpoint('sqlite-rebuild:after-copy');
  }
  for (const trigger of triggers) {
    onProgress?.({ table: (rebuild as RebuildTableOp).to.name, step: `recreate trigger ${trigger.name}` });
    try {
      await connection.execute(trigger.sql);
    } catch (error) {
      throw new Error(
        `revision ${label}: trigger ${trigger.name} on ${(rebuild as RebuildTableOp).to.name} cannot be recreated after the rebuild ` +
          `(drop or rewrite it in the revision first): ${(error as Error).message}`,
        { cause: error },
      );
    }
    counted();
  }
}

async function run(connection: Connection, label: string, statement: SqlStatement): Promise<number> {
  try {
    return await connection.execute(statement.sql);
  } catch (error) {
    throw new Error(`revision ${label} failed at "${statement.comment ?? 'statement'}": ${(error as Error).message}\n  SQL: ${statement.sql}`, {
      cause: error,
    });
  }
}

/** Views that cannot be read (`SELECT * FROM v LIMIT 0` fails), with SQLite's message. */
async function brokenViews(connection: Connection): Promise<ReadonlyMap<string, string>> {
  const broken = new Map<string, string>();
  for (const { name } of await connection.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name")) {
    await connection.query(`SELECT * FROM ${quoteIdentifier(name)} LIMIT 0`).catch((error: unknown) => {
      broken.set(name, String((error as Error | undefined)?.message ?? error));
    });
  }
  return broken;
}

async function pragmaFlag(connection: Connection, name: string): Promise<boolean> {
  const [row] = await connection.query(`PRAGMA ${name}`);
  return Number(Object.values(row ?? {})[0] ?? 0) !== 0;
}

async function foreignKeyViolations(connection: Connection): Promise<ReadonlyArray<ForeignKeyViolation>> {
  const rows = await connection.query<{ table: string; rowid: number | null; parent: string; fkid: number }>('PRAGMA foreign_key_check');
  const columnsOf = async (table: string, fkid: number): Promise<ReadonlyArray<string>> =>
    (await connection.query<{ from: string }>(`SELECT "from" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq`, [table, fkid])).map(
      (r) => r.from,
    );
  const result: ForeignKeyViolation[] = [];
  for (const row of rows) result.push({ table: row.table, rowid: row.rowid, parent: row.parent, columns: await columnsOf(row.table, row.fkid) });
  return result;
}

/**
 * Violations in `after` beyond those in `before`, counted per child/parent pair: a rebuild may renumber the
 * rowids of a table without an INTEGER PRIMARY KEY, so rowids cannot identify a pre-existing violation.
 */
function subtractViolations(after: ReadonlyArray<ForeignKeyViolation>, before: ReadonlyArray<ForeignKeyViolation>): ReadonlyArray<ForeignKeyViolation> {
  const key = (v: ForeignKeyViolation): string => `${v.table.toLowerCase()}\u0000${v.parent.toLowerCase()}`;
  const allowance = new Map<string, number>();
  for (const v of before) allowance.set(key(v), (allowance.get(key(v)) ?? 0) + 1);
  const beforeRows = new Set(before.map((v) => `${key(v)}\u0000${v.rowid}`));
  const groups = new Map<string, ForeignKeyViolation[]>();
  for (const v of after) groups.set(key(v), [...(groups.get(key(v)) ?? []), v]);
  const introduced: ForeignKeyViolation[] = [];
  for (const [k, rows] of groups) {
    const extra = rows.length - (allowance.get(k) ?? 0);
    if (extra <= 0) continue;
    // Report the rows that were not violations before, when rowids allow telling them apart.
    const fresh = rows.filter((v) => !beforeRows.has(`${k}\u0000${v.rowid}`));
    introduced.push(...(fresh.length >= extra ? fresh : rows).slice(0, extra));
  }
  return introduced;
}

/**
 * The offline SQL for `plans`: what {@link applySqliteRevision} runs, as a script for `sqlite3` or a DBA.
 * Per plan: `PRAGMA foreign_keys=OFF;` (only with a rebuild), `BEGIN;`, each statement after a `-- comment`,
 * the version statements, `PRAGMA foreign_key_check;` (only with a rebuild; it must return no rows, else roll
 * back), `COMMIT;`, and `PRAGMA foreign_keys=ON;` (only with a rebuild). Triggers of rebuilt
 * tables are not known offline; a comment says where to recreate them.
 */
export function renderSqliteScript(plans: ReadonlyArray<RevisionPlan>): string {
  // Without -bail the sqlite3 shell goes on after an error and would COMMIT a half-done revision.
  const header = '-- Run with: sqlite3 -bail <database> < <this file>  (stops at the first error, before COMMIT)\n\n';
  return header + plans.map(renderPlan).join('\n');
}

function renderPlan(plan: RevisionPlan): string {
  const compiled = compilePlan(plan);
  const foreignKeysOff = foreignKeysOffFor(compiled);
  // The label holds the revision message, which may span lines: each line must stay inside the comment.
  const lines: string[] = [...commentLines(`Revision ${plan.label}`)];
  if (foreignKeysOff) {
    lines.push('-- Foreign keys must be off outside the transaction while tables are rebuilt or dropped (https://www.sqlite.org/pragma.html#pragma_foreign_keys).');
    lines.push('PRAGMA foreign_keys=OFF;');
  }
  lines.push('BEGIN;', '');
  for (const unit of compiled) {
    for (const statement of unit.statements) lines.push(...commentLines(statement.comment), terminate(shellSafe(plan.label, statement.sql)), '');
    if (unit.rebuild) {
      lines.push(...commentLines(`Recreate here any triggers of ${quoteIdentifier(unit.rebuild.to.name)}: dropping the old table dropped them.`), '');
    }
  }
  for (const statement of plan.versionStatements) lines.push(...commentLines(statement.comment ?? 'version table'), terminate(statement.sql), '');
  if (foreignKeysOff) {
    lines.push('-- Must return no rows: each row is a foreign key the rebuild broke; if any, run ROLLBACK instead of COMMIT.');
    lines.push('PRAGMA foreign_key_check;', '');
  }
  lines.push('COMMIT;');
  if (foreignKeysOff) lines.push('PRAGMA foreign_keys=ON;');
  return lines.join('\n') + '\n';
}

/**
 * `-- ` lines for a comment that may hold names, messages or SQL text: every line break starts a new `-- ` line,
 * else text after it would run as SQL. SQLite ends a `--` comment at LF only
 * (https://www.sqlite.org/lang_comment.html); CR splits too, so the script reads the same in any editor.
 */
const commentLines = (comment: string | undefined): ReadonlyArray<string> =>
  comment ? comment.split(/\r\n|\r|\n/).map((line) => `-- ${line}`) : [];

/**
 * `sql`, or an error when the sqlite3 shell would change it: the shell reads a script line by line and drops the
 * CR of a CR LF line ending, even inside a quoted value or name (sqlite3 3.40), and SQLite has no escape that
 * could spell a CR inside a string literal. Such a script would store a different value, so it is refused.
 */
function shellSafe(label: string, sql: string): string {
  const bad = tokenize(sql).find((t) => (t.kind === 'string' || t.kind === 'quoted') && t.text.includes('\r\n'));
  if (!bad) return sql;
  const what = bad.kind === 'string' ? 'value' : 'name';
  throw Object.assign(
    new Error(`cannot write the SQL of revision ${label} for the sqlite3 shell: the ${what} ${JSON.stringify(bad.value)} holds a CR LF line break, and the shell would store it as LF`),
    { hint: 'apply this revision with `autogen upgrade` (it runs the statements as they are)' },
  );
}

/** Ends a statement with `;`, on its own line when the statement ends in a `--` comment. */
function terminate(sql: string): string {
  const trimmed = sql.trim();
  const tokens = tokenize(trimmed);
  const last = tokens[tokens.length - 1];
  if (!last || isPunct(last, ';')) return trimmed;
  return trimmed.slice(last.end).trim() ? `${trimmed}\n;` : `${trimmed};`;
}
