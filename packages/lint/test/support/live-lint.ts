/**
 * Drives the data lint the way the CLI does: introspect the live database, derive the model schema by editing
 * it, compare, lint the ops with the data, and (to show the verdict was right) apply them.
 */
import { compare, parseRenames } from '@autogen/compare';
import type { Connection, Dialect, IntrospectOptions } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import { lintOpsWithData } from '@autogen/lint';
import type { LintFinding } from '@autogen/lint';
import { findTable, tableKey } from '@autogen/schema';
import type { Schema, Table } from '@autogen/schema';

/** A live database and how to read it. */
export interface LiveDatabase {
  readonly dialect: Dialect;
  readonly connection: Connection;
  readonly introspect: IntrospectOptions;
}

/** The live schema, normalized. */
export async function liveSchema(db: LiveDatabase): Promise<Schema> {
  return db.dialect.normalize(await db.dialect.introspect(db.connection, db.introspect));
}

/** `schema` with the table `key` replaced by `edit(table)`. */
export function editTable(schema: Schema, key: string, edit: (table: Table) => Table): Schema {
  if (!findTable(schema, key)) throw new Error(`no table ${key} in ${schema.tables.map(tableKey).join(', ')}`);
  return { ...schema, tables: schema.tables.map((t) => (tableKey(t) === key ? edit(t) : t)) };
}

/** What one lint run saw. */
export interface LintRun {
  readonly current: Schema;
  readonly ops: ReadonlyArray<Op>;
  readonly findings: LintFinding[];
}

/** Compares the live schema with `target(current)` and lints the resulting ops against the live data. */
export async function lintChange(
  db: LiveDatabase,
  target: (current: Schema) => Schema,
  options: { readonly renames?: ReadonlyArray<string>; readonly largeTableRows?: number } = {},
): Promise<LintRun> {
  const current = await liveSchema(db);
  const ops = compare(current, db.dialect.normalize(target(current)), {
    capabilities: db.dialect.capabilities,
    renames: parseRenames(options.renames ?? []),
  }).ops;
  return { current, ops, findings: await lintOps(db, ops, current, options.largeTableRows) };
}

/** {@link lintOpsWithData} on hand-made ops against the live database. */
export async function lintOps(db: LiveDatabase, ops: ReadonlyArray<Op>, current?: Schema, largeTableRows?: number): Promise<LintFinding[]> {
  return lintOpsWithData(ops, {
    capabilities: db.dialect.capabilities,
    connection: db.connection,
    dialect: db.dialect,
    current: current ?? (await liveSchema(db)),
    ...(largeTableRows !== undefined ? { largeTableRows } : {}),
  });
}

/** Applies ops as one revision (no version table). */
export function apply(db: LiveDatabase, ops: ReadonlyArray<Op>): Promise<void> {
  return db.dialect.applyRevision(db.connection, { label: 'lint test', ops, versionStatements: [] });
}

/** Findings reduced to `rule severity [checked]` strings, for readable assertions. */
export function outline(findings: ReadonlyArray<LintFinding>): string[] {
  return findings.map((f) => `${f.rule} ${f.severity}${f.checked ? ` ${f.checked}` : ''}`);
}
