import type { Table } from '@autogen/schema';
import { introspectSqlite } from '../src/sqlite-introspector';
import { cleanup, tempDatabase } from './helpers';

afterAll(cleanup);

const SETUP = `
CREATE TABLE [parent] (\`id\` INTEGER PRIMARY KEY, "code" text UNIQUE);
CREATE TABLE "child" ( -- a comment with , and ( in it
  id integer CONSTRAINT "pk_child" PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER NOT NULL CONSTRAINT fk_child_parent REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  code text REFERENCES [parent]("code") ON UPDATE SET NULL,
  title VARCHAR(200) COLLATE nocase DEFAULT 'it''s' CHECK (length(title) > 0),
  qty int DEFAULT (0) CONSTRAINT ck_qty CHECK (qty >= 0),
  note text /* , weird ( */ DEFAULT NULL,
  created text NOT NULL DEFAULT (CURRENT_TIMESTAMP),
  price numeric( 10 , 2 ),
  CONSTRAINT uq_child_title UNIQUE (title, code),
  UNIQUE (qty),
  CHECK (qty < 1000)
);
CREATE INDEX ix_child_expr ON child (lower(title) DESC, qty DESC) WHERE note IS NOT NULL;
CREATE UNIQUE INDEX "ix child code" ON child (code);
CREATE TABLE pairs (a text, b text NOT NULL, c, PRIMARY KEY (b, a), FOREIGN KEY (c) REFERENCES parent);
CREATE VIEW v AS SELECT * FROM child;
CREATE TABLE autogen_version (version_num text NOT NULL);
CREATE VIRTUAL TABLE docs USING fts5(body);
CREATE TABLE gen (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL);
`;

describe('introspectSqlite', () => {
  it('reads a rich schema: names, checks, autoincrement, collation, deferred, partial/expression/desc indexes, uniques', async () => {
    const { connection } = await tempDatabase(SETUP);
    const schema = await introspectSqlite(connection, { exclude: ['AUTOGEN_VERSION'] });
    // sqlite_sequence, the view, the virtual table and its shadow tables, and the excluded table are left out.
    expect(schema.tables.map((t) => t.name)).toEqual(['child', 'gen', 'pairs', 'parent']);
    const child = schema.tables.find((t) => t.name === 'child') as Table;
    expect(child).toStrictEqual<Table>({
      name: 'child',
      columns: [
        { name: 'id', type: { name: 'integer', args: [], raw: 'integer' }, nullable: true, autoincrement: true },
        { name: 'parent_id', type: { name: 'integer', args: [], raw: 'INTEGER' }, nullable: false },
        { name: 'code', type: { name: 'text', args: [], raw: 'text' }, nullable: true },
        {
          name: 'title',
          type: { name: 'varchar', args: [200], raw: 'VARCHAR(200)' },
          nullable: true,
          default: { kind: 'sql', expr: "'it''s'" },
          collation: 'nocase',
        },
        { name: 'qty', type: { name: 'int', args: [], raw: 'int' }, nullable: true, default: { kind: 'sql', expr: '0' } },
        { name: 'note', type: { name: 'text', args: [], raw: 'text' }, nullable: true, default: { kind: 'sql', expr: 'NULL' } },
        { name: 'created', type: { name: 'text', args: [], raw: 'text' }, nullable: false, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } },
        { name: 'price', type: { name: 'numeric', args: [10, 2], raw: 'numeric( 10 , 2 )' }, nullable: true },
      ],
      primaryKey: { name: 'pk_child', columns: ['id'] },
      foreignKeys: [
        { columns: ['code'], referencedTable: 'parent', referencedColumns: ['code'], onDelete: 'no action', onUpdate: 'set null' },
        {
          name: 'fk_child_parent',
          columns: ['parent_id'],
          referencedTable: 'parent',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          onUpdate: 'no action',
          deferred: true,
        },
      ],
      indexes: [
        { name: 'ix child code', parts: [{ kind: 'column', name: 'code' }], unique: true },
        {
          name: 'ix_child_expr',
          parts: [
            { kind: 'expression', sql: 'lower(title) DESC' },
            { kind: 'column', name: 'qty', descending: true },
          ],
          unique: false,
          where: 'note IS NOT NULL',
        },
      ],
      uniques: [{ columns: ['qty'] }, { name: 'uq_child_title', columns: ['title', 'code'] }],
      checks: [
        { expression: 'length(title) > 0' },
        { expression: 'qty < 1000' },
        { name: 'ck_qty', expression: 'qty >= 0' },
      ],
    });
  });

  it('reads composite primary keys in key order, column-level uniques and keys that reference the parent primary key', async () => {
    const { connection } = await tempDatabase(SETUP);
    const schema = await introspectSqlite(connection, { exclude: [] });
    const pairs = schema.tables.find((t) => t.name === 'pairs') as Table;
    expect(pairs.primaryKey).toStrictEqual({ columns: ['b', 'a'] });
    expect(pairs.columns.map((c) => [c.name, c.type.raw])).toEqual([
      ['a', 'text'],
      ['b', 'text'],
      ['c', ''],
    ]);
    expect(pairs.foreignKeys).toStrictEqual([
      { columns: ['c'], referencedTable: 'parent', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
    ]);
    expect(pairs.indexes).toEqual([]); // the primary key's autoindex is not an index
    const parent = schema.tables.find((t) => t.name === 'parent') as Table;
    expect(parent.uniques).toStrictEqual([{ columns: ['code'] }]);
    expect(parent.primaryKey).toStrictEqual({ columns: ['id'] });
    // Generated columns are not in the model.
    expect((schema.tables.find((t) => t.name === 'gen') as Table).columns.map((c) => c.name)).toEqual(['a']);
    expect(schema.tables.map((t) => t.name)).toContain('autogen_version');
  });

  it('answers in a fixed number of queries, however many tables', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `CREATE TABLE t${i} (id integer PRIMARY KEY, v text UNIQUE);`).join('\n');
    const { connection } = await tempDatabase(many);
    let queries = 0;
    const counting = { ...connection, description: connection.description, query: (sql: string, params?: ReadonlyArray<unknown>) => {
      queries++;
      return connection.query(sql, params);
    } } as typeof connection;
    const schema = await introspectSqlite(counting, { exclude: [] });
    expect(schema.tables).toHaveLength(30);
    expect(queries).toBe(4);
  });
});
