import { currentHeads, type Revision } from '@autogen/runner';
import { displayPath } from '../display-path';
import { ExitCode, UserError } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { painter, severityTag } from '../output';
import { errorSummary, reportError } from '../report-error';
import { Project } from '../project';
import { failsOn, lintRevisions, type LiveDatabase } from '../revision-lint';
import { projectOptions } from './project-options';


/**
 * `autogen lint [revision]`: the safety findings of a revision's upgrade (default: the revisions the database has
 * not applied; without a database, the head). With a database at the revision's parent, the data probes decide
 * the data-dependent findings. Exit 1 when a finding is at `--fail-on` (default error) or worse.
 */
export async function lintCommand(io: Io, globals: GlobalOptions, target: string | undefined, options: { failOn?: string; json?: boolean }): Promise<number> {
  if (!options.json) return lint(io, globals, target, options);
  try {
    return await lint(io, globals, target, options);
  } catch (error) {
    // With --json the error is a document too (and the usual message on stderr), so a script reading stdout
    // always has JSON to parse.
    io.out(`${JSON.stringify({ error: errorSummary(error) }, null, 2)}\n`);
    reportError(io, error, Boolean(globals.verbose));
    return ExitCode.error;
  }
}

async function lint(io: Io, globals: GlobalOptions, target: string | undefined, options: { failOn?: string; json?: boolean }): Promise<number> {
  const { LINT_SEVERITIES, isLintSeverity } = require('@autogen/lint') as typeof import('@autogen/lint');
  const failOn = options.failOn ?? 'error';
  if (!isLintSeverity(failOn)) throw new UserError(`unknown --fail-on "${failOn}"`, `use one of: ${LINT_SEVERITIES.join(', ')}`);
  const project = await Project.open(projectOptions(globals));
  const graph = await project.revisions();
  const connection = project.config.url ? await project.connectIfExists() : undefined;
  try {
    let live: LiveDatabase | undefined;
    let revisions: ReadonlyArray<Revision>;
    if (connection) {
      const appliedHeads = await currentHeads(connection, project.dialect);
      live = { connection, appliedHeads, current: await project.current(connection) };
    }
    if (target !== undefined) revisions = [graph.get(target)];
    else if (live) {
      const applied = graph.ancestors(live.appliedHeads);
      revisions = graph.chain.filter((r) => !applied.has(r.id));
    } else revisions = graph.heads;
    const findings = await lintRevisions(project.dialect, revisions, live);
    const failed = failsOn(findings, failOn);
    if (options.json) {
      const shown = findings.map((f) => ({ ...f, ...(f.file ? { file: displayPath(f.file) } : {}) }));
      io.out(`${JSON.stringify({ revisions: revisions.map((r) => r.id), failOn, findings: shown }, null, 2)}\n`);
      return failed ? ExitCode.drift : ExitCode.ok;
    }
    const paint = painter(io.color);
    if (revisions.length === 0) io.out('Nothing to lint: the database has applied every revision (name one: `autogen lint <revision>`).\n');
    for (const revision of revisions) {
      const own = findings.filter((f) => f.revision === revision.id);
      io.out(`${revision.id} ${revision.message} (${displayPath(revision.file)}): ${own.length ? `${own.length} finding(s)` : 'no findings'}\n`);
      for (const f of own) {
        io.out(`  ${severityTag(paint, f.severity)} ${f.rule}: ${f.message}${f.checked ? ' (checked against the data)' : ''}\n`);
      }
    }
    if (failed) io.out(`Failing: findings at ${failOn} or worse (--fail-on ${failOn}).\n`);
    return failed ? ExitCode.drift : ExitCode.ok;
  } finally {
    await connection?.close();
  }
}
