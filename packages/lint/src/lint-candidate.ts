import type { DataProbe, ProbeCounts, ProbeLimits } from './data-probe';
import type { LintFinding } from './lint-finding';
import type { LintSeverity } from './lint-severity';

/** What a data probe turns a finding into: a new severity and message, or `undefined` when the data is clean. */
export type ProbeVerdict = { readonly severity: LintSeverity; readonly message: string } | undefined;

/**
 * A static finding plus, when the live data can decide it, the probe to run and how to read its answer.
 * {@link lintOps} returns the findings; `lintOpsWithData` runs the probes.
 */
export interface LintCandidate {
  readonly finding: LintFinding;
  readonly probe?: {
    readonly query: DataProbe;
    readonly verdict: (counts: ProbeCounts, limits: ProbeLimits) => ProbeVerdict;
  };
}
