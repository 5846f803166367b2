/**
 * How bad a finding is: `error` = the change can lose data or fail on the data that is there; `warning` = it can
 * fail or break running code depending on data or deployment; `info` = worth knowing (slow, locking, unanalysed).
 */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Severities from the mildest to the worst; the position is the rank {@link severityAtLeast} compares. */
export const LINT_SEVERITIES: ReadonlyArray<LintSeverity> = Object.freeze(['info', 'warning', 'error']);

/**
 * True when `severity` is `threshold` or worse (`error` ≥ `warning` ≥ `info`): what `autogen check --fail-on
 * <threshold>` fails on.
 */
export function severityAtLeast(severity: LintSeverity, threshold: LintSeverity): boolean {
  return LINT_SEVERITIES.indexOf(severity) >= LINT_SEVERITIES.indexOf(threshold);
}

/** Narrows a string (a CLI flag, a config value) to a {@link LintSeverity}. */
export function isLintSeverity(value: string): value is LintSeverity {
  return (LINT_SEVERITIES as ReadonlyArray<string>).includes(value);
}
