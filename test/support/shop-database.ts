/**
 * An empty database per dialect for the ORM parity tests (typeorm-parity, mikro-orm-parity): how the test queries
 * it, how the CLI reaches it, and how to read a foreign key's ON DELETE back.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createTestDatabase } from '../../packages/dialect-postgres/test/support/test-database';

/** One database of one dialect, as a parity test sees it; `C` is the ORM's connection options. */
export interface ShopDatabase<C> {
  /** Options that point the fixture's ORM configuration at this database. */
  readonly connection: C;
  /** Environment for the CLI (PostgreSQL: DATABASE_URL; SQLite: the config's `sqlite:./shop.db`). */
  readonly env: NodeJS.ProcessEnv;
  /** Runs one SQL query (foreign keys enforced) and returns its rows. */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  /** ON DELETE of the foreign key on `table(column)`, spelled like SQL (`NO ACTION`, `CASCADE`, …). */
  onDelete(table: string, column: string): Promise<string>;
  dispose(): Promise<void>;
}

const PG_ACTIONS: Readonly<Record<string, string>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** `shop.db` in `dir` (the fixtures' configs say `url: 'sqlite:./shop.db'`); `connection` gets its path. */
export function sqliteShopDatabase<C>(dir: string, connection: (file: string) => C): ShopDatabase<C> {
  const file = join(dir, 'shop.db');
  const query = async (sql: string): Promise<Array<Record<string, unknown>>> => {
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all() as Array<Record<string, unknown>>;
      statement.run();
      return [];
    } catch (error) {
      // Rethrown as an Error of this Jest realm, with the driver's message: matchers then read it reliably.
      throw new Error(error instanceof Object && 'message' in error ? String((error as { message: unknown }).message) : String(error));
    } finally {
      db.close();
    }
  };
  return {
    connection: connection(file),
    env: {},
    query,
    async onDelete(table, column) {
      const rows = await query(`SELECT on_delete FROM pragma_foreign_key_list('${table}') WHERE "from" = '${column}'`);
      return String(rows[0]?.on_delete);
    },
    async dispose() {},
  };
}

/** A fresh PostgreSQL test database (dropped by `dispose`); `connection` gets its URL and name. */
export async function postgresShopDatabase<C>(prefix: string, connection: (url: string, name: string) => C): Promise<ShopDatabase<C>> {
  const db = await createTestDatabase(prefix);
  return {
    connection: connection(db.url, db.name),
    env: { DATABASE_URL: db.url },
    query: (sql) => db.exec(sql),
    async onDelete(table, column) {
      const rows = await db.exec(
        `SELECT c.confdeltype FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.conrelid = '${table}'::regclass AND a.attname = '${column}'`,
      );
      return PG_ACTIONS[String(rows[0]?.confdeltype)] ?? String(rows[0]?.confdeltype);
    },
    dispose: () => db.drop(),
  };
}
