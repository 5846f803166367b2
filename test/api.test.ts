/**
 * The programmatic API: an app migrates itself at start-up with the same operations the CLI runs.
 * Real SQLite files, real Drizzle models, no CLI process.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { check, current, downgrade, history, revision, upgrade, type AutogenConfig } from '@autogen/cli';
import { makeProject, writeFiles } from './support/cli';

const SCHEMA = (extraColumn: boolean): string => `
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const notes = sqliteTable('notes', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),${extraColumn ? "\n  tag: text('tag'),": ''}
});
`;

describe('programmatic API', () => {
  const dir = makeProject('api');
  const config: AutogenConfig = { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'drizzle', models: './src/schema.ts' };

  test('revision, upgrade, check, downgrade through the API', async () => {
    writeFiles(dir, { 'src/schema.ts': SCHEMA(false) });
    const first = await revision({ cwd: dir, config, message: 'create notes', revisionId: 'aaaaaaaaaaaa', now: new Date('2026-01-01T00:00:00Z') });
    expect(first.file).toMatch(/20260101_000000_aaaaaaaaaaaa_create_notes\.ts$/);
    const applied = await upgrade({ cwd: dir, config, target: 'head' });
    expect(applied.steps.map((s) => s.to)).toEqual(['aaaaaaaaaaaa']);
    expect((await check({ cwd: dir, config })).clean).toBe(true);

    writeFiles(dir, { 'src/schema.ts': SCHEMA(true) });
    // Jest keeps its own module registry (the loader evicts Node's require cache, which Jest does not use).
    jest.resetModules();
    const second = await revision({ cwd: dir, config, message: 'add tag', revisionId: 'bbbbbbbbbbbb' });
    expect(second.upgrade.map((op) => op.kind)).toEqual(['addColumn']);
    const drift = await check({ cwd: dir, config });
    expect(drift.clean).toBe(false);
    expect(drift.pending.map((r) => r.id)).toEqual(['bbbbbbbbbbbb']);

    await upgrade({ cwd: dir, config });
    expect((await current({ cwd: dir, config })).currentId).toBe('bbbbbbbbbbbb');
    const db = new Database(join(dir, 'app.db'), { readonly: true });
    // native ADD COLUMN, not a rebuild: the table's SQL was altered in place
    expect((db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'notes'").get() as { sql: string }).sql).toMatch(/"tag" text/);
    db.close();

    await downgrade({ cwd: dir, config, target: '-1' });
    expect((await current({ cwd: dir, config })).currentId).toBe('aaaaaaaaaaaa');
    expect((await history({ cwd: dir, config })).map((r) => r.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb']);
  });

  test('offline SQL needs no database', async () => {
    const sql = await upgrade({ cwd: dir, config: { ...config, url: 'sqlite:./does-not-exist.db' }, target: 'head', sql: true, from: 'base' });
    expect(sql.steps).toEqual([]);
    expect(sql.script).toContain('CREATE TABLE "notes"');
    expect(sql.script).toContain('ALTER TABLE "notes" ADD COLUMN "tag" text');
    expect(sql.script).toContain(`INSERT INTO "autogen_version"`);
    const down = await downgrade({ cwd: dir, config, target: 'base', sql: true, from: 'bbbbbbbbbbbb' });
    expect(down.script).toContain('ALTER TABLE "notes" DROP COLUMN "tag"');
    expect(down.script).toContain('DROP TABLE "notes"');
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'does-not-exist.db'))).toBe(false);
  });
});
