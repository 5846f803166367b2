import { current, displayPath, heads, historyGraph, merge, stamp, type RevisionInfo } from '../api';
import { ExitCode } from '../errors';
import type { GlobalOptions, Io } from '../main';
import { migrateLockOptions } from './migrate-lock-options';
import { projectOptions } from './project-options';

/** `autogen current`: one line per applied head. */
export async function currentCommand(io: Io, globals: GlobalOptions): Promise<number> {
  const result = await current(projectOptions(globals));
  if (result.currentIds.length === 0) {
    io.out('<base> (no revision applied)\n');
  } else if (result.current) {
    const atHead = result.head?.id === result.current.id;
    io.out(`${result.current.id}${atHead ? ' (head)' : ''} ${result.current.message}\n`);
  } else {
    const headIds = new Set(result.heads.map((h) => h.id));
    for (const id of result.currentIds) io.out(`${id}${headIds.has(id) ? ' (head)' : ''}\n`);
  }
  return ExitCode.ok;
}

/** `parents -> id (head, branchpoint, mergepoint), message  [createdAt]`, as `history` prints a revision. */
function historyLine(r: RevisionInfo): string {
  const tags = [r.isHead ? 'head' : '', r.isBranchPoint ? 'branchpoint' : '', r.isMerge ? 'mergepoint' : ''].filter(Boolean);
  const parents = r.parents.length ? r.parents.join(', ') : '<base>';
  return `${parents} -> ${r.id}${tags.length ? ` (${tags.join(', ')})` : ''}, ${r.message}  [${r.createdAt}]`;
}

/** `autogen show <rev>`-style detail lines. */
function detailLines(r: RevisionInfo): string[] {
  return [
    `Revision: ${r.id}${r.isHead ? ' (head)' : ''}`,
    `Parent: ${r.parents.length ? r.parents.join(', ') : '<base>'}${r.isMerge ? ' (merge)' : ''}`,
    ...(r.children.length ? [`${r.isBranchPoint ? 'Branches into' : 'Child'}: ${r.children.join(', ')}`] : []),
    `Path: ${displayPath(r.file)}`,
    `Created: ${r.createdAt}`,
    '',
    `    ${r.message}`,
  ];
}

/** `autogen history [--verbose] [-r A:B]`: newest first. */
export async function historyCommand(io: Io, globals: GlobalOptions, options: { range?: string } = {}): Promise<number> {
  const result = await historyGraph({ ...projectOptions(globals), ...(options.range ? { range: options.range } : {}) });
  if (result.revisions.length === 0) io.out(options.range ? 'No revisions in this range.\n' : 'No revisions yet.\n');
  const revisions = [...result.revisions].reverse();
  for (const r of revisions) {
    if (globals.verbose) io.out(`${detailLines(r).join('\n')}\n\n`);
    else io.out(`${historyLine(r)}\n`);
  }
  return ExitCode.ok;
}

/** `autogen heads`: one line per head; `(applied)` for those the database has (when it exists). */
export async function headsCommand(io: Io, globals: GlobalOptions): Promise<number> {
  const result = await heads(projectOptions(globals));
  if (result.heads.length === 0) io.out('No revisions yet.\n');
  for (const h of result.heads) {
    const applied = result.applied?.includes(h.id) ? ' (applied)' : '';
    io.out(`${h.id} (head)${applied}, ${h.message}\n`);
  }
  if (result.heads.length > 1) {
    io.out(`${result.heads.length} heads: merge them with \`autogen merge -m "merge" ${result.heads.map((h) => h.id).join(' ')}\`\n`);
  }
  return ExitCode.ok;
}

/** `autogen branches`: the branch points and the revisions they branch into. */
export async function branchesCommand(io: Io, globals: GlobalOptions): Promise<number> {
  const result = await historyGraph(projectOptions(globals));
  const points = result.revisions.filter((r) => r.isBranchPoint);
  if (points.length === 0) io.out('No branches: the history is a single line.\n');
  for (const r of points) {
    io.out(`${historyLine(r)}\n`);
    for (const child of r.children) io.out(`    -> ${child}\n`);
  }
  return ExitCode.ok;
}

/** `autogen show <rev>`. */
export async function showCommand(io: Io, globals: GlobalOptions, target: string): Promise<number> {
  const result = await historyGraph(projectOptions(globals));
  const { RevisionGraphError } = require('@autogen/runner') as typeof import('@autogen/runner');
  const exact = result.revisions.find((r) => r.id === target);
  const matches = exact ? [exact] : result.revisions.filter((r) => r.id.startsWith(target));
  if (matches.length !== 1) {
    throw new RevisionGraphError(
      matches.length === 0 ? `no revision matches "${target}" (see \`autogen history\`)` : `"${target}" is ambiguous: ${matches.map((m) => m.id).join(', ')}`,
    );
  }
  io.out(`${detailLines(matches[0] as RevisionInfo).join('\n')}\n`);
  return ExitCode.ok;
}

/** `autogen merge -m "..." [revs]`: writes a merge revision with no operations. */
export async function mergeCommand(io: Io, globals: GlobalOptions, options: { message: string; revisions: ReadonlyArray<string>; revId?: string }): Promise<number> {
  const result = await merge({ ...projectOptions(globals), message: options.message, revisions: options.revisions, ...(options.revId ? { revisionId: options.revId } : {}) });
  io.out(`Wrote ${displayPath(result.file)} (merges ${result.parents.join(', ')})\n`);
  return ExitCode.ok;
}

/** `autogen stamp <target>`. */
export async function stampCommand(io: Io, globals: GlobalOptions, target: string, options: { lockTimeout?: string } = {}): Promise<number> {
  const result = await stamp({ ...projectOptions(globals), target, ...migrateLockOptions(io, options.lockTimeout) });
  io.out(
    result.from === result.to
      ? `Already stamped at ${result.to ?? '<base>'}.\n`
      : `Stamped ${result.from ?? '<base>'} -> ${result.to ?? '<base>'} (nothing was run).\n`,
  );
  return ExitCode.ok;
}
