import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { loadModule } from '@autogen/loader';
import type { Schema } from '@autogen/schema';
import { drizzleAdapter } from '../src/drizzle-adapter';
import { sqliteDdl } from './support/sqlite-ddl';

/**
 * Runs the mapped schema in a real SQLite file and checks that it behaves as the drizzle model means: server
 * defaults store what drizzle itself would store, and checks, partial indexes and foreign key actions hold.
 */
const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autogen-drizzle-db-'));
  db = new Database(join(dir, 'test.sqlite'));
  db.pragma('foreign_keys = ON');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function createFrom(name: string): Promise<Schema> {
  const { schema } = await drizzleAdapter.load({ files: [fixture(name)], dialect: 'sqlite', projectDir: resolve(__dirname, '..') });
  for (const table of schema.tables) for (const statement of sqliteDdl(table)) db.exec(statement);
  return schema;
}

describe('server defaults in SQLite', () => {
  it('store exactly what drizzle stores when it fills the same defaults in the client', async () => {
    await createFrom('defaults');
    const { settings } = (await loadModule(fixture('defaults'))) as { settings: SQLiteTable };
    // Row 1: the database fills every default. Row 2: drizzle fills them (it sends .default() values itself).
    db.prepare('INSERT INTO settings DEFAULT VALUES').run();
    drizzle(db).insert(settings).values({}).run();
    const [server, client] = db.prepare('SELECT * FROM settings ORDER BY id').all() as Array<Record<string, unknown>>;

    const same = ['label', 'count', 'ratio', 'enabled', 'archived', 'note', 'lowered', 'starts_at', 'starts_at_ms', 'meta', 'blob_meta', 'raw', 'big', 'huge', 'blob_big'];
    for (const name of same) expect([name, server?.[name]]).toEqual([name, client?.[name]]);
    expect(server?.enabled).toBe(1);
    expect(server?.label).toBe("it's");
  });

  it('decode through drizzle to the values the model declared', async () => {
    await createFrom('defaults');
    const mod = await loadModule(fixture('defaults'));
    const settings = mod.settings as SQLiteTable;
    const fixedDate = mod.FIXED_DATE as Date;
    db.prepare('INSERT INTO settings DEFAULT VALUES').run();
    // `huge` is left out: a 20-digit numeral has REAL affinity in SQLite, which drizzle's bigint mode cannot read back
    // (it stores the same REAL when drizzle inserts it, see the test above).
    const { huge: _huge, ...columns } = getTableColumns(settings);
    const [row] = drizzle(db).select(columns).from(settings).all() as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      enabled: true,
      archived: false,
      startsAtMs: fixedDate,
      startsAt: new Date(Math.floor(fixedDate.getTime() / 1000) * 1000),
      meta: { theme: 'dark', tags: ['a'] },
      blobMeta: { v: 1 },
      raw: Buffer.from('hi'),
      blobBig: 7n,
      lowered: 'abc',
      token: null, // $defaultFn is client-side only
    });
    expect(row?.createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Math.abs((row?.updatedAt as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((row?.createdMs as Date).getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('constraints in SQLite', () => {
  it('enforces the rendered checks', async () => {
    await createFrom('constraints');
    const insert = db.prepare('INSERT INTO authors (email, handle, age) VALUES (?, ?, ?)');
    insert.run('a@x', 'ann', 30);
    expect(() => insert.run('b@x', 'bob', 18)).toThrow(/CHECK constraint failed: authors_adult/);
    expect(() => insert.run('c@x', 'admin', 40)).toThrow(/CHECK constraint failed: authors_handle_shape/);
  });

  it('makes the partial unique index apply only where its predicate holds', async () => {
    await createFrom('constraints');
    const insert = db.prepare('INSERT INTO authors (email, slug, deleted_at) VALUES (?, ?, ?)');
    insert.run('a@x', 'same', 1);
    insert.run('b@x', 'same', null);
    expect(() => insert.run('c@x', 'same', null)).toThrow(/UNIQUE constraint failed: authors.slug/);
  });

  it('creates the expression index SQLite can use for lower(email)', async () => {
    await createFrom('constraints');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM authors WHERE lower(email) = 'a@x'`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toContain('ix_authors_lower_email');
  });

  it('applies the mapped foreign key actions, including the self-reference', async () => {
    await createFrom('constraints');
    db.prepare(`INSERT INTO authors (id, email, age) VALUES (1, 'a@x', 30), (2, 'b@x', 40)`).run();
    db.prepare('UPDATE authors SET mentor_id = 1 WHERE id = 2').run();
    db.prepare(`INSERT INTO books (id, author_id, isbn) VALUES (10, 1, 'i1')`).run();
    expect(() => db.prepare('UPDATE authors SET id = 5 WHERE id = 1').run()).toThrow(/FOREIGN KEY constraint failed/); // on update restrict
    db.prepare('DELETE FROM authors WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM books').get()).toEqual({ n: 0 }); // on delete cascade
    expect(db.prepare('SELECT mentor_id FROM authors WHERE id = 2').get()).toEqual({ mentor_id: null }); // set null
  });

  it('creates the story schema, with CURRENT_TIMESTAMP filled by the database', async () => {
    await createFrom('story-schema');
    db.prepare(`INSERT INTO users (email) VALUES ('a@x')`).run();
    db.prepare(`INSERT INTO items (title, user_id) VALUES ('first', 1)`).run();
    expect(() => db.prepare(`INSERT INTO items (title, user_id) VALUES ('orphan', 99)`).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO users (email) VALUES ('a@x')`).run()).toThrow(/UNIQUE constraint failed: users.email/);
    const user = db.prepare('SELECT created_at FROM users').get() as { created_at: string };
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'`).all();
    expect(indexes).toEqual([{ name: 'ix_items_title' }]);
  });
});
