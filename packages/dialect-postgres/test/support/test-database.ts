/**
 * A throw-away PostgreSQL database per test file, so that `npm test` passes on any machine.
 *
 * Three modes, decided once per test file by `testDatabaseMode()` (test-database-mode.ts):
 * 1. **`AUTOGEN_TEST_PG_URL` set** (CI): server mode on that server. The URL names a maintenance database; each
 *    `createTestDatabase()` runs `CREATE DATABASE <prefix>_<random>` there and `drop()` drops it.
 * 2. **A server answers on 127.0.0.1:5432** (user `postgres`, probed with a TCP connect plus `SELECT 1`, 1 s at
 *    most): server mode on that server, as in 1.
 * 3. **Otherwise** — or always with `AUTOGEN_TEST_PG=embedded`, to exercise this mode on a machine that has a
 *    server: embedded mode. Each `createTestDatabase()` starts its own in-memory PGlite
 *    (`@electric-sql/pglite`, PostgreSQL 18 compiled to WASM) served over TCP by `@electric-sql/pglite-socket` in
 *    a child Node process on 127.0.0.1 and a free port; the URL is `postgres://postgres@127.0.0.1:<port>/postgres`
 *    and `drop()` stops the process, which discards the database. The child process is needed because the CLI
 *    tests run `autogen` with `spawnSync`, which blocks this process's event loop.
 *    `AUTOGEN_TEST_PG=server` forbids this fallback (a missing server is then an error).
 *
 * Limits of embedded mode (see {@link TestDatabaseCapabilities}):
 * - PGlite runs one backend session, and pglite-socket multiplexes every TCP connection onto it. So all
 *   connections share one pid, session settings, temporary tables and session-level advisory locks: a second
 *   connection's `pg_advisory_lock` does not wait for the first, and `pg_terminate_backend` cannot end a
 *   connection. pglite-socket runs one message at a time and, while a transaction is open, only that
 *   connection's messages — a connection that waits for another while in a transaction hangs.
 *   `capabilities.sessionIsolation` is false; the few tests that need it run only in server mode, as
 *   `(testDatabaseCapabilities().sessionIsolation ? test : test.skip)('… (needs a real PostgreSQL server)')`.
 * - There is one database, `postgres`; connecting to any other name fails with SQLSTATE 3D000 as on a server
 *   (the child's proxy does this: pglite-socket itself would accept any name). User names and passwords are not
 *   checked.
 * - The server is PostgreSQL 18 (PGlite 0.5.14), whereas CI may run another major version; catalog output that
 *   differs between versions must be compared in a version-tolerant way.
 * - Starting an instance takes about 1 s (initdb's result is cached in the OS temp folder, see the server
 *   script) and about 400 MB of memory while it runs, once per test file.
 *
 * Tests reach the maintenance database through {@link TestDatabase.adminUrl}, which is right in both modes, and
 * choose tests by capability with `testDatabaseCapabilities()`, which is synchronous so that it works while jest
 * collects the tests.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { testDatabaseMode, type TestDatabaseCapabilities } from './test-database-mode';

export { testDatabaseCapabilities, testDatabaseMode } from './test-database-mode';
export type { TestDatabaseCapabilities, TestDatabaseMode } from './test-database-mode';

/** A created test database. */
export interface TestDatabase {
  /** Database name (`postgres` in embedded mode). */
  readonly name: string;
  /** `postgres://…/<name>` */
  readonly url: string;
  /** A database on the same server that is not this one's (embedded mode: this one, the server's only database). */
  readonly adminUrl: string;
  /** Which mode created it. */
  readonly mode: 'server' | 'embedded';
  readonly capabilities: TestDatabaseCapabilities;
  /** Runs SQL in the test database (a fresh connection per call). */
  exec(sql: string, params?: ReadonlyArray<unknown>): Promise<Array<Record<string, unknown>>>;
  /** Removes the database: drops it (terminating leftover connections), or stops the embedded server. */
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function execIn(url: string): TestDatabase['exec'] {
  return (sql, params) =>
    withClient(url, async (client) => {
      const result = await client.query(sql, params as unknown[] | undefined);
      return (Array.isArray(result) ? result[result.length - 1] : result).rows as Array<Record<string, unknown>>;
    });
}

/**
 * Creates a fresh, empty database: `<prefix>_<random>` on the server, or a new embedded server (where `prefix`
 * plays no part, the database being `postgres`).
 */
export async function createTestDatabase(prefix = 'autogen_test'): Promise<TestDatabase> {
  const mode = testDatabaseMode();
  if (mode.kind === 'embedded') {
    const server = await startEmbeddedPostgres();
    return {
      name: 'postgres',
      url: server.url,
      adminUrl: server.url,
      mode: 'embedded',
      capabilities: mode.capabilities,
      exec: execIn(server.url),
      drop: () => server.stop(),
    };
  }
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await withClient(mode.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(mode.adminUrl, name);
  return {
    name,
    url,
    adminUrl: mode.adminUrl,
    mode: 'server',
    capabilities: mode.capabilities,
    exec: execIn(url),
    async drop() {
      await withClient(mode.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
