import type { Connection, Dialect } from '@autogen/dialect';
import type { LintFinding, LintSeverity } from '@autogen/lint';
import { recordOperations, type Op } from '@autogen/ops';
import type { Revision } from '@autogen/runner';
import type { Schema } from '@autogen/schema';

/** A lint finding, with the revision it is about when it comes from a revision file. */
export interface RevisionFinding extends LintFinding {
  readonly revision?: string;
  readonly file?: string;
}

/** The live database, for data probes: its schema and applied heads. */
export interface LiveDatabase {
  readonly connection: Connection;
  readonly current: Schema;
  readonly appliedHeads: ReadonlyArray<string>;
}

/**
 * Lints ops: with the live database, the data probes decide the data-dependent findings (NULLs, duplicates,
 * orphans, table size); without it, the static findings. The lint package loads only here.
 */
export async function lintOpsFor(dialect: Dialect, ops: ReadonlyArray<Op>, live?: Omit<LiveDatabase, 'appliedHeads'>): Promise<LintFinding[]> {
  const { lintOps, lintOpsWithData } = require('@autogen/lint') as typeof import('@autogen/lint');
  if (!live) return lintOps(ops, { capabilities: dialect.capabilities });
  return lintOpsWithData(ops, { capabilities: dialect.capabilities, connection: live.connection, dialect, current: live.current });
}

/**
 * Lints the upgrade of each revision. Data probes run for a revision whose parents are exactly what the live
 * database has applied (the rows it would meet are there); other revisions get the static findings.
 */
export async function lintRevisions(dialect: Dialect, revisions: ReadonlyArray<Revision>, live?: LiveDatabase): Promise<RevisionFinding[]> {
  const findings: RevisionFinding[] = [];
  for (const revision of revisions) {
    const ops = recordOperations((op) => revision.upgrade(op));
    const parents = revision.parent === null ? [] : typeof revision.parent === 'string' ? [revision.parent] : [...revision.parent];
    const atParent = live !== undefined && [...parents].sort().join() === [...live.appliedHeads].sort().join();
    const found = await lintOpsFor(dialect, ops, atParent ? live : undefined);
    findings.push(...found.map((f) => ({ ...f, revision: revision.id, file: revision.file })));
  }
  return findings;
}

/** `lint drop-column (error): …`: the comment line a finding gets in a rendered revision. */
export function findingNote(finding: LintFinding): string {
  return `lint ${finding.rule} (${finding.severity}): ${finding.message}`;
}

/** True when some finding is at `threshold` or above. */
export function failsOn(findings: ReadonlyArray<LintFinding>, threshold: LintSeverity | undefined): boolean {
  if (!threshold) return false;
  const { severityAtLeast } = require('@autogen/lint') as typeof import('@autogen/lint');
  return findings.some((f) => severityAtLeast(f.severity, threshold));
}
