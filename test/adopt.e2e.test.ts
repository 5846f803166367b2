/**
 * Adopting autogen on a database another tool created: drizzle-kit's DDL spelling (backticks, DEFAULT (...),
 * unique indexes for .unique(), its own history table) baselines cleanly, and `exclude` leaves tables alone.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SCHEMA = `
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  createdAt: text('created_at').default(sql\`(CURRENT_TIMESTAMP)\`),
});
export const items = sqliteTable('items', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [index('items_title_idx').on(t.title)]);
`;

// What drizzle-kit generates for SCHEMA, plus its history table and a table the app's models do not own.
const DRIZZLE_KIT_SQL = `
CREATE TABLE \`users\` (
\t\`id\` integer PRIMARY KEY NOT NULL,
\t\`email\` text NOT NULL,
\t\`created_at\` text DEFAULT (CURRENT_TIMESTAMP)
);
CREATE UNIQUE INDEX \`users_email_unique\` ON \`users\` (\`email\`);
CREATE TABLE \`items\` (
\t\`id\` integer PRIMARY KEY NOT NULL,
\t\`title\` text NOT NULL,
\t\`user_id\` integer,
\tFOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
);
CREATE INDEX \`items_title_idx\` ON \`items\` (\`title\`);
CREATE TABLE \`__drizzle_migrations\` (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);
CREATE TABLE legacy_audit (id INTEGER PRIMARY KEY, note TEXT);
`;

describe('adopting a drizzle-kit database', () => {
  test('baseline succeeds when only excluded and other tools\u2019 tables differ; they are never touched', () => {
    const dir = makeProject('adopt');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig("exclude: ['legacy_*'],"), 'src/schema.ts': SCHEMA });
    const db = new Database(join(dir, 'app.db'));
    db.exec(DRIZZLE_KIT_SQL);
    db.prepare("INSERT INTO users (id, email) VALUES (1, 'a@x')").run();
    db.prepare("INSERT INTO items (title, user_id) VALUES ('t', 1)").run();
    db.close();

    const baseline = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(baseline.stderr).toBe('');
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).not.toContain('legacy_audit');
    expect(baseline.stdout).not.toContain('__drizzle_migrations');
    expect(autogen(dir, ['check']).code).toBe(0);

    // a later change that rebuilds the parent table keeps the children and leaves the other tables alone
    writeFiles(dir, { 'src/schema.ts': SCHEMA.replace("email: text('email').notNull().unique(),", "email: text('email').notNull(),") });
    expect(autogen(dir, ['--message', 'drop unique']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 1 });
    const names = after.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    after.close();
    expect(names).toEqual([{ name: '__drizzle_migrations' }, { name: 'autogen_revision_log' }, { name: 'autogen_version' }, { name: 'items' }, { name: 'legacy_audit' }, { name: 'users' }]);
    expect(autogen(dir, ['check']).code).toBe(0);
  });

  test('without exclude, an unmodelled table is reported as a difference', () => {
    const dir = makeProject('adopt-no-exclude');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA });
    const db = new Database(join(dir, 'app.db'));
    db.exec(DRIZZLE_KIT_SQL);
    db.close();
    const baseline = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(baseline.code).toBe(1);
    expect(baseline.stderr).toContain('drop table legacy_audit');
    expect(baseline.stderr).not.toContain('__drizzle_migrations');
  });
});
