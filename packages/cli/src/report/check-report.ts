import { severityAtLeast, type LintSeverity } from '@autogen/lint';
import { assertNever, type OpKind } from '@autogen/ops';
import type { DialectName } from '@autogen/schema';

/**
 * The version of the {@link CheckReport} document. Within a version fields (and enum values) are only added; a
 * removal, a rename or a change of meaning bumps it. docs/json-output.md states the promise and
 * docs/schemas/check-report.v1.json is the JSON Schema of version 1.
 */
export const CHECK_REPORT_VERSION = 1;

/**
 * What `autogen check` concluded: `clean` (at head and matching the models), `drift` (differences or pending
 * revisions), `failed` (a revision failed verification or lint found an error), `error` (the check could not run).
 */
export type CheckStatus = 'clean' | 'drift' | 'failed' | 'error';

/** The process exit code: 0 clean, 1 drift or failed, 2 error (see {@link checkExitCode}). */
export type CheckExitCode = 0 | 1 | 2;

/** `live`: against the configured database. `offline`: against the schema the revisions build, no database. */
export type CheckMode = 'live' | 'offline';

/**
 * What a {@link Difference} is: an op kind, except that a table rebuild is reported as the changes it stands for
 * and a foreign key dropped and re-created with other actions is one `alterForeignKey`.
 */
export type DifferenceKind = Exclude<OpKind, 'rebuildTable'> | 'alterForeignKey';

/** Every {@link DifferenceKind}, in op-union order; the JSON Schema's `kind` enum is this list. */
export const DIFFERENCE_KINDS = [
  'createTable',
  'dropTable',
  'renameTable',
  'addColumn',
  'dropColumn',
  'alterColumn',
  'renameColumn',
  'createIndex',
  'dropIndex',
  'createForeignKey',
  'dropForeignKey',
  'alterForeignKey',
  'createUnique',
  'dropUnique',
  'createCheck',
  'dropCheck',
  'createPrimaryKey',
  'dropPrimaryKey',
  'createEnum',
  'dropEnum',
  'alterEnum',
  'setTableComment',
  'execute',
] as const satisfies ReadonlyArray<DifferenceKind>;

// A new op kind must be added to DIFFERENCE_KINDS (and so to the JSON Schema): this fails to compile otherwise.
type MissingKind = Exclude<DifferenceKind, (typeof DIFFERENCE_KINDS)[number]>;
const allKindsListed: [MissingKind] extends [never] ? true : MissingKind = true;
void allKindsListed;

/** A place in a model file (1-based line). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/**
 * One difference between the database ("before") and the models ("after"). `before`/`after` are the readable
 * text of the object on each side (a column definition without its name such as `integer NOT NULL DEFAULT 0`, an
 * index/unique/foreign key/check definition, a one-line table summary, an enum's labels, a name for renames, a
 * comment), `null` when the object is absent on that side. `description` is the line `autogen check` prints.
 */
export interface Difference {
  readonly kind: DifferenceKind;
  /**
   * The table's key (`name`, or `schema.name` outside the default schema) as the models name it (for a rename, the
   * new name; for a drop, the database's). `null` for enum and `execute` kinds, which belong to no table.
   */
  readonly table: string | null;
  /**
   * The column, for column kinds (for `renameColumn`, the new name), and for an index or constraint on exactly one
   * column, so that annotations can point at that column's line.
   */
  readonly column?: string;
  /** The constraint or index name, when it has one. */
  readonly constraint?: string;
  /** The enum type's key, for enum kinds. */
  readonly enum?: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly description: string;
  /** Where the models define the table or column, when known. */
  readonly source?: SourceLocation;
}

/** A revision not applied to the database yet. */
export interface PendingRevision {
  readonly id: string;
  readonly message: string;
  readonly file: string;
}

/** Which part of a revision's verification a {@link VerificationResult} is about. */
export type VerificationStepName = 'upgrade' | 'downgrade' | 'reupgrade' | 'single-head' | 'checksum';

/** The outcome of one verification step of a revision (run against a scratch database). */
export interface VerificationResult {
  readonly revision: string;
  readonly file: string;
  readonly step: VerificationStepName;
  readonly ok: boolean;
  /** The op that failed (its description), when the failure is one op's. */
  readonly operation?: string;
  /** Why the step failed. */
  readonly error?: string;
}

/** How serious a {@link CheckLintFinding} is (the lint's own severities); `--fail-on` decides which fail the check. */
export type { LintSeverity };

/** One lint finding about a revision or the models. */
export interface CheckLintFinding {
  readonly rule: string;
  readonly severity: LintSeverity;
  readonly message: string;
  readonly revision?: string;
  readonly file?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
}

/** An applied revision whose file changed or disappeared since it was applied. */
export interface TamperedRevision {
  readonly revision: string;
  readonly message: string;
}

/** Why the check could not run (status `error`). */
export interface CheckReportError {
  readonly message: string;
  readonly hint?: string;
}

/** The applied and the newest revisions. */
export interface CheckRevisions {
  /** The database's heads (rows of the version table); empty offline or before any upgrade. */
  readonly applied: ReadonlyArray<string>;
  /** The history's heads. */
  readonly heads: ReadonlyArray<string>;
}

/**
 * The document `autogen check --json` prints: one JSON object on stdout. File paths are relative to the working
 * directory (absolute when outside it). Every list is present, empty when there is nothing to report.
 */
export interface CheckReport {
  readonly schemaVersion: typeof CHECK_REPORT_VERSION;
  readonly tool: 'autogen';
  readonly command: 'check';
  readonly status: CheckStatus;
  readonly exitCode: CheckExitCode;
  readonly mode: CheckMode;
  /** `null` only when the check failed before the configuration named a dialect (status `error`). */
  readonly dialect: DialectName | null;
  readonly revisions: CheckRevisions;
  readonly pending: ReadonlyArray<PendingRevision>;
  readonly differences: ReadonlyArray<Difference>;
  readonly verification: ReadonlyArray<VerificationResult>;
  readonly lint: ReadonlyArray<CheckLintFinding>;
  readonly tampered: ReadonlyArray<TamperedRevision>;
  /** Present exactly when status is `error`. */
  readonly error?: CheckReportError;
}

/**
 * The status the findings add up to: `error` when there is an error, else `failed` when a verification step
 * failed or a lint finding is at `failOn` or above (`--fail-on`; without it lint never fails the check) — a
 * revision that does not work matters more than drift — else `drift` when something differs or is pending, else
 * `clean`. Tampered revisions are warnings.
 */
export function checkStatus(
  findings: Pick<CheckReport, 'pending' | 'differences' | 'verification' | 'lint' | 'error'>,
  failOn?: LintSeverity,
): CheckStatus {
  if (findings.error) return 'error';
  const lintFails = failOn !== undefined && findings.lint.some((l) => severityAtLeast(l.severity, failOn));
  if (findings.verification.some((v) => !v.ok) || lintFails) return 'failed';
  if (findings.differences.length > 0 || findings.pending.length > 0) return 'drift';
  return 'clean';
}

/** The exit code of a status: 0 clean, 1 drift or failed, 2 error. */
export function checkExitCode(status: CheckStatus): CheckExitCode {
  switch (status) {
    case 'clean':
      return 0;
    case 'drift':
    case 'failed':
      return 1;
    case 'error':
      return 2;
    default:
      return assertNever(status, 'check status');
  }
}
