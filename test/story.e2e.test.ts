/**
 * The foundation user story, end to end through the real `autogen` binary and real SQLite files:
 * adopt migrations on a live database (baseline), add ON DELETE CASCADE (a table rebuild), upgrade, downgrade,
 * check, and zero noise afterwards.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const schema = (options: { cascade?: boolean; usersCheck?: boolean } = {}): string => `
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  createdAt: text('created_at').default(sql\`CURRENT_TIMESTAMP\`),
}${options.usersCheck ? ", (t) => [check('users_email_at', sql`${t.email} LIKE '%@%'`)]" : ''});

export const items = sqliteTable('items', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  userId: integer('user_id').references(() => users.id${options.cascade ? ", { onDelete: 'cascade' }" : ''}),
}, (t) => [index('items_title_idx').on(t.title)]);
`;

const LIVE_SQL = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT NOT NULL, user_id INTEGER REFERENCES users(id));
CREATE INDEX items_title_idx ON items(title);
`;

function seed(file: string): void {
  const db = new Database(file);
  db.exec(LIVE_SQL);
  const addUser = db.prepare('INSERT INTO users (id, email, name) VALUES (?, ?, ?)');
  const addItem = db.prepare('INSERT INTO items (title, user_id) VALUES (?, ?)');
  for (let u = 1; u <= 20; u++) {
    addUser.run(u, `user${u}@example.com`, `User ${u}`);
    for (let i = 0; i < 5; i++) addItem.run(`item ${u}.${i}`, u);
  }
  db.close();
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const count = (file: string, table: string): number => query<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
const revisionFiles = (dir: string): string[] => (existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')).sort() : []);
const fkOnDelete = (file: string): string =>
  query<{ on_delete: string }>(file, "SELECT on_delete FROM pragma_foreign_key_list('items')")[0]!.on_delete;

describe('foundation story: Drizzle + SQLite', () => {
  const dir = makeProject('story');
  const db = join(dir, 'app.db');

  beforeAll(() => {
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema() });
    seed(db);
  });

  test('baseline refuses, and records nothing, when the live database differs from the models', () => {
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true }) });
    const run = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not match the models');
    expect(run.stderr).toMatch(/items.*user_id.*CASCADE/is);
    expect(revisionFiles(dir)).toEqual([]);
    expect(query(db, "SELECT name FROM sqlite_schema WHERE name = 'autogen_version'")).toEqual([]);
    writeFiles(dir, { 'src/schema.ts': schema() });
  });

  test('baseline writes a revision that creates the schema and records it as applied without running it', () => {
    const run = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = revisionFiles(dir);
    expect(files).toHaveLength(1);
    const source = readFileSync(join(dir, 'migrations', files[0]!), 'utf8');
    expect(source).toContain('op.createTable');
    expect(run.stdout).toContain('Recorded');
    expect(count(db, 'items')).toBe(100);
    expect(autogen(dir, ['current']).stdout).toContain('(head)');
    const check = autogen(dir, ['check']);
    expect(check.stdout + check.stderr).toContain('OK');
    expect(check.code).toBe(0);
  });

  test('adding onDelete cascade writes a revision that rebuilds items', () => {
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true }) });
    const run = autogen(dir, ['--message', 'add cascade']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote migrations\/\d{8}_\d{6}_[0-9a-f]{12}_add_cascade\.ts/);
    const files = revisionFiles(dir);
    expect(files).toHaveLength(2);
    const source = readFileSync(join(dir, 'migrations', files.find((f) => f.endsWith('_add_cascade.ts'))!), 'utf8');
    expect(source).toContain('op.rebuildTable');
    expect(source).toContain("'cascade'");
    // check sees the pending revision
    const check = autogen(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Pending');
  });

  test('upgrade head keeps every row, makes deletes cascade, keeps the index; check is clean', () => {
    const run = autogen(dir, ['upgrade', 'head']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{12} -> [0-9a-f]{12} add cascade \.\.\. \d+\.\d\d s$/m);
    expect(count(db, 'users')).toBe(20);
    expect(count(db, 'items')).toBe(100);
    expect(fkOnDelete(db)).toBe('CASCADE');
    expect(query(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'items_title_idx'")).toHaveLength(1);
    const check = autogen(dir, ['check']);
    expect(check.code).toBe(0);
    // deleting a user now deletes its items (foreign keys on, as an app would run)
    const conn = new Database(db);
    conn.pragma('foreign_keys = ON');
    conn.prepare('DELETE FROM users WHERE id = 20').run();
    conn.close();
    expect(count(db, 'items')).toBe(95);
  });

  test('no changes right after an upgrade: nothing is written', () => {
    const before = revisionFiles(dir);
    const run = autogen(dir, ['--message', 'x']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes');
    expect(revisionFiles(dir)).toEqual(before);
  });

  test('downgrade -1 restores no action and keeps rows; check exits 1 naming the difference', () => {
    const run = autogen(dir, ['downgrade', '-1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fkOnDelete(db)).toBe('NO ACTION');
    expect(count(db, 'users')).toBe(19);
    expect(count(db, 'items')).toBe(95);
    const check = autogen(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('items');
    expect(check.stdout).toContain('user_id');
    expect(check.stdout).toMatch(/cascade/i);
  });

  test('a later rebuild of the parent table (users) does not delete a single item', () => {
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true, usersCheck: true }) });
    const gen = autogen(dir, ['--message', 'check email']);
    expect(gen.code).toBe(0);
    expect(readFileSync(join(dir, 'migrations', revisionFiles(dir).find((f) => f.endsWith('_check_email.ts'))!), 'utf8')).toContain("op.rebuildTable('users'");
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(count(db, 'users')).toBe(19);
    expect(count(db, 'items')).toBe(95);
    expect(autogen(dir, ['check']).code).toBe(0);
    const down = autogen(dir, ['downgrade', '-1']);
    expect(down.code).toBe(0);
    expect(count(db, 'items')).toBe(95);
  });

  test('history lists the revisions newest first', () => {
    const run = autogen(dir, ['history']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('check email');
    expect(lines[2]).toContain('<base> ->');
  });
});
