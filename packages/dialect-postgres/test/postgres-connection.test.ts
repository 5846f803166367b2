import * as net from 'node:net';
import { DatabaseNotFoundError, InvalidUrlError } from '@autogen/dialect';
import { connectPostgres, PostgresConnectionError, PostgresQueryError } from '../src/postgres-connection';
import { assertPostgresUrl, connectTimeoutMs, describePostgresTarget, maskUrl } from '../src/postgres-url';
import { createTestDatabase, testDatabaseCapabilities } from './support/test-database';
import type { TestDatabase } from './support/test-database';

const options = { baseDir: '/nowhere', mustExist: false };
const SECRET = 'S3cr3t-p4ss';

/** Ending one connection's backend needs a backend per connection; embedded PGlite has one session for all. */
const withSessionIsolation = testDatabaseCapabilities().sessionIsolation ? it : it.skip;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** `db.url` with user-info `user:password`. */
function withCredentials(url: string, user: string, password: string, database?: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  if (database !== undefined) parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A TCP port with nothing listening on it (bound, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A listening server; `onConnection` decides what it says. Returns its port and a stop function. */
async function startServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

async function connectError(url: string, mustExist = false): Promise<Error> {
  try {
    const connection = await connectPostgres(url, { ...options, mustExist });
    await connection.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error(`connecting to ${maskUrl(url)} succeeded`);
}

/** Every message of the error and its causes, and its hint. */
function allText(error: Error): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message, current.stack ?? '', String((current as { hint?: unknown }).hint ?? ''));
    current = current.cause;
  }
  return parts.join('\n');
}

describe('maskUrl', () => {
  it.each([
    ['postgres://app:secret@db.example.com:5432/app', 'postgres://app:***@db.example.com:5432/app'],
    ['postgresql://app:p%40ss%2Fword@host/app?sslmode=require', 'postgresql://app:***@host/app?sslmode=require'],
    ['postgres://app:p@ss@host/app', 'postgres://app:***@host/app'],
    ['postgres://app@host/app?password=secret&sslmode=require', 'postgres://app@host/app?password=***&sslmode=require'],
    ['postgres://app:@host/app', 'postgres://app:***@host/app'],
    ['postgres://host/app', 'postgres://host/app'],
    ['postgres://app@host/app', 'postgres://app@host/app'],
    ['host=db user=app password=secret dbname=app', 'host=db user=app password=*** dbname=app'],
    ['not a url at all', 'not a url at all'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});

describe('URL checks', () => {
  it('accepts postgres:// and postgresql://, refuses other schemes with the password masked', () => {
    expect(() => assertPostgresUrl('postgres://u:p@h/d')).not.toThrow();
    expect(() => assertPostgresUrl('POSTGRESQL://u@h:5433/d')).not.toThrow();
    for (const url of ['mysql://u:hunter2@h/d', 'sqlite:./app.db', 'postgres:/h/d', '']) {
      let error: unknown;
      try {
        assertPostgresUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidUrlError);
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });

  it('reads connect_timeout in seconds, 0 meaning none', () => {
    expect(connectTimeoutMs('postgres://h/d?connect_timeout=3', 10_000)).toBe(3000);
    expect(connectTimeoutMs('postgres://h/d?sslmode=disable&connect_timeout=0', 10_000)).toBe(0);
    expect(connectTimeoutMs('postgres://h/d', 10_000)).toBe(10_000);
  });

  it('describes a target as user@host:port/database, brackets around IPv6 hosts', () => {
    expect(describePostgresTarget({ user: 'app', host: '::1', port: 5433, database: 'x' })).toBe('app@[::1]:5433/x');
    expect(describePostgresTarget({ user: 'app', host: 'db', port: 5432, database: 'x' })).toBe('app@db:5432/x');
    expect(describePostgresTarget({ user: '', host: '/run/postgresql', port: 5432, database: 'x' })).toBe('/run/postgresql:5432/x');
  });
});

describe('connectPostgres', () => {
  it('runs queries with parameters, several statements without, and describes itself without the password', async () => {
    const connection = await connectPostgres(withCredentials(db.url, 'postgres', SECRET), options);
    try {
      const url = new URL(db.url);
      expect(connection.description).toBe(`postgres@${url.hostname}:${url.port || 5432}/${db.name}`);
      expect(connection.description).not.toContain(SECRET);
      expect(await connection.query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
      // Several statements through the simple query protocol; the count is the last statement's.
      const changed = await connection.execute(
        'CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2), (3); UPDATE t SET id = id + 10 WHERE id > 1',
      );
      expect(changed).toBe(2);
      expect(await connection.execute('DELETE FROM t WHERE id = $1', [1])).toBe(1);
      expect(await connection.query('SELECT 1 AS a; SELECT 2 AS b')).toEqual([{ b: 2 }]);
      expect(await connection.execute('DROP TABLE t')).toBe(0);
    } finally {
      await connection.close();
    }
  });

  it('turns a failed statement into a plain Error with PostgreSQL\'s message, detail and SQLSTATE', async () => {
    const connection = await connectPostgres(db.url, options);
    try {
      await connection.execute('CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (p int REFERENCES parent)');
      let error: unknown;
      try {
        await connection.execute('INSERT INTO child VALUES ($1)', [7]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(PostgresQueryError);
      expect((error as PostgresQueryError).code).toBe('23503');
      expect((error as Error).message).toContain('violates foreign key constraint "child_p_fkey"');
      expect((error as Error).message).toContain('Key (p)=(7) is not present in table "parent"');
      await expect(connection.query('SELECT * FROM missing_table')).rejects.toMatchObject({
        code: '42P01',
        message: 'relation "missing_table" does not exist',
      });
      // The connection is still usable after an error.
      expect(await connection.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await connection.close();
    }
  });

  it('runs calls one at a time in call order, even when they are not awaited one by one', async () => {
    const connection = await connectPostgres(db.url, options);
    try {
      await connection.execute('CREATE TABLE seq_log (n int, at timestamptz DEFAULT clock_timestamp())');
      const calls = Array.from({ length: 20 }, (_, n) => connection.execute('INSERT INTO seq_log (n) VALUES ($1)', [n]));
      const failing = connection.query('SELECT * FROM no_such_table');
      const after = connection.query<{ n: number }>('SELECT count(*)::int AS n FROM seq_log');
      await Promise.all(calls);
      await expect(failing).rejects.toBeInstanceOf(PostgresQueryError);
      expect(await after).toEqual([{ n: 20 }]);
      const rows = await connection.query<{ n: number }>('SELECT n FROM seq_log ORDER BY at, n');
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    } finally {
      await connection.close();
    }
  });

  withSessionIsolation('reports a connection the server dropped as a query error, not an unhandled event (needs a real PostgreSQL server)', async () => {
    const connection = await connectPostgres(db.url, options);
    const [{ pid }] = await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await db.exec('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(connection.query('SELECT 1')).rejects.toBeInstanceOf(PostgresQueryError);
    await connection.close();
    await connection.close();
  });

  it('names host, port and database when the connection is refused, and never the password', async () => {
    const port = await freePort();
    const url = `postgres://app:${SECRET}@127.0.0.1:${port}/appdb`;
    const error = await connectError(url);
    expect(error).toBeInstanceOf(PostgresConnectionError);
    expect(error.message).toBe(`cannot connect to PostgreSQL database "appdb" at 127.0.0.1:${port} as user "app": connection refused`);
    expect((error as PostgresConnectionError).reason).toBe('refused');
    expect((error as PostgresConnectionError).hint).toContain(`127.0.0.1:${port}`);
    expect(allText(error)).not.toContain(SECRET);
  });

  it('says a missing database does not exist, does not create it, and hints that the user creates it', async () => {
    const missing = `${db.name}_missing`;
    const url = withCredentials(db.url, 'postgres', SECRET, missing);
    const error = await connectError(url);
    expect(error).toBeInstanceOf(PostgresConnectionError);
    const { hostname, port } = new URL(db.url);
    expect(error.message).toBe(
      `cannot connect to PostgreSQL database "${missing}" at ${hostname}:${port || 5432} as user "postgres": database "${missing}" does not exist`,
    );
    expect((error as PostgresConnectionError).reason).toBe('database-not-found');
    expect((error as PostgresConnectionError).hint).toMatch(/does not create PostgreSQL databases.*createdb/);
    expect(allText(error)).not.toContain(SECRET);
    expect(await db.exec('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [missing])).toEqual([{ n: 0 }]);
  });

  it('with mustExist, a missing database is the DatabaseNotFoundError of the Dialect contract', async () => {
    const missing = `${db.name}_gone`;
    const error = await connectError(withCredentials(db.url, 'postgres', SECRET, missing), true);
    expect(error).toBeInstanceOf(DatabaseNotFoundError);
    expect(error.message).toContain(`/${missing}`);
    expect(error.message).toContain('createdb');
    expect(allText(error)).not.toContain(SECRET);
  });

  it('times out on a server that never answers', async () => {
    const silent = await startServer(() => undefined);
    try {
      const started = Date.now();
      const error = await connectError(`postgres://app:${SECRET}@127.0.0.1:${silent.port}/appdb?connect_timeout=1`);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(PostgresConnectionError);
      expect((error as PostgresConnectionError).reason).toBe('timeout');
      expect(error.message).toBe(`cannot connect to PostgreSQL database "appdb" at 127.0.0.1:${silent.port} as user "app": no answer from the server after 1 s`);
      expect(allText(error)).not.toContain(SECRET);
    } finally {
      await silent.stop();
    }
  });

  it('says when no server listens in a socket directory', async () => {
    const error = await connectError(`postgres://app:${SECRET}@/appdb?host=/nonexistent-socket-dir&port=5499`);
    expect((error as PostgresConnectionError).reason).toBe('refused');
    expect(error.message).toBe('cannot connect to PostgreSQL database "appdb" at /nonexistent-socket-dir:5499 as user "app": no server socket in that directory');
    expect(allText(error)).not.toContain(SECRET);
  });

  it('says the host was not found', async () => {
    const error = await connectError(`postgres://app:${SECRET}@no-such-host.invalid:5432/appdb`);
    expect((error as PostgresConnectionError).reason).toBe('host-not-found');
    expect(error.message).toContain('"appdb" at no-such-host.invalid:5432');
    expect(allText(error)).not.toContain(SECRET);
  });

  /**
   * The local test server trusts 127.0.0.1, so it never asks for a password. This server speaks just enough of
   * the wire protocol (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP) to do
   * what a password-checking server does: ask for the password in clear text, receive it, and refuse it with
   * SQLSTATE 28P01 and PostgreSQL's own message.
   */
  it('reports a refused password without ever printing it', async () => {
    let received = '';
    const server = await startServer((socket) => {
      let stage: 'startup' | 'password' = 'startup';
      socket.on('data', (chunk: Buffer) => {
        if (stage === 'startup') {
          stage = 'password';
          const ask = Buffer.alloc(9);
          ask.write('R', 0);
          ask.writeInt32BE(8, 1);
          ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
          socket.write(ask);
          return;
        }
        if (chunk[0] !== 0x70) return; // only the PasswordMessage ('p') gets an answer
        received = chunk.subarray(5, chunk.length - 1).toString('utf8');
        const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "app"'];
        const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`)), Buffer.from([0])]);
        const header = Buffer.alloc(5);
        header.write('E', 0);
        header.writeInt32BE(body.length + 4, 1);
        socket.end(Buffer.concat([header, body]));
      });
    });
    try {
      const error = await connectError(`postgres://app:${SECRET}@127.0.0.1:${server.port}/appdb`);
      expect(received).toBe(SECRET); // the password really went to the server
      expect(error).toBeInstanceOf(PostgresConnectionError);
      expect((error as PostgresConnectionError).reason).toBe('authentication');
      expect(error.message).toBe(
        `cannot connect to PostgreSQL database "appdb" at 127.0.0.1:${server.port} as user "app": password authentication failed for user "app"`,
      );
      expect(allText(error)).not.toContain(SECRET);
    } finally {
      await server.stop();
    }
  });

  it('says when the server asks for a password and the URL has none', async () => {
    // AuthenticationSASL offering SCRAM-SHA-256, what a default PostgreSQL 14+ server sends, then the server-first
    // message (https://www.postgresql.org/docs/current/sasl-authentication.html#SASL-SCRAM-SHA-256), where the
    // client needs the password.
    const authMessage = (code: number, data: Buffer): Buffer => {
      const head = Buffer.alloc(9);
      head.write('R', 0);
      head.writeInt32BE(8 + data.length, 1);
      head.writeInt32BE(code, 5);
      return Buffer.concat([head, data]);
    };
    const server = await startServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        if (chunk[0] === 0) socket.write(authMessage(10, Buffer.from('SCRAM-SHA-256\0\0')));
        if (chunk[0] !== 0x70) return;
        const nonce = /r=([^,\0]+)/.exec(chunk.toString('latin1'))?.[1] ?? '';
        socket.write(authMessage(11, Buffer.from(`r=${nonce}server,s=${Buffer.from('salt').toString('base64')},i=4096`)));
      });
    });
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      const error = await connectError(`postgres://app@127.0.0.1:${server.port}/appdb?connect_timeout=2`);
      expect((error as PostgresConnectionError).reason).toBe('password-required');
      expect(error.message).toContain(`"appdb" at 127.0.0.1:${server.port}`);
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
      await server.stop();
    }
  });

  it('refuses a URL of another database kind before connecting', async () => {
    await expect(connectPostgres('mysql://root:hunter2@127.0.0.1/app', options)).rejects.toBeInstanceOf(InvalidUrlError);
  });

  it('reaches the admin database the test harness uses', async () => {
    const connection = await connectPostgres(db.adminUrl, { ...options, mustExist: true });
    try {
      expect(await connection.query('SELECT current_database() AS name')).toEqual([{ name: new URL(db.adminUrl).pathname.slice(1) }]);
    } finally {
      await connection.close();
    }
  });
});
