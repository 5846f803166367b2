import type { DialectCapabilities } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import { collectCandidates } from './collect-candidates';
import type { LintFinding } from './lint-finding';

/** Options of {@link lintOps}. */
export interface LintOptions {
  /** The dialect's capabilities (`concurrentIndexes` decides whether blocking index builds are reported). */
  readonly capabilities: DialectCapabilities;
}

/**
 * Lints a revision's ops without a database: every op that can lose data or break running code gets a finding
 * (see docs/lint-rules.md). Pure and deterministic: sorted by op index, then rule id. Findings that depend on
 * the data keep their static severity; `lintOpsWithData` decides them from the live rows.
 *
 * Checks that only existing rows can fail (NOT NULL, unique, foreign key) report nothing for a table created
 * earlier in the same op list, which is empty — unless an `execute` op ran in between.
 */
export function lintOps(ops: ReadonlyArray<Op>, options: LintOptions): LintFinding[] {
  return collectCandidates(ops, options.capabilities).map((c) => c.finding);
}
