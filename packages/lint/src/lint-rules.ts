import type { LintSeverity } from './lint-severity';

/** The rules, one per kind of risk; each finding names its rule. Documented in docs/lint-rules.md. */
export type LintRuleId =
  | 'drop-table'
  | 'drop-column'
  | 'type-narrowing'
  | 'type-change'
  | 'not-null-without-default'
  | 'unique-on-duplicates'
  | 'foreign-key-orphans'
  | 'blocking-index-build'
  | 'rename-breaks-clients'
  | 'enum-label-removed'
  | 'table-rebuild'
  | 'raw-sql';

/**
 * A rule: its id, its static severity (the severity of a finding no data probe decided) and a one-line summary
 * (what `autogen lint --rules` or a docs table would show).
 */
export interface LintRule {
  readonly id: LintRuleId;
  readonly severity: LintSeverity;
  readonly summary: string;
}

/** Every rule, in the order docs/lint-rules.md presents them. */
export const LINT_RULES: ReadonlyArray<LintRule> = Object.freeze([
  { id: 'drop-table', severity: 'error', summary: 'dropping a table deletes all its rows' },
  { id: 'drop-column', severity: 'error', summary: 'dropping a column deletes its values in every row' },
  {
    id: 'type-narrowing',
    severity: 'error',
    summary: 'a column type change to a narrower type can truncate values or fail on values that do not fit',
  },
  {
    id: 'type-change',
    severity: 'warning',
    summary: 'a column type change between unrelated types fails on values that do not convert, and may rewrite the table',
  },
  {
    id: 'not-null-without-default',
    severity: 'warning',
    summary: 'making a column NOT NULL, or adding a NOT NULL column without a default, fails when rows hold or get NULL',
  },
  {
    id: 'unique-on-duplicates',
    severity: 'warning',
    summary: 'a new unique constraint, unique index or primary key fails when existing rows hold duplicate values',
  },
  { id: 'foreign-key-orphans', severity: 'warning', summary: 'a new foreign key fails when existing rows reference missing parent rows' },
  {
    id: 'blocking-index-build',
    severity: 'info',
    summary: 'building an index without CONCURRENTLY blocks writes to the table while it runs',
  },
  { id: 'rename-breaks-clients', severity: 'warning', summary: 'renaming a table or column breaks deployed code that still uses the old name' },
  { id: 'enum-label-removed', severity: 'error', summary: 'removing an enum label fails on rows that hold it and breaks code that writes it' },
  { id: 'table-rebuild', severity: 'info', summary: 'a table rebuild copies every row, which is slow and locks the table on large tables' },
  { id: 'raw-sql', severity: 'info', summary: 'hand-written SQL is not analysed' },
] satisfies ReadonlyArray<LintRule>);

/** The rule with this id. */
export function lintRule(id: LintRuleId): LintRule {
  const rule = LINT_RULES.find((r) => r.id === id);
  // Unreachable while LINT_RULES lists every id (a test checks that it does).
  if (!rule) throw new Error(`unknown lint rule: ${id}`);
  return rule;
}
