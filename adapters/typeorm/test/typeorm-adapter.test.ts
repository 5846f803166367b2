import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModule } from '@autogen/loader';
import { ModelLoadError, type AdapterLoadOptions, type DialectName } from '@autogen/schema';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import { postgresDialect } from '@autogen/dialect-postgres';
import type { DataSource } from 'typeorm';
import { typeormAdapter } from '../src/typeorm-adapter';
import { ownTypeormRuntime, resolveTypeormRuntime } from '../src/typeorm-runtime';

const fixture = (name: string): string => resolve(__dirname, 'fixtures', name.includes('.') ? name : `${name}.ts`);
const projectDir = resolve(__dirname, '..');
const load = (names: ReadonlyArray<string>, dialect: DialectName = 'sqlite', options: Partial<AdapterLoadOptions> = {}) =>
  typeormAdapter.load({ files: names.map(fixture), dialect, projectDir, ...options });
const loadDataSource = (name: string, dialect: DialectName = 'sqlite') =>
  typeormAdapter.load({ files: [], dataSourceFile: fixture(name), dialect, projectDir });

/** Resolves with the ModelLoadError `promise` rejects with, failing the test when it resolves or rejects otherwise. */
async function loadError(promise: Promise<unknown>): Promise<ModelLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelLoadError);
  return error as ModelLoadError;
}

describe('types that come only from the TypeScript property type (emitDecoratorMetadata)', () => {
  // TypeORM's own choice per dialect: string/number/boolean/Date → these types (driver.normalizeType).
  it.each<[DialectName, ReadonlyArray<[string, string, string]>]>([
    ['sqlite', [['name', 'varchar', 'varchar'], ['age', 'integer', 'integer'], ['active', 'boolean', 'boolean'], ['born', 'datetime', 'datetime']]],
    [
      'postgresql',
      [['name', 'character varying', 'varchar'], ['age', 'integer', 'integer'], ['active', 'boolean', 'boolean'], ['born', 'TIMESTAMP', 'timestamp']],
    ],
  ])('map to TypeORM types on %s', async (dialect, want) => {
    const { schema } = await load(['inferred-types'], dialect);
    const normalized = (dialect === 'sqlite' ? sqliteDialect : postgresDialect).normalize(schema);
    const [raw] = schema.tables;
    const [table] = normalized.tables;
    expect(table?.name).toBe('person');
    for (const [column, rawType, canonical] of want) {
      expect([column, raw?.columns.find((c) => c.name === column)?.type.raw]).toEqual([column, rawType]);
      expect([column, table?.columns.find((c) => c.name === column)?.type.name]).toEqual([column, canonical]);
      expect([column, table?.columns.find((c) => c.name === column)?.nullable]).toEqual([column, false]);
    }
  });

  it('needs that metadata: an entity compiled without it is rejected by TypeORM, naming the file', async () => {
    // The premise of the test above: without design:type TypeORM cannot guess the type, so the loader must emit it.
    const error = await loadError(load(['compiled/without-metadata.js'], 'sqlite'));
    expect(error.file).toBe(fixture('compiled/without-metadata.js'));
    expect(error.message).toContain('Column type for Untyped#name is not defined and cannot be guessed');
  });
});

describe('typeormAdapter.load from entity files', () => {
  it('loads a compiled .js entity', async () => {
    const { schema, sources } = await load(['compiled/gadget.js'], 'sqlite');
    expect(schema.tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type.raw}${c.nullable ? '' : ' not null'}`)])).toEqual([
      ['gadget', ['id integer not null', 'label varchar not null', 'weight integer not null', 'madeAt datetime']],
    ]);
    expect(sources).toEqual([{ table: 'gadget', file: fixture('compiled/gadget.js'), exportName: 'Gadget' }]);
  });

  it('collects every table entity: STI children share the root table, junction and closure tables appear', async () => {
    const { schema, sources, files } = await load(['shop'], 'sqlite');
    expect(schema.tables.map((t) => t.name)).toEqual([
      'category',
      'category_closure',
      'customer',
      'invoice',
      'order_line',
      'order_products',
      'orders',
      'payment',
      'product',
    ]);
    expect(files).toEqual([fixture('shop')]);
    // The junction table is credited to the entity that owns the relation, the closure table to the tree entity.
    expect(sources.find((s) => s.table === 'order_products')).toEqual({ table: 'order_products', file: fixture('shop'), exportName: 'Order' });
    expect(sources.find((s) => s.table === 'category_closure')).toEqual({ table: 'category_closure', file: fixture('shop'), exportName: 'Category' });
    expect(sources.find((s) => s.table === 'payment')).toEqual({ table: 'payment', file: fixture('shop'), exportName: 'Payment' });
  });

  it('counts an entity re-exported by another file once, credited to the first file that exports it', async () => {
    const { schema, sources } = await load(['shop', 're-exports-shop'], 'sqlite');
    expect(schema.tables.filter((t) => t.name === 'customer')).toHaveLength(1);
    expect(sources.find((s) => s.table === 'customer')?.file).toBe(fixture('shop'));
    expect(sources.find((s) => s.table === 'coupon')?.file).toBe(fixture('re-exports-shop'));
    const alone = await load(['re-exports-shop'], 'sqlite');
    expect(alone.schema.tables.map((t) => t.name)).toEqual(['coupon', 'customer']);
    expect(alone.sources.find((s) => s.table === 'customer')).toEqual({ table: 'customer', file: fixture('re-exports-shop'), exportName: 'Customer' });
  });

  it('builds the PostgreSQL metadata without the pg client or a server', async () => {
    // No database URL is configured anywhere; the DataSource the adapter builds only has to exist.
    const { schema } = await load(['shop'], 'postgresql');
    expect(schema.tables.find((t) => t.name === 'customer')?.primaryKey?.name).toMatch(/^PK_[0-9a-f]{27}$/);
  });
});

describe('typeormAdapter.load from a DataSource module', () => {
  it("uses the DataSource's entities and naming strategy, never its migrations, and never opens its database", async () => {
    const { schema, sources, files } = await loadDataSource('data-source-sqlite', 'sqlite');
    expect(files).toEqual([fixture('data-source-sqlite')]);
    expect(schema.tables.map((t) => t.name)).toEqual(['t_stock_bin', 't_warehouse']);
    const bins = schema.tables.find((t) => t.name === 't_stock_bin');
    expect(bins?.columns.map((c) => c.name)).toEqual(['id', 'bin_code', 'bin_size', 'slot', 'frozen', 'warehouse_id']);
    expect(bins?.foreignKeys.map((fk) => fk.name)).toEqual(['fk_t_stock_bin_warehouse_id']);
    expect(bins?.indexes.map((i) => i.name)).toEqual(['ix_t_stock_bin_warehouse_id_bin_code']);
    expect(schema.tables.find((t) => t.name === 't_warehouse')?.uniques).toEqual([{ name: 'uq_t_warehouse_site_name', columns: ['site_name'] }]);
    expect(sources).toEqual([
      { table: 't_stock_bin', file: fixture('data-source-sqlite'), exportName: 'StockBin' },
      { table: 't_warehouse', file: fixture('data-source-sqlite'), exportName: 'Warehouse' },
    ]);
    // The DataSource names a database file in a directory that does not exist: opening it would have failed.
    expect(existsSync(resolve(__dirname, 'fixtures', 'never-created'))).toBe(false);
    // The project's instance is left as it was: not initialized, no metadata built on it.
    const { AppDataSource } = (await loadModule(fixture('data-source-sqlite'))) as { AppDataSource: DataSource };
    expect([AppDataSource.isInitialized, AppDataSource.entityMetadatas.length]).toEqual([false, 0]);
  });

  it('loads entity globs and options such as uuidExtension, with a server that does not exist', async () => {
    const { schema, sources } = await loadDataSource('data-source-pg', 'postgresql');
    expect(schema.tables.map((t) => `${t.schema ?? 'public'}.${t.name}`)).toEqual(['audit.t_audit_entry', 'public.t_account']);
    expect(schema.tables[0]?.columns[0]).toEqual({ name: 'id', type: { name: 'uuid', args: [], raw: 'uuid' }, nullable: false, default: { kind: 'sql', expr: 'gen_random_uuid()' } });
    expect(sources).toEqual([
      { table: 'audit.t_audit_entry', file: fixture('pg-entities/audit-entry.ts'), exportName: 'AuditEntry' },
      { table: 't_account', file: fixture('pg-entities/account.ts'), exportName: 'Account' },
    ]);
  });

  it('accepts the DataSource as the default export', async () => {
    const { schema, sources } = await loadDataSource('default-export-data-source', 'sqlite');
    expect(schema.tables.map((t) => t.name)).toEqual(['neighbour']);
    expect(sources).toEqual([{ table: 'neighbour', file: fixture('neighbour'), exportName: 'Neighbour' }]);
  });

  it('rejects a module that exports no DataSource, naming the file', async () => {
    const error = await loadError(loadDataSource('no-data-source', 'sqlite'));
    expect(error.file).toBe(fixture('no-data-source'));
    expect(error.message).toContain(`${fixture('no-data-source')} exports no DataSource`);
  });

  it('rejects a DataSource of another database than the dialect, saying which', async () => {
    const error = await loadError(loadDataSource('data-source-pg', 'sqlite'));
    expect(error.file).toBe(fixture('data-source-pg'));
    expect(error.message).toContain(`its type is "postgres" but the dialect is sqlite; set dialect: 'postgresql'`);
  });
});

describe('bad input', () => {
  it('names the file and the error of a model that fails to load', async () => {
    const error = await loadError(load(['neighbour', 'throws-on-import'], 'sqlite'));
    expect(error.file).toBe(fixture('throws-on-import'));
    expect(error.message).toBe(`cannot import model file ${fixture('throws-on-import')}: model module exploded`);
  });

  it.each<DialectName>(['sqlite', 'postgresql'])(
    "names the file of an entity TypeORM rejects, with TypeORM's own message (%s)",
    async (dialect) => {
      const error = await loadError(load(['neighbour', 'missing-relation'], dialect));
      expect(error.file).toBe(fixture('missing-relation'));
      expect(error.message).toContain(`${fixture('missing-relation')} (export Haunted): TypeORM rejected the entities: `);
      expect(error.message).toContain('Entity metadata for Haunted#ghost was not found');
    },
  );

  it('names the file of an entity autogen cannot express, and what it is', async () => {
    const error = await loadError(load(['neighbour', 'generated-column'], 'sqlite'));
    expect(error.file).toBe(fixture('generated-column'));
    expect(error.message).toBe(
      `${fixture('generated-column')} (export Rectangle): cannot map the entities: table "rectangle" (entity Rectangle): column "area": it is a generated column (asExpression), which autogen does not support yet`,
    );
  });

  it('names the file of an entity whose type the dialect does not have (TypeORM validates it)', async () => {
    const error = await loadError(load(['neighbour', 'postgres-only-type'], 'sqlite'));
    expect(error.file).toBe(fixture('postgres-only-type'));
    expect(error.message).toContain('Data type "enum" in "Ticket.state" is not supported by "better-sqlite3" database');
  });

  it('finds the file of an error that names no entity by building each file on its own', async () => {
    // TypeORM's "Unsupported index type" (a gin index on SQLite) names neither entity nor file.
    const error = await loadError(load(['neighbour', 'pg-entities/account.ts'], 'sqlite'));
    expect(error.file).toBe(fixture('pg-entities/account.ts'));
    expect(error.message).toBe(`${fixture('pg-entities/account.ts')}: TypeORM rejected the entities: Unsupported index type`);
  });
});

describe('resolveTypeormRuntime', () => {
  it("resolves the project's typeorm, which here is the adapter's own copy", () => {
    expect(resolveTypeormRuntime([projectDir]).location).toBe(ownTypeormRuntime().location);
  });

  it("falls back to the adapter's copy when no path can see typeorm", () => {
    expect(resolveTypeormRuntime(['/']).location).toBe(ownTypeormRuntime().location);
  });
});
