import type { Connection, Dialect, VersionStatement } from '@autogen/dialect';

/** Name of the table that records the applied revision (kept out of introspection). */
export const VERSION_TABLE = 'autogen_version';

/** DDL for the version table; idempotent. One row holds the applied revision (Alembic's `alembic_version`). */
export function createVersionTableSql(dialect: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdentifier(VERSION_TABLE)} (version_num VARCHAR(64) NOT NULL PRIMARY KEY)`;
}

/** Reads the applied heads: one row per current head (Alembic's model); empty = base or no version table yet. */
export async function readCurrentHeads(connection: Connection, dialect: Dialect, tableExists: boolean): Promise<string[]> {
  if (!tableExists) return [];
  const rows = await connection.query<{ version_num: string }>(`SELECT version_num FROM ${dialect.quoteIdentifier(VERSION_TABLE)}`);
  return rows.map((r) => r.version_num).sort();
}

/** Reads the applied revision (`null` = none); an error when the database has several heads. */
export async function readCurrentRevision(connection: Connection, dialect: Dialect, tableExists: boolean): Promise<string | null> {
  const heads = await readCurrentHeads(connection, dialect, tableExists);
  if (heads.length > 1) {
    throw new Error(`the database has ${heads.length} heads applied (${heads.join(', ')}); name one revision, or merge them with \`autogen merge\``);
  }
  return heads[0] ?? null;
}

/**
 * The statements that move the version table from the heads `before` to the heads `after`. Each expects to change
 * exactly one row, so a concurrent runner that moved the version first makes the revision roll back. One head
 * replaced by another is one UPDATE (the statement of a single line of history); a merge updates one parent's
 * row and deletes the others'; a new branch inserts a row.
 */
export function moveVersionStatements(dialect: Dialect, before: ReadonlyArray<string>, after: ReadonlyArray<string>): VersionStatement[] {
  const removed = before.filter((h) => !after.includes(h));
  const added = after.filter((h) => !before.includes(h));
  const table = dialect.quoteIdentifier(VERSION_TABLE);
  const lit = (v: string): string => dialect.quoteLiteral(v);
  const statements: VersionStatement[] = [];
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) statements.push(moveVersionStatement(dialect, removed[i] as string, added[i] as string));
  for (const from of removed.slice(pairs)) {
    statements.push(after.length === 0 ? moveVersionStatement(dialect, from, null) : { sql: `DELETE FROM ${table} WHERE version_num = ${lit(from)}`, comment: `${from} merged`, expectChanges: 1 });
  }
  for (const to of added.slice(pairs)) {
    statements.push(
      before.length === 0 && added.length === 1
        ? moveVersionStatement(dialect, null, to)
        : { sql: `INSERT INTO ${table} (version_num) SELECT ${lit(to)} WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE version_num = ${lit(to)})`, comment: `record head ${to}`, expectChanges: 1 },
    );
  }
  return statements;
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
