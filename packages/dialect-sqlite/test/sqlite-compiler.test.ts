import type { Op, RebuildTableOp } from '@autogen/ops';
import type { Table } from '@autogen/schema';
import { createTable } from '@autogen/schema';
import { compileSqlite } from '../src/sqlite-compiler';
import { introspectSqlite } from '../src/sqlite-introspector';
import { normalizeSqliteSchema } from '../src/sqlite-normalizer';
import { cleanup, col, expr, lit, tempDatabase } from './helpers';

afterAll(cleanup);

const posts = createTable({
  name: 'posts',
  columns: [col('id', 'integer', { nullable: false }), col('title', 'text', { nullable: false }), col('body', 'text')],
  primaryKey: { columns: ['id'] },
});

describe('compileSqlite: native ops (SQL checked, then run on SQLite)', () => {
  const cases: ReadonlyArray<{ name: string; op: Op; want: ReadonlyArray<string>; verify: (tables: ReadonlyArray<Table>) => void }> = [
    {
      name: 'createTable with indexes',
      op: {
        kind: 'createTable',
        table: createTable({
          name: 'tags',
          columns: [col('id', 'integer', { nullable: false, autoincrement: true }), col('label', 'text', { nullable: false, default: lit("x'y") })],
          primaryKey: { columns: ['id'] },
          indexes: [{ name: 'ix_tags_label', parts: [{ kind: 'column', name: 'label', descending: true }], unique: true, where: 'label <> \'\'' }],
        }),
      },
      want: [
        'CREATE TABLE "tags" (\n  "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n  "label" text NOT NULL DEFAULT \'x\'\'y\')',
        'CREATE UNIQUE INDEX "ix_tags_label" ON "tags" ("label" DESC) WHERE label <> \'\'',
      ],
      verify: (tables) => expect(tables.find((t) => t.name === 'tags')?.indexes.map((i) => i.name)).toEqual(['ix_tags_label']),
    },
    {
      name: 'createTable with composite key, named constraints, deferred FK',
      op: {
        kind: 'createTable',
        table: createTable({
          name: 'post_tags',
          columns: [col('post_id', 'integer', { nullable: false }), col('tag', 'text', { nullable: false }), col('at', 'text', { default: expr('CURRENT_TIMESTAMP') }), col('n', 'integer', { default: expr('abs(-1)') })],
          primaryKey: { name: 'pk_post_tags', columns: ['post_id', 'tag'] },
          foreignKeys: [
            { name: 'fk_pt_post', columns: ['post_id'], referencedTable: 'posts', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict', deferred: true },
          ],
          uniques: [{ columns: ['tag', 'at'] }],
          checks: [{ name: 'ck_tag', expression: "tag <> ''" }],
        }),
      },
      want: [
        'CREATE TABLE "post_tags" (\n' +
          '  "post_id" integer NOT NULL,\n' +
          '  "tag" text NOT NULL,\n' +
          '  "at" text DEFAULT CURRENT_TIMESTAMP,\n' +
          '  "n" integer DEFAULT (abs(-1)),\n' +
          '  CONSTRAINT "pk_post_tags" PRIMARY KEY ("post_id", "tag"),\n' +
          '  UNIQUE ("tag", "at"),\n' +
          '  CONSTRAINT "ck_tag" CHECK (tag <> \'\'),\n' +
          '  CONSTRAINT "fk_pt_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED)',
      ],
      verify: (tables) => expect(tables.find((t) => t.name === 'post_tags')?.foreignKeys[0]?.deferred).toBe(true),
    },
    {
      name: 'addColumn with a literal default',
      op: { kind: 'addColumn', table: 'posts', column: col('views', 'integer', { nullable: false, default: expr('(0)'), collation: 'BINARY' }) },
      want: ['ALTER TABLE "posts" ADD COLUMN "views" integer NOT NULL DEFAULT 0 COLLATE "BINARY"'],
      verify: (tables) => expect(tables.find((t) => t.name === 'posts')?.columns.map((c) => c.name)).toContain('views'),
    },
    {
      name: 'dropColumn',
      op: { kind: 'dropColumn', table: 'posts', column: 'body', existing: col('body', 'text') },
      want: ['ALTER TABLE "posts" DROP COLUMN "body"'],
      verify: (tables) => expect(tables.find((t) => t.name === 'posts')?.columns.map((c) => c.name)).not.toContain('body'),
    },
    {
      name: 'renameColumn',
      op: { kind: 'renameColumn', table: 'posts', from: 'title', to: 'headline' },
      want: ['ALTER TABLE "posts" RENAME COLUMN "title" TO "headline"'],
      verify: (tables) => expect(tables.find((t) => t.name === 'posts')?.columns.map((c) => c.name)).toContain('headline'),
    },
    {
      name: 'createIndex with an expression part',
      op: { kind: 'createIndex', table: 'posts', index: { name: 'ix "odd"', parts: [{ kind: 'expression', sql: 'lower(title)' }, { kind: 'column', name: 'id' }], unique: false } },
      want: ['CREATE INDEX "ix ""odd""" ON "posts" (lower(title), "id")'],
      verify: (tables) => expect(tables.find((t) => t.name === 'posts')?.indexes[0]?.parts[0]).toEqual({ kind: 'expression', sql: 'lower(title)' }),
    },
    {
      name: 'dropIndex',
      op: { kind: 'dropIndex', table: 'posts', existing: { name: 'ix_posts_title', parts: [{ kind: 'column', name: 'title' }], unique: false } },
      want: ['DROP INDEX "ix_posts_title"'],
      verify: (tables) => expect(tables.find((t) => t.name === 'posts')?.indexes).toEqual([]),
    },
    {
      name: 'renameTable',
      op: { kind: 'renameTable', from: 'posts', to: 'articles' },
      want: ['ALTER TABLE "posts" RENAME TO "articles"'],
      verify: (tables) => expect(tables.map((t) => t.name)).toEqual(['articles']),
    },
    {
      name: 'dropTable',
      op: { kind: 'dropTable', table: 'posts', existing: posts },
      want: ['DROP TABLE "posts"'],
      verify: (tables) => expect(tables).toEqual([]),
    },
    {
      name: 'execute',
      op: { kind: 'execute', sql: "INSERT INTO posts (id, title) VALUES (1, 'a'); INSERT INTO posts (id, title) VALUES (2, 'b')" },
      want: ["INSERT INTO posts (id, title) VALUES (1, 'a'); INSERT INTO posts (id, title) VALUES (2, 'b')"],
      verify: (tables) => expect(tables).toHaveLength(1),
    },
  ];

  it.each(cases)('$name', async ({ op, want, verify }) => {
    const { connection } = await tempDatabase(
      'CREATE TABLE posts (id integer PRIMARY KEY NOT NULL, title text NOT NULL, body text); CREATE INDEX ix_posts_title ON posts (title);',
    );
    if (op.kind === 'createIndex') await connection.execute('DROP INDEX ix_posts_title');
    const statements = compileSqlite([op]);
    expect(statements.map((s) => s.sql)).toEqual(want);
    for (const s of statements) expect(s.comment).toBeTruthy();
    for (const s of statements) await connection.execute(s.sql);
    verify((await introspectSqlite(connection, { exclude: [] })).tables);
  });
});

describe('compileSqlite: ops that need a rebuild', () => {
  const fk = { columns: ['a'], referencedTable: 'p', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' } as const;
  const wrapped: ReadonlyArray<Op> = [
    { kind: 'alterColumn', table: 't', column: 'a', from: col('a', 'text'), to: col('a', 'text', { nullable: false }), changes: ['nullable'] },
    { kind: 'createForeignKey', table: 't', foreignKey: fk },
    { kind: 'dropForeignKey', table: 't', existing: fk },
    { kind: 'createUnique', table: 't', unique: { columns: ['a'] } },
    { kind: 'dropUnique', table: 't', existing: { columns: ['a'] } },
    { kind: 'createCheck', table: 't', check: { expression: 'a > 0' } },
    { kind: 'dropCheck', table: 't', existing: { expression: 'a > 0' } },
    { kind: 'createPrimaryKey', table: 't', primaryKey: { columns: ['a'] } },
    { kind: 'dropPrimaryKey', table: 't', existing: { columns: ['a'] } },
    { kind: 'addColumn', table: 't', column: col('b', 'text', { nullable: false }) },
    { kind: 'addColumn', table: 't', column: col('b', 'text', { default: expr('CURRENT_TIMESTAMP') }) },
  ];
  it.each(wrapped.map((op) => ({ kind: op.kind, op })))('$kind outside rebuildTable is an internal error', ({ op }) => {
    expect(() => compileSqlite([op])).toThrow(/internal error: .* must be wrapped in rebuildTable/);
  });
});

describe('compileSqlite: rebuildTable', () => {
  const from = createTable({
    name: 'items',
    columns: [
      col('id', 'integer', { nullable: false, autoincrement: true }),
      col('label', 'text'),
      col('qty', 'integer'),
      col('gone', 'text'),
    ],
    primaryKey: { columns: ['id'] },
    indexes: [{ name: 'ix_items_label', parts: [{ kind: 'column', name: 'label' }], unique: false }],
  });
  const to = createTable({
    name: 'items',
    columns: [
      col('id', 'integer', { nullable: false, autoincrement: true }),
      col('title', 'text'),
      col('qty', 'integer', { nullable: false, default: lit(0) }),
      col('added', 'text', { default: lit('x') }),
    ],
    primaryKey: { columns: ['id'] },
    checks: [{ expression: 'qty >= 0' }],
    indexes: [{ name: 'ix_items_title', parts: [{ kind: 'column', name: 'title' }], unique: false }],
  });
  const op: RebuildTableOp = {
    kind: 'rebuildTable',
    table: 'items',
    from,
    to,
    changes: [
      { kind: 'renameColumn', table: 'items', from: 'label', to: 'title' },
      { kind: 'alterColumn', table: 'items', column: 'qty', from: from.columns[2]!, to: to.columns[2]!, changes: ['nullable', 'default'] },
      { kind: 'dropColumn', table: 'items', column: 'gone', existing: from.columns[3]! },
      { kind: 'addColumn', table: 'items', column: to.columns[3]! },
      { kind: 'createCheck', table: 'items', check: { expression: 'qty >= 0' } },
    ],
  };

  it('follows the 12-step procedure with renames, COALESCE for new NOT NULL, sequence kept, indexes recreated', async () => {
    const statements = compileSqlite([op]);
    expect(statements.map((s) => s.comment)).toEqual([
      'rebuild items: create the new table',
      'rebuild items: copy rows',
      'rebuild items: keep the AUTOINCREMENT counter',
      'rebuild items: keep the AUTOINCREMENT counter',
      'rebuild items: drop the old table',
      'rebuild items: rename the new table: legacy RENAME leaves views and triggers as written',
      'rebuild items: rename the new table',
      'rebuild items: rename the new table: back to the modern RENAME',
      'rebuild items: create index ix_items_title',
    ]);
    expect(statements[0]?.sql).toMatch(/^CREATE TABLE "__autogen_new_items" \(/);
    expect(statements[1]?.sql).toBe('INSERT INTO "__autogen_new_items" ("id", "title", "qty") SELECT "id", "label", COALESCE("qty", 0) FROM "items"');
    expect(statements[4]?.sql).toBe('DROP TABLE "items"');
    expect(statements.slice(5, 8).map((s) => s.sql)).toEqual([
      'PRAGMA legacy_alter_table = ON',
      'ALTER TABLE "__autogen_new_items" RENAME TO "items"',
      'PRAGMA legacy_alter_table = OFF',
    ]);
    expect(statements[8]?.sql).toBe('CREATE INDEX "ix_items_title" ON "items" ("title")');

    // And it runs: rows kept, renamed column filled, NULL became the default, AUTOINCREMENT counter not rewound.
    const { connection } = await tempDatabase(`
      CREATE TABLE items (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, label text, qty integer, gone text);
      CREATE INDEX ix_items_label ON items (label);
      INSERT INTO items (label, qty) VALUES ('a', 1), ('b', NULL), ('c', 3);
      DELETE FROM items WHERE label = 'c';`);
    await connection.execute('BEGIN');
    for (const s of statements) await connection.execute(s.sql);
    await connection.execute('COMMIT');
    expect(await connection.query('SELECT id, title, qty, added FROM items ORDER BY id')).toEqual([
      { id: 1, title: 'a', qty: 1, added: 'x' },
      { id: 2, title: 'b', qty: 0, added: 'x' },
    ]);
    expect(await connection.query("SELECT seq FROM sqlite_sequence WHERE name = 'items'")).toEqual([{ seq: 3 }]);
    const current = normalizeSqliteSchema(await introspectSqlite(connection, { exclude: [] }));
    expect(current).toStrictEqual(normalizeSqliteSchema({ tables: [to] }));
  });
});

describe('compileSqlite: PostgreSQL-only ops', () => {
  it('refuses enum ops with a clear message', () => {
    const mood = { name: 'mood', values: ['happy', 'sad'] };
    const ops: ReadonlyArray<Op> = [
      { kind: 'createEnum', enum: mood },
      { kind: 'dropEnum', existing: mood },
      { kind: 'alterEnum', name: 'mood', from: ['happy'], to: ['happy', 'sad'], usages: [] },
    ];
    for (const op of ops) expect(() => compileSqlite([op])).toThrow(/^SQLite has no enum types; .*mood.* cannot be compiled for SQLite/);
  });

  it('compiles a table comment to nothing and ignores CONCURRENTLY', async () => {
    expect(compileSqlite([{ kind: 'setTableComment', table: 'posts', to: 'blog posts' }])).toEqual([]);
    const index = { name: 'ix_posts_title', parts: [{ kind: 'column' as const, name: 'title' }], unique: false };
    const statements = compileSqlite([
      { kind: 'createTable', table: posts },
      { kind: 'createIndex', table: 'posts', index, concurrently: true },
    ]);
    expect(statements.map((st) => st.sql)).toContain('CREATE INDEX "ix_posts_title" ON "posts" ("title")');
    const { connection } = await tempDatabase();
    for (const statement of statements) await connection.execute(statement.sql);
    for (const statement of compileSqlite([{ kind: 'dropIndex', table: 'posts', existing: index, concurrently: true }])) {
      expect(statement.sql).toBe('DROP INDEX "ix_posts_title"');
      await connection.execute(statement.sql);
    }
    expect((await introspectSqlite(connection, { exclude: [] })).tables[0]?.indexes).toEqual([]);
  });
});
