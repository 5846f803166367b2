import type { LintRuleId } from './lint-rules';
import type { LintSeverity } from './lint-severity';

/**
 * One risk found in a revision's ops. Plain data: the CLI prints it, renders it as a comment above the op in the
 * revision file, and `autogen check --fail-on` compares its severity.
 */
export interface LintFinding {
  readonly rule: LintRuleId;
  readonly severity: LintSeverity;
  /** One line: names the table/column, says what can go wrong and how to avoid it. */
  readonly message: string;
  /** Index of the op in the ops array given; for a change inside a `rebuildTable`, the rebuild's index. */
  readonly opIndex: number;
  /** Table key (`name`, or `schema.name` outside the default schema) as the op names it. */
  readonly table?: string;
  readonly column?: string;
  /** Name of the constraint or index the finding is about, when it has one. */
  readonly constraint?: string;
  /** Set when a probe of the live data decided the severity (and the numbers in the message). */
  readonly checked?: 'data';
}

/** The order findings are reported in: by op index, then rule id; equal keys keep their order (stable sort). */
export function compareFindings(a: LintFinding, b: LintFinding): number {
  if (a.opIndex !== b.opIndex) return a.opIndex - b.opIndex;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
