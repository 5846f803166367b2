/**
 * A throw-away PostgreSQL database per test file, on a real server: `AUTOGEN_TEST_PG_URL` when set, else the
 * local server on 127.0.0.1:5432 (user postgres). Each call creates `autogen_test_<random>` and returns its URL
 * and a `drop()` that removes it.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** URL of the maintenance database tests create their databases from. */
export function adminUrl(): string {
  return process.env.AUTOGEN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A created test database. */
export interface TestDatabase {
  readonly name: string;
  /** `postgres://…/<name>` */
  readonly url: string;
  /** Runs SQL in the test database (a fresh connection per call). */
  exec(sql: string, params?: ReadonlyArray<unknown>): Promise<Array<Record<string, unknown>>>;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty database. */
export async function createTestDatabase(prefix = 'autogen_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(adminUrl(), name);
  return {
    name,
    url,
    async exec(sql, params) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const result = await client.query(sql, params as unknown[] | undefined);
        return (Array.isArray(result) ? result[result.length - 1] : result).rows as Array<Record<string, unknown>>;
      } finally {
        await client.end();
      }
    },
    async drop() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
