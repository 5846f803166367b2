import { relative, resolve, sep } from 'node:path';
import type { CheckLintFinding, CheckReport } from './check-report';

/** The annotation levels of GitHub Actions workflow commands. */
type Level = 'error' | 'warning' | 'notice';

/** The properties of one annotation; `file` relative to the workspace. */
interface Properties {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly title: string;
}

/**
 * The report as GitHub Actions workflow commands (one per line, for stdout), which the runner turns into
 * annotations on the pull request's files
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions): an error per difference
 * (at its model line when known), per failed verification step and per lint error (at the revision file); a
 * warning per lint warning, pending revision and tampered revision; a notice per lint info; and, unless the
 * report is clean, a first error summing it up (GitHub shows only the first 10 errors of a step). Files are given relative to `cwd` (the workspace on a runner).
 */
export function githubAnnotations(report: CheckReport, cwd: string): string[] {
  const file = (path: string | undefined): string | undefined => (path === undefined ? undefined : workspacePath(path, cwd));
  // The summary comes first: GitHub shows only the first 10 error annotations of a step.
  const lines: string[] = report.status === 'clean' ? [] : [command('error', { title: 'autogen check' }, summary(report))];
  for (const d of report.differences) {
    lines.push(command('error', { file: file(d.source?.file), line: d.source?.line, title: `autogen: ${d.kind}` }, d.description));
  }
  for (const v of report.verification) {
    if (v.ok) continue;
    const at = v.operation ? ` at "${v.operation}"` : '';
    lines.push(command('error', { file: file(v.file), title: `autogen: ${v.step} failed` }, `revision ${v.revision}: ${v.step} failed${at}${v.error ? `: ${v.error}` : ''}`));
  }
  for (const l of report.lint) {
    lines.push(command(lintLevel(l), { file: file(l.file), title: `autogen: ${l.rule}` }, `${l.revision ? `revision ${l.revision}: ` : ''}${l.message}`));
  }
  for (const p of report.pending) {
    lines.push(command('warning', { file: file(p.file), title: 'autogen: pending revision' }, `revision ${p.id} (${p.message}) is not applied to the database`));
  }
  for (const t of report.tampered) {
    lines.push(command('warning', { title: 'autogen: tampered revision' }, t.message));
  }
  return lines;
}

function lintLevel(finding: CheckLintFinding): Level {
  return finding.severity === 'info' ? 'notice' : finding.severity;
}

/** One workflow command: `::error file=a.ts,line=3,title=x::message`. */
function command(level: Level, properties: Properties, message: string): string {
  const pairs = [
    ...(properties.file !== undefined ? [`file=${escapeProperty(properties.file)}`] : []),
    ...(properties.file !== undefined && properties.line !== undefined ? [`line=${properties.line}`] : []),
    `title=${escapeProperty(properties.title)}`,
  ];
  return `::${level} ${pairs.join(',')}::${escapeData(message)}`;
}

/**
 * Escapes a command's message as the runner unescapes it (`%`, CR, LF), so a multi-line message or a literal
 * `%0A` arrives as written.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as {@link escapeData}, and `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `path` (absolute, or relative to `cwd`) relative to `cwd`, with `/` separators as GitHub expects. */
function workspacePath(path: string, cwd: string): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join('/');
}

function summary(report: CheckReport): string {
  if (report.status === 'error' || report.error) {
    const error = report.error;
    return `autogen check could not run: ${error?.message ?? 'unknown error'}${error?.hint ? ` (${error.hint})` : ''}`;
  }
  const against = report.mode === 'offline' ? 'the schema the revisions build' : 'the database';
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const failedSteps = report.verification.filter((v) => !v.ok).length;
  const lintErrors = report.lint.filter((l) => l.severity === 'error').length;
  const parts = [
    ...(report.differences.length ? [`${count(report.differences.length, 'difference', 'differences')} between ${against} and the models`] : []),
    ...(report.pending.length ? [`${count(report.pending.length, 'revision', 'revisions')} not applied`] : []),
    ...(failedSteps ? [`${count(failedSteps, 'verification step', 'verification steps')} failed`] : []),
    ...(lintErrors ? [count(lintErrors, 'lint error', 'lint errors')] : []),
  ];
  const hints = [
    ...(report.differences.length ? ['write a revision with `autogen --message "..."`'] : []),
    ...(report.pending.length ? ['apply revisions with `autogen upgrade head`'] : []),
  ];
  return `${report.status}: ${parts.join(', ') || 'see the report'}${hints.length ? ` (${hints.join('; ')})` : ''}`;
}
