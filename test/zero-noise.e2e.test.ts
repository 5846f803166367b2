/**
 * Zero noise: a schema using every column type, default and constraint the Drizzle adapter supports on SQLite,
 * generated from nothing, upgraded, and compared again must give no changes. Also downgrade to base and back,
 * and the naming convention naming what a revision creates.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const RICH_SCHEMA = `
import { sql } from 'drizzle-orm';
import {
  blob, check, foreignKey, index, integer, numeric, primaryKey, real, sqliteTable, text, unique, uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  handle: text('handle', { length: 40 }).notNull(),
  status: text('status', { enum: ['active', 'banned'] }).notNull().default('active'),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  score: real('score').default(1.5),
  balance: numeric('balance').default('0.00'),
  avatar: blob('avatar'),
  settings: text('settings', { mode: 'json' }).default({ theme: "it's dark" }),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql\`(unixepoch())\`),
  updatedAt: text('updated_at').default(sql\`CURRENT_TIMESTAMP\`),
  visits: integer('visits').notNull().default(0),
  nickname: text('nickname').$defaultFn(() => 'client-side only'),
  bio: text('bio').default(''),
  ratio: real('ratio').default(-0.25),
}, (t) => [
  uniqueIndex('accounts_handle_lower_idx').on(sql\`lower(\${t.handle})\`),
  index('accounts_active_idx').on(t.status).where(sql\`\${t.status} = 'active'\`),
  index('accounts_created_idx').on(t.createdAt, t.id),
  check('accounts_score_positive', sql\`\${t.score} >= 0\`),
  unique('accounts_handle_status_uq').on(t.handle, t.status),
]);

export const groups = sqliteTable('groups', {
  id: integer('id').primaryKey(),
  parentId: integer('parent_id'),
  name: text('name').notNull(),
}, (t) => [foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'groups_parent_fk' }).onDelete('set null')]);

export const memberships = sqliteTable('memberships', {
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
  groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'restrict' }),
  role: text('role').notNull().default('member'),
}, (t) => [primaryKey({ columns: [t.accountId, t.groupId] }), index('memberships_group_idx').on(t.groupId, t.role)]);
`;

const revisionFiles = (dir: string): string[] => readdirSync(join(dir, 'migrations')).sort();

describe('zero noise on SQLite', () => {
  const dir = makeProject('noise');
  beforeAll(() => writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': RICH_SCHEMA }));

  test('generate from nothing, upgrade, compare again: no changes, check clean', () => {
    const init = autogen(dir, ['--message', 'init']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('create table accounts');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const again = autogen(dir, ['--verbose', '--message', 'x']);
    expect(again.stdout).toContain('No changes');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(revisionFiles(dir)).toHaveLength(1);
    expect(autogen(dir, ['check']).code).toBe(0);
  });

  test('the database has what the models say: defaults filled, checks and cascades enforced', () => {
    const db = new Database(join(dir, 'app.db'));
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO accounts (email, handle) VALUES ('a@x', 'Ann')").run();
    const row = db.prepare('SELECT * FROM accounts').get() as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'active', is_admin: 0, score: 1.5, visits: 0, bio: '', ratio: -0.25, settings: `{"theme":"it's dark"}` });
    expect(typeof row.created_at).toBe('number');
    expect(() => db.prepare("INSERT INTO accounts (email, handle, score) VALUES ('b@x', 'Bob', -1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO accounts (email, handle) VALUES ('c@x', 'ANN')").run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO groups (id, name) VALUES (1, 'g')").run();
    db.prepare("INSERT INTO memberships (account_id, group_id) VALUES (1, 1)").run();
    db.prepare('DELETE FROM accounts').run();
    expect(db.prepare('SELECT count(*) AS n FROM memberships').get()).toEqual({ n: 0 });
    db.close();
  });

  test('downgrade base removes every table; upgrade head restores a clean state', () => {
    expect(autogen(dir, ['downgrade', 'base']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    db.close();
    expect(tables).toEqual([{ name: 'autogen_revision_log' }, { name: 'autogen_version' }]);
    expect(autogen(dir, ['current']).stdout).toContain('<base>');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    expect(autogen(dir, ['check']).code).toBe(0);
  });
});

describe('naming convention', () => {
  test('names the constraints a revision creates, and gives no noise afterwards', () => {
    const dir = makeProject('naming');
    writeFiles(dir, {
      'autogen.config.ts': drizzleSqliteConfig(`namingConvention: {
    fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    uq: 'uq_%(table_name)s_%(column_0_N_name)s',
    ck: 'ck_%(table_name)s_%(constraint_name)s',
  },`),
      'src/schema.ts': RICH_SCHEMA,
    });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    const source = readFileSync(join(dir, 'migrations', revisionFiles(dir)[0]!), 'utf8');
    expect(source).toContain("name: 'fk_memberships_account_id_accounts'");
    expect(source).toContain("name: 'uq_accounts_email'");
    expect(source).toContain("name: 'ck_accounts_accounts_score_positive'");
    // explicit names are kept
    expect(source).toContain("name: 'groups_parent_fk'");
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    const ddl = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'memberships'").get() as { sql: string }).sql;
    db.close();
    expect(ddl).toContain('CONSTRAINT "fk_memberships_account_id_accounts" FOREIGN KEY');
    expect(autogen(dir, ['--message', 'x']).stdout).toContain('No changes');
  });
});
