/**
 * Parity with TypeORM itself, on SQLite and PostgreSQL, over fixtures/typeorm-shop (entities that use every
 * feature the TypeORM adapter supports), through the real `autogen` binary:
 *
 * - TypeORM's own `synchronize()` builds the database; `autogen revision --baseline` finds no difference and
 *   `check` is clean.
 * - autogen's revision builds the database; TypeORM's own schema builder has no query to run, and TypeORM's query
 *   runner reads every table exactly as it reads the tables its own `synchronize()` created.
 * - The foundation story (add `onDelete: 'CASCADE'` to a ManyToOne, generate, upgrade, downgrade, check) with
 *   TypeORM entities and rows written by TypeORM.
 * - Bad TypeORM input: one message naming the file and TypeORM's own error, exit code 2, no stack trace.
 *
 * The fixture's DataSource modules are loaded here the way the app would load them (ts-jest emits decorator
 * metadata), and pointed at the test database with a copy of their options: autogen reads the same module and
 * never connects.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { autogen, makeProject, ROOT, writeFiles, type CliRun } from './support/cli';
import { postgresShopDatabase, sqliteShopDatabase, type ShopDatabase as SharedShopDatabase } from './support/shop-database';

const FIXTURE = join(ROOT, 'fixtures', 'typeorm-shop');
/** The relation the story changes, spelled exactly as in fixtures/typeorm-shop/src/entities/order.ts. */
const ORDER_CUSTOMER = '@ManyToOne(() => Customer, (customer) => customer.orders, { nullable: false })';
const ORDER_CUSTOMER_CASCADE = "@ManyToOne(() => Customer, (customer) => customer.orders, { nullable: false, onDelete: 'CASCADE' })";
const FK_CHANGE = 'change foreign key orders(customer_id) -> customers(id): ON DELETE NO ACTION -> CASCADE';

type ShopDatabase = SharedShopDatabase<Partial<DataSourceOptions>>;

/** One dialect: its config and DataSource module in the fixture, and how to get an empty database. */
interface DialectUnderTest {
  readonly name: 'sqlite' | 'postgresql';
  readonly config: string;
  readonly dataSourceModule: string;
  create(dir: string): Promise<ShopDatabase>;
}

const SQLITE: DialectUnderTest = {
  name: 'sqlite',
  config: 'autogen.config.sqlite.ts',
  dataSourceModule: 'src/data-source.sqlite.ts',
  async create(dir) {
    return sqliteShopDatabase(dir, (file) => ({ database: file }));
  },
};

const POSTGRES: DialectUnderTest = {
  name: 'postgresql',
  config: 'autogen.config.postgres.ts',
  dataSourceModule: 'src/data-source.postgres.ts',
  create: () => postgresShopDatabase('autogen_typeorm', (url) => ({ url })),
};

/** A copy of the fixture in a fresh project directory (so `typeorm` and `@autogen/cli` resolve from the root). */
function copyFixture(name: string): string {
  const dir = makeProject(name);
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !/\.db$|[\\/]migrations$/.test(src) });
  return dir;
}

/**
 * A copy of the project's current sources at new paths, for loading them in this process: jest's runtime caches
 * file contents by path for the whole test file, so an entity edited on disk would otherwise load unedited.
 */
function snapshot(dir: string): string {
  const copy = makeProject('typeorm-snapshot');
  cpSync(join(dir, 'src'), join(copy, 'src'), { recursive: true });
  return copy;
}

/**
 * Loads the project's DataSource module (a snapshot of its current sources, in its own module registry) and
 * returns a new, unconnected DataSource with the same options (entities, naming strategy) pointed at `db`.
 */
function typeormDataSource(dir: string, dialect: DialectUnderTest, db: ShopDatabase): DataSource {
  const sources = snapshot(dir);
  let exported: DataSource | undefined;
  jest.isolateModules(() => {
    exported = (require(join(sources, dialect.dataSourceModule)) as { dataSource: DataSource }).dataSource;
  });
  const Constructor = exported!.constructor as new (options: DataSourceOptions) => DataSource;
  return new Constructor({ ...exported!.options, ...db.connection, synchronize: false, logging: false } as DataSourceOptions);
}

/** Runs `fn` with the DataSource connected, and always disconnects (SQLite: the CLI must see a closed file). */
async function withTypeorm<T>(dir: string, dialect: DialectUnderTest, db: ShopDatabase, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = typeormDataSource(dir, dialect, db);
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** The queries TypeORM's own schema builder would run to make the database match the entities. */
function typeormPendingQueries(dir: string, dialect: DialectUnderTest, db: ShopDatabase): Promise<string[]> {
  return withTypeorm(dir, dialect, db, async (ds) => {
    const log = await ds.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => (q.parameters?.length ? `${q.query} -- ${JSON.stringify(q.parameters)}` : q.query));
  });
}

const COLUMN_FIELDS = [
  'type', 'length', 'precision', 'scale', 'isNullable', 'default', 'isPrimary', 'primaryKeyConstraintName', 'isGenerated',
  'generationStrategy', 'generatedIdentity', 'isUnique', 'isArray', 'enum', 'enumName', 'collation', 'comment',
] as const;

/** Check expressions compared without spacing, parentheses, quotes and case (each database keeps its own spelling). */
const bareExpression = (expression: string | undefined): string => (expression ?? '').replace(/[\s()"`]/g, '').toLowerCase();

/**
 * How TypeORM's own query runner reads every table of the database (`queryRunner.getTables()`), as one line per
 * table, column, index, unique, foreign key and check: two databases TypeORM reads alike give equal lists, and
 * a line present in only one names the difference.
 */
function typeormView(dir: string, dialect: DialectUnderTest, db: ShopDatabase): Promise<string[]> {
  return withTypeorm(dir, dialect, db, async (ds) => {
    const runner = ds.createQueryRunner();
    try {
      const names = ds.entityMetadatas.map((m) => m.tablePath);
      const tables = await runner.getTables([...new Set(names)]);
      const lines: string[] = [];
      for (const table of tables) {
        const t = table.name.replace(/^public\./, '');
        for (const column of table.columns) {
          const fields = Object.fromEntries(COLUMN_FIELDS.map((f) => [f, (column as unknown as Record<string, unknown>)[f]]).filter(([, v]) => v !== undefined && v !== '' && v !== false));
          lines.push(`${t} column ${column.name} ${JSON.stringify(fields)}`);
        }
        for (const index of table.indices) lines.push(`${t} index ${index.name} (${index.columnNames.join(', ')})${index.isUnique ? ' unique' : ''}${index.where ? ` where ${index.where}` : ''}`);
        for (const unique of table.uniques) lines.push(`${t} unique ${unique.name} (${unique.columnNames.join(', ')})`);
        for (const fk of table.foreignKeys) {
          lines.push(
            `${t} foreign key ${fk.name} (${fk.columnNames.join(', ')}) -> ${fk.referencedTableName.replace(/^public\./, '')}(${fk.referencedColumnNames.join(', ')})` +
              ` ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}${fk.deferrable ? ` DEFERRABLE ${fk.deferrable}` : ''}`,
          );
        }
        for (const check of table.checks) lines.push(`${t} check ${check.name} ${bareExpression(check.expression)}`);
      }
      return lines.sort();
    } finally {
      await runner.release();
    }
  });
}

/** Rows written through TypeORM's repositories: 5 customers with a profile, 4 orders each with 2 lines and a payment. */
async function seed(ds: DataSource): Promise<void> {
  await ds.getRepository('Category').save([{ slug: 'books', title: 'Books' }, { slug: 'sci-fi', title: 'Science fiction', parent: { slug: 'books' } }]);
  const tags = await ds.getRepository('Tag').save([{ label: 'new' }, { label: 'sale' }]);
  const products = (await ds.getRepository('Product').save([
    { sku: 'B-1', name: 'Dune', price: '12.50', stock: 10, category: { slug: 'sci-fi' }, tags },
    { sku: 'B-2', name: 'Solaris', price: '9.99', stock: 3, category: { slug: 'sci-fi' }, tags: [tags[0]] },
  ])) as unknown as Array<{ id: string }>;
  for (let c = 1; c <= 5; c++) {
    const customer = (await ds.getRepository('Customer').save({
      name: `Customer ${c}`,
      email: `c${c}@example.com`,
      address: { street: `Main street ${c}`, city: 'Utrecht' },
    })) as unknown as { id: number };
    await ds.getRepository('Profile').save({ customer, bio: `bio ${c}` });
    await ds.getRepository('Review').save({ customer, product: products[0], rating: 1 + (c % 5) });
    for (let o = 1; o <= 4; o++) {
      const order = (await ds.getRepository('Order').save({ customer, total: '22.49' })) as unknown as { id: number };
      await ds.getRepository('OrderLine').save([
        { orderId: order.id, lineNo: 1, product: products[0], quantity: 1, unitPrice: '12.50' },
        { orderId: order.id, lineNo: 2, product: products[1], quantity: 1, unitPrice: '9.99' },
      ]);
      const payment = o % 2 ? { entity: 'CardPayment', last4: '4242', brand: 'visa' } : { entity: 'BankTransfer', iban: 'NL91ABNA0417164300' };
      const { entity, ...fields } = payment;
      await ds.getRepository(entity).save({ order, amount: '22.49', ...fields });
    }
  }
}

const counts = async (db: ShopDatabase): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const table of ['customers', 'profiles', 'orders', 'order_lines', 'payments', 'reviews', 'products_tags']) {
    out[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  }
  return out;
};

const revisionFiles = (dir: string, dialect: DialectUnderTest): string[] => {
  const folder = join(dir, 'migrations', dialect.name === 'sqlite' ? 'sqlite' : 'postgres');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
};

/** What a run printed, for failure messages. */
const output = (run: CliRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

/** Asserts a clean run, showing the whole output when it is not. */
function expectOk(run: CliRun): void {
  expect(run.stderr).toBe('');
  if (run.code !== 0) throw new Error(`expected exit 0:\n${output(run)}`);
}

/** No stack frames in the output. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m);
}

describe.each([SQLITE, POSTGRES])('TypeORM parity on $name (fixtures/typeorm-shop)', (dialect) => {
  const cli = (dir: string, db: ShopDatabase, args: ReadonlyArray<string>): CliRun => autogen(dir, ['-c', dialect.config, ...args], db.env);

  describe('TypeORM synchronize() builds the database', () => {
    const dir = copyFixture(`typeorm-sync-${dialect.name}`);
    let db: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      await withTypeorm(dir, dialect, db, async (ds) => {
        await ds.synchronize();
        // TypeORM agrees with itself: the fixture uses nothing TypeORM would change again
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
      });
    });
    afterAll(async () => {
      await db.dispose();
    });

    test('revision --baseline finds no difference and records the database as at head; check is clean', () => {
      const baseline = cli(dir, db, ['revision', '--baseline', '-m', 'baseline']);
      // a refused baseline prints every difference (database -> models) on stderr
      expectOk(baseline);
      expect(baseline.stdout).toContain('Recorded');
      expect(revisionFiles(dir, dialect)).toHaveLength(1);
      const check = cli(dir, db, ['check']);
      expect(output(check)).toContain('OK');
      expect(check.code).toBe(0);
    });

    test('no noise: --message right after the baseline writes nothing', () => {
      const run = cli(dir, db, ['--message', 'x']);
      expectOk(run);
      expect(run.stdout).toContain('No changes');
      expect(revisionFiles(dir, dialect)).toHaveLength(1);
    });
  });

  describe('an autogen revision builds the database', () => {
    const dir = copyFixture(`typeorm-revision-${dialect.name}`);
    const referenceDir = copyFixture(`typeorm-reference-${dialect.name}`);
    let db: ShopDatabase;
    let reference: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      reference = await dialect.create(referenceDir);
      await withTypeorm(referenceDir, dialect, reference, (ds) => ds.synchronize());
    });
    afterAll(async () => {
      await db.dispose();
      await reference.dispose();
    });

    test('--message init + upgrade head; check is clean and TypeORM schema builder has no query to run', async () => {
      const init = cli(dir, db, ['--message', 'init']);
      expectOk(init);
      expect(init.stdout).toContain('Wrote');
      expectOk(cli(dir, db, ['upgrade', 'head']));
      const check = cli(dir, db, ['check']);
      // both verdicts at once: autogen's drift (if any) and what TypeORM would still change, one query per line
      expect({ check: check.code === 0 ? 'clean' : output(check), typeormUpQueries: await typeormPendingQueries(dir, dialect, db) }).toEqual({
        check: 'clean',
        typeormUpQueries: [],
      });
    });

    test('TypeORM reads the database autogen built exactly as the one its own synchronize() built', async () => {
      // the schema builder compares only part of what it reads (e.g. not enums or collations on SQLite): compare
      // everything TypeORM's query runner reads, table by table
      const [built, synchronized] = [await typeormView(dir, dialect, db), await typeormView(referenceDir, dialect, reference)];
      expect({ onlyInAutogenBuilt: built.filter((l) => !synchronized.includes(l)), onlyInSynchronized: synchronized.filter((l) => !built.includes(l)) }).toEqual({
        onlyInAutogenBuilt: [],
        onlyInSynchronized: [],
      });
    });

    test('TypeORM can write and read every entity in the database autogen built', async () => {
      await withTypeorm(dir, dialect, db, seed);
      expect(await counts(db)).toEqual({ customers: 5, profiles: 5, orders: 20, order_lines: 40, payments: 20, reviews: 5, products_tags: 3 });
      await withTypeorm(dir, dialect, db, async (ds) => {
        const payments = await ds.getRepository('Payment').find({ order: { id: 'ASC' } });
        expect(payments.map((p) => p.constructor.name).slice(0, 2)).toEqual(['CardPayment', 'BankTransfer']);
        const customer = (await ds.getRepository('Customer').findOneByOrFail({ email: 'c1@example.com' })) as {
          address: { country: string };
          version: number;
          active: boolean;
        };
        expect(customer.address.country).toBe('NL');
        expect(customer.active).toBe(true);
        expect(customer.version).toBe(1);
      });
    });
  });

  describe('the foundation story with TypeORM entities', () => {
    const dir = copyFixture(`typeorm-story-${dialect.name}`);
    const orderFile = join(dir, 'src', 'entities', 'order.ts');
    let db: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      await withTypeorm(dir, dialect, db, async (ds) => {
        await ds.synchronize();
        await seed(ds);
      });
    });
    afterAll(async () => {
      await db.dispose();
    });

    test('baseline on the database TypeORM built, with rows in it', async () => {
      expectOk(cli(dir, db, ['revision', '--baseline', '-m', 'baseline']));
      expect(cli(dir, db, ['check']).code).toBe(0);
      expect((await counts(db)).orders).toBe(20);
    });

    test("adding onDelete: 'CASCADE' to Order.customer writes one revision changing that foreign key", () => {
      const source = readFileSync(orderFile, 'utf8');
      expect(source).toContain(ORDER_CUSTOMER);
      writeFileSync(orderFile, source.replace(ORDER_CUSTOMER, ORDER_CUSTOMER_CASCADE));
      const gen = cli(dir, db, ['--message', 'add cascade']);
      expectOk(gen);
      expect(gen.stdout).toMatch(/Wrote migrations\/(sqlite|postgres)\/\d{8}_\d{6}_[0-9a-f]{12}_add_cascade\.ts/);
      const files = revisionFiles(dir, dialect);
      expect(files).toHaveLength(2);
      const revision = readFileSync(join(dir, 'migrations', dialect.name === 'sqlite' ? 'sqlite' : 'postgres', files.find((f) => f.endsWith('_add_cascade.ts'))!), 'utf8');
      expect(revision).toMatch(/cascade/i);
      // only the foreign key changes: no other table or column is touched
      expect(revision).not.toMatch(/op\.(addColumn|dropColumn|alterColumn|createIndex|dropIndex|createUnique|dropUnique|createCheck|dropCheck|createTable|dropTable)\(/);
      if (dialect.name === 'sqlite') {
        // SQLite cannot alter a foreign key: one rebuild of orders, summarized as the change it makes
        expect(gen.stdout).toContain(FK_CHANGE);
        // upgrade and downgrade each rebuild orders, and nothing else
        expect(revision.match(/op\.rebuildTable\([^,]*/g)).toEqual(["op.rebuildTable('orders'", "op.rebuildTable('orders'"]);
      } else {
        // PostgreSQL: drop and re-add the constraint, keeping TypeORM's name for it
        const dropped = /drop foreign key (FK_[0-9a-f]+) orders\(customer_id\) -> customers\(id\) ON DELETE NO ACTION/.exec(gen.stdout);
        const added = /add foreign key (FK_[0-9a-f]+) orders\(customer_id\) -> customers\(id\) ON DELETE CASCADE/.exec(gen.stdout);
        expect([dropped?.[1], added?.[1]]).toEqual([expect.stringMatching(/^FK_/), dropped?.[1]]);
        expect(gen.stdout.trim().split('\n')).toHaveLength(3);
        expect(revision).toContain('op.dropForeignKey');
        expect(revision).toContain('op.createForeignKey');
        expect(revision).not.toContain('rebuildTable');
      }
      const check = cli(dir, db, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('Pending');
    });

    test('upgrade head keeps every row and makes deletes cascade; check, --message and TypeORM see no change', async () => {
      const before = await counts(db);
      const up = cli(dir, db, ['upgrade', 'head']);
      expectOk(up);
      expect(up.stdout).toMatch(/^[0-9a-f]{12} -> [0-9a-f]{12} add cascade \.\.\. \d+\.\d\d s$/m);
      expect(await counts(db)).toEqual(before);
      expect(await db.onDelete('orders', 'customer_id')).toBe('CASCADE');
      expect(await db.onDelete('order_lines', 'order_id')).toBe('CASCADE');
      expect(cli(dir, db, ['check']).code).toBe(0);
      expect(cli(dir, db, ['--message', 'x']).stdout).toContain('No changes');
      expect(await typeormPendingQueries(dir, dialect, db)).toEqual([]);
      // deleting a customer now deletes its orders, and through them their lines and payments
      await db.query('DELETE FROM customers WHERE id = 5');
      expect(await counts(db)).toEqual({ ...before, customers: 4, profiles: 4, reviews: 4, orders: 16, order_lines: 32, payments: 16 });
    });

    test('downgrade -1 restores NO ACTION and keeps rows; check exits 1 naming the foreign key change', async () => {
      const before = await counts(db);
      const down = cli(dir, db, ['downgrade', '-1']);
      expectOk(down);
      expect(await db.onDelete('orders', 'customer_id')).toBe('NO ACTION');
      expect(await counts(db)).toEqual(before);
      const check = cli(dir, db, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(FK_CHANGE);
      expect(check.stdout).toContain('(1 difference(s)');
      // with the entity put back, TypeORM and autogen both see the database as it was synchronized
      writeFileSync(orderFile, readFileSync(orderFile, 'utf8').replace(ORDER_CUSTOMER_CASCADE, ORDER_CUSTOMER));
      expect(await typeormPendingQueries(dir, dialect, db)).toEqual([]);
    });
  });
});

describe('bad TypeORM input through the CLI (SQLite)', () => {
  const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('widgets')
export class Widget {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}
`;
  const modelsConfig = `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'typeorm', models: ['./src/entities/*.ts'] };\n`;
  const dataSourceConfig = `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'typeorm', dataSource: './src/data-source.ts' };\n`;
  const dataSourceOf = (entities: string, imports: string): string => `import 'reflect-metadata';
import { DataSource } from 'typeorm';
${imports}
export const dataSource = new DataSource({ type: 'better-sqlite3', database: 'app.db', entities: [${entities}] });
`;

  function run(files: Record<string, string>): CliRun {
    const dir = makeProject('typeorm-errors');
    writeFiles(dir, files);
    const result = autogen(dir, ['--message', 'x']);
    // nothing is written on an error
    expect(existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')) : []).toEqual([]);
    return result;
  }

  function expectError(result: CliRun, ...mentions: ReadonlyArray<string | RegExp>): void {
    expect(result.code).toBe(2);
    for (const mention of mentions) {
      if (typeof mention === 'string') expect(result.stderr).toContain(mention);
      else expect(result.stderr).toMatch(mention);
    }
    expectNoStack(result.stderr);
  }

  test('an entity file that throws while loading (models glob): the file and the error', () => {
    const result = run({
      'autogen.config.ts': modelsConfig,
      'src/entities/widget.ts': ENTITY,
      'src/entities/broken.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\nthrow new Error('entity file exploded');\n@Entity() export class Broken { @PrimaryGeneratedColumn() id!: number; }\n`,
    });
    expectError(result, 'src/entities/broken.ts', 'entity file exploded');
  });

  test('an entity file importing a module that does not exist (models glob): the file and the error', () => {
    const result = run({
      'autogen.config.ts': modelsConfig,
      'src/entities/widget.ts': `${ENTITY}import { Money } from './money';\nexport const currency: typeof Money = Money;\n`,
    });
    expectError(result, 'src/entities/widget.ts', "Cannot find module './money'");
  });

  test('an entity file that fails to load through the DataSource module: the module and the error', () => {
    const result = run({
      'autogen.config.ts': dataSourceConfig,
      'src/data-source.ts': dataSourceOf('Broken', "import { Broken } from './entities/broken';"),
      'src/entities/broken.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\nthrow new Error('entity file exploded');\n@Entity() export class Broken { @PrimaryGeneratedColumn() id!: number; }\n`,
    });
    expectError(result, 'src/data-source.ts', 'entity file exploded');
  });

  test('a DataSource module that exports no DataSource', () => {
    const result = run({
      'autogen.config.ts': dataSourceConfig,
      'src/data-source.ts': `import { Widget } from './entities/widget';\nexport const options = { type: 'better-sqlite3', database: 'app.db', entities: [Widget] };\n`,
      'src/entities/widget.ts': ENTITY,
    });
    expectError(result, 'src/data-source.ts', /DataSource/);
  });

  test('a relation to an entity missing from the DataSource: the entity file and TypeORM’s own error', () => {
    const result = run({
      'autogen.config.ts': dataSourceConfig,
      'src/data-source.ts': dataSourceOf('Part', "import { Part } from './entities/part';"),
      'src/entities/widget.ts': ENTITY,
      'src/entities/part.ts': `import { Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Widget } from './widget';
@Entity('parts')
export class Part {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Widget) widget!: Widget;
}
`,
    });
    expectError(result, 'src/entities/part.ts', 'Entity metadata for Part#widget was not found');
  });

  test('a relation to an entity that does not exist (models glob): the entity file and TypeORM’s error', () => {
    const result = run({
      'autogen.config.ts': modelsConfig,
      'src/entities/widget.ts': ENTITY,
      'src/entities/part.ts': `import { Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
@Entity('parts')
export class Part {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne('Ghost') ghost!: unknown;
}
`,
    });
    expectError(result, 'src/entities/part.ts', 'Entity metadata for Part#ghost was not found');
  });

  test('a column whose design type TypeORM cannot map (a union without an explicit type): TypeORM’s error', () => {
    const result = run({
      'autogen.config.ts': modelsConfig,
      'src/entities/widget.ts': ENTITY.replace('@Column() name!: string;', '@Column() name!: string;\n  @Column() note!: string | number;'),
    });
    expectError(result, 'src/entities/widget.ts', 'Data type "Object" in "Widget.note" is not supported');
  });
});
