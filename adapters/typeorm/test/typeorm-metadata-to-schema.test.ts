import { resolve } from 'node:path';
import { loadModule } from '@autogen/loader';
import { findTable, type Check, type Column, type DialectName, type ForeignKey, type Index, type Schema, type Table, type Unique } from '@autogen/schema';
import { DataSource, EntitySchema, type DataSourceOptions, type EntitySchemaOptions } from 'typeorm';
import { buildTypeormMetadata } from '../src/build-typeorm-metadata';
import { typeormAdapter } from '../src/typeorm-adapter';
import { typeormMetadataToSchema } from '../src/typeorm-metadata-to-schema';

/**
 * What the mapping makes of each TypeORM feature, per dialect, read through the adapter from real entities. The
 * values are the DDL TypeORM itself writes for them (its schema builder's CREATE TABLE, see the parity tests,
 * which check the same models against databases TypeORM created).
 */
const fixture = (name: string): string => resolve(__dirname, 'fixtures', `${name}.ts`);
const schemas = new Map<string, Schema>();

async function schemaOf(name: string, dialect: DialectName): Promise<Schema> {
  const key = `${name}:${dialect}`;
  const cached = schemas.get(key);
  if (cached) return cached;
  const { schema } = await typeormAdapter.load({ files: [fixture(name)], dialect, projectDir: resolve(__dirname, '..') });
  schemas.set(key, schema);
  return schema;
}

async function tableOf(name: string, dialect: DialectName, table: string): Promise<Table> {
  const found = findTable(await schemaOf(name, dialect), table);
  if (!found) throw new Error(`no table ${table}`);
  return found;
}

const column = (table: Table, name: string): Column | undefined => table.columns.find((c) => c.name === name);
const type = (raw: string, name: string, args: number[] = []) => ({ name, args, raw });

type PerDialect<T> = Readonly<Record<DialectName, T>>;

describe.each<DialectName>(['sqlite', 'postgresql'])('shop entities on %s', (dialect) => {
  // [what, table, column, want per dialect]
  it.each<[string, string, string, PerDialect<Column>]>([
    [
      'increment key',
      'customer',
      'id',
      { sqlite: { name: 'id', type: type('integer', 'integer'), nullable: false, autoincrement: true }, postgresql: { name: 'id', type: type('serial', 'serial'), nullable: false } },
    ],
    [
      'length',
      'customer',
      'name',
      {
        sqlite: { name: 'name', type: type('varchar(100)', 'varchar', [100]), nullable: false },
        postgresql: { name: 'name', type: type('character varying(100)', 'character varying', [100]), nullable: false },
      },
    ],
    [
      'precision and scale, numeric default',
      'customer',
      'credit',
      {
        sqlite: { name: 'credit', type: type('decimal(12,2)', 'decimal', [12, 2]), nullable: false, default: { kind: 'literal', value: 0 } },
        postgresql: { name: 'credit', type: type('numeric(12,2)', 'numeric', [12, 2]), nullable: false, default: { kind: 'literal', value: 0 } },
      },
    ],
    [
      'nullable string default',
      'customer',
      'note',
      {
        sqlite: { name: 'note', type: type('varchar', 'varchar'), nullable: true, default: { kind: 'literal', value: 'n/a' } },
        postgresql: { name: 'note', type: type('character varying', 'character varying'), nullable: true, default: { kind: 'literal', value: 'n/a' } },
      },
    ],
    [
      'simple-enum: a CHECK on SQLite, an enum type on PostgreSQL',
      'customer',
      'tier',
      {
        sqlite: { name: 'tier', type: type('varchar', 'varchar'), nullable: false, default: { kind: 'literal', value: 'basic' } },
        postgresql: { name: 'tier', type: type('"customer_tier_enum"', 'customer_tier_enum'), nullable: false, default: { kind: 'literal', value: 'basic' } },
      },
    ],
    [
      '@CreateDateColumn',
      'customer',
      'createdAt',
      {
        sqlite: { name: 'createdAt', type: type('datetime', 'datetime'), nullable: false, default: { kind: 'sql', expr: "datetime('now')" } },
        postgresql: { name: 'createdAt', type: type('TIMESTAMP', 'timestamp'), nullable: false, default: { kind: 'sql', expr: 'now()' } },
      },
    ],
    [
      '@DeleteDateColumn',
      'customer',
      'deletedAt',
      { sqlite: { name: 'deletedAt', type: type('datetime', 'datetime'), nullable: true }, postgresql: { name: 'deletedAt', type: type('TIMESTAMP', 'timestamp'), nullable: true } },
    ],
    [
      '@VersionColumn',
      'customer',
      'revision',
      { sqlite: { name: 'revision', type: type('integer', 'integer'), nullable: false }, postgresql: { name: 'revision', type: type('integer', 'integer'), nullable: false } },
    ],
    [
      'embedded column',
      'customer',
      'addressZip',
      {
        sqlite: { name: 'addressZip', type: type('varchar(10)', 'varchar', [10]), nullable: true },
        postgresql: { name: 'addressZip', type: type('character varying(10)', 'character varying', [10]), nullable: true },
      },
    ],
    [
      'default () => "CURRENT_TIMESTAMP"',
      'product',
      'listedAt',
      {
        sqlite: { name: 'listedAt', type: type('datetime', 'datetime'), nullable: false, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } },
        postgresql: { name: 'listedAt', type: type('TIMESTAMP', 'timestamp'), nullable: false, default: { kind: 'sql', expr: 'now()' } },
      },
    ],
    [
      'explicit type, boolean default',
      'customer',
      'active',
      {
        sqlite: { name: 'active', type: type('boolean', 'boolean'), nullable: false, default: { kind: 'literal', value: true } },
        postgresql: { name: 'active', type: type('boolean', 'boolean'), nullable: false, default: { kind: 'literal', value: true } },
      },
    ],
    [
      'single-table inheritance: a child column in the root table, nullable',
      'payment',
      'last4',
      {
        sqlite: { name: 'last4', type: type('varchar(4)', 'varchar', [4]), nullable: true },
        postgresql: { name: 'last4', type: type('character varying(4)', 'character varying', [4]), nullable: true },
      },
    ],
    [
      'single-table inheritance: the discriminator',
      'payment',
      'kind',
      {
        sqlite: { name: 'kind', type: type('varchar(20)', 'varchar', [20]), nullable: false },
        postgresql: { name: 'kind', type: type('character varying(20)', 'character varying', [20]), nullable: false },
      },
    ],
    [
      'join column of a required many-to-one',
      'orders',
      'customerId',
      { sqlite: { name: 'customerId', type: type('integer', 'integer'), nullable: false }, postgresql: { name: 'customerId', type: type('integer', 'integer'), nullable: false } },
    ],
    [
      'junction column takes the referenced key type',
      'order_products',
      'product_sku',
      {
        sqlite: { name: 'product_sku', type: type('varchar(20)', 'varchar', [20]), nullable: false },
        postgresql: { name: 'product_sku', type: type('character varying(20)', 'character varying', [20]), nullable: false },
      },
    ],
  ])('column: %s', async (_what, table, name, want) => {
    expect(column(await tableOf('shop', dialect, table), name)).toEqual(want[dialect]);
  });

  it('keeps column order as TypeORM creates it (own columns, embedded ones, then join columns)', async () => {
    const orders = await tableOf('shop', dialect, 'orders');
    expect(orders.columns.map((c) => c.name)).toEqual(['id', 'placedAt', 'customerId', 'invoice_id']);
    const payment = await tableOf('shop', dialect, 'payment');
    expect(payment.columns.map((c) => c.name)).toEqual(['id', 'amount', 'last4', 'tendered', 'kind', 'cardholderId']);
  });

  it('names primary keys as TypeORM does: PK_<hash> on PostgreSQL, unnamed on SQLite (composite too)', async () => {
    const line = await tableOf('shop', dialect, 'order_line');
    const junction = await tableOf('shop', dialect, 'order_products');
    if (dialect === 'sqlite') {
      expect(line.primaryKey).toEqual({ columns: ['orderId', 'line'] });
      expect(junction.primaryKey).toEqual({ columns: ['order_id', 'product_sku'] });
    } else {
      expect(line.primaryKey).toEqual({ name: 'PK_7a1391d298799e3bc83602460e4', columns: ['orderId', 'line'] });
      expect(junction.primaryKey).toEqual({ name: 'PK_01210691b2d8b526a470b73f6b2', columns: ['order_id', 'product_sku'] });
    }
  });

  it.each<[string, string, ReadonlyArray<ForeignKey>]>([
    [
      'many-to-one with onDelete/onUpdate and one-to-one with deferrable INITIALLY IMMEDIATE',
      'orders',
      [
        { name: 'FK_e5de51ca888d8b1f5ac25799dd1', columns: ['customerId'], referencedTable: 'customer', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict' },
        {
          name: 'FK_37c4b48e442041eceda6aeb478c',
          columns: ['invoice_id'],
          referencedTable: 'invoice',
          referencedColumns: ['id'],
          onDelete: 'set null',
          onUpdate: 'no action',
          deferrable: true,
        },
      ],
    ],
    [
      'deferrable INITIALLY DEFERRED, part of a composite key',
      'order_line',
      [
        {
          name: 'FK_239cfca2a55b98b90b6bef2e44f',
          columns: ['orderId'],
          referencedTable: 'orders',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          onUpdate: 'no action',
          deferrable: true,
          deferred: true,
        },
      ],
    ],
    [
      'junction table: cascading keys to both sides',
      'order_products',
      [
        { name: 'FK_f258ce2f670b34b38630914cf9e', columns: ['order_id'], referencedTable: 'orders', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'cascade' },
        { name: 'FK_a33ed4f2487c5d1aa820be50dcc', columns: ['product_sku'], referencedTable: 'product', referencedColumns: ['sku'], onDelete: 'cascade', onUpdate: 'cascade' },
      ],
    ],
    [
      "an STI child's relation lands on the root table",
      'payment',
      [{ name: 'FK_f137f6eecdfc99a856a1c955621', columns: ['cardholderId'], referencedTable: 'customer', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' }],
    ],
  ])('foreign keys: %s', async (_what, table, want) => {
    expect((await tableOf('shop', dialect, table)).foreignKeys).toEqual(want);
  });

  it.each<[string, string, ReadonlyArray<Index>]>([
    [
      'generated and given names, unique partial index',
      'customer',
      [
        { name: 'IDX_ac1455877a69957f7466d5dc78', parts: [{ kind: 'column', name: 'name' }], unique: false },
        { name: 'IDX_customer_live_email', parts: [{ kind: 'column', name: 'email' }], unique: true, where: '"deletedAt" IS NULL' },
      ],
    ],
    [
      'composite index over a relation and a column',
      'orders',
      [{ name: 'IDX_aaa0f54970d06295b72d35c654', parts: [{ kind: 'column', name: 'customerId' }, { kind: 'column', name: 'placedAt' }], unique: false }],
    ],
    ['the index TypeORM puts on an STI discriminator', 'payment', [{ name: 'IDX_cc0281ef91640b888f337f6f78', parts: [{ kind: 'column', name: 'kind' }], unique: false }]],
  ])('indexes: %s', async (_what, table, want) => {
    expect((await tableOf('shop', dialect, table)).indexes).toEqual(want);
  });

  it.each<[string, string, ReadonlyArray<Unique>]>([
    ['@Column({ unique: true }) is a UQ_ constraint', 'customer', [{ name: 'UQ_fdb2f3ad8115da4c7718109a6eb', columns: ['email'] }]],
    ['@Unique with a given name', 'product', [{ name: 'UQ_product_title', columns: ['title'] }]],
    ['a one-to-one join column is unique (REL_)', 'orders', [{ name: 'REL_37c4b48e442041eceda6aeb478', columns: ['invoice_id'] }]],
  ])('uniques: %s', async (_what, table, want) => {
    expect((await tableOf('shop', dialect, table)).uniques).toEqual(want);
  });

  it('checks: @Check with its CHK_ name, and on SQLite the CHECK TypeORM adds for a simple-enum', async () => {
    const want: PerDialect<ReadonlyArray<Check>> = {
      sqlite: [{ name: 'CHK_4def4e17d4a2c4e2f770e3757c', expression: '"credit" >= 0' }, { expression: `"tier" IN ('basic','gold')` }],
      postgresql: [{ name: 'CHK_4def4e17d4a2c4e2f770e3757c', expression: '"credit" >= 0' }],
    };
    expect((await tableOf('shop', dialect, 'customer')).checks).toEqual(want[dialect]);
  });

  it('enum types: the simple-enum becomes a PostgreSQL type named <table>_<column>_enum', async () => {
    const want: PerDialect<Schema['enums']> = { sqlite: undefined, postgresql: [{ name: 'customer_tier_enum', values: ['basic', 'gold'] }] };
    expect((await schemaOf('shop', dialect)).enums).toEqual(want[dialect]);
  });
});

describe('PostgreSQL-only features (DataSource with a custom naming strategy)', () => {
  let schema: Schema;
  beforeAll(async () => {
    ({ schema } = await typeormAdapter.load({ files: [], dataSourceFile: fixture('data-source-pg'), dialect: 'postgresql', projectDir: resolve(__dirname, '..') }));
  });
  const account = (): Table => findTable(schema, 't_account') as Table;

  it.each<[string, Column]>([
    ['identity ALWAYS', { name: 'id', type: type('integer', 'integer'), nullable: false, identity: 'always' }],
    ['@Generated uuid with uuidExtension pgcrypto', { name: 'public_id', type: type('uuid', 'uuid'), nullable: false, default: { kind: 'sql', expr: 'gen_random_uuid()' } }],
    ['@Generated increment on a bigint column', { name: 'ticket', type: type('bigserial', 'bigserial'), nullable: false }],
    ['enum with enumName', { name: 'mood', type: type('"mood"', 'mood'), nullable: false, default: { kind: 'literal', value: 'happy' } }],
    ['enum array sharing the enumName', { name: 'past_moods', type: type('"mood"[]', 'mood[]'), nullable: false, default: { kind: 'sql', expr: "'{}'" } }],
    ['text array with a sql default', { name: 'tags', type: type('text array', 'text[]'), nullable: false, default: { kind: 'sql', expr: "'{}'" } }],
    ['varchar(n) array with an array default', { name: 'codes', type: type('character varying(10) array', 'character varying[]', [10]), nullable: false, default: { kind: 'sql', expr: "'{a,b}'" } }],
    [
      'timestamptz(3) with CURRENT_TIMESTAMP(3), as TypeORM spells it',
      { name: 'seen_at', type: type('TIMESTAMP(3) WITH TIME ZONE', 'timestamp with time zone', [3]), nullable: false, default: { kind: 'sql', expr: "('now'::text)::timestamp(3) with time zone" } },
    ],
    ['time(0)', { name: 'opens_at', type: type('TIME(0)', 'time', [0]), nullable: true }],
    ['jsonb with an object default', { name: 'prefs', type: type('jsonb', 'jsonb'), nullable: false, default: { kind: 'sql', expr: `'{"theme":"dark","size":2}'` } }],
    ['collation and comment', { name: 'code', type: type('character varying', 'character varying'), nullable: false, collation: 'C', comment: "the account's code" }],
    ['char(n)', { name: 'country', type: type('character(2)', 'character', [2]), nullable: false, default: { kind: 'literal', value: 'ab' } }],
    ['CURRENT_DATE, as TypeORM spells it', { name: 'opened', type: type('date', 'date'), nullable: false, default: { kind: 'sql', expr: "('now'::text)::date" } }],
  ])('%s', (_what, want) => {
    expect(column(account(), want.name)).toEqual(want);
  });

  it('table comment, gin index, custom constraint names; the audit schema with its own enum type and a key to public', () => {
    expect(account().comment).toBe('customer accounts');
    expect(account().primaryKey).toEqual({ name: 'pk_t_account', columns: ['id'] });
    expect(account().indexes).toEqual([{ name: 'ix_t_account_tags', parts: [{ kind: 'column', name: 'tags' }], unique: false, method: 'gin' }]);
    const audit = findTable(schema, 'audit.t_audit_entry');
    expect(audit?.schema).toBe('audit');
    expect(column(audit as Table, 'action')?.type).toEqual(type('"audit"."t_audit_entry_action_enum"', 'audit.t_audit_entry_action_enum'));
    expect(audit?.foreignKeys).toEqual([
      { name: 'fk_t_audit_entry_account_id', columns: ['account_id'], referencedTable: 't_account', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action', deferrable: true, deferred: true },
    ]);
    expect(schema.enums).toEqual([
      { name: 't_audit_entry_action_enum', schema: 'audit', values: ['create', 'delete'] },
      { name: 'mood', values: ['happy', 'sad'] },
      { name: 't_account_plan_enum', values: ['free', 'paid'] },
    ]);
  });
});

describe('typeormMetadataToSchema', () => {
  /** Builds the metadata of a fixture's entities under `options`, as the adapter would, and maps it. */
  async function mapped(name: string, dialect: DialectName, options: Partial<DataSourceOptions> = {}): Promise<Schema> {
    const entities = Object.values(await loadModule(fixture(name))).filter((v) => typeof v === 'function');
    const base = dialect === 'sqlite' ? { type: 'better-sqlite3' as const, database: ':memory:' } : { type: 'postgres' as const };
    const source = await buildTypeormMetadata(new DataSource({ ...base, entities, ...options } as DataSourceOptions));
    return typeormMetadataToSchema(source, dialect);
  }

  it.each<[string, DialectName, Partial<DataSourceOptions>, Column]>([
    ['PostgreSQL, default uuidExtension: uuid_generate_v4()', 'postgresql', {}, { name: 'id', type: type('uuid', 'uuid'), nullable: false, default: { kind: 'sql', expr: 'uuid_generate_v4()' } }],
    [
      'PostgreSQL, uuidExtension pgcrypto: gen_random_uuid()',
      'postgresql',
      { uuidExtension: 'pgcrypto' } as Partial<DataSourceOptions>,
      { name: 'id', type: type('uuid', 'uuid'), nullable: false, default: { kind: 'sql', expr: 'gen_random_uuid()' } },
    ],
    ['SQLite: a varchar filled by TypeORM in the client, no default', 'sqlite', {}, { name: 'id', type: type('varchar', 'varchar'), nullable: false }],
  ])('generated uuid keys: %s', async (_what, dialect, options, want) => {
    const schema = await mapped('uuid-keys', dialect, options);
    expect(schema.tables[0]?.columns[0]).toEqual(want);
    // A generated uuid column with a default of its own keeps it; the table in "public" is in the default schema.
    expect(schema.tables[0]?.columns[1]?.default).toEqual({ kind: 'sql', expr: 'gen_random_uuid()' });
    expect(schema.tables[0]?.schema).toBeUndefined();
  });

  it('uses the DataSource schema option for every table it does not place itself', async () => {
    const schema = await mapped('inferred-types', 'postgresql', { schema: 'app' } as Partial<DataSourceOptions>);
    expect(schema.tables.map((t) => [t.schema, t.name, t.primaryKey?.name])).toEqual([['app', 'person', 'PK_5fdaf670315c4b7e70cce85daa3']]);
  });

  it('refuses two columns that give one enum type different values, naming both', async () => {
    await expect(mapped('enum-conflict', 'postgresql')).rejects.toThrow(
      'enum type "colour" is used by Light.front with values (red, green) and by Light.back with values (red, blue); give one of them another enumName',
    );
  });
});

describe('EntitySchema entities', () => {
  it.each<DialectName>(['sqlite', 'postgresql'])('are collected from module exports and mapped like classes (%s)', async (dialect) => {
    const { schema, sources } = await typeormAdapter.load({ files: [fixture('entity-schemas')], dialect, projectDir: resolve(__dirname, '..') });
    const books = findTable(schema, 'books') as Table;
    expect(schema.tables.map((t) => t.name)).toEqual(['authors', 'books']);
    expect(books.foreignKeys.map((fk) => [fk.columns, fk.referencedTable, fk.onDelete])).toEqual([[['author_id'], 'authors', 'cascade']]);
    expect(books.indexes.map((i) => i.name)).toEqual(['ix_books_title']);
    expect(findTable(schema, 'authors')?.uniques.map((u) => u.columns)).toEqual([['name']]);
    expect(sources.map((s) => [s.table, s.exportName])).toEqual([
      ['authors', 'AuthorSchema'],
      ['books', 'BookSchema'],
    ]);
  });
});

describe('what TypeORM does not manage, and what autogen cannot express', () => {
  const id = { id: { type: Number, primary: true, generated: 'increment' as const } };
  /** Maps entity schemas built from `options` on `dialect`, through TypeORM's own metadata builder. */
  async function mapEntities(dialect: DialectName, ...options: ReadonlyArray<EntitySchemaOptions<unknown>>): Promise<Schema> {
    const entities = options.map((o) => new EntitySchema(o));
    const base = dialect === 'sqlite' ? { type: 'better-sqlite3' as const, database: ':memory:' } : { type: 'postgres' as const };
    return typeormMetadataToSchema(await buildTypeormMetadata(new DataSource({ ...base, entities } as DataSourceOptions)), dialect);
  }

  it.each<DialectName>(['sqlite', 'postgresql'])('leaves out views, entities and indices with synchronize: false (%s)', async (dialect) => {
    const schema = await mapEntities(
      dialect,
      { name: 'Kept', columns: { ...id, a: { type: Number } }, indices: [{ name: 'ix_manual', columns: ['a'], synchronize: false }, { name: 'ix_kept', columns: ['a'] }] },
      { name: 'Legacy', synchronize: false, columns: { ...id } },
      { name: 'KeptView', type: 'view', expression: 'SELECT id FROM kept', columns: { id: { type: Number, primary: true } } },
    );
    expect(schema.tables.map((t) => [t.name, t.indexes.map((i) => i.name)])).toEqual([['kept', ['ix_kept']]]);
  });

  it.each<[string, DialectName, EntitySchemaOptions<unknown>, string]>([
    ['a full-text index', 'postgresql', { name: 'Doc', columns: { ...id, body: { type: 'text' } }, indices: [{ name: 'ix_ft', columns: ['body'], fulltext: true }] }, 'table "doc" (entity Doc): index "ix_ft": full-text indices are MySQL-only in TypeORM and not supported by autogen'],
    ['a full-text index', 'sqlite', { name: 'Doc', columns: { ...id, body: { type: 'text' } }, indices: [{ name: 'ix_ft', columns: ['body'], fulltext: true }] }, 'index "ix_ft": full-text indices are MySQL-only in TypeORM and not supported by autogen'],
    ['a spatial index', 'sqlite', { name: 'Place', columns: { ...id, at: { type: 'text' } }, indices: [{ name: 'ix_at', columns: ['at'], spatial: true }] }, 'index "ix_at": spatial indices are not supported on SQLite'],
    ['an exclusion constraint', 'postgresql', { name: 'Booking', columns: { ...id, room: { type: Number } }, exclusions: [{ name: 'xcl_room', expression: 'USING gist ("room" WITH =)' }] }, 'table "booking" (entity Booking): exclusion constraints (xcl_room) are not supported by autogen yet'],
    ['a deferrable unique constraint', 'postgresql', { name: 'Seat', columns: { ...id, no: { type: Number } }, uniques: [{ name: 'uq_no', columns: ['no'], deferrable: 'INITIALLY DEFERRED' }] }, 'unique "uq_no": deferrable unique constraints are not supported by autogen yet'],
    ['WITHOUT ROWID', 'sqlite', { name: 'Pair', withoutRowid: true, columns: { k: { type: String, primary: true } } }, 'table "pair" (entity Pair): WITHOUT ROWID tables are not supported by autogen yet'],
    ['an increment key of a type without serial', 'postgresql', { name: 'Odd', columns: { id: { type: 'numeric', primary: true, generated: 'increment' } } }, 'column "id": an increment key of type numeric has no serial type in PostgreSQL; use integer, smallint or bigint'],
  ])('refuses %s on %s, naming the table and object', async (_what, dialect, options, message) => {
    await expect(mapEntities(dialect, options)).rejects.toThrow(message);
  });

  it('refuses onDelete: "DEFAULT", which TypeORM would write as invalid SQL', async () => {
    const parent: EntitySchemaOptions<unknown> = { name: 'Parent', columns: { ...id } };
    const child: EntitySchemaOptions<unknown> = { name: 'Child', columns: { ...id }, relations: { parent: { type: 'many-to-one', target: 'Parent', onDelete: 'DEFAULT' } } };
    await expect(mapEntities('sqlite', parent, child)).rejects.toThrow(/table "child" \(entity Child\): foreign key "FK_[0-9a-f]+": action "DEFAULT" is not valid SQL/);
  });

  it('maps a spatial index on PostgreSQL to a gist index, as TypeORM creates it', async () => {
    const schema = await mapEntities('postgresql', { name: 'Place', columns: { ...id, at: { type: 'point' } }, indices: [{ name: 'ix_at', columns: ['at'], spatial: true }] });
    expect(schema.tables[0]?.indexes).toEqual([{ name: 'ix_at', parts: [{ kind: 'column', name: 'at' }], unique: false, method: 'gist' }]);
  });
});
