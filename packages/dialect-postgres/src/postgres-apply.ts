import { failpoint, failpointsArmed } from '@autogen/dialect';
import type { Connection, ProgressListener, RevisionPlan, SqlStatement, VersionStatement } from '@autogen/dialect';
import { opTable } from '@autogen/ops';
import type { Op } from '@autogen/ops';
import { compilePostgresOp, postgresKeyContext } from './postgres-compiler';
import { parsePostgresKey, quoteQualified } from './postgres-quote';

/** A version-table statement changed an unexpected number of rows (another process moved the version); rolled back. */
export class PostgresVersionConflictError extends Error {
  constructor(readonly label: string, readonly sql: string, readonly expected: number, readonly actual: number) {
    super(`revision ${label} rolled back: version table changed by another process (expected ${expected} row(s) changed, got ${actual}: ${sql})`);
    this.name = 'PostgresVersionConflictError';
  }
}

/** A statement of a revision failed. `applied` lists what had already run and stays applied (non-transactional plans only). */
export class PostgresRevisionError extends Error {
  constructor(
    message: string,
    readonly label: string,
    readonly statement: SqlStatement,
    readonly applied: ReadonlyArray<SqlStatement>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresRevisionError';
  }
}

/** One op and its statements. */
interface CompiledOp {
  readonly op: Op;
  readonly statements: ReadonlyArray<SqlStatement>;
}

const isConcurrent = (op: Op): boolean => (op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently === true;

/**
 * Whether a plan runs in one transaction: not when the runner says so (`transactional: false`), nor when an op
 * is `CONCURRENTLY`, which PostgreSQL refuses inside a transaction block
 * (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 */
export function isTransactionalPlan(plan: RevisionPlan): boolean {
  return plan.transactional !== false && !plan.ops.some(isConcurrent);
}

function compilePlan(plan: RevisionPlan): ReadonlyArray<CompiledOp> {
  const context = postgresKeyContext(plan.ops);
  return plan.ops.map((op) => ({ op, statements: compilePostgresOp(op, context) }));
}

/** A statement on one line, cut to at most `max` characters (ending in `…`), for error messages. */
export function shortenSql(sql: string, max = 200): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const describeStatement = (statement: SqlStatement): string => `"${statement.comment ?? 'statement'}"\n  SQL: ${shortenSql(statement.sql)}`;

/**
 * Applies one revision. A transactional plan (the normal case) runs as `BEGIN`; the statements; the version
 * statements, each checked against `expectChanges`; `COMMIT` — and any error rolls back schema, rows and version
 * row together (PostgreSQL DDL is transactional), then is rethrown naming the failed statement.
 *
 * A plan that cannot run in a transaction (see {@link isTransactionalPlan}) runs its statements one by one, each
 * committing on its own, then the version statements in a short transaction of their own. A failure then leaves
 * the statements that already ran applied and the version where it was; the error lists them and how to recover
 * (a failed `CREATE INDEX CONCURRENTLY` leaves an INVALID index behind, which the next attempt drops first, see
 * {@link resumeConcurrentIndex}: https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 */
export async function applyPostgresRevision(connection: Connection, plan: RevisionPlan, onProgress?: ProgressListener): Promise<void> {
  // Compile first: a compiler bug must fail before the database is touched.
  const compiled = compilePlan(plan);
  if (isTransactionalPlan(plan)) await applyInTransaction(connection, plan, compiled, onProgress);
  else await applyStatementByStatement(connection, plan, compiled, onProgress);
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

async function applyInTransaction(connection: Connection, plan: RevisionPlan, compiled: ReadonlyArray<CompiledOp>, onProgress?: ProgressListener): Promise<void> {
  const counted = statementCounter();
  await connection.execute('BEGIN');
  try {
    for (const unit of compiled) {
      for (const statement of unit.statements) {
        progress(onProgress, unit, statement);
        await run(connection, statement, (error) => `revision ${plan.label} rolled back: failed at ${describeStatement(statement)}\n  ${message(error)}`, plan, []);
        counted();
      }
    }
    await runVersionStatements(connection, plan, counted);
    failpoint('revision:before-commit');
    await connection.execute('COMMIT');
  } catch (error) {
    await connection.execute('ROLLBACK').catch(() => undefined);
    throw error;
  }
  failpoint('revision:after-commit');
}

async function applyStatementByStatement(connection: Connection, plan: RevisionPlan, compiled: ReadonlyArray<CompiledOp>, onProgress?: ProgressListener): Promise<void> {
  const applied: SqlStatement[] = [];
  const counted = statementCounter();
  for (const unit of compiled) {
    if (await resumeConcurrentIndex(connection, plan, unit.op)) continue;
    for (const statement of unit.statements) {
      progress(onProgress, unit, statement);
      await run(connection, statement, (error) => nonTransactionalFailure(plan, unit.op, statement, applied, error), plan, applied);
      applied.push(statement);
      counted();
    }
  }
  await connection.execute('BEGIN');
  try {
    await runVersionStatements(connection, plan, counted);
    failpoint('revision:before-commit');
    await connection.execute('COMMIT');
    failpoint('revision:after-commit');
  } catch (error) {
    await connection.execute('ROLLBACK').catch(() => undefined);
    const ran = applied.map((s) => `    - ${s.comment ?? shortenSql(s.sql, 80)}`).join('\n');
    throw new Error(
      `revision ${plan.label} (run outside a transaction): all its statements ran, but the version table could not be moved: ` +
        `${message(error)}\n  Applied and not rolled back:\n${ran}\n  Check the version table, then run upgrade again or stamp the revision.`,
      { cause: error },
    );
  }
}

function nonTransactionalFailure(plan: RevisionPlan, op: Op, statement: SqlStatement, applied: ReadonlyArray<SqlStatement>, error: unknown): string {
  const ran = applied.length
    ? `  Already applied and NOT rolled back (the revision runs outside a transaction):\n${applied.map((s) => `    - ${s.comment ?? shortenSql(s.sql, 80)}`).join('\n')}\n`
    : '  Nothing else had been applied.\n';
  let recovery = 'Undo the applied statements by hand (or complete the rest by hand and stamp the revision), then run upgrade again.';
  if (op.kind === 'createIndex' && op.concurrently) {
    const index = quoteQualified({ ...(tableSchema(op.table, plan) ?? {}), name: op.index.name });
    recovery =
      `A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind: the next upgrade drops and rebuilds it (or drop it with DROP INDEX CONCURRENTLY IF EXISTS ${index}); ` +
      `fix the cause${applied.length ? ', undo the statements above' : ''} and run upgrade again.`;
  } else if (applied.length === 0) {
    recovery = 'Fix the cause and run upgrade again.';
  }
  return `revision ${plan.label} failed at ${describeStatement(statement)}\n  ${message(error)}\n${ran}  ${recovery}`;
}

function tableSchema(key: string, plan: RevisionPlan): { schema: string } | undefined {
  const schema = parsePostgresKey(key, postgresKeyContext(plan.ops)).schema;
  return schema ? { schema } : undefined;
}

/**
 * Makes a CONCURRENTLY index op safe to run again after an interrupted attempt (a killed process, a lost
 * connection, a failed build), since such a revision runs outside a transaction and its version row is moved
 * last: the index may already be there while the revision is still recorded as not applied.
 * - `createIndex`: an index of that name already on that table is a leftover of the attempt — INVALID when the
 *   build was interrupted (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY),
 *   valid when only the version move was missed. It is dropped (`DROP INDEX CONCURRENTLY IF EXISTS`) and built
 *   again from the revision. An index of that name on another table is left alone (the CREATE then fails).
 * - `dropIndex`: an index that is already gone is not dropped again; returns true to skip the op.
 */
async function resumeConcurrentIndex(connection: Connection, plan: RevisionPlan, op: Op): Promise<boolean> {
  if (!isConcurrent(op) || (op.kind !== 'createIndex' && op.kind !== 'dropIndex')) return false;
  const table = parsePostgresKey(op.table, postgresKeyContext(plan.ops));
  const index = quoteQualified({ ...(table.schema ? { schema: table.schema } : {}), name: op.kind === 'createIndex' ? op.index.name : op.existing.name });
  const [found] = await connection.query<{ same_table: boolean }>(
    'SELECT i.indrelid = to_regclass($2) AS same_table FROM pg_index i WHERE i.indexrelid = to_regclass($1)',
    [index, quoteQualified(table)],
  );
  if (op.kind === 'dropIndex') return found === undefined;
  if (found?.same_table) await connection.execute(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
  return false;
}

async function runVersionStatements(connection: Connection, plan: RevisionPlan, counted: () => void = () => undefined): Promise<void> {
  for (const statement of plan.versionStatements) {
    const changes = await run(
      connection,
      statement,
      (error) => `revision ${plan.label} rolled back: version table statement failed: ${describeStatement(statement)}\n  ${message(error)}`,
      plan,
      [],
    );
    checkChanges(plan, statement, changes);
    counted();
  }
}

function checkChanges(plan: RevisionPlan, statement: VersionStatement, changes: number): void {
  if (statement.expectChanges !== undefined && changes !== statement.expectChanges) {
    throw new PostgresVersionConflictError(plan.label, statement.sql, statement.expectChanges, changes);
  }
}

async function run(
  connection: Connection,
  statement: SqlStatement,
  describe: (error: unknown) => string,
  plan: RevisionPlan,
  applied: ReadonlyArray<SqlStatement>,
): Promise<number> {
  try {
    return await connection.execute(statement.sql);
  } catch (error) {
    throw new PostgresRevisionError(describe(error), plan.label, statement, [...applied], { cause: error });
  }
}

function progress(onProgress: ProgressListener | undefined, unit: CompiledOp, statement: SqlStatement): void {
  if (!onProgress) return;
  const { op } = unit;
  const table = opTable(op) ?? (op.kind === 'alterEnum' ? op.name : op.kind === 'createEnum' ? op.enum.name : op.kind === 'dropEnum' ? op.existing.name : '');
  onProgress({ table, step: statement.comment ?? shortenSql(statement.sql, 60) });
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The offline SQL for `plans`, exactly what {@link applyPostgresRevision} runs, as a psql script.
 * `\set ON_ERROR_STOP on` makes psql stop at the first error instead of going on (and committing a half-done
 * revision, https://www.postgresql.org/docs/current/app-psql.html#APP-PSQL-VARIABLES-ON-ERROR-STOP). Each
 * transactional plan is wrapped in `BEGIN;`/`COMMIT;`; a non-transactional one runs its statements bare and moves
 * the version in a short transaction after them. Every statement follows a `-- comment`.
 */
export function renderPostgresScript(plans: ReadonlyArray<RevisionPlan>): string {
  const header = [
    '-- Run with: psql "$DATABASE_URL" -f <this file>',
    '-- Each revision has its own transaction (do not add --single-transaction: CONCURRENTLY cannot run in one).',
    '\\set ON_ERROR_STOP on',
    '',
  ].join('\n');
  return `${header}\n${plans.map(renderPlan).join('\n')}`;
}

function renderPlan(plan: RevisionPlan): string {
  const compiled = compilePlan(plan);
  const transactional = isTransactionalPlan(plan);
  // The label holds the revision message, which may span lines: each line must stay inside the comment.
  const lines: string[] = [...commentLines(`Revision ${plan.label}`)];
  if (transactional) lines.push('BEGIN;', '');
  else {
    lines.push(
      '-- This revision runs OUTSIDE a transaction (CREATE/DROP INDEX CONCURRENTLY): a failure leaves the statements',
      '-- before it applied. A failed CREATE INDEX CONCURRENTLY leaves an INVALID index: drop it before running again.',
      '',
    );
  }
  for (const unit of compiled) {
    for (const statement of unit.statements) lines.push(...commentLines(statement.comment), terminate(statement.sql), '');
  }
  if (!transactional) lines.push('BEGIN;', '');
  for (const statement of plan.versionStatements) lines.push(...commentLines(statement.comment ?? 'version table'), terminate(statement.sql), '');
  lines.push('COMMIT;');
  return lines.join('\n') + '\n';
}

/**
 * `-- ` lines for a comment that may hold names, messages or SQL text. A `--` comment ends at LF *or* CR in
 * PostgreSQL's and psql's lexers (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-COMMENTS),
 * so both split lines here: otherwise text after a bare CR would run as SQL.
 */
const commentLines = (comment: string | undefined): ReadonlyArray<string> =>
  comment ? comment.split(/\r\n|\r|\n/).map((line) => `-- ${line}`) : [];

/** Ends a statement with `;`, on a line of its own when its last line is a `--` comment. */
function terminate(sql: string): string {
  const trimmed = sql.trim();
  if (trimmed.endsWith(';')) return trimmed;
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  return /--/.test(lastLine.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '')) ? `${trimmed}\n;` : `${trimmed};`;
}
