import { current, history, stamp } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { projectOptions } from './project-options';

/** `autogen current`. */
export async function currentCommand(io: Io, globals: GlobalOptions): Promise<number> {
  const result = await current(projectOptions(globals));
  if (!result.currentId) {
    io.out('<base> (no revision applied)\n');
  } else {
    const atHead = result.head?.id === result.currentId;
    io.out(`${result.currentId}${atHead ? ' (head)' : ''} ${result.current?.message ?? ''}\n`);
  }
  return ExitCode.ok;
}

/** `autogen history`: newest first, `parent -> id (head), message`. */
export async function historyCommand(io: Io, globals: GlobalOptions): Promise<number> {
  const chain = await history(projectOptions(globals));
  if (chain.length === 0) io.out('No revisions yet.\n');
  for (let i = chain.length - 1; i >= 0; i--) {
    const r = chain[i];
    if (!r) continue;
    io.out(`${r.parent ?? '<base>'} -> ${r.id}${i === chain.length - 1 ? ' (head)' : ''}, ${r.message}  [${r.createdAt}]\n`);
  }
  return ExitCode.ok;
}

/** `autogen stamp <target>`. */
export async function stampCommand(io: Io, globals: GlobalOptions, target: string): Promise<number> {
  const result = await stamp({ ...projectOptions(globals), target });
  io.out(
    result.from === result.to
      ? `Already stamped at ${result.to ?? '<base>'}.\n`
      : `Stamped ${result.from ?? '<base>'} -> ${result.to ?? '<base>'} (nothing was run).\n`,
  );
  return ExitCode.ok;
}
