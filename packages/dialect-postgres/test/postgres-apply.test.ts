/**
 * applyPostgresRevision and renderPostgresScript on a real server: atomic revisions, the version guard,
 * non-transactional CONCURRENTLY plans, and the psql script running as the same SQL.
 */
import { execFileSync } from 'node:child_process';
import type { RevisionPlan } from '@autogen/dialect';
import type { Op } from '@autogen/ops';
import type { Column } from '@autogen/schema';
import { applyPostgresRevision, isTransactionalPlan, PostgresRevisionError, PostgresVersionConflictError, renderPostgresScript } from '../src/postgres-apply';
import type { PostgresConnection } from '../src/postgres-connection';
import { connect } from './support/connect';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const column = (name: string, raw: string, nullable = true): Column => ({ name, type: { name: raw, args: [], raw }, nullable });

const moveVersion = (from: string, to: string): RevisionPlan['versionStatements'] => [
  { sql: `UPDATE autogen_version SET version = '${to}' WHERE version = '${from}'`, comment: `move version ${from} -> ${to}`, expectChanges: 1 },
];

describe('applyPostgresRevision', () => {
  let db: TestDatabase;
  let connection: PostgresConnection;
  const version = async (): Promise<unknown> => (await db.exec('SELECT version FROM autogen_version'))[0]?.version;
  const tables = async (): Promise<ReadonlyArray<unknown>> =>
    (await db.exec(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.tablename);

  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await connect(db.url);
  });
  afterAll(async () => {
    await connection.close();
    await db.drop();
  });
  beforeEach(async () => {
    await db.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE autogen_version (version text); INSERT INTO autogen_version VALUES ('a')`);
  });

  test('ops and the version move commit together', async () => {
    const ops: Op[] = [
      { kind: 'createTable', table: { name: 'users', columns: [column('id', 'integer', false)], primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], uniques: [], checks: [] } },
      { kind: 'addColumn', table: 'users', column: column('email', 'text') },
    ];
    const steps: string[] = [];
    await applyPostgresRevision(connection, { label: 'a -> b', ops, versionStatements: moveVersion('a', 'b') }, (e) => steps.push(`${e.table}: ${e.step}`));
    expect(await tables()).toEqual(['autogen_version', 'users']);
    expect(await version()).toBe('b');
    expect(steps).toEqual(['users: create table users', 'users: add column users.email text']);
  });

  test('a failing statement rolls back the tables and the version row, and the error names the statement', async () => {
    await db.exec(`CREATE TABLE keep (id int); INSERT INTO keep VALUES (1), (1)`);
    const ops: Op[] = [
      { kind: 'createTable', table: { name: 'users', columns: [column('id', 'integer')], foreignKeys: [], indexes: [], uniques: [], checks: [] } },
      { kind: 'addColumn', table: 'keep', column: column('note', 'text') },
      { kind: 'createUnique', table: 'keep', unique: { name: 'keep_id_uq', columns: ['id'] } },
    ];
    const error = await applyPostgresRevision(connection, { label: 'a -> b (unique)', ops, versionStatements: moveVersion('a', 'b') }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PostgresRevisionError);
    const message = (error as Error).message;
    expect(message).toContain('revision a -> b (unique) rolled back: failed at "add keep_id_uq UNIQUE (id) on keep"');
    expect(message).toContain('SQL: ALTER TABLE "keep" ADD CONSTRAINT "keep_id_uq" UNIQUE ("id")');
    expect(message).toMatch(/could not create unique index/);
    expect(await tables()).toEqual(['autogen_version', 'keep']);
    expect((await db.exec(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'keep'`))[0]).toEqual({ n: 1 });
    expect(await version()).toBe('a');
    // the connection is usable afterwards (no transaction left open)
    expect(await connection.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  test('a version statement that changes an unexpected number of rows rolls back the whole revision', async () => {
    const ops: Op[] = [{ kind: 'execute', sql: 'CREATE TABLE t (id int)' }];
    await expect(applyPostgresRevision(connection, { label: 'x -> y', ops, versionStatements: moveVersion('x', 'y') })).rejects.toBeInstanceOf(
      PostgresVersionConflictError,
    );
    expect(await tables()).toEqual(['autogen_version']);
    expect(await version()).toBe('a');
  });

  test('long SQL is shortened in the message', async () => {
    const long = `SELECT ${Array.from({ length: 200 }, (_, i) => `${i} AS c${i}`).join(', ')} FROM missing_table`;
    const error = await applyPostgresRevision(connection, { label: 'l', ops: [{ kind: 'execute', sql: long }], versionStatements: [] }).catch((e: Error) => e);
    const sqlLine = (error as Error).message.split('\n').find((l) => l.trim().startsWith('SQL:')) ?? '';
    expect(sqlLine.length).toBeLessThan(220);
    expect(sqlLine).toMatch(/…$/);
    expect((error as Error).message).toMatch(/relation "missing_table" does not exist/);
  });

  describe('non-transactional plans (CONCURRENTLY)', () => {
    const index = { name: 'users_email_idx', unique: true, parts: [{ kind: 'column' as const, name: 'email' }] };

    test('CREATE INDEX CONCURRENTLY runs outside a transaction, then the version moves', async () => {
      await db.exec(`CREATE TABLE users (email text); INSERT INTO users VALUES ('a'), ('b')`);
      const plan: RevisionPlan = { label: 'a -> b', transactional: false, ops: [{ kind: 'createIndex', table: 'users', index, concurrently: true }], versionStatements: moveVersion('a', 'b') };
      expect(isTransactionalPlan(plan)).toBe(false);
      await applyPostgresRevision(connection, plan);
      expect(await db.exec(`SELECT i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = 'users_email_idx'::regclass`)).toEqual([{ valid: true }]);
      expect(await version()).toBe('b');
      await applyPostgresRevision(connection, {
        label: 'b -> a',
        ops: [{ kind: 'dropIndex', table: 'users', existing: index, concurrently: true }],
        versionStatements: moveVersion('b', 'a'),
      });
      expect(await db.exec(`SELECT indexname FROM pg_indexes WHERE tablename = 'users'`)).toEqual([]);
      expect(await version()).toBe('a');
    });

    test('a failure says what already ran and how to recover from the INVALID index', async () => {
      await db.exec(`CREATE TABLE users (email text); INSERT INTO users VALUES ('a'), ('a')`);
      const plan: RevisionPlan = {
        label: 'a -> b',
        transactional: false,
        ops: [
          { kind: 'addColumn', table: 'users', column: column('name', 'text') },
          { kind: 'createIndex', table: 'users', index, concurrently: true },
        ],
        versionStatements: moveVersion('a', 'b'),
      };
      const error = (await applyPostgresRevision(connection, plan).catch((e: unknown) => e)) as PostgresRevisionError;
      expect(error).toBeInstanceOf(PostgresRevisionError);
      expect(error.message).toContain('failed at "create index UNIQUE users_email_idx (email) on users"');
      expect(error.message).toMatch(/could not create unique index/);
      expect(error.message).toContain('Already applied and NOT rolled back');
      expect(error.message).toContain('- add column users.name text');
      expect(error.message).toContain('drop it with DROP INDEX CONCURRENTLY IF EXISTS "users_email_idx"');
      expect(error.applied.map((s) => s.sql)).toEqual(['ALTER TABLE "users" ADD COLUMN "name" text']);
      // as the message says: the column stayed, the index is INVALID, the version did not move
      expect((await db.exec(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'users'`))[0]).toEqual({ n: 2 });
      expect(await db.exec(`SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass`)).toEqual([{ valid: false }]);
      expect(await version()).toBe('a');
    });

    test('a CONCURRENTLY op is never run inside a transaction, even if the plan says transactional', async () => {
      await db.exec(`CREATE TABLE users (email text)`);
      const plan: RevisionPlan = { label: 'a -> b', ops: [{ kind: 'createIndex', table: 'users', index, concurrently: true }], versionStatements: moveVersion('a', 'b') };
      expect(isTransactionalPlan(plan)).toBe(false);
      await applyPostgresRevision(connection, plan);
      expect(await version()).toBe('b');
    });
  });
});

describe('renderPostgresScript', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const plans: ReadonlyArray<RevisionPlan> = [
    {
      label: 'base -> a1',
      ops: [
        { kind: 'createEnum', enum: { name: 'mood', values: ['sad', 'ok'] } },
        {
          kind: 'createTable',
          table: {
            name: 'Users',
            comment: "it's -- not a comment",
            columns: [column('id', 'serial', false), column('mood', 'mood'), column('select', 'text')],
            primaryKey: { columns: ['id'] },
            foreignKeys: [],
            indexes: [],
            uniques: [],
            checks: [],
          },
        },
        { kind: 'execute', sql: 'INSERT INTO "Users" (mood) VALUES (\'ok\') -- trailing comment' },
      ],
      versionStatements: [
        { sql: 'CREATE TABLE autogen_version (version text)', comment: 'version table' },
        { sql: `INSERT INTO autogen_version VALUES ('a1')`, expectChanges: 1 },
      ],
    },
    {
      label: 'a1 -> a2',
      transactional: false,
      ops: [{ kind: 'createIndex', table: 'Users', concurrently: true, index: { name: 'users_select', unique: false, parts: [{ kind: 'column', name: 'select' }] } }],
      versionStatements: moveVersion('a1', 'a2'),
    },
  ];

  test('the script has ON_ERROR_STOP, one transaction per transactional plan and a comment per statement', () => {
    const script = renderPostgresScript(plans);
    expect(script.split('\n')).toContain('\\set ON_ERROR_STOP on');
    expect(script).toContain('-- Revision base -> a1\nBEGIN;\n');
    expect(script).toContain('-- create table Users\nCREATE TABLE "Users" (');
    expect(script).toContain(`-- trailing comment\n;`);
    const second = script.slice(script.indexOf('-- Revision a1 -> a2'));
    expect(second.indexOf('CREATE INDEX CONCURRENTLY')).toBeLessThan(second.indexOf('BEGIN;'));
    expect(second).toMatch(/OUTSIDE a transaction/);
    expect(script.match(/^BEGIN;$/gm)).toHaveLength(2);
    expect(script.match(/^COMMIT;$/gm)).toHaveLength(2);
  });

  test('psql runs the script, and stops at the first error before COMMIT', async () => {
    const psql = (script: string): { code: number; stderr: string } => {
      try {
        execFileSync('psql', ['-X', '-q', '-d', db.url, '-f', '-'], { input: script, stdio: ['pipe', 'pipe', 'pipe'] });
        return { code: 0, stderr: '' };
      } catch (error) {
        const e = error as { status: number; stderr: Buffer };
        return { code: e.status, stderr: e.stderr.toString() };
      }
    };
    const ok = psql(renderPostgresScript(plans));
    expect(ok).toEqual({ code: 0, stderr: '' });
    expect(await db.exec('SELECT version FROM autogen_version')).toEqual([{ version: 'a2' }]);
    expect(await db.exec(`SELECT obj_description('"Users"'::regclass, 'pg_class') AS c`)).toEqual([{ c: "it's -- not a comment" }]);
    expect(await db.exec(`SELECT indexname FROM pg_indexes WHERE tablename = 'Users' ORDER BY 1`)).toEqual([{ indexname: 'Users_pkey' }, { indexname: 'users_select' }]);

    const failing: RevisionPlan = {
      label: 'a2 -> a3',
      ops: [
        { kind: 'addColumn', table: 'Users', column: column('extra', 'text') },
        { kind: 'execute', sql: 'SELECT * FROM no_such_table' },
      ],
      versionStatements: moveVersion('a2', 'a3'),
    };
    const bad = psql(renderPostgresScript([failing]));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no_such_table/);
    expect(await db.exec('SELECT version FROM autogen_version')).toEqual([{ version: 'a2' }]);
    expect(await db.exec(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Users' AND column_name = 'extra'`)).toEqual([]);
  });
});
