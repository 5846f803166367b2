import type { LintSeverity } from '@autogen/lint';
import { displayPath } from '../display-path';
import type { CheckResult } from '../check';
import { CHECK_REPORT_VERSION, checkExitCode, checkStatus, type CheckReport, type CheckReportError, type CheckMode } from './check-report';
import { driftDifferences } from './drift-differences';
import { locateDifferences } from './source-location';

/** The `--json` document of a finished check (paths relative to `cwd`); `failOn` as given with `--fail-on`. */
export function buildCheckReport(result: CheckResult, options: { readonly cwd: string; readonly failOn?: LintSeverity }): CheckReport {
  const path = (file: string): string => displayPath(file, options.cwd);
  const findings = {
    pending: result.pending.map((r) => ({ id: r.id, message: r.message, file: path(r.file) })),
    differences: locateDifferences(driftDifferences(result.drift.ops), result.sources).map((d) =>
      d.source ? { ...d, source: { ...d.source, file: path(d.source.file) } } : d,
    ),
    verification: result.verification.map((v) => ({ ...v, file: v.file ? path(v.file) : v.file })),
    lint: result.lint.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.revision !== undefined ? { revision: f.revision } : {}),
      ...(f.file !== undefined ? { file: path(f.file) } : {}),
      ...(f.table !== undefined ? { table: f.table } : {}),
      ...(f.column !== undefined ? { column: f.column } : {}),
      ...(f.constraint !== undefined ? { constraint: f.constraint } : {}),
    })),
    tampered: result.tampered.map((t) => ({ revision: t.revision, message: t.message })),
  };
  const status = checkStatus(findings, options.failOn);
  return {
    schemaVersion: CHECK_REPORT_VERSION,
    tool: 'autogen',
    command: 'check',
    status,
    exitCode: checkExitCode(status),
    mode: result.mode,
    dialect: result.dialect,
    revisions: { applied: [...result.currentIds], heads: [...result.heads] },
    ...findings,
  };
}

/** The `--json` document of a check that could not run. */
export function errorCheckReport(error: CheckReportError, mode: CheckMode): CheckReport {
  return {
    schemaVersion: CHECK_REPORT_VERSION,
    tool: 'autogen',
    command: 'check',
    status: 'error',
    exitCode: 2,
    mode,
    dialect: null,
    revisions: { applied: [], heads: [] },
    pending: [],
    differences: [],
    verification: [],
    lint: [],
    tampered: [],
    error,
  };
}
