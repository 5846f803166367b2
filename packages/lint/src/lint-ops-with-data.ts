import type { Connection, Dialect } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { collectCandidates } from './collect-candidates';
import type { ProbeCounts, ProbeLimits } from './data-probe';
import type { LintFinding } from './lint-finding';
import type { LintOptions } from './lint-ops';
import { probeSql } from './probe-sql';

/** Row count above which a table counts as large for `blocking-index-build`, unless `largeTableRows` says otherwise. */
export const DEFAULT_LARGE_TABLE_ROWS = 100_000;

/** Options of {@link lintOpsWithData}. */
export interface DataLintOptions extends LintOptions {
  /**
   * The live database the revision will run against, at the revision's parent. Probes only read; run them outside
   * a transaction, since a failing probe query aborts an open PostgreSQL transaction.
   */
  readonly connection: Connection;
  readonly dialect: Dialect;
  /** The live schema (introspected): probes run only on tables and columns it has. */
  readonly current: Schema;
  /** A table with more rows than this makes a blocking index build a warning. Default {@link DEFAULT_LARGE_TABLE_ROWS}. */
  readonly largeTableRows?: number;
}

/**
 * {@link lintOps}, then each finding the data can decide is checked against the live rows, one read-only query
 * each, in order:
 * - not-null-without-default: NULLs in the column (alterColumn) or any row (addColumn) → error, else no finding;
 * - unique-on-duplicates: duplicated key values (and NULL keys for a primary key) → error, else no finding;
 * - foreign-key-orphans: rows whose key has no parent row → error, else no finding;
 * - blocking-index-build: more than `largeTableRows` rows → warning, else no finding.
 * Decided findings carry `checked: 'data'` and the counts in their message. A probe runs only when the table and
 * columns exist in `current` under their pre-revision names (renames earlier in the list are followed), the table
 * was not created earlier in the list, and no `execute` op ran before (it may change the rows); otherwise the
 * static finding stays. A probe query that fails keeps the static finding, with the error appended.
 */
export async function lintOpsWithData(ops: ReadonlyArray<Op>, options: DataLintOptions): Promise<LintFinding[]> {
  // A LIMIT needs a whole, non-negative number.
  const given = options.largeTableRows;
  const largeTableRows = given !== undefined && Number.isFinite(given) ? Math.max(0, Math.floor(given)) : DEFAULT_LARGE_TABLE_ROWS;
  const limits: ProbeLimits = { largeTableRows };
  const findings: LintFinding[] = [];
  for (const candidate of collectCandidates(ops, options.capabilities)) {
    const { finding, probe } = candidate;
    const sql = probe ? probeSql(probe.query, { current: options.current, dialect: options.dialect, limits }) : undefined;
    if (!probe || sql === undefined) {
      findings.push(finding);
      continue;
    }
    let counts: ProbeCounts;
    try {
      counts = await runProbe(options.connection, sql);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      findings.push({ ...finding, message: `${finding.message} (data check failed: ${reason})` });
      continue;
    }
    const verdict = probe.verdict(counts, limits);
    if (verdict) findings.push({ ...finding, severity: verdict.severity, message: verdict.message, checked: 'data' });
  }
  return findings;
}

async function runProbe(connection: Connection, sql: string): Promise<ProbeCounts> {
  const [row] = await connection.query<{ n: unknown; nulls: unknown }>(sql);
  // PostgreSQL returns count(*) (bigint) as a string; SQLite as a number.
  const count = Number(row?.n ?? 0);
  const nulls = Number(row?.nulls ?? 0);
  if (!Number.isFinite(count) || !Number.isFinite(nulls)) throw new Error(`unexpected probe result ${JSON.stringify(row)}`);
  return { count, nulls };
}
