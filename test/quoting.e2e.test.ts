/** Names that need quoting (mixed case, spaces, reserved words, a `"` inside) survive generate/upgrade/check/downgrade. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const SCHEMA = (extra: boolean): string => `
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const groups = sqliteTable('Group', { id: integer('id').primaryKey() });
export const odd = sqliteTable('Order Items', {
  id: integer('id').primaryKey(),
  user: text('user').notNull(),
  weird: text('Weird "Name"').default("it's"),
  MixedCase: integer('MixedCase').references(() => groups.id),${extra ? "\n  select: text('select'),": ''}
}, (t) => [index('Order Items "user" idx').on(t.user, t.weird), check('Check', sql\`\${t.MixedCase} > 0\`)]);
`;

describe('quoting on SQLite', () => {
  test('odd names through generate, upgrade, check, alter and downgrade', () => {
    const dir = makeProject('quoting');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': SCHEMA(false) });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    const up = autogen(dir, ['upgrade', 'head']);
    expect(up.stderr).toBe('');
    expect(autogen(dir, ['--message', 'x']).stdout).toContain('No changes');
    const db = new Database(join(dir, 'app.db'));
    db.prepare('INSERT INTO "Group" (id) VALUES (1)').run();
    db.prepare(`INSERT INTO "Order Items" ("user", "MixedCase") VALUES ('u', 1)`).run();
    expect(db.prepare('SELECT "Weird ""Name""" AS w FROM "Order Items"').get()).toEqual({ w: "it's" });
    db.close();
    writeFiles(dir, { 'src/schema.ts': SCHEMA(true).replace('.references(() => groups.id)', ".references(() => groups.id, { onDelete: 'cascade' })") });
    expect(autogen(dir, ['--message', 'more']).code).toBe(0);
    const up2 = autogen(dir, ['upgrade', 'head']);
    expect(up2.stderr).toBe('');
    expect(up2.code).toBe(0);
    expect(autogen(dir, ['check']).code).toBe(0);
    expect(autogen(dir, ['downgrade', 'base']).code).toBe(0);
  });
});
