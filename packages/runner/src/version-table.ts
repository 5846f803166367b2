import type { Connection, Dialect, VersionStatement } from '@autogen/dialect';

/** Name of the table that records the applied revision (kept out of introspection). */
export const VERSION_TABLE = 'autogen_version';

/** DDL for the version table; idempotent. One row holds the applied revision (Alembic's `alembic_version`). */
export function createVersionTableSql(dialect: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdentifier(VERSION_TABLE)} (version_num VARCHAR(64) NOT NULL PRIMARY KEY)`;
}

/** Reads the applied revision (`null` = none, or no version table yet). */
export async function readCurrentRevision(connection: Connection, dialect: Dialect, tableExists: boolean): Promise<string | null> {
  if (!tableExists) return null;
  const rows = await connection.query<{ version_num: string }>(`SELECT version_num FROM ${dialect.quoteIdentifier(VERSION_TABLE)}`);
  if (rows.length > 1) {
    throw new Error(`${VERSION_TABLE} holds ${rows.length} revisions (${rows.map((r) => r.version_num).join(', ')}); this version of autogen supports a single line of history`);
  }
  return rows[0]?.version_num ?? null;
}

/**
 * The statement that moves the version from `from` to `to` (either may be null = base). Each one expects to
 * change exactly one row, so a concurrent runner that moved the version first makes this revision roll back.
 */
export function moveVersionStatement(dialect: Dialect, from: string | null, to: string | null): VersionStatement {
  const table = dialect.quoteIdentifier(VERSION_TABLE);
  const lit = (v: string): string => dialect.quoteLiteral(v);
  if (from === null && to !== null) {
    return {
      sql: `INSERT INTO ${table} (version_num) SELECT ${lit(to)} WHERE NOT EXISTS (SELECT 1 FROM ${table})`,
      comment: `record revision ${to}`,
      expectChanges: 1,
    };
  }
  if (from !== null && to === null) {
    return { sql: `DELETE FROM ${table} WHERE version_num = ${lit(from)}`, comment: `back to base from ${from}`, expectChanges: 1 };
  }
  if (from !== null && to !== null) {
    return { sql: `UPDATE ${table} SET version_num = ${lit(to)} WHERE version_num = ${lit(from)}`, comment: `${from} -> ${to}`, expectChanges: 1 };
  }
  throw new Error('moveVersionStatement: from and to are both base');
}
