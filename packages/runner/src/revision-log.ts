import type { Connection, Dialect, VersionStatement } from '@autogen/dialect';
import type { Revision } from './revision';
import type { RevisionGraph } from './revision-graph';

/**
 * Name of the table that records, for each applied revision, the SHA-256 of its file's bytes when it was applied
 * (tamper evidence). A separate table keeps the version table exactly as before (one row per head), so databases
 * migrated by an earlier autogen keep working: the log is created on the next write and fills from then on.
 */
export const REVISION_LOG_TABLE = 'autogen_revision_log';

/** DDL for the revision log; idempotent. */
export function createRevisionLogSql(dialect: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdentifier(REVISION_LOG_TABLE)} (revision VARCHAR(64) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP)`;
}

/**
 * The log statements of one step, run in the revision's transaction: record its checksum, or forget it. The log
 * table is created by the first step that needs it (in the same transaction), so a history without checksums
 * leaves the database's tables as they were.
 */
export function revisionLogStatements(dialect: Dialect, revision: Revision, direction: 'upgrade' | 'downgrade'): VersionStatement[] {
  if (revision.checksum === undefined) return [];
  const table = dialect.quoteIdentifier(REVISION_LOG_TABLE);
  const id = dialect.quoteLiteral(revision.id);
  const statements: VersionStatement[] = [
    { sql: createRevisionLogSql(dialect), comment: 'revision checksum log' },
    { sql: `DELETE FROM ${table} WHERE revision = ${id}`, comment: `forget the checksum of ${revision.id}` },
  ];
  if (direction === 'upgrade') {
    statements.push({
      sql: `INSERT INTO ${table} (revision, checksum, applied_at) VALUES (${id}, ${dialect.quoteLiteral(revision.checksum)}, CURRENT_TIMESTAMP)`,
      comment: `checksum of ${revision.id}`,
    });
  }
  return statements;
}

/** An applied revision whose file changed or disappeared since it was applied. */
export interface TamperFinding {
  readonly revision: string;
  /** The file now (undefined when it disappeared). */
  readonly file: string | undefined;
  readonly problem: 'changed' | 'missing';
  readonly recorded: string;
  readonly actual: string | undefined;
}

/** Compares the recorded checksums with the files; an empty list when the log does not exist yet. */
export async function findTampering(connection: Connection, dialect: Dialect, graph: RevisionGraph): Promise<TamperFinding[]> {
  let rows: Array<{ revision: string; checksum: string }>;
  try {
    rows = await connection.query<{ revision: string; checksum: string }>(`SELECT revision, checksum FROM ${dialect.quoteIdentifier(REVISION_LOG_TABLE)} ORDER BY revision`);
  } catch {
    return [];
  }
  const findings: TamperFinding[] = [];
  for (const row of rows) {
    if (!graph.has(row.revision)) {
      findings.push({ revision: row.revision, file: undefined, problem: 'missing', recorded: row.checksum, actual: undefined });
      continue;
    }
    const revision = graph.get(row.revision);
    if (revision.checksum !== undefined && revision.checksum !== row.checksum) {
      findings.push({ revision: row.revision, file: revision.file, problem: 'changed', recorded: row.checksum, actual: revision.checksum });
    }
  }
  return findings;
}

/** One line per finding, for warnings. */
export function describeTampering(finding: TamperFinding): string {
  return finding.problem === 'missing'
    ? `applied revision ${finding.revision} has no revision file any more (deleted or renamed?)`
    : `applied revision ${finding.revision} (${finding.file}) has changed since it was applied (sha256 ${finding.recorded.slice(0, 12)}… recorded, ${finding.actual?.slice(0, 12)}… now)`;
}
