import type { LintSeverity } from '@autogen/lint';
import { check, type CheckResult } from '../check';
import { ExitCode, UserError } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { changeLines, formatTableDiffs, painter, severityTag } from '../output';
import { errorSummary, reportError } from '../report-error';
import { buildCheckReport, errorCheckReport } from '../report/build-check-report';
import { checkExitCode } from '../report/check-report';
import { githubAnnotations } from '../report/github-annotations';
import { projectOptions } from './project-options';

/** Options of `autogen check`. */
export interface CheckCommandOptions {
  readonly strict?: boolean;
  readonly offline?: boolean;
  /** `human` (default), `json` (the versioned document of docs/json-output.md) or `github` (workflow annotations). */
  readonly format?: string;
  readonly json?: boolean;
  readonly failOn?: string;
  readonly since?: string;
}

const FORMATS = ['human', 'json', 'github'] as const;
const FAIL_ON = ['warning', 'error'] as const;

/** `autogen check`: exit 0 clean, 1 drift, pending revisions, failed verification or lint at `--fail-on`; 2 on error. */
export async function checkCommand(io: Io, globals: GlobalOptions, options: CheckCommandOptions = {}): Promise<number> {
  const format = options.json ? 'json' : (options.format ?? 'human');
  if (!(FORMATS as ReadonlyArray<string>).includes(format)) {
    throw new UserError(`unknown --format "${format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  if (options.failOn !== undefined && !(FAIL_ON as ReadonlyArray<string>).includes(options.failOn)) {
    throw new UserError(`unknown --fail-on "${options.failOn}"`, `use one of: ${FAIL_ON.join(', ')}`);
  }
  const failOn = options.failOn as LintSeverity | undefined;
  const mode = options.offline ? 'offline' : 'live';
  let result: CheckResult;
  try {
    result = await check({ ...projectOptions(globals), ...(options.offline ? { offline: true } : {}), ...(options.since ? { since: options.since } : {}) });
  } catch (error) {
    if (format === 'human') throw error;
    // The machine formats still say it (status "error"), so a CI step reading stdout always has something to show.
    const report = errorCheckReport(errorSummary(error), mode);
    if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
    else for (const line of githubAnnotations(report, annotationRoot())) io.out(`${line}\n`);
    reportError(io, error, Boolean(globals.verbose));
    return ExitCode.error;
  }
  const report = buildCheckReport(result, { cwd: format === 'github' ? annotationRoot() : process.cwd(), ...(failOn ? { failOn } : {}) });
  // --strict (live): a changed applied revision fails the check like drift does.
  const strictTamper = Boolean(options.strict) && result.tampered.length > 0;
  const exitCode = strictTamper && report.exitCode === ExitCode.ok ? ExitCode.drift : checkExitCode(report.status);
  if (format === 'json') {
    io.out(`${JSON.stringify(strictTamper && report.status === 'clean' ? { ...report, status: 'failed', exitCode } : report, null, 2)}\n`);
    return exitCode;
  }
  if (format === 'github') {
    for (const line of githubAnnotations(report, annotationRoot())) io.out(`${line}\n`);
    return exitCode;
  }
  printHuman(io, result, report.status, options, failOn);
  return exitCode;
}

/**
 * Annotation paths must be relative to the repository root, which on a GitHub runner is `GITHUB_WORKSPACE`
 * (https://docs.github.com/en/actions/reference/variables-reference), whatever `working-directory` the step uses.
 */
function annotationRoot(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

function printHuman(io: Io, result: CheckResult, status: string, options: CheckCommandOptions, failOn: LintSeverity | undefined): void {
  const paint = painter(io.color);
  for (const finding of result.tampered) io.err(`${paint.yellow('warning:')} ${finding.message}\n`);
  if (result.tampered.length && options.strict) io.err('  --strict: an applied revision file changed or disappeared; restore it as it was applied\n');
  if (result.mode === 'offline') {
    const replayed = new Set(result.verification.filter((v) => v.step === 'upgrade').map((v) => v.revision));
    const database = result.dialect === 'sqlite' ? 'an in-memory SQLite database' : 'an embedded PostgreSQL (PGlite)';
    const failures = result.verification.filter((v) => !v.ok);
    io.out(`Replayed ${replayed.size} revision(s) into ${database}: upgrade, downgrade, upgrade again${failures.length ? '' : ', all clean'}.\n`);
    for (const v of failures) {
      io.out(`${paint.red('FAILED')} ${v.step}${v.revision ? ` of ${v.revision}` : ''}${v.file ? ` (${v.file})` : ''}\n`);
      if (v.operation) io.out(`  operation: ${v.operation}\n`);
      if (v.error) io.out(`  error: ${v.error}\n`);
    }
  }
  if (result.pending.length) {
    io.out(paint.yellow(`Pending: the database is at ${result.currentId ?? '<base>'}; ${result.pending.length} revision(s) not applied:\n`));
    for (const r of result.pending) io.out(`  ${r.id} ${r.message}\n`);
    io.out('  hint: run `autogen upgrade head`\n');
  }
  if (result.drift.ops.length) {
    const lines = changeLines(result.drift.ops);
    const where = result.mode === 'offline' ? 'the revisions' : 'the database';
    io.out(paint.yellow(`Drift: ${where} differ${result.mode === 'offline' ? '' : 's'} from the models (${lines.length} difference(s), ${where === 'the database' ? 'database' : 'revisions'} -> models):\n`));
    for (const line of lines) io.out(`  - ${line}\n`);
    for (const line of formatTableDiffs(result.drift.tables, io.color)) io.out(`${line}\n`);
    for (const hint of result.drift.renameHints) io.out(`  rename? ${hint.message}\n`);
    if (!result.pending.length) io.out('  hint: run `autogen --message "..."` to write a revision for these changes\n');
  }
  if (result.lint.length) {
    io.out(`Lint (${result.lint.length} finding(s)${failOn ? `, failing on ${failOn} or worse` : ''}):\n`);
    for (const f of result.lint) {
      io.out(`  ${severityTag(paint, f.severity)} ${f.rule}${f.revision ? ` [${f.revision}]` : ''}: ${f.message}\n`);
    }
  }
  if (status === 'clean') {
    const at = result.mode === 'offline' ? `the revisions (head ${result.headId ?? '<base>'}) replay cleanly and match the models` : `the database is at head (${result.headId ?? '<base>'}) and matches the models`;
    io.out(`OK: ${at}.\n`);
  }
}
