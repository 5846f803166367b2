/**
 * Runs one generated round-trip case through autogen's programmatic API (the code path of the CLI: config, model
 * load through an adapter, comparison, lint, ts-morph rendering, revision loading, the runner and the dialect) on a
 * real database:
 *
 * 1. `revision` + `upgrade` create the current schema from nothing; `check` must be clean;
 * 2. the generated rows go in;
 * 3. `revision` (with the accepted renames) + `upgrade` move to the target: `check` must be clean and every value of
 *    every table and column that survives must still be there (compared loosely where the type changed);
 * 4. `downgrade -1`: the introspected schema must equal the one before the upgrade exactly (names of keys and
 *    constraints included; column positions aside, since a re-added column comes last on any database), and the
 *    surviving values must still be there;
 * 5. `upgrade head` again: `check` clean.
 *
 * The models are the generated schema itself, handed over by a small custom adapter reading `schema.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, downgrade, revision, upgrade, type AutogenConfig } from '@autogen/cli';
import type { Connection, Dialect } from '@autogen/dialect';
import { describeOp } from '@autogen/ops';
import type { DialectName, OrmAdapter, Schema, Table } from '@autogen/schema';
import type { CellValue } from './column-kinds';
import { quoteName, toSchema, type GenSchema, type GenTable } from './generated-schema';
import type { RoundTripCase } from './round-trip-case-arbitrary';

/** Reads the target schema from the single model file, a JSON dump of a {@link Schema}. */
const schemaJsonAdapter: OrmAdapter = {
  name: 'schema-json',
  async load({ files }) {
    const { readFileSync } = await import('node:fs');
    const file = files[0] as string;
    return { schema: JSON.parse(readFileSync(file, 'utf8')) as Schema, files: [file], sources: [] };
  },
};

/** Where a case runs: a project folder and the database URL (a fresh, empty database). */
export interface CaseDatabase {
  readonly dir: string;
  readonly url: string;
  readonly dialect: Dialect;
  /** A connection of the test's own (for rows and introspection). */
  connect(): Promise<Connection>;
}

/** A failed property, with the step that failed. */
export class RoundTripFailure extends Error {}

const VERSION_TABLES = ['autogen_version', 'autogen_revision_log'];

/** Runs `c` in `db`; throws a {@link RoundTripFailure} describing the first broken promise. */
export async function runRoundTrip(c: RoundTripCase, db: CaseDatabase): Promise<void> {
  const config: AutogenConfig = {
    dialect: c.dialect,
    url: db.url,
    adapter: schemaJsonAdapter,
    models: './schema.json',
    ...(c.namingConvention ? { namingConvention: c.namingConvention } : {}),
  };
  const project = { cwd: db.dir, config };
  const now = new Date('2026-01-01T00:00:00Z');
  const models = (schema: GenSchema): void => writeFileSync(join(db.dir, 'schema.json'), JSON.stringify(toSchema(schema, c.dialect), null, 2));

  models(c.current);
  await step('create the current schema', () => revision({ ...project, message: 'current', revisionId: 'current', now }));
  await step('upgrade to the current schema', () => upgrade({ ...project, target: 'head' }));
  await expectClean('after creating the current schema', project);

  const connection = await db.connect();
  try {
    await insertRows(c, db.dialect, connection);
    const before = await introspect(db.dialect, connection);
    const rowsBefore = await snapshot(c.current, c.dialect, db.dialect, connection);

    models(c.target);
    const written = await step('write the revision to the target', () => revision({ ...project, message: 'target', revisionId: 'target', now, renames: c.renames }));
    if (written.file === undefined) {
      // No difference found: then the target must indeed be what the database holds.
      await expectClean('with no revision written', project);
      return;
    }
    const revisionFile = readFileSync(written.file, 'utf8');
    await step(`upgrade to the target with this revision:\n${revisionFile}\n`, () => upgrade({ ...project, target: 'head' }));
    await expectClean('after the upgrade', project);
    compareRows('after the upgrade', rowsBefore, await snapshot(c.target, c.dialect, db.dialect, connection), c);

    await step('downgrade to the current schema', () => downgrade({ ...project, target: '-1' }));
    const after = await introspect(db.dialect, connection);
    const expected = JSON.stringify(before, null, 1);
    const actual = JSON.stringify(after, null, 1);
    if (expected !== actual) throw new RoundTripFailure(`after the downgrade the schema differs from the one before the upgrade:\n${firstDifference(expected, actual)}`);
    compareRows('after the downgrade', rowsBefore, await snapshot(c.current, c.dialect, db.dialect, connection), c);

    await step('upgrade again', () => upgrade({ ...project, target: 'head' }));
    await expectClean('after upgrading again', project);
  } finally {
    await connection.close();
  }
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new RoundTripFailure(`${what} failed: ${cause}`);
  }
}

async function expectClean(when: string, project: { cwd: string; config: AutogenConfig }): Promise<void> {
  const result = await step(`check ${when}`, () => check(project));
  if (!result.clean) {
    const ops = result.drift.ops.map((op) => describeOp(op));
    throw new RoundTripFailure(`check is not clean ${when}: ${ops.join('; ') || JSON.stringify(result.pending.map((r) => r.id))}`);
  }
}

/** The live schema, raw (no normalization), columns sorted by name, autogen's own tables left out. */
async function introspect(dialect: Dialect, connection: Connection): Promise<Schema> {
  const schema = await dialect.introspect(connection, { exclude: VERSION_TABLES });
  const tables = schema.tables.map((t): Table => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }));
  return { ...schema, tables };
}

async function insertRows(c: RoundTripCase, dialect: Dialect, connection: Connection): Promise<void> {
  // Rows are valid by construction, but cycles between tables leave no order to insert them in with checks on.
  await connection.execute(c.dialect === 'sqlite' ? 'PRAGMA foreign_keys = OFF' : 'SET session_replication_role = replica');
  for (const table of c.current.tables) {
    for (const row of c.rows[table.uid] ?? []) {
      const columns = table.columns.filter((col) => col.uid in row);
      if (!columns.length) continue;
      const placeholders = columns.map((_, i) => (c.dialect === 'sqlite' ? '?' : `$${i + 1}`));
      await connection.execute(
        `INSERT INTO ${dialect.quoteIdentifier(table.name)} (${columns.map((col) => dialect.quoteIdentifier(col.name)).join(', ')}) VALUES (${placeholders.join(', ')})`,
        columns.map((col) => row[col.uid] as CellValue),
      );
    }
  }
  await connection.execute(c.dialect === 'sqlite' ? 'PRAGMA foreign_keys = ON' : 'SET session_replication_role = DEFAULT');
}

/** Every row of every table of `schema` as text, by table uid and column uid. */
type Snapshot = Map<number, { readonly table: GenTable; readonly rows: ReadonlyArray<Readonly<Record<number, string>>> }>;

async function snapshot(schema: GenSchema, name: DialectName, dialect: Dialect, connection: Connection): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const table of schema.tables) {
    if (!table.columns.length) continue;
    // PostgreSQL spells every type as text the same way whatever the driver does; SQLite values are read as stored.
    const select = table.columns.map((col) => (name === 'postgresql' ? `${quoteName(col.name)}::text` : quoteName(col.name)));
    const rows = await connection.query<Record<string, unknown>>(`SELECT ${select.map((s, i) => `${s} AS c${i}`).join(', ')} FROM ${dialect.quoteIdentifier(table.name)}`);
    result.set(
      table.uid,
      {
        table,
        rows: rows.map((row) => Object.fromEntries(table.columns.map((col, i) => [col.uid, text(row[`c${i}`])]))),
      },
    );
  }
  return result;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString('hex')}'`;
  if (typeof value === 'bigint') return value.toString();
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

/** Numbers compare by value when a type changed (`5`, `'5'`, `5.0` and `5.00` are one value). */
function loose(value: string): string {
  const unquoted = value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1) : value;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(unquoted)) return String(Number(unquoted));
  // json → jsonb keeps the value and drops the spelling (whitespace, key order).
  if (/^[[{]/.test(unquoted)) {
    try {
      return JSON.stringify(sortKeys(JSON.parse(unquoted)));
    } catch {
      // not JSON after all
    }
  }
  if (unquoted === 't' || unquoted === 'true') return 'true';
  if (unquoted === 'f' || unquoted === 'false') return 'false';
  return unquoted;
}

/**
 * Every table of `before` that also exists in the target (same uid, any name) has the same rows in the columns the
 * current and target schemas share, as multisets; columns whose kind changed compare loosely. Dropped tables and
 * columns come back empty or with their default after a downgrade, so they are not compared.
 */
function compareRows(when: string, before: Snapshot, after: Snapshot, c: RoundTripCase): void {
  for (const [uid, then] of before) {
    const now = after.get(uid);
    const target = c.target.tables.find((t) => t.uid === uid);
    if (!now || !target) continue;
    const shared = then.table.columns.filter((col) => target.columns.some((x) => x.uid === col.uid) && now.table.columns.some((x) => x.uid === col.uid));
    if (!shared.length) continue;
    const changed = new Set(shared.filter((col) => target.columns.find((x) => x.uid === col.uid)?.kind !== col.kind).map((col) => col.uid));
    const rowsOf = (rows: ReadonlyArray<Readonly<Record<number, string>>>): string[] =>
      rows.map((row) => JSON.stringify(shared.map((col) => (changed.has(col.uid) ? loose(row[col.uid] as string) : row[col.uid])))).sort();
    const expected = rowsOf(then.rows);
    const actual = rowsOf(now.rows);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      throw new RoundTripFailure(
        `rows of ${then.table.name} (now ${now.table.name}) changed ${when}, columns ${shared.map((col) => col.name).join(', ')}:\n  before: ${expected.join('\n          ')}\n  after:  ${actual.join('\n          ')}`,
      );
    }
  }
}

/** The first differing line of two JSON dumps, with a little context. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 6);
  return `  expected: ${a.slice(from, i + 4).join('\n            ')}\n  actual:   ${b.slice(from, i + 4).join('\n            ')}`;
}
