import { resolve } from 'node:path';
import { loadModule } from '@autogen/loader';
import { findColumn, findTable, type Column, type DefaultValue, type Table } from '@autogen/schema';
import { drizzleAdapter } from '../src/drizzle-adapter';

const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);

async function loadTables(name: string): Promise<ReadonlyArray<Table>> {
  const result = await drizzleAdapter.load({ files: [fixture(name)], dialect: 'sqlite', projectDir: resolve(__dirname, '..') });
  return result.schema.tables;
}

function column(tables: ReadonlyArray<Table>, table: string, name: string): Column {
  const found = findTable({ tables }, table);
  const col = found && findColumn(found, name);
  if (!col) throw new Error(`no column ${table}.${name}`);
  return col;
}

describe('sqlite column types', () => {
  let tables: ReadonlyArray<Table>;
  beforeAll(async () => {
    tables = await loadTables('column-types');
  });

  it.each([
    // [column, raw type, name, args, nullable]
    ['id', 'integer', 'integer', [], false],
    ['int_number', 'integer', 'integer', [], true],
    ['int_boolean', 'integer', 'integer', [], false],
    ['int_timestamp', 'integer', 'integer', [], true],
    ['int_timestamp_ms', 'integer', 'integer', [], true],
    ['plain_text', 'text', 'text', [], true],
    ['sized_text', 'text(256)', 'text', [256], true],
    ['enum_text', 'text', 'text', [], true],
    ['json_text', 'text', 'text', [], true],
    ['real_value', 'real', 'real', [], true],
    ['numeric_string', 'numeric', 'numeric', [], true],
    ['numeric_number', 'numeric', 'numeric', [], true],
    ['numeric_bigint', 'numeric', 'numeric', [], true],
    ['blob_buffer', 'blob', 'blob', [], true],
    ['blob_json', 'blob', 'blob', [], true],
    ['blob_bigint', 'blob', 'blob', [], true],
    ['custom', 'varchar(40)', 'varchar', [40], true],
    ['keyAsName', 'text', 'text', [], true],
  ] as const)('%s is %s', (name, raw, typeName, args, nullable) => {
    const col = column(tables, 'kitchen', name);
    expect(col.type).toEqual({ name: typeName, args, raw });
    expect(col.nullable).toBe(nullable);
    expect(col.default).toBeUndefined();
    expect(col.autoincrement).toBeUndefined();
  });

  it('keeps the declaration order of columns', () => {
    expect(findTable({ tables }, 'kitchen')?.columns.map((c) => c.name)).toEqual([
      'id', 'int_number', 'int_boolean', 'int_timestamp', 'int_timestamp_ms', 'plain_text', 'sized_text', 'enum_text',
      'json_text', 'real_value', 'numeric_string', 'numeric_number', 'numeric_bigint', 'blob_buffer', 'blob_json',
      'blob_bigint', 'custom', 'keyAsName',
    ]);
  });
});

describe('sqlite defaults', () => {
  let tables: ReadonlyArray<Table>;
  let fixedDate: Date;
  beforeAll(async () => {
    tables = await loadTables('defaults');
    fixedDate = (await loadModule(fixture('defaults'))).FIXED_DATE as Date;
  });

  const hex = (text: string): string => `X'${Buffer.from(text).toString('hex').toUpperCase()}'`;
  const cases: ReadonlyArray<[string, () => DefaultValue | undefined]> = [
    ['label', () => ({ kind: 'literal', value: "it's" })],
    ['count', () => ({ kind: 'literal', value: 42 })],
    ['ratio', () => ({ kind: 'literal', value: -1.5 })],
    ['enabled', () => ({ kind: 'literal', value: true })],
    ['archived', () => ({ kind: 'literal', value: false })],
    ['note', () => ({ kind: 'literal', value: null })],
    ['created_at', () => ({ kind: 'sql', expr: 'CURRENT_TIMESTAMP' })],
    ['updated_at', () => ({ kind: 'sql', expr: '(unixepoch())' })],
    ['lowered', () => ({ kind: 'sql', expr: "(lower('ABC'))" })],
    ['starts_at', () => ({ kind: 'literal', value: Math.floor(fixedDate.getTime() / 1000) })],
    ['starts_at_ms', () => ({ kind: 'literal', value: fixedDate.getTime() })],
    ['created_ms', () => ({ kind: 'sql', expr: "(cast((julianday('now') - 2440587.5)*86400000 as integer))" })],
    ['meta', () => ({ kind: 'literal', value: '{"theme":"dark","tags":["a"]}' })],
    ['blob_meta', () => ({ kind: 'sql', expr: hex('{"v":1}') })],
    ['raw', () => ({ kind: 'sql', expr: "X'6869'" })],
    ['big', () => ({ kind: 'literal', value: 10 })],
    ['huge', () => ({ kind: 'sql', expr: '12345678901234567890' })],
    ['blob_big', () => ({ kind: 'sql', expr: hex('7') })],
    // $defaultFn and $onUpdate run in the client: no server default.
    ['token', () => undefined],
    ['touched_at', () => undefined],
  ];

  it.each(cases)('%s', (name, want) => {
    expect(column(tables, 'settings', name).default).toEqual(want());
  });

  it('marks only integer primaryKey({ autoIncrement: true }) as autoincrement', () => {
    const table = findTable({ tables }, 'settings');
    expect(table?.columns.filter((c) => c.autoincrement).map((c) => c.name)).toEqual(['id']);
    expect(table?.primaryKey).toEqual({ columns: ['id'] });
  });
});

describe('sqlite keys, foreign keys, indexes, uniques and checks', () => {
  let tables: ReadonlyArray<Table>;
  const table = (name: string): Table => {
    const found = findTable({ tables }, name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  };
  beforeAll(async () => {
    tables = await loadTables('constraints');
  });

  it('sorts tables by name', () => {
    expect(tables.map((t) => t.name)).toEqual(['authors', 'book_editions', 'book_tags', 'books']);
  });

  it('maps column and composite primary keys, keeping only explicit names', () => {
    expect(table('authors').primaryKey).toEqual({ columns: ['id'] });
    expect(table('book_tags').primaryKey).toEqual({ columns: ['book_id', 'tag'] });
    expect(table('book_editions').primaryKey).toEqual({ name: 'pk_book_editions', columns: ['book_id', 'edition'] });
    expect(column(tables, 'authors', 'id').autoincrement).toBe(true);
    expect(column(tables, 'books', 'id').autoincrement).toBeUndefined();
  });

  it('maps foreign keys with their actions; generated names are dropped, explicit ones kept', () => {
    expect(table('books').foreignKeys).toEqual([
      { columns: ['author_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict' },
      {
        name: 'fk_books_editor',
        columns: ['editor_id'],
        referencedTable: 'authors',
        referencedColumns: ['id'],
        onDelete: 'set default',
        onUpdate: 'no action',
      },
    ]);
    expect(table('book_tags').foreignKeys).toEqual([
      { columns: ['book_id'], referencedTable: 'books', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
    ]);
    expect(table('book_editions').foreignKeys).toEqual([
      {
        columns: ['book_id', 'isbn'],
        referencedTable: 'books',
        referencedColumns: ['author_id', 'isbn'],
        onDelete: 'no action',
        onUpdate: 'no action',
      },
    ]);
  });

  it('maps a self-reference', () => {
    expect(table('authors').foreignKeys).toEqual([
      { columns: ['mentor_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' },
    ]);
  });

  it('maps column indexes, partial unique indexes and expression indexes with bare quoted column names', () => {
    expect(table('authors').indexes).toEqual([
      {
        name: 'ix_authors_age_handle',
        parts: [
          { kind: 'column', name: 'age' },
          { kind: 'column', name: 'handle' },
        ],
        unique: false,
      },
      { name: 'ix_authors_lower_email', parts: [{ kind: 'expression', sql: 'lower("email")' }], unique: false },
      { name: 'ux_authors_slug_live', parts: [{ kind: 'column', name: 'slug' }], unique: true, where: '"deleted_at" is null' },
    ]);
  });

  it('maps column .unique() and unique().on() as unique constraints, naming only explicit names', () => {
    expect(table('authors').uniques).toEqual([{ name: 'authors_email_key', columns: ['email'] }, { columns: ['handle'] }]);
    expect(table('books').uniques).toEqual([
      { name: 'uq_books_author_isbn', columns: ['author_id', 'isbn'] },
      { columns: ['isbn', 'edition'] },
    ]);
  });

  it('renders checks with bare column names and inlined parameters', () => {
    expect(table('authors').checks).toEqual([
      { name: 'authors_adult', expression: '"age" > 18' },
      { name: 'authors_handle_shape', expression: `"handle" <> 'admin'` },
    ]);
  });

  it('keeps declared nullability of composite primary key columns (SQLite lets them hold NULL)', () => {
    expect(column(tables, 'book_tags', 'book_id').nullable).toBe(false);
    expect(column(tables, 'book_tags', 'tag').nullable).toBe(true);
    // .primaryKey() on a column implies NOT NULL (drizzle sets notNull itself).
    expect(column(tables, 'books', 'id').nullable).toBe(false);
  });
});
