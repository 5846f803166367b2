import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseNotFoundError, InvalidUrlError } from '@autogen/dialect';
import { connectSqlite, SqliteQueryError } from '../src/sqlite-connection';
import { parseSqliteUrl } from '../src/sqlite-url';
import { cleanup, tempDir } from './helpers';

afterAll(cleanup);

describe('parseSqliteUrl', () => {
  const base = path.resolve('/project/config');
  const cases: ReadonlyArray<{ name: string; url: string; want: ReturnType<typeof parseSqliteUrl> }> = [
    { name: 'sqlite: relative', url: 'sqlite:./app.db', want: { kind: 'file', path: path.join(base, 'app.db') } },
    { name: 'sqlite: bare relative', url: 'sqlite:data/app.db', want: { kind: 'file', path: path.join(base, 'data/app.db') } },
    { name: 'sqlite: absolute', url: 'sqlite:/abs/path.db', want: { kind: 'file', path: path.resolve('/abs/path.db') } },
    { name: 'SQLAlchemy relative (3 slashes)', url: 'sqlite:///rel.db', want: { kind: 'file', path: path.join(base, 'rel.db') } },
    { name: 'SQLAlchemy absolute (4 slashes)', url: 'sqlite:////abs.db', want: { kind: 'file', path: path.resolve('/abs.db') } },
    { name: 'sqlite3: alias', url: 'sqlite3:../up.db', want: { kind: 'file', path: path.resolve(base, '../up.db') } },
    { name: 'file: relative', url: 'file:app.db?mode=rwc', want: { kind: 'file', path: path.join(base, 'app.db') } },
    { name: 'file:/// absolute', url: pathToFileURL('/abs/x y.db').href, want: { kind: 'file', path: path.resolve('/abs/x y.db') } },
    { name: 'bare relative path', url: './app.db', want: { kind: 'file', path: path.join(base, 'app.db') } },
    { name: 'bare absolute path', url: '/var/db/app.db', want: { kind: 'file', path: path.resolve('/var/db/app.db') } },
    { name: ':memory:', url: ':memory:', want: { kind: 'memory' } },
    { name: 'sqlite::memory:', url: 'sqlite::memory:', want: { kind: 'memory' } },
    { name: 'SQLAlchemy in-memory sqlite://', url: 'sqlite://', want: { kind: 'memory' } },
    { name: 'file::memory:', url: 'file::memory:', want: { kind: 'memory' } },
  ];
  it.each(cases)('$name', ({ url, want }) => {
    expect(parseSqliteUrl(url, base)).toEqual(want);
  });

  it('rejects other schemes and a host part', () => {
    expect(() => parseSqliteUrl('postgres://localhost/db', base)).toThrow(InvalidUrlError);
    expect(() => parseSqliteUrl('sqlite://host/app.db', base)).toThrow(/three slashes/);
    expect(() => parseSqliteUrl('  ', base)).toThrow(InvalidUrlError);
  });
});

describe('connectSqlite', () => {
  it('with mustExist, a missing file is DatabaseNotFoundError with a hint and is not created', async () => {
    const dir = tempDir();
    const error = await connectSqlite('sqlite:./missing.db', { baseDir: dir, mustExist: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotFoundError);
    expect((error as DatabaseNotFoundError).location).toBe(path.join(dir, 'missing.db'));
    expect((error as Error).message).toMatch(/resolved against/);
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file without mustExist, resolves against baseDir, describes itself by path, enables foreign keys', async () => {
    const dir = tempDir();
    const connection = await connectSqlite('sqlite:///nested.db', { baseDir: dir, mustExist: false });
    try {
      expect(connection.description).toBe(path.join(dir, 'nested.db'));
      expect(fs.existsSync(path.join(dir, 'nested.db'))).toBe(true);
      expect(await connection.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      // Several statements without params run as a script.
      expect(await connection.execute('CREATE TABLE t (a integer); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);')).toBe(0);
      // One statement reports its changed rows.
      expect(await connection.execute('UPDATE t SET a = a + 10')).toBe(2);
      expect(await connection.execute('DELETE FROM t WHERE a = ?', [11])).toBe(1);
      expect(await connection.query('SELECT a FROM t')).toEqual([{ a: 12 }]);
      // A statement returning no data through query gives no rows.
      expect(await connection.query('INSERT INTO t VALUES (?)', [3])).toEqual([]);
    } finally {
      await connection.close();
    }
    // An existing file opens with mustExist.
    const again = await connectSqlite(`sqlite:${path.join(dir, 'nested.db')}`, { baseDir: '/', mustExist: true });
    expect(await again.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens an in-memory database', async () => {
    const connection = await connectSqlite('sqlite::memory:', { baseDir: '/', mustExist: true });
    expect(connection.description).toBe(':memory:');
    expect(await connection.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await connection.close();
  });
});

describe('connection errors', () => {
  it('are SqliteQueryError (an Error in this realm) with SQLite code and message', async () => {
    const dir = tempDir();
    const connection = await connectSqlite('sqlite:./e.db', { baseDir: dir, mustExist: false });
    await connection.execute('CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p (id))');
    const error = await connection.execute('INSERT INTO c VALUES (5)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteQueryError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY constraint failed' });
    await expect(connection.query('SELECT * FROM nowhere')).rejects.toThrow('no such table: nowhere');
    await connection.close();
    await expect(connectSqlite(`sqlite:${path.join(dir, 'no/such/dir/x.db')}`, { baseDir: dir, mustExist: false })).rejects.toThrow(/cannot open SQLite database/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
