import { isDestructive } from '@autogen/ops';
import { displayPath, revision, type RevisionOptions } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { changeLines, formatTableDiffs, opLines, painter, severityTag } from '../output';
import type { RenameHint } from '../rename-hints';
import { projectOptions } from './project-options';

/** Command-line options of `autogen -m` / `autogen revision` (the project options come from the globals). */
export type RevisionCommandOptions = Omit<RevisionOptions, keyof import('../project').ProjectOptions | 'confirmRenames'> & {
  /** `--no-interactive`: never ask, even on a terminal. */
  readonly interactive?: boolean;
};

/**
 * `autogen -m` / `autogen revision`: writes a revision and prints its path, one line per op, the safety lint
 * findings and rename hints. On a terminal (and only there) it asks about each possible rename first.
 */
export async function revisionCommand(io: Io, globals: GlobalOptions, options: RevisionCommandOptions): Promise<number> {
  const paint = painter(io.color);
  const { interactive, ...rest } = options;
  const ask = interactive === false ? undefined : io.ask;
  const result = await revision({
    ...projectOptions(globals),
    ...rest,
    ...(ask ? { confirmRenames: (hints: ReadonlyArray<RenameHint>) => confirmRenames(io, ask, hints) } : {}),
    ...(globals.verbose ? { onLog: (line: string) => io.err(paint.dim(`${line}\n`)) } : {}),
  });
  if (result.drift) {
    io.err(`The database does not match the models, so it cannot be baselined; nothing was written or recorded.\n`);
    io.err(`Differences (database -> models):\n`);
    for (const line of changeLines(result.drift.ops)) io.err(`  - ${line}\n`);
    for (const line of formatTableDiffs(result.drift.tables, io.color)) io.err(`${line}\n`);
    io.err('  hint: bring the models in line with the database (or migrate the database by hand), then run the baseline again\n');
    return ExitCode.drift;
  }
  if (!result.file) {
    io.out('No changes detected; nothing written.\n');
    return ExitCode.ok;
  }
  io.out(`Wrote ${displayPath(result.file)}\n`);
  for (const op of result.upgrade) {
    const [first, ...more] = opLines(op);
    io.out(`  ${isDestructive(op) ? paint.yellow('!') : '+'} ${first}\n`);
    for (const line of more) io.out(`  ${line}\n`);
  }
  if (options.autogenerate === false && !options.baseline) io.out('  (empty revision: add op.* calls to upgrade() and downgrade())\n');
  if (result.stamped) io.out(`Recorded ${result.revision} as applied (baseline); nothing was run.\n`);
  for (const spec of result.acceptedRenames ?? []) io.out(`  accepted rename ${spec} (add it to "renames" in the config or pass --rename ${spec} to repeat it)\n`);
  const hints = result.renameHints ?? [];
  if (hints.length) {
    io.out(paint.yellow(`Possible renames, written as drop + add (${hints.length}):\n`));
    for (const hint of hints) io.out(`  rename? ${hint.message}\n`);
    io.out('  hint: delete the revision file and run the same command again with the --rename flag to keep the data\n');
  }
  const findings = result.lint ?? [];
  if (findings.length) {
    io.out(`Lint (${findings.length} finding(s); written as comments in the revision):\n`);
    for (const f of findings) {
      io.out(`  ${severityTag(paint, f.severity)} ${f.rule}: ${f.message}\n`);
    }
  }
  return ExitCode.ok;
}

/** Asks about each hint on the terminal; `y` accepts it. Several hints for one old name: the first `y` wins. */
async function confirmRenames(io: Io, ask: (question: string) => Promise<string>, hints: ReadonlyArray<RenameHint>): Promise<string[]> {
  const accepted: string[] = [];
  const taken = new Set<string>();
  for (const hint of hints) {
    const c = hint.candidate;
    const from = c.kind === 'table' ? `table ${c.from}` : `${c.table}.${c.from}`;
    if (taken.has(from) || taken.has(`to:${c.kind === 'table' ? c.to : `${c.table}.${c.to}`}`)) continue;
    const question = c.kind === 'table' ? `Was table ${c.from} renamed to ${c.to}? [y/N] ` : `Was column ${c.table}.${c.from} renamed to ${c.to}? [y/N] `;
    const answer = (await ask(question)).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') {
      accepted.push(hint.spec);
      taken.add(from);
      taken.add(`to:${c.kind === 'table' ? c.to : `${c.table}.${c.to}`}`);
    }
  }
  if (accepted.length === 0) io.err('No rename accepted: the revision drops and adds.\n');
  return accepted;
}
