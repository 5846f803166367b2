/**
 * The PostgreSQL test harness itself: how it picks its mode, and the embedded server it falls back to (started
 * here directly, so this runs in every mode).
 */
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './support/embedded-postgres';
import type { testDatabaseMode as TestDatabaseModeFn } from './support/test-database-mode';

/** `testDatabaseMode()` from a fresh copy of its module, with the given environment. */
function modeWith(env: { AUTOGEN_TEST_PG?: string; AUTOGEN_TEST_PG_URL?: string }): ReturnType<typeof TestDatabaseModeFn> {
  const saved = { AUTOGEN_TEST_PG: process.env.AUTOGEN_TEST_PG, AUTOGEN_TEST_PG_URL: process.env.AUTOGEN_TEST_PG_URL };
  const set = (name: keyof typeof saved, value: string | undefined): void => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  set('AUTOGEN_TEST_PG', env.AUTOGEN_TEST_PG);
  set('AUTOGEN_TEST_PG_URL', env.AUTOGEN_TEST_PG_URL);
  try {
    let mode: ReturnType<typeof TestDatabaseModeFn> | undefined;
    jest.isolateModules(() => {
      mode = (require('./support/test-database-mode') as { testDatabaseMode: typeof TestDatabaseModeFn }).testDatabaseMode();
    });
    return mode!;
  } finally {
    set('AUTOGEN_TEST_PG', saved.AUTOGEN_TEST_PG);
    set('AUTOGEN_TEST_PG_URL', saved.AUTOGEN_TEST_PG_URL);
  }
}

async function query(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

async function connectFailure(url: string): Promise<Error & { code?: string }> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    return error as Error & { code?: string };
  }
  await client.end();
  throw new Error(`connected to ${url}`);
}

describe('testDatabaseMode', () => {
  test('AUTOGEN_TEST_PG=embedded wins, even over AUTOGEN_TEST_PG_URL', () => {
    const mode = modeWith({ AUTOGEN_TEST_PG: 'embedded', AUTOGEN_TEST_PG_URL: 'postgres://u@127.0.0.1:1/db' });
    expect(mode.kind).toBe('embedded');
    expect(mode.capabilities).toEqual({ sessionIsolation: false });
  });

  test('AUTOGEN_TEST_PG_URL is taken as it is, without a probe', () => {
    const started = Date.now();
    const mode = modeWith({ AUTOGEN_TEST_PG_URL: 'postgres://u@127.0.0.1:1/db' });
    expect(mode).toMatchObject({ kind: 'server', adminUrl: 'postgres://u@127.0.0.1:1/db', capabilities: { sessionIsolation: true } });
    expect(Date.now() - started).toBeLessThan(100); // no child process was started
  });

  test('without either, a probe of 127.0.0.1:5432 decides, within its timeout', () => {
    const started = Date.now();
    const mode = modeWith({});
    expect(Date.now() - started).toBeLessThan(5000);
    if (mode.kind === 'server') expect(mode.adminUrl).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    else expect(mode.reason).toMatch(/^no server on 127\.0\.0\.1:5432/);
  });

  test('an unknown AUTOGEN_TEST_PG is refused', () => {
    expect(() => modeWith({ AUTOGEN_TEST_PG: 'sometimes' })).toThrow('AUTOGEN_TEST_PG must be "server", "embedded" or "auto", not "sometimes"');
  });
});

describe('startEmbeddedPostgres', () => {
  let first: EmbeddedPostgres;
  let second: EmbeddedPostgres;
  beforeAll(async () => {
    [first, second] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  test('serves PostgreSQL on 127.0.0.1 and its own port, as user postgres in database postgres', async () => {
    expect(first.url).toBe(`postgres://postgres@127.0.0.1:${first.port}/postgres`);
    expect(second.port).not.toBe(first.port);
    expect(await query(first.url, 'SELECT current_database() AS db, current_user AS usr')).toEqual([{ db: 'postgres', usr: 'postgres' }]);
  });

  test('each server has its own database', async () => {
    await query(first.url, 'CREATE TABLE only_in_first (id int)');
    expect(await query(first.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_first'")).toEqual([{ n: 1 }]);
    expect(await query(second.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_first'")).toEqual([{ n: 0 }]);
  });

  test('takes several connections at once', async () => {
    const clients = [1, 2, 3, 4].map(() => new Client({ connectionString: first.url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const answers = await Promise.all(clients.map((c, i) => c.query(`SELECT ${i} AS i`)));
      expect(answers.map((a) => a.rows[0].i)).toEqual([0, 1, 2, 3]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  test('refuses any other database, as a server does (SQLSTATE 3D000)', async () => {
    const error = await connectFailure(`postgres://postgres:pw@127.0.0.1:${first.port}/elsewhere`);
    expect(error.code).toBe('3D000');
    expect(error.message).toBe('database "elsewhere" does not exist');
  });

  test('after stop() the port is closed, and stopping again is harmless', async () => {
    const server = await startEmbeddedPostgres();
    await server.stop();
    await server.stop();
    expect((await connectFailure(server.url)).code).toBe('ECONNREFUSED');
  });
});
