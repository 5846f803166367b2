import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRevisionFile } from './revision-renderer';
import type { LockOptions, ProgressListener } from '@autogen/dialect';
import { describeOp, reverseAll, type Op } from '@autogen/ops';
import { applyNamingConvention, type Schema } from '@autogen/schema';
import {
  currentHeads,
  describeTampering,
  findTampering,
  migrate,
  parentsOf,
  offlineScript,
  stamp as stampVersion,
  type MigrationStep,
  type Revision,
  type RevisionGraph,
  type StepResult,
  type TamperFinding,
} from '@autogen/runner';
import { UserError } from './errors';
import { explainDatabaseFailure } from './database-failure';
import { Project, type ProjectOptions } from './project';
import type { RenameHint } from './rename-hints';
import { assertRenamesApply, diff, guardEmptyTarget, type DriftReport } from './drift';
import { findingNote, lintOpsFor } from './revision-lint';
import type { LintFinding } from '@autogen/lint';

/** Options of {@link revision}. */
export interface RevisionOptions extends ProjectOptions {
  /** The revision message (`-m`). */
  readonly message: string;
  /** Compare models and database and fill the revision with the differences (default true). */
  readonly autogenerate?: boolean;
  /**
   * Adopt migrations on an existing database: the revision creates the whole schema from nothing, and is recorded
   * as applied without running — only if the live database already matches the models.
   */
  readonly baseline?: boolean;
  /** Accept models that yield no tables even though the database has tables (drops every table). */
  readonly allowEmpty?: boolean;
  /**
   * Extra accepted renames (`--rename`). Unlike config entries, each must apply to this comparison (old name
   * only in the database, new name only in the models): otherwise nothing is written.
   */
  readonly renames?: ReadonlyArray<string>;
  /**
   * Asked when the comparison sees possible renames (a table or column gone and a compatible one new), before
   * anything is written; returns the specs of the hints to accept (`users.fullname=full_name`). The CLI asks on a
   * terminal only. Without it, hints are only reported and rendered beside the drop + add.
   */
  readonly confirmRenames?: (hints: ReadonlyArray<RenameHint>) => Promise<ReadonlyArray<string>>;
  /** PostgreSQL: create/drop indexes on existing tables CONCURRENTLY (`--concurrent-indexes`). */
  readonly concurrentIndexes?: boolean;
  /** Use this id instead of a random one (`--rev-id`). */
  readonly revisionId?: string;
  /** Creation time (default now); tests pass a fixed one. */
  readonly now?: Date;
  /** Detection log lines ("Detected added column 'users.email'"). */
  readonly onLog?: (line: string) => void;
}

/** What {@link revision} did. */
export interface RevisionResult {
  /** Path of the written file; undefined when nothing was written. */
  readonly file: string | undefined;
  readonly revision: string | undefined;
  readonly upgrade: ReadonlyArray<Op>;
  /** For a baseline that found differences: what differs (nothing was written or recorded). */
  readonly drift?: DriftReport;
  /** True when a baseline revision was recorded as applied. */
  readonly stamped?: boolean;
  /** Safety findings on the upgrade (data-checked against the live database when there is one). */
  readonly lint?: ReadonlyArray<LintFinding>;
  /** Possible renames written as drop + add (not accepted). */
  readonly renameHints?: ReadonlyArray<RenameHint>;
  /** Renames accepted at the prompt. */
  readonly acceptedRenames?: ReadonlyArray<string>;
}

export type { DriftReport } from './drift';
export { check, type CheckOptions, type CheckResult } from './check';

const EMPTY: Schema = { tables: [] };

/**
 * `autogen revision`: writes a revision file. With autogenerate (the default for `autogen --message`) it compares
 * the models with the live database, which must be at the head revision; no differences → nothing is written.
 */
export async function revision(options: RevisionOptions): Promise<RevisionResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const parent = graph.singleHead('a new revision\'s parent')?.id ?? null;
  const autogenerate = options.autogenerate ?? true;
  if (options.baseline) {
    if (graph.chain.length) {
      throw new UserError(
        `--baseline writes the first revision, but ${project.config.migrationsDir} already has ${graph.chain.length} revision(s)`,
        'use `autogen --message ...` for later changes, or `autogen stamp head` to mark an existing history as applied',
      );
    }
    const connection = await project.connect('mustExist');
    try {
      const current = await project.current(connection);
      const target = await project.target();
      guardEmptyTarget(current, target.normalized, target.files, options.allowEmpty);
      const drift = diff(project, project.withoutBookkeeping(current, target), target.normalized, options);
      if (drift.ops.length > 0) return { file: undefined, revision: undefined, upgrade: [], drift };
      const upgrade = diff(project, EMPTY, target.normalized, options).ops;
      const written = await write(project, graph, upgrade, options);
      await stampVersion({ connection, dialect: project.dialect, graph: await project.revisions() }, written.revision);
      return { ...written, upgrade, stamped: true };
    } finally {
      await connection.close();
    }
  }
  if (!autogenerate) return { ...(await write(project, graph, [], options)), upgrade: [] };
  const connection = await project.connectIfExists();
  try {
    let current: Schema = EMPTY;
    if (connection) {
      const heads = await currentHeads(connection, project.dialect);
      const applied = heads.join(', ') || null;
      if (applied !== parent) {
        throw new UserError(
          `the database is not up to date: it is at ${applied ?? '<base>'}, the newest revision is ${parent ?? '<base>'}`,
          'run `autogen upgrade head` first, so the new revision holds only the new changes',
        );
      }
      current = await project.current(connection);
    } else if (parent) {
      throw new UserError(`the database does not exist (${project.displayUrl}) but revisions do`, 'run `autogen upgrade head` to create it first');
    }
    const target = await project.target();
    guardEmptyTarget(current, target.normalized, target.files, options.allowEmpty);
    const live = project.withoutBookkeeping(current, target);
    assertRenamesApply(live, target.normalized, options.renames ?? []);
    let drift = diff(project, live, target.normalized, options);
    let accepted: ReadonlyArray<string> = [];
    if (drift.renameHints.length && options.confirmRenames) {
      accepted = await options.confirmRenames(drift.renameHints);
      if (accepted.length) drift = diff(project, live, target.normalized, { ...options, renames: [...(options.renames ?? []), ...accepted] });
    }
    const upgrade = drift.ops;
    if (upgrade.length === 0) return { file: undefined, revision: undefined, upgrade };
    const lint = await lintOpsFor(project.dialect, upgrade, connection ? { connection, current } : undefined);
    const notes = upgrade.map((_, i) => [
      ...lint.filter((f) => f.opIndex === i).map(findingNote),
      ...drift.renameHints.filter((h) => h.opIndex === i).map((h) => `rename? ${h.message}`),
    ]);
    return { ...(await write(project, graph, upgrade, options, undefined, notes)), upgrade, lint, renameHints: drift.renameHints, acceptedRenames: accepted };
  } finally {
    await connection?.close();
  }
}

async function write(
  project: Project,
  graph: RevisionGraph,
  upgrade: ReadonlyArray<Op>,
  options: Pick<RevisionOptions, 'message' | 'revisionId' | 'now'>,
  parents: ReadonlyArray<string> = graph.head ? [graph.head.id] : [],
  upgradeNotes?: ReadonlyArray<ReadonlyArray<string>>,
): Promise<{ file: string; revision: string }> {
  const id = options.revisionId ?? randomBytes(6).toString('hex');
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new UserError(`invalid revision id "${id}"`, 'use letters, digits, _ and -');
  const createdAt = (options.now ?? new Date()).toISOString();
  if (graph.has(id)) throw new UserError(`revision id "${id}" is already used`, 'choose another --rev-id');
  const parent = parents.length === 0 ? null : parents.length === 1 ? (parents[0] as string) : parents;
  const input = { revision: id, parent, message: options.message, createdAt, upgrade, downgrade: reverseAll(upgrade), ...(upgradeNotes ? { upgradeNotes } : {}) };
  const { source, fileName } = renderRevisionFile(input);
  mkdirSync(project.config.migrationsDir, { recursive: true });
  const file = join(project.config.migrationsDir, fileName);
  writeFileSync(file, source, { flag: 'wx' });
  return { file, revision: id };
}

/** Options of {@link upgrade} and {@link downgrade}. */
export interface MigrateOptions extends ProjectOptions {
  /** Print SQL instead of running it. For SQL without any database, give `from` too. */
  readonly sql?: boolean;
  /** With `sql`: the revision the script starts from (`base` by default when offline). */
  readonly from?: string;
  readonly onStepStart?: (step: MigrationStep) => void;
  readonly onStepDone?: (result: StepResult) => void;
  readonly onProgress?: ProgressListener;
  /** Called with each applied revision whose file changed or disappeared since it was applied. */
  readonly onTamper?: (finding: TamperFinding, message: string) => void;
  /** Refuse to migrate (nothing applied) when an applied revision's file changed or disappeared. */
  readonly strict?: boolean;
  /**
   * Seconds to wait for the migration lock another process holds, then fail with `LockTimeoutError` (CLI exit 3)
   * having changed nothing; 0: do not wait. Default: wait as long as it takes (the lock cannot go stale: it dies
   * with its process or session).
   */
  readonly lockTimeout?: number;
  /** Called once when the migration lock is held by another process, with who holds it when known. */
  readonly onLockWait?: (holder: string | undefined) => void;
}

/** What {@link upgrade}/{@link downgrade} did: the steps run, or the SQL script with `sql`. */
export interface MigrateResult {
  readonly steps: ReadonlyArray<StepResult>;
  readonly script?: string;
  /** Applied revisions whose file changed or disappeared since they were applied. */
  readonly tampered?: ReadonlyArray<TamperFinding>;
}

/** `autogen upgrade <target>`: applies revisions up to `target` (`head`, an id or prefix, `+N`). */
export async function upgrade(options: MigrateOptions & { readonly target?: string }): Promise<MigrateResult> {
  return run(options, options.target ?? 'head', 'upgrade');
}

/** `autogen downgrade <target>`: reverts revisions down to `target` (`-N`, an id or prefix, `base`). */
export async function downgrade(options: MigrateOptions & { readonly target: string }): Promise<MigrateResult> {
  return run(options, options.target, 'downgrade');
}

async function run(options: MigrateOptions, target: string, direction: 'upgrade' | 'downgrade'): Promise<MigrateResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const range = /^([^:]*):([^:]+)$/.exec(target);
  if (range) {
    // `A:B` (Alembic's offline range): from A to B, never connecting.
    if (!options.sql) throw new UserError(`a range (${target}) is only for offline SQL`, `add --sql to print the SQL from ${range[1] || 'base'} to ${range[2]}`);
    if (options.from !== undefined) throw new UserError('give the start either in the range or with --from, not both');
    const start = range[1] || 'base';
    const from = start === 'base' ? [] : start === 'heads' ? graph.heads.map((h) => h.id) : start === 'head' ? [(graph.singleHead() as Revision).id] : [graph.get(start).id];
    return { steps: [], script: offlineScript(project.dialect, graph, from, range[2] as string, direction) };
  }
  if (options.sql) {
    let from: string[];
    if (options.from !== undefined) {
      from = options.from === 'base' ? [] : options.from.split(',').map((f) => graph.get(f.trim()).id);
    } else {
      const connection = await project.connectIfExists();
      from = connection ? await currentHeads(connection, project.dialect).finally(() => connection.close()) : [];
    }
    return { steps: [], script: offlineScript(project.dialect, graph, from, target, direction) };
  }
  const connection = await project.connect(direction === 'upgrade' ? 'create' : 'mustExist');
  try {
    const tampered = await findTampering(connection, project.dialect, graph);
    for (const finding of tampered) options.onTamper?.(finding, describeTampering(finding));
    if (tampered.length && options.strict) {
      throw new UserError(
        `--strict: ${tampered.length} applied revision(s) changed or disappeared since they were applied; nothing was ${direction}d`,
        'restore the files as they were applied (see git history), or, if the change is intended, check the database by hand',
      );
    }
    const steps = await migrate(
      {
        connection,
        dialect: project.dialect,
        graph,
        ...(options.onStepStart ? { onStepStart: options.onStepStart } : {}),
        ...(options.onStepDone ? { onStepDone: options.onStepDone } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        lock: lockOptions(options),
      },
      target,
      direction,
    ).catch((error: unknown) => {
      throw explainDatabaseFailure(error, connection.description);
    });
    return { steps, tampered };
  } finally {
    await connection.close();
  }
}

/** The dialect's lock options from `lockTimeout` (seconds) and `onLockWait`. */
function lockOptions(options: Pick<MigrateOptions, 'lockTimeout' | 'onLockWait'>): LockOptions {
  const { lockTimeout } = options;
  if (lockTimeout !== undefined && !(Number.isFinite(lockTimeout) && lockTimeout >= 0)) {
    throw new UserError(`invalid lock timeout ${String(lockTimeout)}`, 'give the number of seconds to wait for the migration lock, 0 or more');
  }
  return { ...(lockTimeout !== undefined ? { timeoutMs: lockTimeout * 1000 } : {}), ...(options.onLockWait ? { onWait: options.onLockWait } : {}) };
}

/** `autogen stamp <target>`: records `target` as applied without running anything. */
export async function stamp(
  options: ProjectOptions & { readonly target: string } & Pick<MigrateOptions, 'lockTimeout' | 'onLockWait'>,
): Promise<{ from: string | null; to: string | null }> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const connection = await project.connect('mustExist');
  try {
    return await stampVersion({ connection, dialect: project.dialect, graph, lock: lockOptions(options) }, options.target).catch((error: unknown) => {
      throw explainDatabaseFailure(error, connection.description);
    });
  } finally {
    await connection.close();
  }
}

/** Where the database stands. */
export interface CurrentResult {
  readonly current: Revision | undefined;
  /** The applied revision; several heads applied are joined with `, ` (see `currentIds`). */
  readonly currentId: string | null;
  /** Every applied head (one row each in the version table). */
  readonly currentIds: ReadonlyArray<string>;
  /** The history's head; undefined when it has several (see `heads`). */
  readonly head: Revision | undefined;
  /** The history's heads. */
  readonly heads: ReadonlyArray<Revision>;
}

/** `autogen current`: the applied revision. */
export async function current(options: ProjectOptions = {}): Promise<CurrentResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const connection = await project.connect('mustExist');
  try {
    const ids = await currentHeads(connection, project.dialect);
    graph.ancestors(ids); // an applied revision without a file is an error
    const only = ids.length === 1 ? graph.get(ids[0] as string) : undefined;
    return { currentId: ids.join(', ') || null, currentIds: ids, current: only, head: graph.head, heads: graph.heads };
  } finally {
    await connection.close();
  }
}

/** `autogen history`: the revisions, oldest first. */
export async function history(options: ProjectOptions = {}): Promise<ReadonlyArray<Revision>> {
  const project = await Project.open(options);
  return (await project.revisions()).chain;
}

/** One revision as `history`/`heads` describe it. */
export interface RevisionInfo {
  readonly id: string;
  readonly parents: ReadonlyArray<string>;
  readonly children: ReadonlyArray<string>;
  readonly message: string;
  readonly createdAt: string;
  readonly file: string;
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isMerge: boolean;
  readonly isBranchPoint: boolean;
}

/** Graph facts about a revision. */
export function revisionInfo(graph: RevisionGraph, r: Revision): RevisionInfo {
  const parents = parentsOf(r);
  const children = graph.childrenOf(r.id).map((c) => c.id);
  return {
    id: r.id,
    parents,
    children,
    message: r.message,
    createdAt: r.createdAt,
    file: r.file,
    isHead: children.length === 0,
    isBase: parents.length === 0,
    isMerge: parents.length > 1,
    isBranchPoint: children.length > 1,
  };
}

/** `autogen history` with the graph: revisions oldest first (topological order), heads and branch points. */
export async function historyGraph(options: ProjectOptions & { readonly range?: string } = {}): Promise<{
  readonly revisions: ReadonlyArray<RevisionInfo>;
  readonly heads: ReadonlyArray<string>;
  readonly branchPoints: ReadonlyArray<string>;
}> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  let chain = graph.chain;
  if (options.range !== undefined) {
    const [lower, upper] = options.range.split(':');
    const upperIds = !upper || upper === 'heads' ? graph.heads.map((h) => h.id) : upper === 'head' ? [(graph.singleHead() as Revision).id] : [graph.get(upper).id];
    const keep = graph.ancestors(upperIds);
    if (lower && lower !== 'base') {
      const from = graph.get(lower).id;
      const below = graph.descendants(from);
      chain = chain.filter((r) => keep.has(r.id) && below.has(r.id));
    } else {
      chain = chain.filter((r) => keep.has(r.id));
    }
  }
  return {
    revisions: chain.map((r) => revisionInfo(graph, r)),
    heads: graph.heads.map((h) => h.id),
    branchPoints: graph.branchPoints.map((b) => b.id),
  };
}

/** `autogen heads`: the history's heads, and which of them the database has applied (when it exists). */
export async function heads(options: ProjectOptions = {}): Promise<{ readonly heads: ReadonlyArray<RevisionInfo>; readonly applied: ReadonlyArray<string> | undefined }> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  let applied: string[] | undefined;
  if (project.config.url) {
    const connection = await project.connectIfExists();
    if (connection) applied = await currentHeads(connection, project.dialect).finally(() => connection.close());
  }
  return { heads: graph.heads.map((h) => revisionInfo(graph, h)), applied };
}

/** Options of {@link merge}. */
export interface MergeOptions extends ProjectOptions {
  readonly message: string;
  /** The revisions to merge (ids or prefixes; default: every head). */
  readonly revisions?: ReadonlyArray<string>;
  readonly revisionId?: string;
  readonly now?: Date;
}

/** `autogen merge`: writes a revision with no operations whose parents are the given heads. */
export async function merge(options: MergeOptions): Promise<{ readonly file: string; readonly revision: string; readonly parents: ReadonlyArray<string> }> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const parents = options.revisions?.length ? [...new Set(options.revisions.map((r) => graph.get(r).id))] : graph.heads.map((h) => h.id);
  if (parents.length < 2) {
    throw new UserError(
      `nothing to merge: ${parents.length ? `only ${parents.join(', ')}` : 'no revisions'}`,
      'name two or more heads (see `autogen heads`)',
    );
  }
  for (const p of parents) {
    const others = parents.filter((o) => o !== p);
    if (graph.ancestors(others).has(p)) throw new UserError(`cannot merge ${p}: it is an ancestor of ${others.join(', ')}`, 'merge heads (see `autogen heads`)');
  }
  const written = await write(project, graph, [], { ...options }, parents);
  return { ...written, parents };
}

/** One line per op, as the CLI prints them. */
export function summarize(ops: ReadonlyArray<Op>): string[] {
  return ops.map((op) => describeOp(op));
}

export { displayPath } from './display-path';
