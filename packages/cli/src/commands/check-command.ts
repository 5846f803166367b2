import { check } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { changeLines, formatTableDiffs, painter } from '../output';
import { projectOptions } from './project-options';

/** `autogen check`: exit 0 clean, 1 drift or pending revisions (each listed), 2 on error. */
export async function checkCommand(io: Io, globals: GlobalOptions, options: { strict?: boolean } = {}): Promise<number> {
  const paint = painter(io.color);
  const result = await check(projectOptions(globals));
  for (const finding of result.tampered) io.err(`${paint.yellow('warning:')} ${finding.message}\n`);
  if (result.tampered.length && options.strict) {
    io.err('  --strict: an applied revision file changed or disappeared; restore it as it was applied\n');
    return ExitCode.drift;
  }
  if (result.clean) {
    io.out(`OK: the database is at head (${result.headId ?? '<base>'}) and matches the models.\n`);
    return ExitCode.ok;
  }
  if (result.pending.length) {
    io.out(paint.yellow(`Pending: the database is at ${result.currentId ?? '<base>'}; ${result.pending.length} revision(s) not applied:\n`));
    for (const r of result.pending) io.out(`  ${r.id} ${r.message}\n`);
    io.out('  hint: run `autogen upgrade head`\n');
  }
  if (result.drift.ops.length) {
    const lines = changeLines(result.drift.ops);
    io.out(paint.yellow(`Drift: the database differs from the models (${lines.length} difference(s), database -> models):\n`));
    for (const line of lines) io.out(`  - ${line}\n`);
    for (const line of formatTableDiffs(result.drift.tables, io.color)) io.out(`${line}\n`);
    if (!result.pending.length) io.out('  hint: run `autogen --message "..."` to write a revision for these changes\n');
  }
  return ExitCode.drift;
}
