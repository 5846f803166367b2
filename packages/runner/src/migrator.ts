import type { Connection, Dialect, ProgressListener, RevisionPlan } from '@autogen/dialect';
import { recordOperations } from '@autogen/ops';
import { RevisionFailedError, RevisionGraphError } from './errors';
import type { Revision } from './revision';
import type { RevisionGraph } from './revision-graph';
import { createVersionTableSql, moveVersionStatement, readCurrentRevision, VERSION_TABLE } from './version-table';

/** Which way a step moves. */
export type Direction = 'upgrade' | 'downgrade';

/** One revision applied (or to be applied) in one direction. */
export interface MigrationStep {
  readonly direction: Direction;
  readonly revision: Revision;
  /** Version before the step (`null` = base). */
  readonly from: string | null;
  /** Version after the step. */
  readonly to: string | null;
}

/** What a finished step reports. */
export interface StepResult extends MigrationStep {
  readonly seconds: number;
}

/** Everything the migrator needs. */
export interface MigratorContext {
  readonly connection: Connection;
  readonly dialect: Dialect;
  readonly graph: RevisionGraph;
  /** Called before each step runs (for `a1b2c3 -> d4e5f6 add cascade ...` output). */
  readonly onStepStart?: (step: MigrationStep) => void;
  /** Called after each step commits. */
  readonly onStepDone?: (result: StepResult) => void;
  readonly onProgress?: ProgressListener;
}

/** True when the version table exists (probed without writing). */
export async function versionTableExists(connection: Connection, dialect: Dialect): Promise<boolean> {
  try {
    await connection.query(`SELECT version_num FROM ${dialect.quoteIdentifier(VERSION_TABLE)} WHERE 1 = 0`);
    return true;
  } catch {
    return false;
  }
}

/** The applied revision id, or `null` for none. */
export async function currentRevision(connection: Connection, dialect: Dialect): Promise<string | null> {
  return readCurrentRevision(connection, dialect, await versionTableExists(connection, dialect));
}

/**
 * The steps that move the database from `current` to `target` (see {@link RevisionGraph.resolve}) in the given
 * direction. Upgrading to a revision behind the current one (or the reverse) is an error that says which command
 * to use instead.
 */
export function planSteps(graph: RevisionGraph, current: string | null, target: string, direction: Direction): MigrationStep[] {
  const here = graph.position(current);
  const to = graph.resolve(target, current);
  if (direction === 'upgrade' && to < here) {
    throw new RevisionGraphError(`upgrade target ${target} is behind the current revision ${current}; use \`autogen downgrade ${target}\``);
  }
  if (direction === 'downgrade' && to > here) {
    throw new RevisionGraphError(`downgrade target ${target} is ahead of the current revision ${current ?? 'base'}; use \`autogen upgrade ${target}\``);
  }
  const steps: MigrationStep[] = [];
  if (direction === 'upgrade') {
    for (let i = here + 1; i <= to; i++) {
      const revision = graph.chain[i] as Revision;
      steps.push({ direction, revision, from: revision.parent, to: revision.id });
    }
  } else {
    for (let i = here; i > to; i--) {
      const revision = graph.chain[i] as Revision;
      steps.push({ direction, revision, from: revision.id, to: revision.parent });
    }
  }
  return steps;
}

/** Builds the dialect's plan for one step: the revision's recorded ops and the version move. */
export function planStep(dialect: Dialect, step: MigrationStep): RevisionPlan {
  const fn = step.direction === 'upgrade' ? step.revision.upgrade : step.revision.downgrade;
  let ops;
  try {
    ops = recordOperations((op) => fn(op));
  } catch (error) {
    throw new RevisionFailedError(step.revision.id, stepLabel(step), error);
  }
  // CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block.
  const concurrent = ops.some((op) => (op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently);
  return {
    label: stepLabel(step),
    ops,
    transactional: step.revision.transactional && !concurrent,
    versionStatements: [moveVersionStatement(dialect, step.from, step.to)],
  };
}

/**
 * Runs `fn` holding the dialect's migration lock (PostgreSQL: an advisory lock), so that several processes
 * migrating the same database at once (an app scaled out, each migrating at start-up) apply each revision once:
 * the others wait, then find the revision applied.
 */
export async function withMigrationLock<T>(connection: Connection, dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  const release = await dialect.lock(connection);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** `a1b2c3 -> d4e5f6 (add cascade)`, `<base>` for no revision. */
export function stepLabel(step: MigrationStep): string {
  return `${step.from ?? '<base>'} -> ${step.to ?? '<base>'} (${step.revision.message})`;
}

/**
 * Runs revisions to `target`. Each revision commits on its own (ops and version move together), so a failure
 * leaves the database at the last revision that succeeded, and the failing one leaves nothing behind.
 */
export async function migrate(ctx: MigratorContext, target: string, direction: Direction): Promise<StepResult[]> {
  return withMigrationLock(ctx.connection, ctx.dialect, () => migrateLocked(ctx, target, direction));
}

async function migrateLocked(ctx: MigratorContext, target: string, direction: Direction): Promise<StepResult[]> {
  const { connection, dialect, graph } = ctx;
  await connection.execute(createVersionTableSql(dialect));
  const current = await currentRevision(connection, dialect);
  const steps = planSteps(graph, current, target, direction);
  const results: StepResult[] = [];
  for (const step of steps) {
    const plan = planStep(dialect, step);
    ctx.onStepStart?.(step);
    const started = process.hrtime.bigint();
    try {
      await dialect.applyRevision(connection, plan, ctx.onProgress);
    } catch (error) {
      throw new RevisionFailedError(step.revision.id, plan.label, error);
    }
    const result = { ...step, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    ctx.onStepDone?.(result);
    results.push(result);
  }
  return results;
}

/** Records `target` as the applied revision without running anything (`autogen stamp`). */
export async function stamp(ctx: Pick<MigratorContext, 'connection' | 'dialect' | 'graph'>, target: string): Promise<{ from: string | null; to: string | null }> {
  return withMigrationLock(ctx.connection, ctx.dialect, () => stampLocked(ctx, target));
}

async function stampLocked(ctx: Pick<MigratorContext, 'connection' | 'dialect' | 'graph'>, target: string): Promise<{ from: string | null; to: string | null }> {
  const { connection, dialect, graph } = ctx;
  await connection.execute(createVersionTableSql(dialect));
  const current = await currentRevision(connection, dialect);
  const position = graph.resolve(target, current);
  const to = position < 0 ? null : (graph.chain[position] as Revision).id;
  if (to !== current) {
    await dialect.applyRevision(connection, {
      label: `stamp ${current ?? '<base>'} -> ${to ?? '<base>'}`,
      ops: [],
      versionStatements: [moveVersionStatement(dialect, current, to)],
    });
  }
  return { from: current, to };
}

/**
 * Offline SQL for moving from `from` to `target` without connecting: the version table DDL, then each step's
 * script exactly as {@link migrate} would run it.
 */
export function offlineScript(dialect: Dialect, graph: RevisionGraph, from: string | null, target: string, direction: Direction): string {
  const steps = planSteps(graph, from, target, direction);
  const header = `-- autogen ${direction} ${from ?? '<base>'} -> ${target}\n${createVersionTableSql(dialect)};\n\n`;
  return header + dialect.renderScript(steps.map((s) => planStep(dialect, s)));
}
