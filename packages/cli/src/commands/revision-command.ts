import { isDestructive } from '@autogen/ops';
import { displayPath, revision, type RevisionOptions } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { changeLines, formatTableDiffs, opLines, painter } from '../output';
import { projectOptions } from './project-options';

/** `autogen -m` / `autogen revision`: writes a revision and prints its path and one line per op. */
export async function revisionCommand(io: Io, globals: GlobalOptions, options: Omit<RevisionOptions, keyof import('../project').ProjectOptions>): Promise<number> {
  const paint = painter(io.color);
  const result = await revision({
    ...projectOptions(globals),
    ...options,
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
    const [first, ...rest] = opLines(op);
    io.out(`  ${isDestructive(op) ? paint.yellow('!') : '+'} ${first}\n`);
    for (const line of rest) io.out(`  ${line}\n`);
  }
  if (options.autogenerate === false && !options.baseline) io.out('  (empty revision: add op.* calls to upgrade() and downgrade())\n');
  if (result.stamped) io.out(`Recorded ${result.revision} as applied (baseline); nothing was run.\n`);
  return ExitCode.ok;
}
