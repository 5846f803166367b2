/**
 * The foundation user story on PostgreSQL, end to end through the real binary against a real server:
 * baseline on a live database, add ON DELETE CASCADE, upgrade, downgrade, check, zero noise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/dialect-postgres/test/support/test-database';
import { autogen, makeProject, writeFiles } from './support/cli';

const schema = (options: { cascade?: boolean; usersCheck?: boolean } = {}): string => `
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  createdAt: timestamp('created_at').defaultNow(),
}${options.usersCheck ? ", (t) => [check('users_email_at', sql`${t.email} LIKE '%@%'`)]" : ''});

export const items = pgTable('items', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  userId: integer('user_id').references(() => users.id${options.cascade ? ", { onDelete: 'cascade' }" : ''}),
}, (t) => [index('items_title_idx').on(t.title)]);
`;

const LIVE_SQL = `
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text, created_at timestamp DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE items (id serial PRIMARY KEY, title text NOT NULL, user_id integer REFERENCES users(id));
CREATE INDEX items_title_idx ON items (title);
INSERT INTO users (email, name) SELECT 'user' || g || '@example.com', 'User ' || g FROM generate_series(1, 20) g;
INSERT INTO items (title, user_id) SELECT 'item ' || u || '.' || i, u FROM generate_series(1, 20) u, generate_series(1, 5) i;
`;

const revisionFiles = (dir: string): string[] => (existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')).sort() : []);

describe('foundation story on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = makeProject('story-pg');
  const config = (): string => `export default { dialect: 'postgresql', url: '${db.url}', adapter: 'drizzle', models: ['./src/schema.ts'] };\n`;
  const count = async (table: string): Promise<number> => Number((await db.exec(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const onDelete = async (): Promise<string> =>
    String((await db.exec("SELECT confdeltype FROM pg_constraint WHERE contype = 'f' AND conrelid = 'items'::regclass"))[0]!.confdeltype);

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec(LIVE_SQL);
    writeFiles(dir, { 'autogen.config.ts': config(), 'src/schema.ts': schema() });
  });
  afterAll(async () => {
    await db.drop();
  });

  test('baseline refuses when the database differs, then records a matching one without running it', async () => {
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true }) });
    const refused = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/items.*user_id.*CASCADE/is);
    expect(revisionFiles(dir)).toEqual([]);
    writeFiles(dir, { 'src/schema.ts': schema() });
    const run = autogen(dir, ['revision', '--baseline', '-m', 'baseline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await count('items')).toBe(100);
    expect(autogen(dir, ['check']).code).toBe(0);
  });

  test('add cascade: drop + add of the foreign key in one revision; upgrade keeps rows and cascades', async () => {
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true }) });
    const gen = autogen(dir, ['--message', 'add cascade']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    const source = readFileSync(join(dir, 'migrations', revisionFiles(dir).find((f) => f.endsWith('_add_cascade.ts'))!), 'utf8');
    expect(source).toContain('op.dropForeignKey');
    expect(source).toContain('op.createForeignKey');
    expect(source).not.toContain('rebuildTable');
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await onDelete()).toBe('c');
    expect(await count('items')).toBe(100);
    expect(autogen(dir, ['check']).code).toBe(0);
    await db.exec('DELETE FROM users WHERE id = 20');
    expect(await count('items')).toBe(95);
    expect(autogen(dir, ['--message', 'x']).stdout).toContain('No changes');
  });

  test('downgrade -1 restores no action; check exits 1 naming the difference', async () => {
    const down = autogen(dir, ['downgrade', '-1']);
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(await onDelete()).toBe('a');
    expect(await count('items')).toBe(95);
    const check = autogen(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('change foreign key items(user_id) -> users(id): ON DELETE NO ACTION -> CASCADE');
  });

  test('a later change to the parent table keeps every item', async () => {
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    writeFiles(dir, { 'src/schema.ts': schema({ cascade: true, usersCheck: true }) });
    expect(autogen(dir, ['--message', 'check email']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    expect(await count('items')).toBe(95);
    expect(autogen(dir, ['check']).code).toBe(0);
    expect(autogen(dir, ['downgrade', 'base']).code).toBe(0);
    const left = await db.exec("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(left.map((r) => r.tablename)).toEqual(['autogen_revision_log', 'autogen_version']);
  });
});
