import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ProgressListener } from '@autogen/dialect';
import { describeOp, reverseAll, type Op } from '@autogen/ops';
import { applyNamingConvention, type Schema } from '@autogen/schema';
import {
  currentRevision,
  migrate,
  offlineScript,
  stamp as stampVersion,
  type MigrationStep,
  type Revision,
  type RevisionGraph,
  type StepResult,
} from '@autogen/runner';
import { UserError } from './errors';
import { Project, type ProjectOptions } from './project';
import { tableDiffs, type TableDiff } from './table-diff';

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
  /** Extra accepted renames (`--rename`). */
  readonly renames?: ReadonlyArray<string>;
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
}

/** Differences between the database and the models. */
export interface DriftReport {
  readonly ops: ReadonlyArray<Op>;
  readonly tables: ReadonlyArray<TableDiff>;
}

const EMPTY: Schema = { tables: [] };

/**
 * `autogen revision`: writes a revision file. With autogenerate (the default for `autogen --message`) it compares
 * the models with the live database, which must be at the head revision; no differences → nothing is written.
 */
export async function revision(options: RevisionOptions): Promise<RevisionResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const parent = graph.head?.id ?? null;
  const autogenerate = options.autogenerate ?? true;
  let upgrade: ReadonlyArray<Op> = [];
  if (options.baseline) {
    if (graph.head) {
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
      upgrade = diff(project, EMPTY, target.normalized, options).ops;
      const written = write(project, graph, upgrade, options);
      await stampVersion({ connection, dialect: project.dialect, graph: await project.revisions() }, written.revision);
      return { ...written, upgrade, stamped: true };
    } finally {
      await connection.close();
    }
  }
  if (autogenerate) {
    const connection = await project.connectIfExists();
    let current: Schema = EMPTY;
    if (connection) {
      try {
        const applied = await currentRevision(connection, project.dialect);
        if (applied !== parent) {
          throw new UserError(
            `the database is not up to date: it is at ${applied ?? '<base>'}, the newest revision is ${parent ?? '<base>'}`,
            'run `autogen upgrade head` first, so the new revision holds only the new changes',
          );
        }
        current = await project.current(connection);
      } finally {
        await connection.close();
      }
    } else if (parent) {
      throw new UserError(`the database does not exist (${project.displayUrl}) but revisions do`, 'run `autogen upgrade head` to create it first');
    }
    const target = await project.target();
    guardEmptyTarget(current, target.normalized, target.files, options.allowEmpty);
    upgrade = diff(project, project.withoutBookkeeping(current, target), target.normalized, options).ops;
    if (upgrade.length === 0) return { file: undefined, revision: undefined, upgrade };
  }
  return { ...write(project, graph, upgrade, options), upgrade };
}

function diff(project: Project, current: Schema, target: Schema, options: RevisionOptions): DriftReport {
  const { compare, parseRenames } = require('@autogen/compare') as typeof import('@autogen/compare');
  let renames;
  try {
    renames = parseRenames([...project.config.renames, ...(options.renames ?? [])]);
  } catch (error) {
    throw new UserError((error as Error).message, 'a rename is written table.old=new for a column, or old=new for a table');
  }
  const result = compare(current, target, {
    capabilities: project.dialect.capabilities,
    renames,
    // CONCURRENTLY only where the dialect has it: elsewhere the revision would be marked non-transactional for nothing.
    ...((project.config.concurrentIndexes || options.concurrentIndexes) && project.dialect.capabilities.concurrentIndexes ? { concurrentIndexes: true } : {}),
    ...(project.config.namingConvention ? { namingConvention: project.config.namingConvention } : {}),
  });
  for (const line of result.log) options.onLog?.(line);
  // Show the target as the revision would create it: with the naming convention's names.
  const convention = project.config.namingConvention;
  const named: Schema = convention ? { ...target, tables: target.tables.map((t) => applyNamingConvention(t, convention)) } : target;
  return { ops: result.ops, tables: tableDiffs(current, named, result.ops) };
}

function guardEmptyTarget(current: Schema, target: Schema, files: ReadonlyArray<string>, allowEmpty: boolean | undefined): void {
  if (target.tables.length > 0 || current.tables.length === 0 || allowEmpty) return;
  const names = current.tables.map((t) => t.name);
  throw new UserError(
    `the models yielded no tables, but the database has ${names.length} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); refusing to write a revision that drops every table.\n` +
      `Files loaded: ${files.length ? files.join(', ') : '(none)'}`,
    'the likely cause is that these modules do not export the tables (or import the files that define them); fix "models" in the config, or pass --allow-empty if you really mean to drop every table',
  );
}

function write(project: Project, graph: RevisionGraph, upgrade: ReadonlyArray<Op>, options: RevisionOptions): { file: string; revision: string } {
  const { renderRevision, revisionFileName } = require('@autogen/render') as typeof import('@autogen/render');
  const id = options.revisionId ?? randomBytes(6).toString('hex');
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new UserError(`invalid revision id "${id}"`, 'use letters, digits, _ and -');
  const createdAt = (options.now ?? new Date()).toISOString();
  const input = { revision: id, parent: graph.head?.id ?? null, message: options.message, createdAt, upgrade, downgrade: reverseAll(upgrade) };
  const source = renderRevision(input);
  mkdirSync(project.config.migrationsDir, { recursive: true });
  const file = join(project.config.migrationsDir, revisionFileName(input));
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
}

/** What {@link upgrade}/{@link downgrade} did: the steps run, or the SQL script with `sql`. */
export interface MigrateResult {
  readonly steps: ReadonlyArray<StepResult>;
  readonly script?: string;
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
  if (options.sql) {
    let from: string | null;
    if (options.from !== undefined) {
      from = options.from === 'base' ? null : graph.get(options.from).id;
    } else {
      const connection = await project.connectIfExists();
      from = connection ? await currentRevision(connection, project.dialect).finally(() => connection.close()) : null;
    }
    return { steps: [], script: offlineScript(project.dialect, graph, from, target, direction) };
  }
  const connection = await project.connect(direction === 'upgrade' ? 'create' : 'mustExist');
  try {
    const steps = await migrate(
      {
        connection,
        dialect: project.dialect,
        graph,
        ...(options.onStepStart ? { onStepStart: options.onStepStart } : {}),
        ...(options.onStepDone ? { onStepDone: options.onStepDone } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      target,
      direction,
    );
    return { steps };
  } finally {
    await connection.close();
  }
}

/** `autogen stamp <target>`: records `target` as applied without running anything. */
export async function stamp(options: ProjectOptions & { readonly target: string }): Promise<{ from: string | null; to: string | null }> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const connection = await project.connect('mustExist');
  try {
    return await stampVersion({ connection, dialect: project.dialect, graph }, options.target);
  } finally {
    await connection.close();
  }
}

/** Where the database stands. */
export interface CurrentResult {
  readonly current: Revision | undefined;
  readonly currentId: string | null;
  readonly head: Revision | undefined;
}

/** `autogen current`: the applied revision. */
export async function current(options: ProjectOptions = {}): Promise<CurrentResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const connection = await project.connect('mustExist');
  try {
    const id = await currentRevision(connection, project.dialect);
    return { currentId: id, current: id ? graph.get(id) : undefined, head: graph.head };
  } finally {
    await connection.close();
  }
}

/** `autogen history`: the revisions, oldest first. */
export async function history(options: ProjectOptions = {}): Promise<ReadonlyArray<Revision>> {
  const project = await Project.open(options);
  return (await project.revisions()).chain;
}

/** What {@link check} found. */
export interface CheckResult {
  /** True when the database is at head and matches the models. */
  readonly clean: boolean;
  readonly currentId: string | null;
  readonly headId: string | null;
  /** Revisions not yet applied, oldest first. */
  readonly pending: ReadonlyArray<Revision>;
  /** Differences between the database and the models. */
  readonly drift: DriftReport;
}

/**
 * `autogen check`: is the database at head, and does it match the models? Never creates a database. This is
 * what a pre-commit hook or CI job calls (exit 0 clean, 1 drift or pending, 2 error).
 */
export async function check(options: ProjectOptions & { readonly renames?: ReadonlyArray<string> } = {}): Promise<CheckResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  const connection = await project.connect('mustExist');
  try {
    const id = await currentRevision(connection, project.dialect);
    const position = graph.position(id);
    const pending = graph.chain.slice(position + 1);
    const currentSchema = await project.current(connection);
    const target = await project.target();
    const drift = diff(project, project.withoutBookkeeping(currentSchema, target), target.normalized, { message: '', ...(options.renames ? { renames: options.renames } : {}) });
    return { clean: pending.length === 0 && drift.ops.length === 0, currentId: id, headId: graph.head?.id ?? null, pending, drift };
  } finally {
    await connection.close();
  }
}

/** One line per op, as the CLI prints them. */
export function summarize(ops: ReadonlyArray<Op>): string[] {
  return ops.map((op) => describeOp(op));
}

/** Path relative to the working directory, for messages. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
