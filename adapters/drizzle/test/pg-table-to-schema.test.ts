import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgSchema, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { loadModule } from '@autogen/loader';
import { findColumn, findTable, type Column, type DefaultValue, type Schema, type Table } from '@autogen/schema';
import { drizzleAdapter } from '../src/drizzle-adapter';
import { drizzleTablesToSchema } from '../src/drizzle-tables-to-schema';

const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);

async function loadSchema(name: string): Promise<Schema> {
  const result = await drizzleAdapter.load({ files: [fixture(name)], dialect: 'postgresql', projectDir: resolve(__dirname, '..') });
  return result.schema;
}

function table(schema: Schema, key: string): Table {
  const found = findTable(schema, key);
  if (!found) throw new Error(`no table ${key}`);
  return found;
}

function column(schema: Schema, key: string, name: string): Column {
  const col = findColumn(table(schema, key), name);
  if (!col) throw new Error(`no column ${key}.${name}`);
  return col;
}

describe('pg column types', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadSchema('pg-column-types');
  });

  it.each([
    // [column, raw, canonical name, args]
    ['int', 'integer', 'integer', []],
    ['small', 'smallint', 'smallint', []],
    ['big_number', 'bigint', 'bigint', []],
    ['big_bigint', 'bigint', 'bigint', []],
    ['real_value', 'real', 'real', []],
    ['double', 'double precision', 'double precision', []],
    ['numeric_plain', 'numeric', 'numeric', []],
    ['numeric_precision', 'numeric(10)', 'numeric', [10, 0]],
    ['numeric_scale', 'numeric(10, 2)', 'numeric', [10, 2]],
    ['flag', 'boolean', 'boolean', []],
    ['plain_text', 'text', 'text', []],
    ['enum_text', 'text', 'text', []],
    ['varchar_plain', 'varchar', 'varchar', []],
    ['varchar_sized', 'varchar(255)', 'varchar', [255]],
    ['varchar_enum', 'varchar(10)', 'varchar', [10]],
    // PostgreSQL reads char without a length as char(1).
    ['char_plain', 'char', 'char', [1]],
    ['char_sized', 'char(3)', 'char', [3]],
    ['day', 'date', 'date', []],
    ['day_as_date', 'date', 'date', []],
    ['clock', 'time', 'time', []],
    ['clock_precise', 'time(3)', 'time', [3]],
    ['clock_zoned', 'time with time zone', 'timetz', []],
    ['stamp', 'timestamp', 'timestamp', []],
    ['stamp_precise', 'timestamp (3)', 'timestamp', [3]],
    ['stamp_zoned', 'timestamp with time zone', 'timestamptz', []],
    ['stamp_zoned_precise', 'timestamp(6) with time zone', 'timestamptz', [6]],
    ['span', 'interval', 'interval', []],
    ['span_fields', 'interval day to second(3)', 'interval day to second', [3]],
    ['doc', 'json', 'json', []],
    ['docb', 'jsonb', 'jsonb', []],
    ['key', 'uuid', 'uuid', []],
    ['blob', 'bytea', 'bytea', []],
    ['address', 'inet', 'inet', []],
    ['network', 'cidr', 'cidr', []],
    ['mac', 'macaddr', 'macaddr', []],
    ['not_null_text', 'text', 'text', []],
    ['keyAsName', 'text', 'text', []],
  ] as const)('%s is %s', (name, raw, typeName, args) => {
    const col = column(schema, 'kitchen', name);
    expect(col.type).toEqual({ name: typeName, args, raw });
    expect(col.nullable).toBe(name !== 'not_null_text');
    expect(col.default).toBeUndefined();
    expect(col.identity).toBeUndefined();
  });

  it.each([
    ['tags', { name: 'text[]', args: [], raw: 'text[]' }],
    ['sized_names', { name: 'varchar[]', args: [20], raw: 'varchar(20)[]' }],
    // PostgreSQL ignores array dimensions and sizes: integer[][] and integer[3] are both integer[].
    ['matrix', { name: 'integer[]', args: [], raw: 'integer[][]' }],
    ['fixed_array', { name: 'integer[]', args: [], raw: 'integer[3]' }],
  ] as const)('array %s', (name, type) => {
    expect(column(schema, 'kitchen', name).type).toEqual(type);
  });

  it('keeps the declaration order of columns and has no enums', () => {
    const names = table(schema, 'kitchen').columns.map((c) => c.name);
    expect(names.slice(0, 5)).toEqual(['id', 'small_serial', 'big_serial_number', 'big_serial_bigint', 'int']);
    expect(names.at(-1)).toBe('keyAsName');
    expect(schema.enums).toBeUndefined();
  });
});

describe('pg serial and identity columns', () => {
  it('keeps serials as serial types, not null, without a default', async () => {
    const schema = await loadSchema('pg-column-types');
    for (const [name, type] of [
      ['id', 'serial'],
      ['small_serial', 'smallserial'],
      ['big_serial_number', 'bigserial'],
      // drizzle leaves bigserial({ mode: 'bigint' }) nullable; PostgreSQL makes every serial NOT NULL.
      ['big_serial_bigint', 'bigserial'],
    ] as const) {
      expect(column(schema, 'kitchen', name)).toEqual({ name, type: { name: type, args: [], raw: type }, nullable: false });
    }
  });

  it('maps generatedAlwaysAsIdentity / generatedByDefaultAsIdentity to identity, not null, no default', async () => {
    const schema = await loadSchema('pg-identity');
    expect(table(schema, 'counters').columns).toEqual([
      { name: 'id', type: { name: 'integer', args: [], raw: 'integer' }, nullable: false, identity: 'always' },
      { name: 'by_default', type: { name: 'bigint', args: [], raw: 'bigint' }, nullable: false, identity: 'by default' },
      { name: 'small', type: { name: 'smallint', args: [], raw: 'smallint' }, nullable: false, identity: 'always' },
      { name: 'legacy', type: { name: 'serial', args: [], raw: 'serial' }, nullable: false },
    ]);
    expect(table(schema, 'counters').primaryKey).toEqual({ columns: ['id'] });
  });
});

describe('pg defaults', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadSchema('pg-defaults');
  });

  const cases: ReadonlyArray<[string, DefaultValue | undefined]> = [
    ['label', { kind: 'literal', value: "it's" }],
    ['code', { kind: 'literal', value: 'abc' }],
    ['count', { kind: 'literal', value: 42 }],
    ['ratio', { kind: 'literal', value: -1.5 }],
    ['price', { kind: 'literal', value: '9.90' }],
    ['big', { kind: 'literal', value: 10 }],
    ['enabled', { kind: 'literal', value: true }],
    ['archived', { kind: 'literal', value: false }],
    ['note', { kind: 'sql', expr: 'NULL' }],
    // defaultNow() is drizzle's sql`now()`; the normalizer spells it CURRENT_TIMESTAMP.
    ['created_at', { kind: 'sql', expr: 'now()' }],
    ['updated_at', { kind: 'sql', expr: 'CURRENT_TIMESTAMP' }],
    // Dates as PostgreSQL prints them back (UTC), so a default read from the database compares equal.
    ['starts_at', { kind: 'literal', value: '2024-05-06 07:08:09.12' }],
    ['starts_at_zoned', { kind: 'literal', value: '2024-05-06 07:08:09.12+00' }],
    ['starts_at_string', { kind: 'literal', value: '2024-05-06 07:08:09' }],
    ['day', { kind: 'literal', value: '2024-05-06' }],
    ['day_string', { kind: 'literal', value: '2024-05-06' }],
    ['lowered', { kind: 'sql', expr: "lower('ABC')" }],
    ['token', { kind: 'sql', expr: 'gen_random_uuid()' }],
    ['meta', { kind: 'literal', value: '{"theme":"dark","tags":["a"]}' }],
    // PostgreSQL's array text: quotes only where array_out puts them.
    ['tags', { kind: 'literal', value: '{a,"b c","","NULL","q\\"uote"}' }],
    ['flags', { kind: 'literal', value: '{t,f}' }],
    ['empty', { kind: 'literal', value: '{}' }],
    ['level', { kind: 'literal', value: 'low' }],
    // $defaultFn and $onUpdate run in the client: no server default.
    ['client_id', undefined],
    ['touched_at', undefined],
  ];

  it.each(cases)('%s', (name, want) => {
    expect(column(schema, 'settings', name).default).toEqual(want);
  });

  it('writes a Date default for a timestamp in UTC, without trailing zeros in the fraction', () => {
    const at = (iso: string): DefaultValue | undefined =>
      drizzleTablesToSchema([pgTable('stamps', { at: timestamp('at').default(new Date(iso)) })], 'postgresql').tables[0]?.columns[0]?.default;
    expect(at('2024-01-02T03:04:05.000Z')).toEqual({ kind: 'literal', value: '2024-01-02 03:04:05' });
    expect(at('2024-01-02T03:04:00.500Z')).toEqual({ kind: 'literal', value: '2024-01-02 03:04:00.5' });
    expect(at('2024-01-02T00:00:00.001Z')).toEqual({ kind: 'literal', value: '2024-01-02 00:00:00.001' });
  });
});

describe('pg keys, foreign keys, uniques and checks', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadSchema('pg-constraints');
  });

  it('maps column and composite primary keys, keeping only explicit names', () => {
    expect(table(schema, 'authors').primaryKey).toEqual({ columns: ['id'] });
    // drizzle names it book_tags_book_id_tag_pk; that generated name is dropped.
    expect(table(schema, 'book_tags').primaryKey).toEqual({ columns: ['book_id', 'tag'] });
    expect(table(schema, 'book_editions').primaryKey).toEqual({ name: 'pk_book_editions', columns: ['book_id', 'edition'] });
  });

  it('makes composite primary key columns not null, as PostgreSQL does', () => {
    expect(column(schema, 'book_tags', 'book_id').nullable).toBe(false);
    expect(column(schema, 'book_tags', 'tag').nullable).toBe(false);
    expect(column(schema, 'book_tags', 'note').nullable).toBe(true);
  });

  it('maps foreign keys with all five actions; generated names are dropped, explicit ones kept', () => {
    expect(table(schema, 'books').foreignKeys).toEqual([
      { columns: ['author_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict' },
      {
        name: 'fk_books_editor',
        columns: ['editor_id'],
        referencedTable: 'authors',
        referencedColumns: ['id'],
        onDelete: 'set default',
        onUpdate: 'set null',
      },
      { columns: ['reviewer_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'cascade' },
    ]);
    expect(table(schema, 'authors').foreignKeys).toEqual([
      { columns: ['mentor_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' },
    ]);
    expect(table(schema, 'book_editions').foreignKeys).toEqual([
      { columns: ['book_id', 'isbn'], referencedTable: 'books', referencedColumns: ['author_id', 'isbn'], onDelete: 'no action', onUpdate: 'no action' },
    ]);
  });

  it('maps column .unique() and unique().on() as unique constraints, naming only explicit names', () => {
    expect(table(schema, 'authors').uniques).toEqual([{ name: 'authors_email_key', columns: ['email'] }, { columns: ['handle'] }]);
    expect(table(schema, 'books').uniques).toEqual([
      { name: 'uq_books_author_isbn', columns: ['author_id', 'isbn'] },
      { columns: ['isbn', 'edition'] },
    ]);
  });

  it('renders checks with bare double-quoted column names and inlined parameters', () => {
    expect(table(schema, 'authors').checks).toEqual([
      { name: 'authors_adult', expression: '"age" > 18' },
      { name: 'authors_handle_shape', expression: `"handle" <> 'admin'` },
    ]);
  });

  it('leaves comments and schema absent for pgTable', () => {
    for (const t of schema.tables) {
      expect(t.schema).toBeUndefined();
      expect(t.comment).toBeUndefined();
      for (const c of t.columns) expect(c.comment).toBeUndefined();
    }
  });
});

describe('pg indexes', () => {
  let indexes: Table['indexes'];
  beforeAll(async () => {
    indexes = table(await loadSchema('pg-indexes'), 'documents').indexes;
  });
  const byName = (name: string) => indexes.find((i) => i.name === name);

  it('maps .using(method) to method, leaving btree absent', () => {
    expect(byName('documents_body_gin')).toEqual({ name: 'documents_body_gin', parts: [{ kind: 'column', name: 'body' }], unique: false, method: 'gin' });
    expect(byName('documents_title_btree')).toEqual({ name: 'documents_title_btree', parts: [{ kind: 'column', name: 'title' }], unique: false });
  });

  it('maps .where(sql) to a rendered predicate on a unique index', () => {
    expect(byName('documents_slug_live')).toEqual({
      name: 'documents_slug_live',
      parts: [{ kind: 'column', name: 'slug' }],
      unique: true,
      where: '"deleted_at" is null and "rank" > 0',
    });
  });

  it('marks .desc() columns descending and leaves .asc() as the default', () => {
    expect(byName('documents_recent')?.parts).toEqual([
      { kind: 'column', name: 'created_at', descending: true },
      { kind: 'column', name: 'rank' },
      { kind: 'column', name: 'id' },
    ]);
  });

  it('maps sql parts to expressions beside columns (DESC NULLS FIRST is the default for DESC)', () => {
    expect(byName('documents_lower_title')?.parts).toEqual([
      { kind: 'expression', sql: 'lower("title")' },
      { kind: 'column', name: 'rank', descending: true },
    ]);
  });

  it('ignores .concurrently() and .with()', () => {
    expect(byName('documents_rank_concurrently')).toEqual({
      name: 'documents_rank_concurrently',
      parts: [{ kind: 'column', name: 'rank' }],
      unique: false,
    });
  });

  it("names an unnamed index as drizzle-kit does, <table>_<cols>_index", () => {
    expect(byName('documents_title_rank_index')?.parts).toEqual([
      { kind: 'column', name: 'title' },
      { kind: 'column', name: 'rank' },
    ]);
    expect(indexes).toHaveLength(7);
  });
});

describe('pgSchema tables, enums and cross-schema foreign keys', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadSchema('pg-schemas');
  });

  it('sets Table.schema for pgSchema tables and leaves it absent for pgTable', () => {
    expect(schema.tables.map((t) => [t.schema, t.name])).toEqual([
      ['billing', 'accounts'],
      ['billing', 'invoices'],
      [undefined, 'customers'],
    ]);
  });

  it('names the referenced schema of foreign keys into a pgSchema, in both directions', () => {
    expect(table(schema, 'customers').foreignKeys).toEqual([
      {
        columns: ['default_account_id'],
        referencedTable: 'accounts',
        referencedSchema: 'billing',
        referencedColumns: ['id'],
        onDelete: 'set null',
        onUpdate: 'no action',
      },
    ]);
    expect(table(schema, 'billing.accounts').foreignKeys).toEqual([
      { columns: ['customer_id'], referencedTable: 'customers', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
    ]);
    expect(table(schema, 'billing.invoices').foreignKeys).toEqual([
      { columns: ['account_id'], referencedTable: 'accounts', referencedSchema: 'billing', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
    ]);
  });

  it('types enum columns by the enum key, raw quoted and schema-qualified in a pgSchema', () => {
    expect(column(schema, 'billing.invoices', 'status').type).toEqual({
      name: 'billing.invoice_status',
      args: [],
      raw: '"billing"."invoice_status"',
    });
    expect(column(schema, 'billing.invoices', 'history').type).toEqual({
      name: 'billing.invoice_status[]',
      args: [],
      raw: '"billing"."invoice_status"[]',
    });
    expect(column(schema, 'billing.accounts', 'region').type).toEqual({ name: 'region', args: [], raw: '"region"' });
    expect(column(schema, 'billing.invoices', 'status').default).toEqual({ kind: 'literal', value: 'draft' });
  });

  it('collects enums of pgSchemas with their schema', () => {
    expect(schema.enums).toEqual([
      { name: 'invoice_status', schema: 'billing', values: ['draft', 'sent', 'paid'] },
      { name: 'region', values: ['eu', 'us'] },
    ]);
  });
});

describe('pg enums', () => {
  let schema: Schema;
  beforeAll(async () => {
    schema = await loadSchema('pg-enums');
  });

  it('collects exported enums (used or not) and enums used by columns without being exported, each once', () => {
    expect(schema.enums).toEqual([
      { name: 'Weekday', values: ['monday', 'tuesday'] },
      { name: 'color', values: ['red', 'green'] },
      { name: 'mood', values: ['sad', 'ok', 'happy'] },
      { name: 'size', values: ['s', 'm', 'l'] },
    ]);
  });

  it('types enum, enum array and object-enum columns by the enum', () => {
    const people = table(schema, 'people');
    expect(people.columns.map((c) => [c.name, c.type.name, c.type.raw])).toEqual([
      ['id', 'serial', 'serial'],
      ['mood', 'mood', '"mood"'],
      ['moods', 'mood[]', '"mood"[]'],
      ['day', 'Weekday', '"Weekday"'],
      ['shirt', 'size', '"size"'],
    ]);
    expect(column(schema, 'people', 'mood').default).toEqual({ kind: 'literal', value: 'ok' });
  });

  it('includes enums the tables use when mapping tables directly, and extra enums given', async () => {
    const mod = await loadModule(fixture('pg-enums'));
    const direct = drizzleTablesToSchema([mod.people as PgTableLike], 'postgresql');
    expect(direct.enums?.map((e) => e.name)).toEqual(['Weekday', 'mood', 'size']);
    const withColor = drizzleTablesToSchema([mod.people as PgTableLike], 'postgresql', undefined, [mod.unusedColor as EnumLike]);
    expect(withColor.enums?.map((e) => e.name)).toEqual(['Weekday', 'color', 'mood', 'size']);
  });

  it('rejects two enums with one key and different values, naming both', async () => {
    const mod = await loadModule(fixture('pg-enums'));
    const other = (await loadModule(fixture('pg-enum-conflict'))).otherMood as EnumLike;
    expect(() => drizzleTablesToSchema([mod.people as PgTableLike], 'postgresql', undefined, [other])).toThrow(
      'enum "mood" is declared twice with different values: ["sad","happy"] by the enums given and ["sad","ok","happy"] by table "people"',
    );
  });
});

type PgTableLike = Parameters<typeof drizzleTablesToSchema>[0][number];
type EnumLike = NonNullable<Parameters<typeof drizzleTablesToSchema>[3]>[number];

describe('what the model cannot express (pg)', () => {
  const map = (t: PgTableLike): Schema => drizzleTablesToSchema([t], 'postgresql');

  it('rejects operator classes and ascending NULLS FIRST in indexes, naming table and index', () => {
    const trigram = pgTable('words', { word: text('word') }, (t) => [index('words_trgm').using('gin', t.word.op('gin_trgm_ops'))]);
    expect(() => map(trigram)).toThrow('table "words": index "words_trgm": column "word" has operator class gin_trgm_ops (.op())');
    const nullsFirst = pgTable('words', { word: text('word') }, (t) => [index('words_nf').on(t.word.asc().nullsFirst())]);
    expect(() => map(nullsFirst)).toThrow('table "words": index "words_nf": column "word" is ascending with NULLS FIRST');
  });

  it('rejects an unnamed expression index (drizzle-kit does too)', () => {
    const lowered = pgTable('words', { word: text('word') }, (t) => [index().on(sql`lower(${t.word})`)]);
    expect(() => map(lowered)).toThrow('table "words": index "(unnamed)": an index on the expression lower("word") needs a name');
  });

  it('rejects NULLS NOT DISTINCT uniques, column-level and table-level', () => {
    const col = pgTable('codes', { code: text('code').unique('codes_code_key', { nulls: 'not distinct' }) });
    expect(() => map(col)).toThrow('table "codes": column "code": unique NULLS NOT DISTINCT is not supported');
    const tbl = pgTable('codes', { a: text('a'), b: text('b') }, (t) => [unique('codes_ab').on(t.a, t.b).nullsNotDistinct()]);
    expect(() => map(tbl)).toThrow('table "codes": unique "codes_ab" (a, b): NULLS NOT DISTINCT is not supported');
  });

  it('rejects generated columns and two primary keys', () => {
    const generated = pgTable('people', { first: text('first'), full: text('full').generatedAlwaysAs(sql`upper("first")`) });
    expect(() => map(generated)).toThrow('table "people": column "full": it is a generated column (generatedAlwaysAs)');
    const twoKeys = pgTable('clash', { a: integer('a').primaryKey(), b: integer('b') }, (t) => [primaryKey({ columns: [t.a, t.b] })]);
    expect(() => map(twoKeys)).toThrow('table "clash": more than one primary key (a.primaryKey(), primaryKey(a, b)); PostgreSQL allows one');
  });

  it('names the pgSchema of a failing table', () => {
    const bad = pgSchema('audit').table('plain', { x: text('x') }, (t) => [check('x_check', sql`${t.x} < ${sql.placeholder('max')}`)]);
    expect(() => map(bad)).toThrow('table "audit.plain": check "x_check": sql.placeholder() cannot be used in a schema definition');
  });
});
