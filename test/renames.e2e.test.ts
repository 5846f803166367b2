/** Accepted renames keep data: `--rename` (or `renames` in the config) turns drop + add into a rename. */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autogen, drizzleSqliteConfig, makeProject, writeFiles } from './support/cli';

const schema = (column: string, table = 'people'): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const people = sqliteTable('${table}', { id: integer('id').primaryKey(), ${column}: text('${column}') });
`;

describe('renames', () => {
  test('a column rename accepted with --rename is a native RENAME COLUMN that keeps the data', () => {
    const dir = makeProject('rename');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('fullname') });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'));
    db.prepare("INSERT INTO people (id, fullname) VALUES (1, 'Ada Lovelace')").run();
    db.close();

    writeFiles(dir, { 'src/schema.ts': schema('full_name') });
    const gen = autogen(dir, ['--message', 'rename fullname', '--rename', 'people.fullname=full_name']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('rename column people.fullname to full_name');
    const file = readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('_rename_fullname.ts'))!;
    expect(readFileSync(join(dir, 'migrations', file), 'utf8')).toContain("op.renameColumn('people', 'fullname', 'full_name')");
    const up = autogen(dir, ['upgrade', 'head', '--sql']);
    expect(up.stdout).toContain('ALTER TABLE "people" RENAME COLUMN "fullname" TO "full_name"');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare('SELECT full_name FROM people').all()).toEqual([{ full_name: 'Ada Lovelace' }]);
    after.close();
    expect(autogen(dir, ['check']).code).toBe(0);
  });

  test('a table rename from the config keeps the rows', () => {
    const dir = makeProject('rename-table');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('name') });
    expect(autogen(dir, ['--message', 'init']).code).toBe(0);
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const db = new Database(join(dir, 'app.db'));
    db.prepare("INSERT INTO people (id, name) VALUES (7, 'Grace')").run();
    db.close();
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig("renames: ['people=persons'],"), 'src/schema.ts': schema('name', 'persons') });
    const gen = autogen(dir, ['--message', 'rename table']);
    expect(gen.stdout).toContain('rename table people to persons');
    expect(autogen(dir, ['upgrade', 'head']).code).toBe(0);
    const after = new Database(join(dir, 'app.db'), { readonly: true });
    expect(after.prepare('SELECT id, name FROM persons').all()).toEqual([{ id: 7, name: 'Grace' }]);
    after.close();
  });

  test('a malformed --rename is a clear error', () => {
    const dir = makeProject('rename-bad');
    writeFiles(dir, { 'autogen.config.ts': drizzleSqliteConfig(), 'src/schema.ts': schema('name') });
    const run = autogen(dir, ['--message', 'x', '--rename', 'nonsense']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nonsense');
  });
});
