/**
 * The scratch database of `check --offline`: an in-process PGlite that needs no server. The rich schema applied
 * there must introspect exactly as on a real server (the round-trip test's contract), and closing it must free it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Op } from '@autogen/ops';
import { reverseAll } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { sortSchema } from '@autogen/schema';
import { postgresDialect } from '../src/postgres-dialect';
import { connect } from './support/connect';
import { richSchema } from './support/rich-schema';
import { createTestDatabase } from './support/test-database';

const schemas = ['public', 'audit'];
const upgrade: ReadonlyArray<Op> = [
  ...(richSchema.enums ?? []).map((e): Op => ({ kind: 'createEnum', enum: e })),
  ...richSchema.tables.map((t): Op => ({ kind: 'createTable', table: t })),
];

/** Catalog spellings may differ between server versions (PGlite is PostgreSQL 18): compare canonical fields only. */
function canonical(schema: Schema): Schema {
  return sortSchema({
    ...schema,
    tables: schema.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, type: { ...c.type, raw: '' } })) })),
  });
}

/** Runs steps against a fresh scratch database in a child process (see support/scratch-child.cjs). */
function inScratch(searchPath: ReadonlyArray<string>, steps: ReadonlyArray<object>): unknown[] {
  const result = spawnSync(process.execPath, [join(__dirname, 'support', 'scratch-child.cjs')], {
    input: JSON.stringify({ searchPath, steps }),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scratch child failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('PostgreSQL scratch database (PGlite)', () => {
  test('creates the configured schemas, and introspects a revision exactly as a server does', async () => {
    const [applied, onScratch, count, down, empty] = inScratch(schemas, [
      { apply: upgrade },
      { introspect: schemas },
      { query: 'SELECT count(*) AS n FROM accounts' },
      { apply: reverseAll(upgrade) },
      { introspect: schemas },
    ]);
    expect(applied).toEqual({ ok: true });
    expect(count).toEqual([{ n: '0' }]);
    expect(down).toEqual({ ok: true });
    expect((empty as Schema).tables).toEqual([]);
    const db = await createTestDatabase();
    try {
      await db.exec('CREATE SCHEMA audit');
      const server = await connect(db.url);
      try {
        await postgresDialect.applyRevision(server, { label: 'rich', ops: upgrade, versionStatements: [] });
        const onServer = postgresDialect.normalize(await postgresDialect.introspect(server, { exclude: [], schemas }));
        expect(canonical(onScratch as Schema)).toEqual(canonical(JSON.parse(JSON.stringify(onServer)) as Schema));
      } finally {
        await server.close();
      }
    } finally {
      await db.drop();
    }
  });

  test('errors carry SQLSTATE and message like a server connection, and each scratch database is new', () => {
    const [, , duplicate, updated] = inScratch([], [
      { execute: 'CREATE TABLE t (id integer PRIMARY KEY)' },
      { execute: 'INSERT INTO t VALUES (1)' },
      { execute: 'INSERT INTO t VALUES (1)' },
      { execute: 'UPDATE t SET id = 2' },
    ]);
    expect(duplicate).toMatchObject({ name: 'PostgresQueryError', code: '23505' });
    expect((duplicate as { error: string }).error).toMatch(/duplicate key value violates unique constraint "t_pkey"/);
    expect(updated).toBe(1);
    expect(inScratch([], [{ query: "SELECT to_regclass('public.t') AS t" }])).toEqual([[{ t: null }]]);
  });
});
