import type { Connection } from '@autogen/dialect';
import {
  currentHeads,
  describeTampering,
  findTampering,
  replayHistory,
  type Revision,
  type RevisionGraph,
  type TamperFinding,
} from '@autogen/runner';
import type { DialectName, ModelSource, Schema } from '@autogen/schema';
import { diff, type DriftReport } from './drift';
import { changeLines } from './output';
import { Project, type ProjectOptions } from './project';
import type { VerificationResult } from './report/check-report';
import { lintRevisions, type RevisionFinding } from './revision-lint';

/** Options of {@link check}. */
export interface CheckOptions extends ProjectOptions {
  /** Extra accepted renames. */
  readonly renames?: ReadonlyArray<string>;
  /**
   * Replay every revision into a scratch database autogen starts itself (in-memory SQLite, embedded PostgreSQL)
   * instead of reading a live database; checksums are verified against the live database only when `url` is
   * given explicitly.
   */
  readonly offline?: boolean;
  /**
   * Lint the revisions after this one (`base`: all). Default: the revisions the live database has not applied;
   * offline without a live database, the head revision(s).
   */
  readonly since?: string;
}

/** What {@link check} found. */
export interface CheckResult {
  readonly mode: 'live' | 'offline';
  readonly dialect: DialectName;
  /** True when the database (live or replayed) is at head and matches the models, and every verification passed. */
  readonly clean: boolean;
  /** The applied revision(s) of the live database, joined with `, `; null for none or offline without one. */
  readonly currentId: string | null;
  readonly currentIds: ReadonlyArray<string>;
  readonly headId: string | null;
  readonly heads: ReadonlyArray<string>;
  /** Revisions the live database has not applied, oldest first. */
  readonly pending: ReadonlyArray<Revision>;
  /** Differences between the database (live or replayed) and the models. */
  readonly drift: DriftReport;
  /** Applied revisions whose file changed or disappeared since they were applied. */
  readonly tampered: ReadonlyArray<TamperFinding & { readonly message: string }>;
  /** Offline: the single-head check, each revision's upgrade/downgrade/upgrade, and checksums against a live database. */
  readonly verification: ReadonlyArray<VerificationResult>;
  /** Safety findings on the linted revisions (see {@link CheckOptions.since}). */
  readonly lint: ReadonlyArray<RevisionFinding>;
  /** Where the models define each table (for annotations). */
  readonly sources: ReadonlyArray<ModelSource>;
}

/**
 * `autogen check`: does the database match the models, at head? Live: reads the database (never creates one).
 * Offline: replays the history into a scratch database, proving each revision upgrades, downgrades back to the
 * schema before it, and upgrades again. This is what a pre-commit hook or CI job calls (exit 0 clean, 1 drift,
 * pending or failed verification, 2 error).
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const project = await Project.open(options);
  const graph = await project.revisions();
  return options.offline ? checkOffline(project, graph, options) : checkLive(project, graph, options);
}

async function checkLive(project: Project, graph: RevisionGraph, options: CheckOptions): Promise<CheckResult> {
  const connection = await project.connect('mustExist');
  try {
    const tampered = await tamperFindings(project, graph, connection);
    const ids = await currentHeads(connection, project.dialect);
    const applied = graph.ancestors(ids);
    const pending = graph.chain.filter((r) => !applied.has(r.id));
    const currentSchema = await project.current(connection);
    const target = await project.target();
    const drift = diff(project, project.withoutBookkeeping(currentSchema, target), target.normalized, options);
    const linted = options.since !== undefined ? after(graph, options.since) : pending;
    const lint = await lintRevisions(project.dialect, linted, { connection, current: currentSchema, appliedHeads: ids });
    return {
      mode: 'live',
      dialect: project.dialect.name,
      clean: pending.length === 0 && drift.ops.length === 0,
      currentId: ids.join(', ') || null,
      currentIds: ids,
      headId: graph.heads.map((h) => h.id).join(', ') || null,
      heads: graph.heads.map((h) => h.id),
      pending,
      drift,
      tampered,
      verification: [],
      lint,
      sources: target.sources,
    };
  } finally {
    await connection.close();
  }
}

async function checkOffline(project: Project, graph: RevisionGraph, options: CheckOptions): Promise<CheckResult> {
  const verification: VerificationResult[] = [];
  if (graph.heads.length > 1) {
    verification.push({
      revision: graph.heads.map((h) => h.id).join(', '),
      file: (graph.heads[0] as Revision).file,
      step: 'single-head',
      ok: false,
      error: `the history has ${graph.heads.length} heads (${graph.heads.map((h) => h.id).join(', ')}); run \`autogen merge -m "merge heads"\``,
    });
  }
  // The live database, only when a URL is given explicitly: a CI job without one must not fail for lack of it.
  let tampered: CheckResult['tampered'] = [];
  let appliedIds: string[] = [];
  if (options.url !== undefined) {
    const connection = await project.connect('mustExist');
    try {
      tampered = await tamperFindings(project, graph, connection);
      appliedIds = await currentHeads(connection, project.dialect);
    } finally {
      await connection.close();
    }
    for (const finding of tampered) {
      verification.push({ revision: finding.revision, file: finding.file ?? `(file of ${finding.revision} missing)`, step: 'checksum', ok: false, error: finding.message });
    }
  }
  const target = await project.target();
  const { compare } = require('@autogen/compare') as typeof import('@autogen/compare');
  const scratch = await project.dialect.openScratch({ searchPath: project.config.schemas });
  let replayed: Schema;
  let failed = false;
  try {
    const replay = await replayHistory({
      connection: scratch,
      dialect: project.dialect,
      graph,
      inspect: () => project.current(scratch),
      differences: (expected, actual) => changeLines(compare(actual, expected, { capabilities: project.dialect.capabilities }).ops),
    });
    for (const step of replay.steps) {
      verification.push({
        revision: step.revision.id,
        file: step.revision.file,
        step: step.step,
        ok: step.ok,
        ...(step.operation !== undefined ? { operation: step.operation } : {}),
        ...(step.error !== undefined ? { error: step.error } : {}),
      });
    }
    replayed = replay.schema;
    failed = replay.failure !== undefined;
  } finally {
    await scratch.close();
  }
  // After a failed replay the scratch schema is partial: comparing it with the models would only add noise.
  const drift: DriftReport = failed ? { ops: [], tables: [], renameHints: [] } : diff(project, project.withoutBookkeeping(replayed, target), target.normalized, options);
  const applied = graph.ancestors(appliedIds);
  const linted =
    options.since !== undefined ? after(graph, options.since) : options.url !== undefined ? graph.chain.filter((r) => !applied.has(r.id)) : graph.heads;
  const lint = await lintRevisions(project.dialect, linted);
  return {
    mode: 'offline',
    dialect: project.dialect.name,
    clean: drift.ops.length === 0 && verification.every((v) => v.ok),
    currentId: appliedIds.join(', ') || null,
    currentIds: appliedIds,
    headId: graph.heads.map((h) => h.id).join(', ') || null,
    heads: graph.heads.map((h) => h.id),
    pending: [],
    drift,
    tampered,
    verification,
    lint,
    sources: target.sources,
  };
}

async function tamperFindings(project: Project, graph: RevisionGraph, connection: Connection): Promise<CheckResult['tampered']> {
  return (await findTampering(connection, project.dialect, graph)).map((f) => ({ ...f, message: describeTampering(f) }));
}

/** The revisions after `since` (`base`: all), oldest first. */
function after(graph: RevisionGraph, since: string): Revision[] {
  if (since === 'base') return [...graph.chain];
  const from = graph.get(since).id;
  const later = graph.descendants(from);
  return graph.chain.filter((r) => r.id !== from && later.has(r.id));
}
