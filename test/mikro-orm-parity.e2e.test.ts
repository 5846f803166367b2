/**
 * Parity with MikroORM itself, on SQLite and PostgreSQL, over fixtures/mikro-orm-shop (entities that use every
 * feature the MikroORM adapter supports: decorators, `EntitySchema` and `defineEntity`), through the real
 * `autogen` binary:
 *
 * - MikroORM's own `SchemaGenerator.createSchema()` builds the database; `autogen revision --baseline` finds no
 *   difference, `check` is clean and `--message` writes nothing.
 * - autogen's revision builds the database; MikroORM's own `getUpdateSchemaSQL()` has nothing to run (beyond
 *   what it also wants on a database it created itself, see {@link MIKRO_ORM_OWN_NOISE}), and MikroORM writes
 *   and reads a row of every entity.
 * - The foundation story (add `deleteRule: 'cascade'` to a ManyToOne, generate, upgrade, downgrade, check) with
 *   MikroORM entities and rows written by MikroORM.
 * - Bad MikroORM input: one message naming the file and MikroORM's own error, exit code 2, no stack trace.
 *
 * The fixture's MikroORM config modules are loaded here the way the app would load them (ts-jest emits decorator
 * metadata) and initialized against the test database with a copy of their options; autogen reads the same
 * module and never connects.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/core';
import type { DatabaseSchema } from '@mikro-orm/knex';
import { autogen, makeProject, ROOT, writeFiles, type CliRun } from './support/cli';
import { postgresShopDatabase, sqliteShopDatabase, type ShopDatabase as SharedShopDatabase } from './support/shop-database';

const FIXTURE = join(ROOT, 'fixtures', 'mikro-orm-shop');
/** The relation the story changes, spelled exactly as in fixtures/mikro-orm-shop/src/entities/order.ts. */
const ORDER_CUSTOMER = '@ManyToOne({ entity: () => Customer })';
const ORDER_CUSTOMER_CASCADE = "@ManyToOne({ entity: () => Customer, deleteRule: 'cascade' })";
const FK_CHANGE = 'change foreign key orders(customer_id) -> customers(id): ON DELETE NO ACTION -> CASCADE';
/** The fixture's naming strategy (`ShopNamingStrategy`) names foreign keys `fk_<table>_<columns>`. */
const ORDER_CUSTOMER_FK = 'fk_orders_customer_id';

/**
 * What MikroORM 6.6's `getUpdateSchemaSQL()` wants to run on a database its own `createSchema()` has just built
 * from the unchanged fixture, one statement per entry (sorted). MikroORM does not agree with itself on SQLite:
 * - it reads no check constraints back (`BaseSqliteSchemaHelper.getChecks()` returns `[]`, "Not supported at the
 *   moment"), so it proposes to add every named check again, with `ALTER TABLE … ADD CONSTRAINT`, which SQLite
 *   cannot even run;
 * - it reads an enum check of three or more labels back as its first and last label only
 *   (`BaseSqliteSchemaHelper.getEnumDefinitions()` splits the list at the last comma), so `orders.status` always
 *   looks changed and `orders` is rebuilt.
 * A database autogen built must get exactly what a database MikroORM built gets ({@link mikroOrmOwnPendingSql}):
 * anything else is a difference MikroORM sees. And since a rebuild hides what it repairs, the two databases are also
 * compared as MikroORM's introspection reads them ({@link mikroOrmView}).
 */
const MIKRO_ORM_OWN_NOISE: Readonly<Record<'sqlite' | 'postgresql', ReadonlyArray<string>>> = {
  sqlite: [
    'alter table `coupons` add constraint coupons_value_positive check(value > 0)',
    'alter table `order_lines` add constraint order_lines_quantity_check check(quantity > 0)',
    'alter table `orders__temp_alter` rename to `orders`',
    'alter table `products` add constraint products_check check(stock >= 0)',
    'alter table `reviews` add constraint reviews_rating_range check(rating >= 1 and rating <= 5)',
    'create index `idx_orders_customer_id` on `orders` (`customer_id`)',
    'create index `idx_orders_customer_placed` on `orders` (`customer_id`, `placed_at`)',
    'create index `idx_orders_shipped_at` on `orders` (`shipped_at`)',
    "create table `orders__temp_alter` (`id` integer not null primary key autoincrement, `customer_id` integer not null, `status` text check (`status` in ('pending', 'paid', 'shipped', 'cancelled')) not null default 'pending', `placed_at` datetime not null default current_timestamp, `shipped_at` datetime null, `total` numeric(12,2) not null default 0, `note` text null, constraint `fk_orders_customer_id` foreign key(`customer_id`) references `customers`(`id`) on update cascade)",
    'drop table `orders`',
    'insert into `orders__temp_alter` select `id`, `customer_id`, `status`, `placed_at`, `shipped_at`, `total`, `note` from `orders`',
    'pragma foreign_keys = off',
    'pragma foreign_keys = on',
  ],
  postgresql: [],
};

type ShopDatabase = SharedShopDatabase<Partial<Options>>;

/** One dialect: its autogen config and MikroORM config module in the fixture, and how to get an empty database. */
interface DialectUnderTest {
  readonly name: 'sqlite' | 'postgresql';
  readonly config: string;
  readonly ormConfigModule: string;
  create(dir: string): Promise<ShopDatabase>;
}

const SQLITE: DialectUnderTest = {
  name: 'sqlite',
  config: 'autogen.config.sqlite.ts',
  ormConfigModule: 'src/mikro-orm.config.sqlite.ts',
  async create(dir) {
    return sqliteShopDatabase(dir, (file) => ({ dbName: file }));
  },
};

const POSTGRES: DialectUnderTest = {
  name: 'postgresql',
  config: 'autogen.config.postgres.ts',
  ormConfigModule: 'src/mikro-orm.config.postgres.ts',
  create: () => postgresShopDatabase('autogen_mikro_orm', (url, name) => ({ clientUrl: url, dbName: name })),
};

/** A copy of the fixture in a fresh project directory (so `@mikro-orm/*` and `@autogen/cli` resolve from the root). */
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
  const copy = makeProject('mikro-orm-snapshot');
  cpSync(join(dir, 'src'), join(copy, 'src'), { recursive: true });
  return copy;
}

/** The MikroORM classes of the registry the project's config module was loaded in. */
interface MikroOrmKit {
  readonly DatabaseSchema: typeof DatabaseSchema;
}

/**
 * Loads the project's MikroORM config module (a snapshot of its current sources, in its own module registry,
 * together with the `MikroORM` class of that registry) and initializes the ORM with the same options (entities,
 * naming strategy, driver, metadata provider) pointed at `db`.
 */
async function initMikroOrm(dir: string, dialect: DialectUnderTest, db: ShopDatabase): Promise<{ orm: MikroORM; kit: MikroOrmKit }> {
  const sources = snapshot(dir);
  let options: Options | undefined;
  let Orm: typeof MikroORM | undefined;
  let kit: MikroOrmKit | undefined;
  jest.isolateModules(() => {
    options = (require(join(sources, dialect.ormConfigModule)) as { default: Options }).default;
    Orm = (require('@mikro-orm/core') as typeof import('@mikro-orm/core')).MikroORM;
    kit = { DatabaseSchema: (require('@mikro-orm/knex') as typeof import('@mikro-orm/knex')).DatabaseSchema };
  });
  return { orm: await Orm!.init({ ...options!, ...db.connection, debug: false }), kit: kit! };
}

/** Runs `fn` with the ORM connected, and always closes it (SQLite: the CLI must see a closed file). */
async function withMikroOrm<T>(dir: string, dialect: DialectUnderTest, db: ShopDatabase, fn: (orm: MikroORM, kit: MikroOrmKit) => Promise<T>): Promise<T> {
  const { orm, kit } = await initMikroOrm(dir, dialect, db);
  try {
    return await fn(orm, kit);
  } finally {
    await orm.close(true);
  }
}

/** MikroORM's SQL, one statement per entry, without the `;`, sorted (no statement here has a `;` inside). */
const statements = (sql: string): string[] =>
  sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .sort();

/** The statements MikroORM's own schema generator would run to make the database match the entities. */
function mikroOrmPendingSql(dir: string, dialect: DialectUnderTest, db: ShopDatabase): Promise<string[]> {
  return withMikroOrm(dir, dialect, db, async (orm) => statements(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })));
}

/**
 * What MikroORM wants to run on a database its own `createSchema()` built from the project's current entities
 * (a fresh reference database): MikroORM's own noise, see {@link MIKRO_ORM_OWN_NOISE}.
 */
async function mikroOrmOwnPendingSql(dir: string, dialect: DialectUnderTest): Promise<string[]> {
  const reference = await dialect.create(makeProject(`mikro-orm-reference-${dialect.name}`));
  try {
    await withMikroOrm(dir, dialect, reference, (orm) => orm.getSchemaGenerator().createSchema());
    return await mikroOrmPendingSql(dir, dialect, reference);
  } finally {
    await reference.dispose();
  }
}

/** Check expressions compared without spacing, parentheses, quotes and case (each database keeps its own spelling). */
const bareExpression = (expression: unknown): string => String(expression ?? '').replace(/[\s()"`]/g, '').toLowerCase();

/**
 * How MikroORM's own introspection (`DatabaseSchema.create()`, what `getUpdateSchemaSQL()` compares the entities
 * with) reads every table of the database, as one line per table, column, index, foreign key and check: two
 * databases MikroORM reads alike give equal lists, and a line present in only one names the difference.
 */
function mikroOrmView(dir: string, dialect: DialectUnderTest, db: ShopDatabase): Promise<string[]> {
  return withMikroOrm(dir, dialect, db, async (orm, kit) => {
    type CreateArgs = Parameters<typeof DatabaseSchema.create>;
    const schema = await kit.DatabaseSchema.create(orm.em.getConnection() as unknown as CreateArgs[0], orm.em.getPlatform() as unknown as CreateArgs[1], orm.config);
    const lines: string[] = [];
    for (const table of schema.getTables()) {
      const t = table.name;
      if (t === 'autogen_version' || t === 'autogen_revision_log') continue;
      if (table.comment) lines.push(`${t} comment ${JSON.stringify(table.comment)}`);
      for (const c of table.getColumns()) {
        const fields = {
          type: c.type,
          nullable: c.nullable,
          default: c.default,
          primary: c.primary,
          autoincrement: c.autoincrement,
          length: c.length,
          precision: c.precision,
          scale: c.scale,
          nativeEnumName: c.nativeEnumName,
          enumItems: c.enumItems?.length ? c.enumItems : undefined,
          comment: c.comment,
        };
        lines.push(`${t} column ${c.name} ${JSON.stringify(fields)}`);
      }
      for (const i of table.getIndexes()) {
        lines.push(`${t} index ${i.keyName} (${i.columnNames.join(', ')})${i.unique ? ' unique' : ''}${i.primary ? ' primary' : ''}${i.constraint ? ' constraint' : ''}${i.expression ? ` ${i.expression}` : ''}`);
      }
      for (const fk of Object.values(table.getForeignKeys())) {
        lines.push(
          `${t} foreign key ${fk.constraintName} (${fk.columnNames.join(', ')}) -> ${fk.referencedTableName}(${fk.referencedColumnNames.join(', ')})` +
            ` ON DELETE ${fk.deleteRule ?? '-'} ON UPDATE ${fk.updateRule ?? '-'}${fk.deferMode ? ` ${fk.deferMode}` : ''}`,
        );
      }
      for (const check of table.getChecks()) lines.push(`${t} check ${check.name} ${bareExpression(check.expression)}`);
    }
    for (const [name, e] of Object.entries(schema.getNativeEnums())) lines.push(`enum ${name} ${JSON.stringify(e.items)}`);
    return lines.sort();
  });
}

/** An entity manager that takes entity names (the fixture's entities come from a module registry of their own). */
type NamedEntityManager = Pick<EntityManager, 'flush' | 'count'> & {
  create(entityName: string, data: Record<string, unknown>): Record<string, unknown>;
  find(entityName: string, where: Record<string, unknown>, options?: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
  findOneOrFail(entityName: string, where: Record<string, unknown>, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  count(entityName: string, where?: Record<string, unknown>): Promise<number>;
};

const entityManager = (orm: MikroORM): NamedEntityManager => orm.em.fork() as unknown as NamedEntityManager;

/**
 * Rows written through MikroORM's entity manager, a row of every entity: 2 categories, 2 tags, 2 products
 * (3 pivot rows), 5 customers each with a profile, a review, a coupon and 4 orders of 2 lines and a payment.
 */
async function seed(orm: MikroORM): Promise<void> {
  const em = entityManager(orm);
  const books = em.create('Category', { slug: 'books', title: 'Books' });
  const sciFi = em.create('Category', { slug: 'sci-fi', title: 'Science fiction', parent: books });
  const tags = [em.create('Tag', { label: 'new' }), em.create('Tag', { label: 'sale' })];
  const dune = em.create('Product', { sku: 'B-1', name: 'Dune', price: '12.50', stock: 10, weightKg: 0.4, category: sciFi, tags });
  const solaris = em.create('Product', { sku: 'B-2', name: 'Solaris', price: '9.99', stock: 3, category: sciFi, tags: [tags[0]] });
  for (let c = 1; c <= 5; c++) {
    const customer = em.create('Customer', {
      name: `Customer ${c}`,
      email: `c${c}@example.com`,
      address: { street: `Main street ${c}`, city: 'Utrecht' },
      preferences: { newsletter: c % 2 === 0, locale: 'nl' },
    });
    em.create('Profile', { customer, bio: `bio ${c}` });
    em.create('Review', { customer, product: dune, rating: 1 + (c % 5) });
    em.create('Coupon', { code: `WELCOME-${c}`, kind: 'percent', value: '10.00', channels: ['web', 'app'], rules: { minimum: 20 }, issuedTo: customer });
    for (let o = 1; o <= 4; o++) {
      const order = em.create('Order', { customer, total: '22.49' });
      em.create('OrderLine', { order, lineNo: 1, product: dune, quantity: 1, unitPrice: '12.50' });
      em.create('OrderLine', { order, lineNo: 2, product: solaris, quantity: 1, unitPrice: '9.99' });
      if (o % 2) em.create('CardPayment', { order, amount: '22.49', last4: '4242', brand: 'visa' });
      else em.create('BankTransfer', { order, amount: '22.49', iban: 'NL91ABNA0417164300' });
    }
  }
  await em.flush();
}

const COUNTED = ['customers', 'profiles', 'reviews', 'coupons', 'orders', 'order_lines', 'payments', 'products', 'products_tags', 'categories', 'tags'] as const;

const counts = async (db: ShopDatabase): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const table of COUNTED) out[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return out;
};

const SEEDED = { customers: 5, profiles: 5, reviews: 5, coupons: 5, orders: 20, order_lines: 40, payments: 20, products: 2, products_tags: 3, categories: 2, tags: 2 };

const migrationsFolder = (dir: string, dialect: DialectUnderTest): string => join(dir, 'migrations', dialect.name === 'sqlite' ? 'sqlite' : 'postgres');

const revisionFiles = (dir: string, dialect: DialectUnderTest): string[] => {
  const folder = migrationsFolder(dir, dialect);
  return existsSync(folder) ? readdirSync(folder).sort() : [];
};

/** What a run printed, for failure messages. */
const output = (run: CliRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

/** Asserts a clean run, showing the whole output when it is not. */
function expectOk(run: CliRun): void {
  if (run.code !== 0 || run.stderr !== '') throw new Error(`expected exit 0 and nothing on stderr:\n${output(run)}`);
}

/** No stack frames in the output. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m);
}

describe.each([SQLITE, POSTGRES])('MikroORM parity on $name (fixtures/mikro-orm-shop)', (dialect) => {
  const cli = (dir: string, db: ShopDatabase, args: ReadonlyArray<string>): CliRun => autogen(dir, ['-c', dialect.config, ...args], db.env);
  const ownNoise = [...MIKRO_ORM_OWN_NOISE[dialect.name]];

  describe("MikroORM's createSchema() builds the database", () => {
    const dir = copyFixture(`mikro-orm-create-${dialect.name}`);
    let db: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      await withMikroOrm(dir, dialect, db, (orm) => orm.getSchemaGenerator().createSchema());
    });
    afterAll(async () => {
      await db.dispose();
    });

    test('MikroORM agrees with itself, up to what it cannot read back (MIKRO_ORM_OWN_NOISE)', async () => {
      expect(await mikroOrmPendingSql(dir, dialect, db)).toEqual(ownNoise);
    });

    test('revision --baseline finds no difference and records the database as at head; check is clean', () => {
      const baseline = cli(dir, db, ['revision', '--baseline', '-m', 'baseline']);
      // a refused baseline prints every difference (database -> models) on stderr
      expectOk(baseline);
      expect(baseline.stdout).toContain('Recorded');
      expect(revisionFiles(dir, dialect)).toHaveLength(1);
      const check = cli(dir, db, ['check']);
      if (check.code !== 0) throw new Error(`expected check to be clean:\n${output(check)}`);
      expect(check.stdout).toContain('OK');
    });

    test('no noise: --message right after the baseline writes nothing', () => {
      const run = cli(dir, db, ['--message', 'x']);
      expectOk(run);
      expect(run.stdout).toContain('No changes');
      expect(revisionFiles(dir, dialect)).toHaveLength(1);
    });
  });

  describe('an autogen revision builds the database', () => {
    const dir = copyFixture(`mikro-orm-revision-${dialect.name}`);
    const referenceDir = copyFixture(`mikro-orm-reference-${dialect.name}`);
    let db: ShopDatabase;
    let reference: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      reference = await dialect.create(referenceDir);
      await withMikroOrm(referenceDir, dialect, reference, (orm) => orm.getSchemaGenerator().createSchema());
    });
    afterAll(async () => {
      await db.dispose();
      await reference.dispose();
    });

    test("--message init + upgrade head; check is clean and MikroORM's getUpdateSchemaSQL() has nothing to run", async () => {
      const init = cli(dir, db, ['--message', 'init']);
      expectOk(init);
      expect(init.stdout).toContain('Wrote');
      expectOk(cli(dir, db, ['upgrade', 'head']));
      const check = cli(dir, db, ['check']);
      // both verdicts at once: autogen's drift (if any) and what MikroORM would run beyond what it also runs on a
      // database it built itself (MIKRO_ORM_OWN_NOISE), one statement per line
      expect({ check: check.code === 0 ? 'clean' : output(check), mikroOrmUpdateSql: await mikroOrmPendingSql(dir, dialect, db) }).toEqual({
        check: 'clean',
        mikroOrmUpdateSql: await mikroOrmPendingSql(referenceDir, dialect, reference),
      });
    });

    test('MikroORM reads the database autogen built exactly as the one its own createSchema() built', async () => {
      const [built, created] = [await mikroOrmView(dir, dialect, db), await mikroOrmView(referenceDir, dialect, reference)];
      expect({ onlyInAutogenBuilt: built.filter((l) => !created.includes(l)), onlyInMikroOrmCreated: created.filter((l) => !built.includes(l)) }).toEqual({
        onlyInAutogenBuilt: [],
        onlyInMikroOrmCreated: [],
      });
    });

    test('MikroORM can write and read a row of every entity in the database autogen built', async () => {
      await withMikroOrm(dir, dialect, db, seed);
      expect(await counts(db)).toEqual(SEEDED);
      await withMikroOrm(dir, dialect, db, async (orm) => {
        const em = entityManager(orm);
        const payments = await em.find('Payment', {}, { orderBy: { id: 'asc' } });
        expect(payments.map((p) => p.constructor.name).slice(0, 2)).toEqual(['CardPayment', 'BankTransfer']);
        const customer = await em.findOneOrFail('Customer', { email: 'c2@example.com' });
        expect(customer).toMatchObject({ active: true, address: { city: 'Utrecht', country: 'NL' }, preferences: { newsletter: true, locale: 'nl' } });
        expect(customer.createdAt).toBeInstanceOf(Date);
        const coupon = await em.findOneOrFail('Coupon', { code: 'WELCOME-2' });
        expect(coupon).toMatchObject({ kind: 'percent', channels: ['web', 'app'], rules: { minimum: 20 } });
        const order = await em.findOneOrFail('Order', { customer: { email: 'c2@example.com' } }, { populate: ['lines'], orderBy: { id: 'asc' } });
        expect(order.status).toBe('pending');
        expect((order.lines as { length: number }).length).toBe(2);
        const product = await em.findOneOrFail('Product', { sku: 'B-1' }, { populate: ['tags', 'category'] });
        expect(product.id).toMatch(/^[0-9a-f-]{36}$/);
        expect((product.tags as { length: number }).length).toBe(2);
        expect((product.category as { slug: string }).slug).toBe('sci-fi');
        const review = await em.findOneOrFail('Review', { customer: { email: 'c2@example.com' } });
        expect(review.rating).toBe(3);
        expect((await em.findOneOrFail('Profile', { customer: { email: 'c2@example.com' } })).bio).toBe('bio 2');
        expect((await em.findOneOrFail('Category', { slug: 'sci-fi' }, { populate: ['parent'] })).parent).toMatchObject({ slug: 'books' });
        expect(await em.count('OrderLine', { quantity: 1 })).toBe(40);
      });
    });

    test("the database enforces the entities' checks and rules", async () => {
      // the check constraints (class level, property level, EntitySchema, defineEntity) and the enum checks
      const stored = await db.query(dialect.name === 'sqlite' ? "SELECT sql FROM sqlite_schema WHERE name = 'products'" : "SELECT pg_get_constraintdef(oid) AS sql FROM pg_constraint WHERE conrelid = 'products'::regclass AND contype = 'c'");
      expect(JSON.stringify(stored).toLowerCase()).toContain('stock >= 0');
      await expect(db.query("UPDATE products SET stock = -1 WHERE sku = 'B-1'")).rejects.toThrow(/check/i);
      await expect(db.query('UPDATE order_lines SET quantity = 0')).rejects.toThrow(/check/i);
      await expect(db.query('UPDATE reviews SET rating = 6')).rejects.toThrow(/check/i);
      await expect(db.query('UPDATE coupons SET value = 0')).rejects.toThrow(/check/i);
      await expect(db.query("UPDATE orders SET status = 'lost'")).rejects.toThrow(/check|enum/i);
      await expect(db.query("UPDATE coupons SET kind = 'gift'")).rejects.toThrow(/check|enum/i);
      // ON DELETE RESTRICT: an ordered product cannot go; SET NULL: a parent category can
      await expect(db.query("DELETE FROM products WHERE sku = 'B-1'")).rejects.toThrow(/foreign key/i);
      await db.query("DELETE FROM categories WHERE slug = 'books'");
      expect(await db.query("SELECT parent_slug FROM categories WHERE slug = 'sci-fi'")).toEqual([{ parent_slug: null }]);
    });
  });

  describe('the foundation story with MikroORM entities', () => {
    const dir = copyFixture(`mikro-orm-story-${dialect.name}`);
    const orderFile = join(dir, 'src', 'entities', 'order.ts');
    let db: ShopDatabase;
    beforeAll(async () => {
      db = await dialect.create(dir);
      await withMikroOrm(dir, dialect, db, async (orm) => {
        await orm.getSchemaGenerator().createSchema();
        await seed(orm);
      });
    });
    afterAll(async () => {
      await db.dispose();
    });

    test('baseline on the database MikroORM built, with rows in it', async () => {
      expectOk(cli(dir, db, ['revision', '--baseline', '-m', 'baseline']));
      const check = cli(dir, db, ['check']);
      if (check.code !== 0) throw new Error(`expected check to be clean:\n${output(check)}`);
      expect(await counts(db)).toEqual(SEEDED);
    });

    test("adding deleteRule: 'cascade' to Order.customer writes one revision changing that foreign key", () => {
      const source = readFileSync(orderFile, 'utf8');
      expect(source).toContain(ORDER_CUSTOMER);
      writeFileSync(orderFile, source.replace(ORDER_CUSTOMER, ORDER_CUSTOMER_CASCADE));
      const gen = cli(dir, db, ['--message', 'add cascade']);
      expectOk(gen);
      expect(gen.stdout).toMatch(/Wrote migrations\/(sqlite|postgres)\/\d{8}_\d{6}_[0-9a-f]{12}_add_cascade\.ts/);
      const files = revisionFiles(dir, dialect);
      expect(files).toHaveLength(2);
      const revision = readFileSync(join(migrationsFolder(dir, dialect), files.find((f) => f.endsWith('_add_cascade.ts'))!), 'utf8');
      expect(revision).toMatch(/cascade/i);
      // only the foreign key changes: no other table or column is touched
      expect(revision).not.toMatch(/op\.(addColumn|dropColumn|alterColumn|createIndex|dropIndex|createUnique|dropUnique|createCheck|dropCheck|createTable|dropTable)\(/);
      if (dialect.name === 'sqlite') {
        // SQLite cannot alter a foreign key: one rebuild of orders, summarized as the change it makes
        expect(gen.stdout).toContain(FK_CHANGE);
        expect(revision.match(/op\.rebuildTable\([^,]*/g)).toEqual(["op.rebuildTable('orders'", "op.rebuildTable('orders'"]);
      } else {
        // PostgreSQL: drop and re-add the constraint, keeping the name the naming strategy gave it
        expect(gen.stdout).toMatch(new RegExp(`drop foreign key ${ORDER_CUSTOMER_FK} orders\\(customer_id\\) -> customers\\(id\\) ON DELETE NO ACTION ON UPDATE CASCADE`));
        expect(gen.stdout).toMatch(new RegExp(`add foreign key ${ORDER_CUSTOMER_FK} orders\\(customer_id\\) -> customers\\(id\\) ON DELETE CASCADE ON UPDATE CASCADE`));
        expect(gen.stdout.trim().split('\n')).toHaveLength(3);
        expect(revision).toContain('op.dropForeignKey');
        expect(revision).toContain('op.createForeignKey');
        expect(revision).not.toContain('rebuildTable');
      }
      const check = cli(dir, db, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('Pending');
    });

    test('upgrade head keeps every row and makes deletes cascade; check, --message and MikroORM see no change', async () => {
      const before = await counts(db);
      const up = cli(dir, db, ['upgrade', 'head']);
      expectOk(up);
      expect(up.stdout).toMatch(/^[0-9a-f]{12} -> [0-9a-f]{12} add cascade \.\.\. \d+\.\d\d s$/m);
      expect(await counts(db)).toEqual(before);
      expect(await db.onDelete('orders', 'customer_id')).toBe('CASCADE');
      expect(await db.onDelete('order_lines', 'order_id')).toBe('CASCADE');
      const check = cli(dir, db, ['check']);
      if (check.code !== 0) throw new Error(`expected check to be clean:\n${output(check)}`);
      expect(cli(dir, db, ['--message', 'x']).stdout).toContain('No changes');
      expect(await mikroOrmPendingSql(dir, dialect, db)).toEqual(await mikroOrmOwnPendingSql(dir, dialect));
      // deleting a customer now deletes its orders, and through them their lines and payments; its coupon stays
      await db.query("DELETE FROM customers WHERE email = 'c5@example.com'");
      expect(await counts(db)).toEqual({ ...before, customers: 4, profiles: 4, reviews: 4, orders: 16, order_lines: 32, payments: 16 });
      expect(await db.query("SELECT issued_to_id FROM coupons WHERE code = 'WELCOME-5'")).toEqual([{ issued_to_id: null }]);
    });

    test('downgrade -1 restores NO ACTION and keeps rows; check exits 1 naming the foreign key change', async () => {
      const before = await counts(db);
      expectOk(cli(dir, db, ['downgrade', '-1']));
      expect(await db.onDelete('orders', 'customer_id')).toBe('NO ACTION');
      expect(await counts(db)).toEqual(before);
      const check = cli(dir, db, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(FK_CHANGE);
      expect(check.stdout).toContain('(1 difference(s)');
      // with the entity put back, MikroORM and autogen both see the database as createSchema() built it: autogen
      // reports only the revision that is no longer applied
      writeFileSync(orderFile, readFileSync(orderFile, 'utf8').replace(ORDER_CUSTOMER_CASCADE, ORDER_CUSTOMER));
      expect(await mikroOrmPendingSql(dir, dialect, db)).toEqual(ownNoise);
      const pending = cli(dir, db, ['check']);
      expect(pending.code).toBe(1);
      expect(pending.stdout).toContain('Pending');
      expect(pending.stdout).not.toContain('Drift');
    });
  });
});

describe('bad MikroORM input through the CLI (SQLite)', () => {
  const ENTITY = `import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
@Entity({ tableName: 'widgets' })
export class Widget {
  @PrimaryKey() id!: number;
  @Property() name!: string;
}
`;
  const NO_PRIMARY_KEY = `import { Entity, Property } from '@mikro-orm/core';
@Entity({ tableName: 'gadgets' })
export class Gadget {
  @Property() name!: string;
}
`;
  const GHOST_RELATION = `import { Entity, ManyToOne, PrimaryKey } from '@mikro-orm/core';
@Entity({ tableName: 'parts' })
export class Part {
  @PrimaryKey() id!: number;
  @ManyToOne('Ghost') ghost!: unknown;
}
`;
  const modelsConfig = `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'mikro-orm', models: ['./src/entities/*.ts'] };\n`;
  const ormConfigConfig = `export default { dialect: 'sqlite', url: 'sqlite:./app.db', adapter: 'mikro-orm', ormConfig: './src/mikro-orm.config.ts' };\n`;
  const ormConfigOf = (entities: string, imports: string, driverPackage = '@mikro-orm/better-sqlite'): string => `import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { defineConfig } from '${driverPackage}';
${imports}
export default defineConfig({ dbName: 'app.db', entities: [${entities}], metadataProvider: ReflectMetadataProvider, metadataCache: { enabled: false } });
`;

  function run(files: Record<string, string>): CliRun {
    const dir = makeProject('mikro-orm-errors');
    writeFiles(dir, files);
    const result = autogen(dir, ['--message', 'x']);
    // nothing is written on an error
    expect(existsSync(join(dir, 'migrations')) ? readdirSync(join(dir, 'migrations')) : []).toEqual([]);
    return result;
  }

  function expectError(result: CliRun, ...mentions: ReadonlyArray<string | RegExp>): void {
    if (result.code !== 2) throw new Error(`expected exit 2:\n${output(result)}`);
    for (const mention of mentions) {
      if (typeof mention === 'string') expect(result.stderr).toContain(mention);
      else expect(result.stderr).toMatch(mention);
    }
    expectNoStack(result.stderr);
  }

  test('an entity without a primary key (models glob): the entity file and MikroORM’s discovery error', () => {
    const result = run({ 'autogen.config.ts': modelsConfig, 'src/entities/widget.ts': ENTITY, 'src/entities/gadget.ts': NO_PRIMARY_KEY });
    expectError(result, 'src/entities/gadget.ts', 'Gadget entity is missing @PrimaryKey()');
  });

  test('a relation to an entity that was not discovered (models glob): the entity file and MikroORM’s error', () => {
    const result = run({ 'autogen.config.ts': modelsConfig, 'src/entities/widget.ts': ENTITY, 'src/entities/part.ts': GHOST_RELATION });
    expectError(result, 'src/entities/part.ts', "Entity 'Ghost' was not discovered");
  });

  test('an entity without a primary key listed in the ormConfig module: the entity file and MikroORM’s error', () => {
    const result = run({
      'autogen.config.ts': ormConfigConfig,
      'src/mikro-orm.config.ts': ormConfigOf('Widget, Gadget', "import { Widget } from './entities/widget';\nimport { Gadget } from './entities/gadget';"),
      'src/entities/widget.ts': ENTITY,
      'src/entities/gadget.ts': NO_PRIMARY_KEY,
    });
    expectError(result, 'src/entities/gadget.ts', 'Gadget entity is missing @PrimaryKey()');
  });

  test('a relation to an entity missing from the ormConfig module: the entity file and MikroORM’s error', () => {
    const result = run({
      'autogen.config.ts': ormConfigConfig,
      'src/mikro-orm.config.ts': ormConfigOf('Part', "import { Part } from './entities/part';"),
      'src/entities/part.ts': GHOST_RELATION,
    });
    expectError(result, 'src/entities/part.ts', "Entity 'Ghost' was not discovered");
  });

  test('an ormConfig module without entities: the module and MikroORM’s error', () => {
    const result = run({ 'autogen.config.ts': ormConfigConfig, 'src/mikro-orm.config.ts': ormConfigOf('', '') });
    expectError(result, 'src/mikro-orm.config.ts', 'No entities found, please use `entities` option');
  });

  test('an ormConfig module naming a driver package that is not installed: the module and the missing package', () => {
    const result = run({
      'autogen.config.ts': ormConfigConfig,
      'src/mikro-orm.config.ts': ormConfigOf('Widget', "import { Widget } from './entities/widget';", '@mikro-orm/mysql'),
      'src/entities/widget.ts': ENTITY,
    });
    expectError(result, 'src/mikro-orm.config.ts', "Cannot find module '@mikro-orm/mysql'");
  });
});
