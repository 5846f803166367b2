import type { Op } from '@autogen/ops';
import { applyNamingConvention, type Schema } from '@autogen/schema';
import { UserError } from './errors';
import type { Project } from './project';
import { renameHints, type RenameHint } from './rename-hints';
import { tableDiffs, type TableDiff } from './table-diff';

/** Differences between the database and the models. */
export interface DriftReport {
  readonly ops: ReadonlyArray<Op>;
  readonly tables: ReadonlyArray<TableDiff>;
  /** Possible renames among the drops and adds (not accepted). */
  readonly renameHints: ReadonlyArray<RenameHint>;
}

/** What {@link diff} needs from the command's options. */
export interface DiffOptions {
  /** Extra accepted renames besides the config's. */
  readonly renames?: ReadonlyArray<string>;
  readonly concurrentIndexes?: boolean;
  readonly onLog?: (line: string) => void;
}

/**
 * Command-line renames must apply to this comparison, since a typo would otherwise silently become a drop and an
 * add; config entries may be stale (they outlive the revision that used them) and are only logged.
 */
export function assertRenamesApply(current: Schema, target: Schema, specs: ReadonlyArray<string>): void {
  if (specs.length === 0) return;
  const { parseRenames, resolveRenames } = require('@autogen/compare') as typeof import('@autogen/compare');
  const ignored: string[] = [];
  let map;
  try {
    map = parseRenames(specs);
  } catch (error) {
    throw new UserError((error as Error).message, 'a rename is written table.old=new for a column, or old=new for a table');
  }
  resolveRenames(current, target, map, (line) => ignored.push(line.replace(/^Ignored /, '')));
  if (ignored.length) {
    throw new UserError(
      `--rename does not match the database and the models: ${ignored.join('; ')}; nothing was written`,
      'name the old table or column as the database has it and the new one as the models have it (see `autogen check` for the differences)',
    );
  }
}

export function diff(project: Project, current: Schema, target: Schema, options: DiffOptions): DriftReport {
  const { compare, findRenameCandidates, parseRenames } = require('@autogen/compare') as typeof import('@autogen/compare');
  let renames;
  try {
    renames = parseRenames([...project.config.renames, ...(options.renames ?? [])]);
  } catch (error) {
    throw new UserError((error as Error).message, 'a rename is written table.old=new for a column, or old=new for a table');
  }
  // Show the target as the revision would create it: with the naming convention's names. The dialect refuses
  // names it cannot keep (PostgreSQL truncates past 63 bytes) before anything is compared or written.
  const convention = project.config.namingConvention;
  const named: Schema = convention ? { ...target, tables: target.tables.map((t) => applyNamingConvention(t, convention)) } : target;
  project.dialect.validateTarget?.(named);
  const result = compare(current, target, {
    capabilities: project.dialect.capabilities,
    renames,
    // CONCURRENTLY only where the dialect has it: elsewhere the revision would be marked non-transactional for nothing.
    ...((project.config.concurrentIndexes || options.concurrentIndexes) && project.dialect.capabilities.concurrentIndexes ? { concurrentIndexes: true } : {}),
    ...(project.config.namingConvention ? { namingConvention: project.config.namingConvention } : {}),
  });
  for (const line of result.log) options.onLog?.(line);
  const dropsSomething = result.ops.some((op) => op.kind === 'dropTable' || op.kind === 'dropColumn' || op.kind === 'rebuildTable');
  const hints = dropsSomething ? renameHints(findRenameCandidates(current, target, renames), result.ops) : [];
  return { ops: result.ops, tables: tableDiffs(current, named, result.ops), renameHints: hints };
}

/** Refuses models that yield no tables when the database has some: the never-imported-models trap. */
export function guardEmptyTarget(current: Schema, target: Schema, files: ReadonlyArray<string>, allowEmpty: boolean | undefined): void {
  if (target.tables.length > 0 || current.tables.length === 0 || allowEmpty) return;
  const names = current.tables.map((t) => t.name);
  throw new UserError(
    `the models yielded no tables, but the database has ${names.length} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); refusing to write a revision that drops every table.\n` +
      `Files loaded: ${files.length ? files.join(', ') : '(none)'}`,
    'the likely cause is that these modules do not export the tables (or import the files that define them); fix "models" in the config, or pass --allow-empty if you really mean to drop every table',
  );
}
