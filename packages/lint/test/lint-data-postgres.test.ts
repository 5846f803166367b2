import { postgresDialect } from '@autogen/dialect-postgres';
import type { Op } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { createTestDatabase } from '../../dialect-postgres/test/support/test-database';
import type { TestDatabase } from '../../dialect-postgres/test/support/test-database';
import { col, fk, ix } from './fixtures';
import { apply, editTable, lintChange, lintOps, outline } from './support/live-lint';
import type { LiveDatabase } from './support/live-lint';

/**
 * Data probes against a real PostgreSQL database: each probe turns its warning into an error (rows exist) or into
 * nothing, on tables of the default schema and of another one (`audit`, qualified in the probe).
 */

let server: TestDatabase;
let db: LiveDatabase;

beforeAll(async () => {
  server = await createTestDatabase('autogen_lint');
  const connection = await postgresDialect.connect(server.url, { baseDir: process.cwd(), mustExist: true, searchPath: ['public', 'audit'] });
  db = { dialect: postgresDialect, connection, introspect: { exclude: [], schemas: ['public', 'audit'] } };
});

afterAll(async () => {
  await db?.connection.close();
  await server?.drop();
});

beforeEach(async () => {
  await db.connection.execute('DROP SCHEMA IF EXISTS audit CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE SCHEMA audit');
});

const USERS = 'CREATE TABLE users (id integer PRIMARY KEY, email text, name text);';
const EVENTS = 'CREATE TABLE audit.events (id integer PRIMARY KEY, kind varchar(20), user_id integer);';

const column = (schema: Schema, key: string, name: string, edit: (c: Schema['tables'][number]['columns'][number]) => Schema['tables'][number]['columns'][number]) =>
  editTable(schema, key, (t) => ({ ...t, columns: t.columns.map((c) => (c.name === name ? edit(c) : c)) }));

describe('not-null-without-default on PostgreSQL', () => {
  const setNotNull = (s: Schema): Schema => column(s, 'audit.events', 'kind', (c) => ({ ...c, nullable: false }));

  it('is an error counting the NULLs of a column in another schema (and applying fails)', async () => {
    await db.connection.execute(`${EVENTS} INSERT INTO audit.events VALUES (1, 'login', NULL), (2, NULL, NULL), (3, NULL, NULL), (4, NULL, NULL)`);
    const { ops, findings } = await lintChange(db, setNotNull);
    expect(ops.map((op) => op.kind)).toEqual(['alterColumn']);
    expect(outline(findings)).toEqual(['not-null-without-default error data']);
    expect(findings[0]).toMatchObject({ opIndex: 0, table: 'audit.events', column: 'kind', checked: 'data' });
    expect(findings[0]?.message).toContain('alter column audit.events.kind set NOT NULL: fails, 3 row(s) hold NULL in it');
    await expect(apply(db, ops)).rejects.toThrow(/null/i);
  });

  it('is no finding when no row holds NULL (and applying works)', async () => {
    await db.connection.execute(`${EVENTS} INSERT INTO audit.events VALUES (1, 'login', NULL)`);
    const { ops, findings } = await lintChange(db, setNotNull);
    expect(findings).toEqual([]);
    await apply(db, ops);
  });

  it('probes the old table name after a table rename in the same ops', async () => {
    await db.connection.execute(`${USERS} INSERT INTO users VALUES (1, NULL, 'x')`);
    const renamed = (s: Schema): Schema =>
      editTable(s, 'users', (t) => ({ ...t, name: 'people', columns: t.columns.map((c) => (c.name === 'email' ? { ...c, nullable: false } : c)) }));
    const { ops, findings } = await lintChange(db, renamed, { renames: ['users=people'] });
    expect(ops.map((op) => op.kind)).toEqual(['renameTable', 'alterColumn']);
    expect(outline(findings)).toEqual(['rename-breaks-clients warning', 'not-null-without-default error data']);
    expect(findings[1]?.message).toContain('people.email set NOT NULL: fails, 1 row(s) hold NULL');
  });

  it('for an added NOT NULL column: an error when the table has rows, nothing when it is empty', async () => {
    await db.connection.execute(`${USERS} ${EVENTS} INSERT INTO users VALUES (1, 'a', 'x')`);
    const addColumns = (s: Schema): Schema => {
      const withUsers = editTable(s, 'users', (t) => ({ ...t, columns: [...t.columns, col('code', 'text', { nullable: false })] }));
      return editTable(withUsers, 'audit.events', (t) => ({ ...t, columns: [...t.columns, col('code', 'text', { nullable: false })] }));
    };
    const { ops, findings } = await lintChange(db, addColumns);
    expect(ops.map((op) => (op.kind === 'addColumn' ? op.table : op.kind))).toEqual(['audit.events', 'users']);
    expect(outline(findings)).toEqual(['not-null-without-default error data']);
    expect(findings[0]).toMatchObject({ opIndex: 1, table: 'users', column: 'code' });
    await expect(apply(db, ops)).rejects.toThrow(/null/i);
    await apply(db, ops.slice(0, 1));
  });
});

describe('unique-on-duplicates on PostgreSQL', () => {
  it('is an error for a unique constraint over duplicates, nothing once they are resolved', async () => {
    await db.connection.execute(`${USERS} INSERT INTO users VALUES (1, 'a', 'x'), (2, 'a', 'y'), (3, NULL, 'z'), (4, NULL, 'z')`);
    const unique = (s: Schema): Schema => editTable(s, 'users', (t) => ({ ...t, uniques: [{ name: 'uq_users_email', columns: ['email'] }] }));
    const dirty = await lintChange(db, unique);
    expect(dirty.ops.map((op) => op.kind)).toEqual(['createUnique']);
    expect(outline(dirty.findings)).toEqual(['unique-on-duplicates error data']);
    expect(dirty.findings[0]?.message).toBe('add unique uq_users_email on users(email): fails, 1 value(s) occur in more than one row; resolve them first');
    await expect(apply(db, dirty.ops)).rejects.toThrow(/unique|duplicate/i);

    await db.connection.execute("UPDATE users SET email = 'b' WHERE id = 2");
    const clean = await lintChange(db, unique);
    expect(clean.findings).toEqual([]);
    await apply(db, clean.ops);
  });

  it('for a primary key also counts NULL keys, which it rejects', async () => {
    await db.connection.execute(`${EVENTS} CREATE TABLE audit.tags (label text, note text); INSERT INTO audit.tags VALUES ('a', '1'), ('a', '2'), (NULL, '3')`);
    const withKey = (s: Schema): Schema => editTable(s, 'audit.tags', (t) => ({ ...t, primaryKey: { name: 'tags_pkey', columns: ['label'] } }));
    const dirty = await lintChange(db, withKey);
    expect(dirty.ops.map((op) => op.kind)).toEqual(['alterColumn', 'createPrimaryKey']);
    expect(outline(dirty.findings)).toEqual(['not-null-without-default error data', 'unique-on-duplicates error data']);
    expect(dirty.findings[1]).toMatchObject({ opIndex: 1, table: 'audit.tags', constraint: 'tags_pkey' });
    expect(dirty.findings[1]?.message).toBe(
      'add primary key tags_pkey on audit.tags(label): fails, 1 value(s) occur in more than one row and 1 row(s) hold NULL in the key; resolve them first',
    );

    await db.connection.execute("DELETE FROM audit.tags WHERE note <> '1'");
    const clean = await lintChange(db, withKey);
    expect(clean.findings).toEqual([]);
    await apply(db, clean.ops);
  });
});

describe('foreign-key-orphans on PostgreSQL', () => {
  const addKey = (s: Schema): Schema =>
    editTable(s, 'audit.events', (t) => ({ ...t, foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'fk_events_user' })] }));

  it('is an error counting orphans across schemas, nothing once they are fixed', async () => {
    await db.connection.execute(`${USERS} ${EVENTS} INSERT INTO users VALUES (1, 'a', 'x'); INSERT INTO audit.events VALUES (1, 'k', 1), (2, 'k', 5), (3, 'k', NULL)`);
    const dirty = await lintChange(db, addKey);
    expect(dirty.ops.map((op) => op.kind)).toEqual(['createForeignKey']);
    expect(outline(dirty.findings)).toEqual(['foreign-key-orphans error data']);
    expect(dirty.findings[0]?.message).toBe(
      'add foreign key fk_events_user audit.events(user_id) -> users(id): fails, 1 row(s) of audit.events reference no users row; fix or delete them first',
    );
    await expect(apply(db, dirty.ops)).rejects.toThrow(/foreign key/i);

    await db.connection.execute('UPDATE audit.events SET user_id = 1 WHERE id = 2');
    const clean = await lintChange(db, addKey);
    expect(clean.findings).toEqual([]);
    await apply(db, clean.ops);
  });
});

describe('blocking-index-build on PostgreSQL', () => {
  const addIndex = (s: Schema): Schema => editTable(s, 'users', (t) => ({ ...t, indexes: [ix('ix_users_name', ['name'])] }));

  it('is a warning when the table has more rows than largeTableRows, nothing when it has fewer', async () => {
    await db.connection.execute(`${USERS} INSERT INTO users SELECT g, NULL, 'n' FROM generate_series(1, 5) AS g`);
    const large = await lintChange(db, addIndex, { largeTableRows: 4 });
    expect(outline(large.findings)).toEqual(['blocking-index-build warning data']);
    expect(large.findings[0]).toMatchObject({ table: 'users', constraint: 'ix_users_name' });
    expect(large.findings[0]?.message).toContain('the table has more than 4 rows');
    expect(large.findings[0]?.message).toContain('--concurrent-indexes');

    expect((await lintChange(db, addIndex, { largeTableRows: 5 })).findings).toEqual([]);
    // The default threshold is 100 000 rows.
    expect((await lintChange(db, addIndex)).findings).toEqual([]);
  });

  it('keeps the info finding when hand-written SQL runs first, and reports nothing for a concurrent build', async () => {
    await db.connection.execute(USERS);
    const index: Op = { kind: 'createIndex', table: 'users', index: ix('ix_users_name', ['name']) };
    expect(outline(await lintOps(db, [{ kind: 'execute', sql: 'SELECT 1' }, index], undefined, 0))).toEqual(['raw-sql info', 'blocking-index-build info']);
    expect(await lintOps(db, [{ ...index, concurrently: true } as Op], undefined, 0)).toEqual([]);
  });
});

describe('static findings stay static on PostgreSQL', () => {
  it('does not probe type narrowing or enum label removals', async () => {
    await db.connection.execute(`${USERS} CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE feelings (id integer PRIMARY KEY, mood mood)`);
    const target = (s: Schema): Schema => {
      const narrowed = column(s, 'users', 'name', (c) => ({ ...c, type: { name: 'varchar', args: [10], raw: 'varchar(10)' } }));
      return { ...narrowed, enums: [{ name: 'mood', values: ['ok'] }] };
    };
    const { findings } = await lintChange(db, target);
    expect(outline(findings)).toEqual(['enum-label-removed error', 'type-narrowing error']);
  });
});
