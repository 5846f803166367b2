/**
 * Offline SQL with ranges, for DBAs who apply scripts by hand: `upgrade A:B --sql` and `downgrade B:A --sql`
 * print the SQL (version-table and checksum-log updates included) without connecting. The scripts are executed
 * with the real `sqlite3` and `psql` command-line tools, and `autogen check` then reports the database clean.
 * The SQLite revisions include a table rebuild (a foreign key gaining ON DELETE CASCADE), rendered offline from
 * the table definitions the revision file carries.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SQLITE_SCHEMA = (cascade: boolean): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', { id: integer('id').primaryKey(), email: text('email').notNull() });
export const items = sqliteTable('items', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id${cascade ? ", { onDelete: 'cascade' }" : ''}),
});
`;

const PG_SCHEMA = (tag: boolean): string => `
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body')${tag ? ", tag: text('tag').unique()" : ''} });
`;

function sqlite3(db: string, script: string): void {
  const run = spawnSync('sqlite3', ['-bail', db], { input: script, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sqlite3 failed (${run.status}): ${run.stderr}`);
}

function psql(url: string, script: string): void {
  const run = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url], { input: script, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql failed (${run.status}): ${run.stderr}`);
}

describe('offline SQL with ranges', () => {
  test('SQLite: base:A, A:head (a rebuild), head:base, executed with sqlite3; check is clean', () => {
    const dir = makeProject('offline-sqlite');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SQLITE_SCHEMA(false) });
    const scratch = ['--url', 'sqlite:./scratch.db'];
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001', ...scratch]).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head', ...scratch]).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': SQLITE_SCHEMA(true) });
    expect(autogen(dir, ['revision', '--autogenerate', '-m', 'cascade', '--rev-id', 'casc00000001', ...scratch]).code).toBe(0);

    const db = join(dir, 'app.db');
    const first = autogen(dir, ['upgrade', 'base:init', '--sql']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(existsSync(db)).toBe(false); // never connected
    expect(first.stdout).toContain('CREATE TABLE "users"');
    expect(first.stdout).not.toContain('casc00000001');
    const second = autogen(dir, ['upgrade', 'init00000001:head', '--sql']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('PRAGMA foreign_keys=OFF;');
    expect(second.stdout).toContain('ON DELETE CASCADE');
    expect(second.stdout).toContain("UPDATE \"autogen_version\" SET version_num = 'casc00000001' WHERE version_num = 'init00000001'");
    expect(second.stdout).toContain('INSERT INTO "autogen_revision_log"');
    expect(existsSync(db)).toBe(false);

    sqlite3(db, first.stdout);
    sqlite3(db, "INSERT INTO users (id, email) VALUES (1, 'a@example.com'); INSERT INTO items (id, user_id) VALUES (1, 1);");
    sqlite3(db, second.stdout);
    const check = autogen(dir, ['check', '--strict']);
    expect(check.stdout).toContain('OK: the database is at head (casc00000001)');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(spawnSync('sqlite3', [db, 'SELECT count(*) FROM items'], { encoding: 'utf8' }).stdout.trim()).toBe('1');

    const down = autogen(dir, ['downgrade', 'head:base', '--sql']);
    expect(down.code).toBe(0);
    sqlite3(db, down.stdout);
    const after = autogen(dir, ['check']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('2 revision(s) not applied');
    expect(spawnSync('sqlite3', [db, "SELECT name FROM sqlite_schema WHERE name IN ('users', 'items')"], { encoding: 'utf8' }).stdout.trim()).toBe('');

    expect(autogen(dir, ['upgrade', 'base:head']).stderr).toContain('only for offline SQL');
  });

  describe('PostgreSQL', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db.drop();
    });

    test('base:head and head:base executed with psql; check is clean', async () => {
      const dir = makeProject('offline-pg');
      writeFiles(dir, {
        'autogen.config.ts': `export default { dialect: 'postgresql', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`,
        'src/schema.ts': PG_SCHEMA(false),
      });
      const env = { DATABASE_URL: db.url };
      expect(autogen(dir, ['revision', '--autogenerate', '-m', 'init', '--rev-id', 'init00000001'], env).code).toBe(0);
      expect(autogen(dir, ['upgrade', 'head'], env).code).toBe(0);
      writeFiles(dir, { 'src/schema.ts': PG_SCHEMA(true) });
      expect(autogen(dir, ['revision', '--autogenerate', '-m', 'tag', '--rev-id', 'tag000000001'], env).code).toBe(0);
      expect(autogen(dir, ['downgrade', 'base'], env).code).toBe(0);
      await db.exec('DROP TABLE autogen_version; DROP TABLE autogen_revision_log');

      // Offline: no URL at all.
      const up = autogen(dir, ['upgrade', 'base:head', '--sql']);
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(up.stdout).toContain('ALTER TABLE "notes" ADD COLUMN "tag" text');
      const script = join(dir, 'upgrade.sql');
      writeFileSync(script, up.stdout);
      psql(db.url, up.stdout);
      const check = autogen(dir, ['check', '--strict'], env);
      expect(check.stdout).toContain('OK: the database is at head (tag000000001)');
      expect(check.code).toBe(0);

      const down = autogen(dir, ['downgrade', 'tag000000001:init00000001', '--sql']);
      expect(down.code).toBe(0);
      psql(db.url, down.stdout);
      expect(await db.exec('SELECT version_num FROM autogen_version')).toEqual([{ version_num: 'init00000001' }]);
      const pending = autogen(dir, ['check'], env);
      expect(pending.code).toBe(1);
      expect(pending.stdout).toContain('tag000000001 tag');
    });
  });
});
