import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ModelLoadError, type Schema, type Table } from '@autogen/schema';
import { mikroOrmAdapter } from '../src/mikro-orm-adapter';
import { MissingDriverPackageError, resolveMikroOrmDriver } from '../src/mikro-orm-runtime';
import { fixture } from './support/parity-cases';

const projectDir = resolve(__dirname, '..');

function table(schema: Schema, name: string): Table {
  const found = schema.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name} in ${schema.tables.map((t) => t.name).join(', ')}`);
  return found;
}

async function loadError(load: Promise<unknown>): Promise<ModelLoadError> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelLoadError);
  return error as ModelLoadError;
}

describe('entity files', () => {
  it('collects decorated classes, EntitySchema and defineEntity results, and says where each table came from', async () => {
    const result = await mikroOrmAdapter.load({ files: [fixture('shop'), fixture('entity-schemas')], dialect: 'sqlite', projectDir });
    expect(result.schema.tables.map((t) => t.name)).toEqual(['articles', 'authors', 'customers', 'order_lines', 'products', 'products_tags', 'profiles', 'tags']);
    expect(result.sources).toEqual(
      expect.arrayContaining([
        { table: 'customers', file: fixture('shop'), exportName: 'Customer' },
        { table: 'products_tags', file: fixture('shop'), exportName: 'Product' },
        { table: 'authors', file: fixture('entity-schemas'), exportName: 'AuthorSchema' },
        { table: 'articles', file: fixture('entity-schemas'), exportName: 'Article' },
      ]),
    );
    expect(result.bookkeepingTables).toEqual(['mikro_orm_migrations']);
    expect(result.files).toEqual([fixture('shop'), fixture('entity-schemas')]);
  });

  it("maps SQLite as MikroORM writes it: unique indexes, inline enum checks, unnamed key, named foreign keys", async () => {
    const { schema } = await mikroOrmAdapter.load({ files: [fixture('shop')], dialect: 'sqlite', projectDir });
    const customers = table(schema, 'customers');
    expect(customers.primaryKey).toEqual({ columns: ['id'] });
    expect(customers.columns.find((c) => c.name === 'id')).toMatchObject({ type: { name: 'integer' }, autoincrement: true });
    expect(customers.uniques).toEqual([]);
    expect(customers.indexes).toContainEqual({ name: 'customers_email_unique', parts: [{ kind: 'column', name: 'email' }], unique: true });
    expect(customers.checks).toContainEqual({ expression: `"role" in ('admin', 'member')` });
    expect(customers.checks).toContainEqual({ expression: `"mood" in ('happy', 'sad')` });
    expect(customers.columns.find((c) => c.name === 'note')).not.toHaveProperty('comment');
    expect(schema.enums).toBeUndefined();
    expect(table(schema, 'order_lines').foreignKeys).toEqual([
      { name: 'order_lines_product_id_foreign', columns: ['product_id'], referencedTable: 'products', referencedColumns: ['id'], onDelete: 'restrict', onUpdate: 'cascade' },
    ]);
  });

  it('maps PostgreSQL as MikroORM writes it: unique constraints, native enums, named key, comments, JSON embeddables', async () => {
    const { schema } = await mikroOrmAdapter.load({ files: [fixture('shop')], dialect: 'postgresql', projectDir });
    const customers = table(schema, 'customers');
    expect(customers.schema).toBeUndefined();
    expect(customers.comment).toBe('people who buy');
    expect(customers.primaryKey).toEqual({ name: 'customers_pkey', columns: ['id'] });
    expect(customers.uniques).toEqual([
      { name: 'customers_email_tenant_unique', columns: ['email', 'tenant'] },
      { name: 'customers_email_unique', columns: ['email'] },
    ]);
    expect(schema.enums).toEqual([{ name: 'mood', values: ['happy', 'sad'] }]);
    const column = (name: string) => customers.columns.find((c) => c.name === name);
    expect(column('id')?.type).toEqual({ name: 'serial', args: [], raw: 'serial' });
    expect(column('mood')?.type).toEqual({ name: 'mood', args: [], raw: '"mood"' });
    expect(column('email')?.type).toEqual({ name: 'varchar', args: [120], raw: 'varchar(120)' });
    expect(column('balance')).toMatchObject({ type: { name: 'numeric', args: [10, 2] }, default: { kind: 'sql', expr: '0' } });
    expect(column('note')?.comment).toBe('free text');
    expect(column('billing')?.type.raw).toBe('jsonb');
    expect(column('address_street')?.type.raw).toBe('varchar(100)');
    // Single-table inheritance: one table with the children's columns and the discriminator.
    expect(table(schema, 'products').columns.map((c) => c.name)).toEqual(['id', 'name', 'kind', 'seller_id', 'isbn', 'weight']);
    expect(table(schema, 'order_lines').primaryKey).toEqual({ name: 'order_lines_pkey', columns: ['order_no', 'line_no'] });
  });

  it('reads optionality from TypeScript sources with TsMorphMetadataProvider', async () => {
    const { schema } = await mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-tsmorph'), dialect: 'sqlite', projectDir });
    const gauge = table(schema, 'gauge');
    expect(gauge.columns.find((c) => c.name === 'nickname')).toMatchObject({ nullable: true, type: { raw: 'text' } });
    expect(gauge.columns.find((c) => c.name === 'reading')).toMatchObject({ nullable: false, type: { raw: 'integer' } });
  });
});

describe('config module', () => {
  it("uses the config's entities, naming strategy and migrations table", async () => {
    const result = await mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-sqlite'), dialect: 'sqlite', projectDir });
    expect(result.schema.tables.map((t) => t.name)).toEqual(['app_folder', 'app_note', 'articles', 'authors']);
    expect(table(result.schema, 'app_note').indexes.map((i) => i.name)).toContain('unique_app_note_slug');
    expect(result.bookkeepingTables).toEqual(['schema_history']);
    expect(result.files).toEqual([fixture('config-sqlite')]);
    expect(result.sources).toContainEqual({ table: 'app_note', file: fixture('config-entities/note'), exportName: 'Note' });
  });

  it('resolves a config exported as an async function under `config`, with TypeScript entity globs, and never connects', async () => {
    // config-pg.ts points at 127.0.0.1:1, where nothing listens: a connection attempt would fail the load.
    const { schema } = await mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-pg'), dialect: 'postgresql', projectDir });
    expect(table(schema, 'app_note').foreignKeys).toEqual([
      { name: 'foreign_app_note_app_folder_id', columns: ['app_folder_id'], referencedTable: 'app_folder', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'cascade' },
    ]);
    expect(table(schema, 'app_note').uniques).toEqual([{ name: 'unique_app_note_slug', columns: ['slug'] }]);
  });

  it("with a naming convention, leaves unnamed the constraints MikroORM's naming strategy named", async () => {
    const { schema } = await mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-pg'), dialect: 'postgresql', projectDir, conventionNames: true });
    const note = table(schema, 'app_note');
    expect(note.primaryKey).toEqual({ columns: ['id'] });
    expect(note.foreignKeys[0]).not.toHaveProperty('name');
    expect(note.uniques).toEqual([{ columns: ['slug'] }]);
    // Indexes keep their names.
    expect(table(schema, 'app_folder').indexes.map((i) => i.name)).toEqual(['index_app_folder_title']);
    const explicit = await mikroOrmAdapter.load({ files: [fixture('entity-schemas')], dialect: 'postgresql', projectDir, conventionNames: true });
    expect(table(explicit.schema, 'authors').checks).toContainEqual({ name: 'authors_name_not_empty', expression: "name <> ''" });
  });
});

describe('bad input', () => {
  it('an entity discovery rejects: names its file and carries MikroORM’s message', async () => {
    const error = await loadError(mikroOrmAdapter.load({ files: [fixture('neighbour'), fixture('missing-relation')], dialect: 'sqlite', projectDir }));
    expect(error.file).toBe(fixture('missing-relation'));
    expect(error.message).toContain(fixture('missing-relation'));
    expect(error.message).toMatch(/MikroORM rejected the entities: .*Orphan\.parent/);
  });

  it('a config module without entities', async () => {
    const error = await loadError(mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-no-entities'), dialect: 'sqlite', projectDir }));
    expect(error.file).toBe(fixture('config-no-entities'));
    expect(error.message).toContain('the MikroORM config lists no entities: No entities found, please use `entities` option');
  });

  it("a config whose driver does not fit the dialect", async () => {
    const error = await loadError(mikroOrmAdapter.load({ files: [], ormConfigFile: fixture('config-pg-driver'), dialect: 'sqlite', projectDir }));
    expect(error.file).toBe(fixture('config-pg-driver'));
    expect(error.message).toContain('PostgreSqlDriver does not write SQLite');
  });

  it('a module that throws on import', async () => {
    const error = await loadError(mikroOrmAdapter.load({ files: [fixture('throws-on-import')], dialect: 'sqlite', projectDir }));
    expect(error.file).toBe(fixture('throws-on-import'));
    expect(error.message).toContain('boom from the entity module');
  });

  it('an entity autogen cannot map names its file and table', async () => {
    const error = await loadError(mikroOrmAdapter.load({ files: [fixture('neighbour'), fixture('unsupported-index')], dialect: 'postgresql', projectDir }));
    expect(error.file).toBe(fixture('unsupported-index'));
    expect(error.message).toContain('table "public.raw_indexed": index "raw_indexed_lower_name": indexes given as a raw `expression`');
  });

  it('a missing driver package says what to install', () => {
    expect(() => resolveMikroOrmDriver('postgresql', [tmpdir()], false)).toThrow(MissingDriverPackageError);
    expect(() => resolveMikroOrmDriver('sqlite', [tmpdir()], false)).toThrow('install @mikro-orm/better-sqlite');
    expect(resolveMikroOrmDriver('sqlite', [projectDir]).name).toBe('BetterSqliteDriver');
  });
});
