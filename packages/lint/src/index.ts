/**
 * @autogen/lint: safety lint for migration ops. Every op of a revision that can lose data or break running code
 * gets a finding (rule id, severity, one-line message); `lintOpsWithData` decides data-dependent findings from
 * the live rows. The rules are documented in docs/lint-rules.md.
 */
export { LINT_SEVERITIES, isLintSeverity, severityAtLeast } from './lint-severity';
export type { LintSeverity } from './lint-severity';
export { LINT_RULES, lintRule } from './lint-rules';
export type { LintRule, LintRuleId } from './lint-rules';
export { compareFindings } from './lint-finding';
export type { LintFinding } from './lint-finding';
export { lintOps } from './lint-ops';
export type { LintOptions } from './lint-ops';
export { DEFAULT_LARGE_TABLE_ROWS, lintOpsWithData } from './lint-ops-with-data';
export type { DataLintOptions } from './lint-ops-with-data';
export { classifyTypeChange } from './classify-type-change';
export type { TypeChangeKind } from './classify-type-change';
