import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Op } from '@autogen/ops';
import { findTable } from '@autogen/schema';
import { col, fk, ix } from './fixtures';
import { apply, editTable, lintChange, lintOps, liveSchema, outline } from './support/live-lint';
import type { LiveDatabase } from './support/live-lint';

/** Data probes against real SQLite files: each probe turns its warning into an error (rows exist) or into nothing. */

const dirs: string[] = [];
const open: LiveDatabase[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.connection.close();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new database file with `sql` run in it. */
async function database(sql: string): Promise<LiveDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autogen-lint-'));
  dirs.push(dir);
  const connection = await sqliteDialect.connect('sqlite:./app.db', { baseDir: dir, mustExist: false });
  const db: LiveDatabase = { dialect: sqliteDialect, connection, introspect: { exclude: [] } };
  open.push(db);
  await connection.execute(sql);
  return db;
}

const USERS = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);';

describe('not-null-without-default on SQLite', () => {
  const setNotNull = (schema: Parameters<typeof editTable>[0]) =>
    editTable(schema, 'users', (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'email' ? { ...c, nullable: false } : c)) }));

  it('is an error counting the NULLs when rows hold NULL (and applying fails)', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a@x'), (NULL), (NULL);`);
    const { ops, findings } = await lintChange(db, setNotNull);
    expect(ops.map((op) => op.kind)).toEqual(['rebuildTable']);
    expect(outline(findings)).toEqual(['not-null-without-default error data', 'table-rebuild info']);
    expect(findings[0]).toMatchObject({ opIndex: 0, table: 'users', column: 'email', checked: 'data' });
    expect(findings[0]?.message).toBe(
      'alter column users.email set NOT NULL: fails, 2 row(s) hold NULL in it; backfill them (UPDATE ... SET email = ... WHERE email IS NULL) first',
    );
    await expect(apply(db, ops)).rejects.toThrow(/NOT NULL/);
  });

  it('is no finding when no row holds NULL (and applying works)', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a@x'), ('b@x');`);
    const { ops, findings } = await lintChange(db, setNotNull);
    expect(outline(findings)).toEqual(['table-rebuild info']);
    await apply(db, ops);
  });

  it('follows a column rename earlier in the ops and probes the old name', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES (NULL);`);
    const renamed = (schema: Parameters<typeof editTable>[0]) =>
      editTable(schema, 'users', (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'email' ? { ...c, name: 'mail', nullable: false } : c)) }));
    const { ops, findings } = await lintChange(db, renamed, { renames: ['users.email=mail'] });
    // SQLite rebuilds the table; the rename is one of the rebuild's changes, before the NOT NULL change.
    expect(ops.map((op) => op.kind)).toEqual(['rebuildTable']);
    expect(ops[0]?.kind === 'rebuildTable' && ops[0].changes.map((op) => op.kind)).toEqual(['renameColumn', 'alterColumn']);
    expect(outline(findings)).toEqual(['not-null-without-default error data', 'rename-breaks-clients warning', 'table-rebuild info']);
    expect(findings[0]?.message).toContain('users.mail set NOT NULL: fails, 1 row(s) hold NULL');
    await expect(apply(db, ops)).rejects.toThrow(/NOT NULL/);
  });

  it('keeps the static warning after hand-written SQL, which may backfill the NULLs', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES (NULL);`);
    const current = await liveSchema(db);
    const users = findTable(current, 'users')!;
    const email = users.columns.find((c) => c.name === 'email')!;
    const ops: Op[] = [
      { kind: 'execute', sql: "UPDATE users SET email = '' WHERE email IS NULL" },
      { kind: 'alterColumn', table: 'users', column: 'email', from: email, to: { ...email, nullable: false }, changes: ['nullable'] },
    ];
    const findings = await lintOps(db, ops, current);
    expect(outline(findings)).toEqual(['raw-sql info', 'not-null-without-default warning']);
    expect(findings[1]?.message).toMatch(/fails if any row holds NULL/);
  });

  it('keeps the static warning for a table the live schema does not have', async () => {
    const db = await database(USERS);
    const ops: Op[] = [{ kind: 'alterColumn', table: 'ghost', column: 'x', from: col('x', 'text'), to: col('x', 'text', { nullable: false }), changes: ['nullable'] }];
    expect(outline(await lintOps(db, ops))).toEqual(['not-null-without-default warning']);
  });
});

describe('not-null-without-default for an added column on SQLite', () => {
  const addNickname = (schema: Parameters<typeof editTable>[0]) =>
    editTable(schema, 'users', (t) => ({ ...t, columns: [...t.columns, col('nickname', 'TEXT', { nullable: false })] }));

  it('is an error when the table has rows (and applying fails)', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a@x');`);
    const { ops, findings } = await lintChange(db, addNickname);
    expect(outline(findings)).toEqual(['not-null-without-default error data', 'table-rebuild info']);
    expect(findings[0]?.message).toMatch(/^add column users\.nickname NOT NULL without a default: fails, the table has rows;/);
    await expect(apply(db, ops)).rejects.toThrow(/NOT NULL/);
  });

  it('is no finding on an empty table (and applying works)', async () => {
    const db = await database(USERS);
    const { ops, findings } = await lintChange(db, addNickname);
    expect(outline(findings)).toEqual(['table-rebuild info']);
    await apply(db, ops);
  });
});

describe('unique-on-duplicates on SQLite', () => {
  const uniqueEmail = (schema: Parameters<typeof editTable>[0]) =>
    editTable(schema, 'users', (t) => ({ ...t, indexes: [...t.indexes, ix('ux_users_email', ['email'], { unique: true })] }));

  it('is an error counting the duplicated values (and applying fails)', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a'), ('a'), ('a'), ('b'), ('b'), ('c'), (NULL), (NULL);`);
    const { ops, findings } = await lintChange(db, uniqueEmail);
    expect(ops.map((op) => op.kind)).toEqual(['createIndex']);
    expect(outline(findings)).toEqual(['unique-on-duplicates error data']);
    expect(findings[0]).toMatchObject({ table: 'users', constraint: 'ux_users_email', checked: 'data' });
    expect(findings[0]?.message).toBe(
      'create unique index ux_users_email on users(email): fails, 2 value(s) occur in more than one row; resolve them first',
    );
    await expect(apply(db, ops)).rejects.toThrow(/UNIQUE/);
  });

  it('is no finding when only NULLs repeat (and applying works)', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a'), ('b'), (NULL), (NULL);`);
    const { ops, findings } = await lintChange(db, uniqueEmail);
    expect(findings).toEqual([]);
    await apply(db, ops);
  });

  it('restricts a partial index probe to the rows of its predicate', async () => {
    const db = await database(`${USERS} INSERT INTO users (email, name) VALUES ('a', 'old'), ('a', 'live'), ('b', 'live'), ('b', 'live');`);
    const ops: Op[] = [{ kind: 'createIndex', table: 'users', index: ix('ux_live', ['email'], { unique: true, where: "name = 'live'" }) }];
    const findings = await lintOps(db, ops);
    expect(findings[0]?.message).toContain('fails, 1 value(s) occur in more than one row');
  });

  it('keeps the static warning, with the error, when the probe query fails', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a');`);
    const ops: Op[] = [{ kind: 'createIndex', table: 'users', index: { name: 'ux_bad', parts: [{ kind: 'expression', sql: 'lower(nope)' }], unique: true } }];
    const findings = await lintOps(db, ops);
    expect(outline(findings)).toEqual(['unique-on-duplicates warning']);
    expect(findings[0]?.message).toMatch(/fails if existing rows hold duplicate values; .* \(data check failed: .*nope/);
  });
});

describe('foreign-key-orphans on SQLite', () => {
  const POSTS = `${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);`;
  const addKey = (schema: Parameters<typeof editTable>[0]) =>
    editTable(schema, 'posts', (t) => ({ ...t, foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'fk_posts_user' })] }));

  it('is an error counting the rows that reference no parent (and applying fails)', async () => {
    const db = await database(`${POSTS} INSERT INTO users (id) VALUES (1); INSERT INTO posts (user_id) VALUES (1), (7), (8), (NULL);`);
    const { ops, findings } = await lintChange(db, addKey);
    expect(outline(findings)).toEqual(['foreign-key-orphans error data', 'table-rebuild info']);
    expect(findings[0]?.message).toBe(
      'add foreign key fk_posts_user posts(user_id) -> users(id): fails, 2 row(s) of posts reference no users row; fix or delete them first',
    );
    await expect(apply(db, ops)).rejects.toThrow(/foreign key/i);
  });

  it('is no finding when every non-NULL key has its parent (and applying works)', async () => {
    const db = await database(`${POSTS} INSERT INTO users (id) VALUES (1); INSERT INTO posts (user_id) VALUES (1), (NULL);`);
    const { ops, findings } = await lintChange(db, addKey);
    expect(outline(findings)).toEqual(['table-rebuild info']);
    await apply(db, ops);
  });

  it('counts every keyed row as an orphan when the parent table is created in the same ops', async () => {
    const db = await database(`${POSTS} INSERT INTO posts (user_id) VALUES (1), (NULL);`);
    const ops: Op[] = [
      {
        kind: 'createTable',
        table: { name: 'authors', columns: [col('id', 'INTEGER', { nullable: false })], primaryKey: { columns: ['id'] }, foreignKeys: [], indexes: [], uniques: [], checks: [] },
      },
      { kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'authors', ['id']) },
    ];
    const findings = await lintOps(db, ops);
    expect(outline(findings)).toEqual(['foreign-key-orphans error data']);
    expect(findings[0]?.message).toContain('fails, 1 row(s) of posts reference no authors row');
  });
});

describe('blocking-index-build on SQLite', () => {
  it('is never reported: SQLite has no concurrent index builds', async () => {
    const db = await database(`${USERS} INSERT INTO users (email) VALUES ('a'), ('b'), ('c');`);
    const { findings } = await lintChange(db, (s) => editTable(s, 'users', (t) => ({ ...t, indexes: [ix('ix_users_name', ['name'])] })), { largeTableRows: 1 });
    expect(findings).toEqual([]);
  });
});
