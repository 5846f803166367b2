import type { Connection, Dialect, RevisionPlan } from '@autogen/dialect';
import { describeOp, recordOperations, type Op, type Operations } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import type { Revision } from './revision';
import type { RevisionGraph } from './revision-graph';

/** A step of {@link replayHistory}: the upgrade, its downgrade, and the upgrade once more. */
export type ReplayStepName = 'upgrade' | 'downgrade' | 'reupgrade';

/** How one step of one revision went. */
export interface ReplayStepResult {
  readonly revision: Revision;
  readonly step: ReplayStepName;
  readonly ok: boolean;
  /** The op that failed (`describeOp` text), when one did. */
  readonly operation?: string;
  /** The database's error, or how the schema differs from what it should be. */
  readonly error?: string;
}

/** What {@link replayHistory} needs: an empty scratch database and ways to read and compare its schema. */
export interface ReplayContext {
  readonly connection: Connection;
  readonly dialect: Dialect;
  readonly graph: RevisionGraph;
  /** Reads the scratch database's schema, normalized. */
  readonly inspect: () => Promise<Schema>;
  /** How `actual` differs from `expected`, one line per difference; empty when they are the same. */
  readonly differences: (expected: Schema, actual: Schema) => ReadonlyArray<string>;
  /** Called after each step. */
  readonly onStep?: (result: ReplayStepResult) => void;
}

/** What the replay found; `schema` is the scratch database's schema after the last revision that upgraded. */
export interface ReplayResult {
  readonly steps: ReadonlyArray<ReplayStepResult>;
  readonly schema: Schema;
  /** The first failed step; the replay stops there. */
  readonly failure?: ReplayStepResult;
}

/**
 * Replays the whole history from base into an empty scratch database, checking each revision in history order
 * the way a reviewer would want it proved: its upgrade runs; its downgrade runs and gives back exactly the schema
 * from before the upgrade; its upgrade runs again and gives the same schema as the first time. The version table
 * is not touched (the scratch database is thrown away). Stops at the first failure, naming the revision, the
 * op and the database's error.
 */
export async function replayHistory(ctx: ReplayContext): Promise<ReplayResult> {
  const steps: ReplayStepResult[] = [];
  let schema = await ctx.inspect();
  const done = (result: ReplayStepResult): ReplayStepResult => {
    steps.push(result);
    ctx.onStep?.(result);
    return result;
  };
  for (const revision of ctx.graph.chain) {
    const before = schema;
    const up = await runStep(ctx, revision, 'upgrade');
    if (!done(up).ok) return { steps, schema, failure: up };
    const after = await ctx.inspect();
    let down = await runStep(ctx, revision, 'downgrade');
    if (down.ok) down = expectSchema(down, ctx.differences(before, await ctx.inspect()), 'the downgrade does not give back the schema from before the upgrade');
    if (!done(down).ok) return { steps, schema: after, failure: down };
    let again = await runStep(ctx, revision, 'reupgrade');
    if (again.ok) again = expectSchema(again, ctx.differences(after, await ctx.inspect()), 'upgrading again gives another schema than the first upgrade');
    if (!done(again).ok) return { steps, schema: after, failure: again };
    schema = after;
  }
  return { steps, schema };
}

function expectSchema(result: ReplayStepResult, differences: ReadonlyArray<string>, what: string): ReplayStepResult {
  if (differences.length === 0) return result;
  return { ...result, ok: false, error: `${what}: ${differences.join('; ')}` };
}

async function runStep(ctx: ReplayContext, revision: Revision, step: ReplayStepName): Promise<ReplayStepResult> {
  const fn = step === 'downgrade' ? revision.downgrade : revision.upgrade;
  let ops: ReadonlyArray<Op>;
  try {
    ops = recordOperations((op: Operations) => fn(op));
  } catch (error) {
    return { revision, step, ok: false, error: `the revision's ${step === 'downgrade' ? 'downgrade' : 'upgrade'}() throws: ${messageOf(error)}` };
  }
  const label = `${revision.id} ${step} (${revision.message})`;
  const concurrent = ops.some((op) => (op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently);
  if (revision.transactional && !concurrent) {
    try {
      await ctx.dialect.applyRevision(ctx.connection, plan(label, ops, true));
      return { revision, step, ok: true };
    } catch (error) {
      // The revision rolled back as a whole; run its ops one by one to name the one that fails.
      const failing = await firstFailingOp(ctx, label, ops);
      return { revision, step, ok: false, ...(failing ? { operation: describeOp(failing.op) } : {}), error: messageOf(failing?.error ?? error) };
    }
  }
  // A non-transactional revision runs op by op anyway; the first failure names its op.
  const failing = await firstFailingOp(ctx, label, ops);
  return failing ? { revision, step, ok: false, operation: describeOp(failing.op), error: messageOf(failing.error) } : { revision, step, ok: true };
}

async function firstFailingOp(ctx: ReplayContext, label: string, ops: ReadonlyArray<Op>): Promise<{ op: Op; error: unknown } | undefined> {
  for (const op of ops) {
    const transactional = !((op.kind === 'createIndex' || op.kind === 'dropIndex') && op.concurrently);
    try {
      await ctx.dialect.applyRevision(ctx.connection, plan(label, [op], transactional));
    } catch (error) {
      return { op, error };
    }
  }
  return undefined;
}

function plan(label: string, ops: ReadonlyArray<Op>, transactional: boolean): RevisionPlan {
  return { label, ops, transactional, versionStatements: [] };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
