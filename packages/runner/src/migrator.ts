import type { Connection, Dialect, LockOptions, ProgressListener, RevisionPlan } from '@autogen/dialect';
import { recordOperations } from '@autogen/ops';
import { RevisionFailedError, RevisionGraphError } from './errors';
import type { Revision } from './revision';
import { parentsOf, type RevisionGraph } from './revision-graph';
import { revisionLogStatements } from './revision-log';
import { createVersionTableSql, moveVersionStatements, readCurrentHeads, readCurrentRevision, VERSION_TABLE } from './version-table';

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
  /** The version table's rows (current heads) before the step; derived from `from` when absent. */
  readonly fromHeads?: ReadonlyArray<string>;
  /** The version table's rows after the step; derived from `to` when absent. */
  readonly toHeads?: ReadonlyArray<string>;
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
  /** How to wait for the migration lock (`--lock-timeout`, the "waiting for the lock" message). */
  readonly lock?: LockOptions;
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

/** The applied heads (one row each in the version table); empty for none. */
export async function currentHeads(connection: Connection, dialect: Dialect): Promise<string[]> {
  return readCurrentHeads(connection, dialect, await versionTableExists(connection, dialect));
}

/** The applied revision id, or `null` for none; an error when several heads are applied. */
export async function currentRevision(connection: Connection, dialect: Dialect): Promise<string | null> {
  return readCurrentRevision(connection, dialect, await versionTableExists(connection, dialect));
}

/** Current heads as a list, whatever form they were given in. */
function headList(current: string | ReadonlyArray<string> | null): string[] {
  if (current === null) return [];
  return typeof current === 'string' ? [current] : [...current];
}

/**
 * The steps that move the database from the heads `current` to `target` in the given direction, on the graph.
 * Upgrade targets: `head` (the single head; several heads are an error naming them and the merge command),
 * `heads` (every branch), a revision id or unique prefix, `+N`. Downgrade targets: `-N` (refused when the
 * database has several heads), a revision (its descendants are reverted), `base`. Upgrading to a revision behind
 * the current one (or the reverse) is an error that says which command to use instead.
 */
export function planSteps(graph: RevisionGraph, current: string | ReadonlyArray<string> | null, target: string, direction: Direction): MigrationStep[] {
  const heads = headList(current);
  const applied = graph.ancestors(heads);
  const shown = heads.length ? heads.join(', ') : null;
  const relative = /^([+-])(\d+)$/.exec(target);
  if (direction === 'upgrade') {
    let targets: string[];
    if (target === 'heads') targets = graph.heads.map((h) => h.id);
    else if (target === 'head') targets = graph.chain.length ? [(graph.singleHead() as Revision).id] : [];
    else if (target === 'base') targets = [];
    else if (relative) targets = relative[1] === '-' ? [target] : relativeUpgrade(graph, heads, applied, Number(relative[2]), target);
    else targets = [graph.get(target).id];
    if (relative?.[1] === '-' || (target === 'base' && heads.length) || targets.some((t) => applied.has(t) && !heads.includes(t))) {
      throw new RevisionGraphError(`upgrade target ${target} is behind the current revision ${shown}; use \`autogen downgrade ${target}\``);
    }
    const wanted = graph.ancestors(targets);
    const now = new Set(applied);
    const steps: MigrationStep[] = [];
    for (const revision of graph.chain) {
      if (!wanted.has(revision.id) || applied.has(revision.id)) continue;
      const fromHeads = graph.headsOf(now);
      now.add(revision.id);
      const parents = parentsOf(revision);
      steps.push({ direction, revision, from: parents.length ? parents.join(', ') : null, to: revision.id, fromHeads, toHeads: graph.headsOf(now) });
    }
    return steps;
  }
  let removed: string[];
  if (target === 'base') {
    removed = [...applied];
  } else if (relative) {
    if (relative[1] === '+') throw new RevisionGraphError(`downgrade target ${target} is ahead of the current revision ${shown ?? 'base'}; use \`autogen upgrade ${target}\``);
    removed = relativeDowngrade(graph, applied, Number(relative[2]), target, shown);
  } else {
    const to = target === 'head' || target === 'heads' ? graph.singleHead(target) : graph.get(target);
    if (!to || !applied.has(to.id)) {
      throw new RevisionGraphError(`downgrade target ${target} is ahead of the current revision ${shown ?? 'base'}; use \`autogen upgrade ${target}\``);
    }
    removed = [...graph.descendants(to.id)].filter((id) => id !== to.id && applied.has(id));
  }
  const now = new Set(applied);
  const steps: MigrationStep[] = [];
  for (const revision of [...graph.chain].reverse()) {
    if (!removed.includes(revision.id)) continue;
    const fromHeads = graph.headsOf(now);
    now.delete(revision.id);
    const parents = parentsOf(revision);
    steps.push({ direction, revision, from: revision.id, to: parents.length ? parents.join(', ') : null, fromHeads, toHeads: graph.headsOf(now) });
  }
  return steps;
}

/** `upgrade +N`: N steps along the only line from the single current head; a branch on the way is ambiguous. */
function relativeUpgrade(graph: RevisionGraph, heads: ReadonlyArray<string>, applied: ReadonlySet<string>, n: number, target: string): string[] {
  if (heads.length > 1) throw new RevisionGraphError(`${target} is ambiguous: the database has several heads (${heads.join(', ')}); name a revision instead`);
  let at: string | null = heads[0] ?? null;
  for (let i = 0; i < n; i++) {
    const next: ReadonlyArray<Revision> = at === null ? graph.chain.filter((r) => parentsOf(r).length === 0) : graph.childrenOf(at).filter((c) => !applied.has(c.id));
    if (next.length === 0) {
      throw new RevisionGraphError(`cannot move ${target} from ${heads[0] ?? 'base'}: the history has ${graph.chain.length} revision(s)`);
    }
    if (next.length > 1) {
      throw new RevisionGraphError(`${target} is ambiguous: the history branches at ${at} (${next.map((c) => c.id).join(', ')}); name a revision, or run \`autogen upgrade heads\``);
    }
    at = (next[0] as Revision).id;
  }
  return at === null ? [] : [at];
}

/** `downgrade -N`: reverts the single applied head N times; several applied heads on the way are ambiguous. */
function relativeDowngrade(graph: RevisionGraph, applied: ReadonlySet<string>, n: number, target: string, shown: string | null): string[] {
  const now = new Set(applied);
  const removed: string[] = [];
  for (let i = 0; i < n; i++) {
    const heads = graph.headsOf(now);
    if (heads.length === 0) {
      throw new RevisionGraphError(`cannot move ${target} from ${shown ?? 'base'}: the history has ${graph.chain.length} revision(s)`);
    }
    if (heads.length > 1) {
      throw new RevisionGraphError(`${target} is ambiguous: the database has several heads (${heads.join(', ')}); downgrade to a named revision instead`);
    }
    const head = heads[0] as string;
    now.delete(head);
    removed.push(head);
  }
  return removed;
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
    versionStatements: [
      ...moveVersionStatements(dialect, step.fromHeads ?? headList(step.from), step.toHeads ?? headList(step.to)),
      ...revisionLogStatements(dialect, step.revision, step.direction),
    ],
  };
}

/**
 * Runs `fn` holding the dialect's migration lock (PostgreSQL: an advisory lock), so that several processes
 * migrating the same database at once (an app scaled out, each migrating at start-up) apply each revision once:
 * the others wait, then find the revision applied. `lock` says how long to wait and whom to tell.
 */
export async function withMigrationLock<T>(connection: Connection, dialect: Dialect, fn: () => Promise<T>, lock?: LockOptions): Promise<T> {
  const release = await dialect.lock(connection, lock);
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    // The command's own error is what the user must see, not a failed release on a connection that error broke.
    await release().catch(() => undefined);
    throw error;
  }
  await release();
  return result;
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
  return withMigrationLock(ctx.connection, ctx.dialect, () => migrateLocked(ctx, target, direction), ctx.lock);
}

async function migrateLocked(ctx: MigratorContext, target: string, direction: Direction): Promise<StepResult[]> {
  const { connection, dialect, graph } = ctx;
  await connection.execute(createVersionTableSql(dialect));
  const current = await currentHeads(connection, dialect);
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
export async function stamp(ctx: Pick<MigratorContext, 'connection' | 'dialect' | 'graph' | 'lock'>, target: string): Promise<{ from: string | null; to: string | null }> {
  return withMigrationLock(ctx.connection, ctx.dialect, () => stampLocked(ctx, target), ctx.lock);
}

async function stampLocked(ctx: Pick<MigratorContext, 'connection' | 'dialect' | 'graph'>, target: string): Promise<{ from: string | null; to: string | null }> {
  const { connection, dialect, graph } = ctx;
  await connection.execute(createVersionTableSql(dialect));
  const current = await currentHeads(connection, dialect);
  const to = stampTargets(graph, target, current);
  const show = (heads: ReadonlyArray<string>): string | null => (heads.length ? heads.join(', ') : null);
  if (show(to) !== show(current)) {
    await dialect.applyRevision(connection, {
      label: `stamp ${show(current) ?? '<base>'} -> ${show(to) ?? '<base>'}`,
      ops: [],
      versionStatements: moveVersionStatements(dialect, current, to),
    });
  }
  return { from: show(current), to: show(to) };
}

/** The heads a stamp target names: `head` (the single head), `heads`, `base`, `+N`/`-N`, or revisions (comma-separated). */
function stampTargets(graph: RevisionGraph, target: string, current: ReadonlyArray<string>): string[] {
  if (target === 'heads') return graph.heads.map((h) => h.id);
  if (target === 'head') return graph.chain.length ? [(graph.singleHead() as Revision).id] : [];
  if (target === 'base') return [];
  if (/^[+-]\d+$/.test(target)) {
    if (current.length > 1) throw new RevisionGraphError(`${target} is ambiguous: the database has several heads (${current.join(', ')})`);
    const position = graph.resolve(target, current[0] ?? null);
    return position < 0 ? [] : [(graph.chain[position] as Revision).id];
  }
  const ids = [...new Set(target.split(',').map((t) => graph.get(t.trim()).id))];
  // Several revisions on one line: the newest one stands for the others.
  return graph.headsOf(graph.ancestors(ids)).filter((id) => ids.includes(id));
}

/**
 * Offline SQL for moving from `from` to `target` without connecting: the version table DDL, then each step's
 * script exactly as {@link migrate} would run it.
 */
export function offlineScript(dialect: Dialect, graph: RevisionGraph, from: string | ReadonlyArray<string> | null, target: string, direction: Direction): string {
  const steps = planSteps(graph, from, target, direction);
  const shown = headList(from).join(', ') || '<base>';
  const header = `-- autogen ${direction} ${shown} -> ${target}\n${createVersionTableSql(dialect)};\n\n`;
  return header + dialect.renderScript(steps.map((s) => planStep(dialect, s)));
}
