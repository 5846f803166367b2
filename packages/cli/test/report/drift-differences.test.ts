import { compare, parseRenames } from '@autogen/compare';
import { postgresDialect } from '@autogen/dialect-postgres';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Op } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { createTestDatabase, type TestDatabase } from '../../../dialect-postgres/test/support/test-database';
import { changeLines } from '../../src/output';
import { DIFFERENCE_KINDS, type Difference } from '../../src/report/check-report';
import { driftDifferences } from '../../src/report/drift-differences';
import { postgresSchema, removeTempDirs, sqliteSchema } from './report-support';

afterAll(removeTempDirs);

/** The database and the models of the SQLite story: both real database files, introspected and normalized. */
const SQLITE_DATABASE = `
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, legacy text, nickname text);
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title varchar(100) NOT NULL, score integer NOT NULL DEFAULT 0);
CREATE TABLE old_stuff (id integer PRIMARY KEY, note text);
`;
const SQLITE_MODELS = `
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, nickname text, bio text);
CREATE INDEX ix_users_nickname ON users (nickname);
CREATE TABLE posts (
  id integer PRIMARY KEY,
  user_id integer REFERENCES users (id) ON DELETE CASCADE,
  title varchar(200) NOT NULL,
  score integer NOT NULL DEFAULT 0,
  CONSTRAINT uq_posts_title UNIQUE (title),
  CONSTRAINT ck_posts_score CHECK (score >= 0)
);
CREATE TABLE tags (id integer PRIMARY KEY, label text NOT NULL);
`;

const sqliteOps = (current: Schema, target: Schema, renames: ReadonlyArray<string> = []): ReadonlyArray<Op> =>
  compare(current, target, { capabilities: sqliteDialect.capabilities, renames: parseRenames(renames) }).ops;

describe('driftDifferences on SQLite (a rebuild stands for its changes)', () => {
  let database: Schema;
  let models: Schema;
  beforeAll(async () => {
    database = await sqliteSchema(SQLITE_DATABASE);
    models = await sqliteSchema(SQLITE_MODELS);
  });

  it('lists add/drop column, index, unique, check, a changed ON DELETE and a changed type, with both sides', () => {
    const ops = sqliteOps(database, models);
    // The premise: SQLite cannot change posts in place, so its changes come as one rebuildTable.
    expect(ops.map((op) => op.kind)).toEqual(['createTable', 'rebuildTable', 'addColumn', 'dropColumn', 'createIndex', 'dropTable']);
    expect(driftDifferences(ops)).toEqual<Difference[]>([
      { kind: 'createTable', table: 'tags', before: null, after: '(id integer NOT NULL, label text NOT NULL, PRIMARY KEY (id))', description: 'create table tags' },
      {
        kind: 'alterForeignKey',
        table: 'posts',
        column: 'user_id',
        before: '(user_id) -> users(id) ON DELETE NO ACTION ON UPDATE NO ACTION',
        after: '(user_id) -> users(id) ON DELETE CASCADE ON UPDATE NO ACTION',
        description: 'change foreign key posts(user_id) -> users(id): ON DELETE NO ACTION -> CASCADE',
      },
      {
        kind: 'alterColumn',
        table: 'posts',
        column: 'title',
        before: 'varchar(100) NOT NULL',
        after: 'varchar(200) NOT NULL',
        description: 'alter column posts.title: type varchar(100) -> varchar(200)',
      },
      {
        kind: 'createUnique',
        table: 'posts',
        column: 'title',
        constraint: 'uq_posts_title',
        before: null,
        after: 'uq_posts_title UNIQUE (title)',
        description: 'add uq_posts_title UNIQUE (title) on posts',
      },
      {
        kind: 'createCheck',
        table: 'posts',
        constraint: 'ck_posts_score',
        before: null,
        after: 'ck_posts_score CHECK (score >= 0)',
        description: 'add ck_posts_score CHECK (score >= 0) on posts',
      },
      { kind: 'addColumn', table: 'users', column: 'bio', before: null, after: 'text', description: 'add column users.bio text' },
      { kind: 'dropColumn', table: 'users', column: 'legacy', before: 'text', after: null, description: 'drop column users.legacy' },
      {
        kind: 'createIndex',
        table: 'users',
        column: 'nickname',
        constraint: 'ix_users_nickname',
        before: null,
        after: 'ix_users_nickname (nickname)',
        description: 'create index ix_users_nickname (nickname) on users',
      },
      { kind: 'dropTable', table: 'old_stuff', before: '(id integer NOT NULL, note text, PRIMARY KEY (id))', after: null, description: 'drop table old_stuff' },
    ]);
  });

  it('lists the drops the other way round, and the key change back', () => {
    const differences = driftDifferences(sqliteOps(models, database));
    expect(differences.map((d) => [d.kind, d.table, d.column ?? null, d.before, d.after])).toEqual([
      ['createTable', 'old_stuff', null, null, '(id integer NOT NULL, note text, PRIMARY KEY (id))'],
      // The foreign key's drop comes first in the table's block, and the pair takes the drop's place.
      [
        'alterForeignKey',
        'posts',
        'user_id',
        '(user_id) -> users(id) ON DELETE CASCADE ON UPDATE NO ACTION',
        '(user_id) -> users(id) ON DELETE NO ACTION ON UPDATE NO ACTION',
      ],
      ['dropUnique', 'posts', 'title', 'uq_posts_title UNIQUE (title)', null],
      ['dropCheck', 'posts', null, 'ck_posts_score CHECK (score >= 0)', null],
      ['alterColumn', 'posts', 'title', 'varchar(200) NOT NULL', 'varchar(100) NOT NULL'],
      ['dropIndex', 'users', 'nickname', 'ix_users_nickname (nickname)', null],
      ['addColumn', 'users', 'legacy', null, 'text'],
      ['dropColumn', 'users', 'bio', 'text', null],
      ['dropTable', 'tags', null, '(id integer NOT NULL, label text NOT NULL, PRIMARY KEY (id))', null],
    ]);
  });

  it('gives every difference the line changeLines prints for the same ops, in the same order', () => {
    for (const ops of [sqliteOps(database, models), sqliteOps(models, database)]) {
      expect(driftDifferences(ops).map((d) => d.description)).toEqual(changeLines(ops));
    }
  });

  it('keeps a foreign key moved to another column as a drop and a create (not the same key)', async () => {
    const before = await sqliteSchema('CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id));');
    const after = await sqliteSchema('CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, owner_id integer REFERENCES users (id));');
    const ops = sqliteOps(before, after);
    expect(ops.map((op) => op.kind)).toEqual(['rebuildTable']);
    expect(driftDifferences(ops).map((d) => [d.kind, d.column, d.before, d.after])).toEqual([
      ['dropForeignKey', 'user_id', '(user_id) -> users(id) ON DELETE NO ACTION ON UPDATE NO ACTION', null],
      ['addColumn', 'owner_id', null, 'integer'],
      ['dropColumn', 'user_id', 'integer', null],
      ['createForeignKey', 'owner_id', null, '(owner_id) -> users(id) ON DELETE NO ACTION ON UPDATE NO ACTION'],
    ]);
    expect(driftDifferences(ops).map((d) => d.description)).toEqual(changeLines(ops));
  });

  it('names a renamed table and column as the models do, with the old and new names as before/after', async () => {
    const before = await sqliteSchema('CREATE TABLE people (id integer PRIMARY KEY, fullname text);');
    const after = await sqliteSchema('CREATE TABLE persons (id integer PRIMARY KEY, full_name text);');
    const differences = driftDifferences(sqliteOps(before, after, ['people=persons', 'persons.fullname=full_name']));
    expect(differences).toEqual<Difference[]>([
      { kind: 'renameTable', table: 'persons', before: 'people', after: 'persons', description: 'rename table people to persons' },
      { kind: 'renameColumn', table: 'persons', column: 'full_name', before: 'fullname', after: 'full_name', description: 'rename column persons.fullname to full_name' },
    ]);
  });

  it('reports a changed primary key as its drop and its create', async () => {
    const before = await sqliteSchema('CREATE TABLE pairs (a text NOT NULL, b text NOT NULL, PRIMARY KEY (a));');
    const after = await sqliteSchema('CREATE TABLE pairs (a text NOT NULL, b text NOT NULL, PRIMARY KEY (a, b));');
    const differences = driftDifferences(sqliteOps(before, after));
    expect(differences.map((d) => [d.kind, d.table, d.column ?? null, d.before, d.after])).toEqual([
      ['dropPrimaryKey', 'pairs', 'a', 'PRIMARY KEY (a)', null],
      ['createPrimaryKey', 'pairs', null, null, 'PRIMARY KEY (a, b)'],
    ]);
  });
});

describe('driftDifferences on PostgreSQL (in place)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('autogen_report');
    // Two namespaces of one database, each read as the default schema: "before" is the database, "after" the models.
    await db.exec(`
      CREATE SCHEMA before;
      CREATE SCHEMA after;
      CREATE TYPE before.mood AS ENUM ('sad', 'ok');
      CREATE TABLE before.accounts (id integer PRIMARY KEY, name varchar(100) NOT NULL, status text DEFAULT 'new');
      CREATE TABLE before.orders (id integer PRIMARY KEY, account_id integer CONSTRAINT fk_orders_account REFERENCES before.accounts (id), total integer);
      COMMENT ON TABLE before.orders IS 'old';
      CREATE TYPE after.mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TYPE after.size AS ENUM ('s', 'm');
      CREATE TABLE after.accounts (id integer PRIMARY KEY, name varchar(200) NOT NULL, status text DEFAULT 'active', CONSTRAINT uq_accounts_name UNIQUE (name));
      CREATE TABLE after.orders (
        id integer PRIMARY KEY,
        account_id integer CONSTRAINT fk_orders_account REFERENCES after.accounts (id) ON DELETE CASCADE,
        total integer CONSTRAINT ck_orders_total CHECK (total >= 0),
        mood after.mood
      );
      COMMENT ON TABLE after.orders IS 'orders';
      CREATE INDEX ix_orders_total ON after.orders (total);
    `);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('pairs the top-level drop and create of a foreign key, and reports enums, defaults and comments', async () => {
    const ops = compare(await postgresSchema(db.url, 'before'), await postgresSchema(db.url, 'after'), { capabilities: postgresDialect.capabilities }).ops;
    // The premise: no rebuild, the foreign key change is two ops side by side in the list.
    expect(ops.map((op) => op.kind)).toEqual([
      'createEnum',
      'alterEnum',
      'alterColumn',
      'alterColumn',
      'createUnique',
      'dropForeignKey',
      'addColumn',
      'createCheck',
      'createForeignKey',
      'createIndex',
      'setTableComment',
    ]);
    const differences = driftDifferences(ops);
    expect(differences).toEqual<Difference[]>([
      { kind: 'createEnum', table: null, enum: 'size', before: null, after: "('s', 'm')", description: "create enum size ('s', 'm')" },
      {
        kind: 'alterEnum',
        table: null,
        enum: 'mood',
        before: "('sad', 'ok')",
        after: "('sad', 'ok', 'happy')",
        description: "alter enum mood: ('sad', 'ok') -> ('sad', 'ok', 'happy')",
      },
      {
        kind: 'alterColumn',
        table: 'accounts',
        column: 'name',
        before: 'varchar(100) NOT NULL',
        after: 'varchar(200) NOT NULL',
        description: 'alter column accounts.name: type varchar(100) -> varchar(200)',
      },
      {
        kind: 'alterColumn',
        table: 'accounts',
        column: 'status',
        before: "text DEFAULT 'new'",
        after: "text DEFAULT 'active'",
        description: "alter column accounts.status: default 'new' -> 'active'",
      },
      {
        kind: 'createUnique',
        table: 'accounts',
        column: 'name',
        constraint: 'uq_accounts_name',
        before: null,
        after: 'uq_accounts_name UNIQUE (name)',
        description: 'add uq_accounts_name UNIQUE (name) on accounts',
      },
      {
        kind: 'alterForeignKey',
        table: 'orders',
        column: 'account_id',
        constraint: 'fk_orders_account',
        before: 'fk_orders_account (account_id) -> accounts(id) ON DELETE NO ACTION ON UPDATE NO ACTION',
        after: 'fk_orders_account (account_id) -> accounts(id) ON DELETE CASCADE ON UPDATE NO ACTION',
        description: 'change foreign key orders(account_id) -> accounts(id): ON DELETE NO ACTION -> CASCADE',
      },
      { kind: 'addColumn', table: 'orders', column: 'mood', before: null, after: 'mood', description: 'add column orders.mood mood' },
      {
        kind: 'createCheck',
        table: 'orders',
        constraint: 'ck_orders_total',
        before: null,
        after: 'ck_orders_total CHECK (total >= 0)',
        description: 'add ck_orders_total CHECK (total >= 0) on orders',
      },
      {
        kind: 'createIndex',
        table: 'orders',
        column: 'total',
        constraint: 'ix_orders_total',
        before: null,
        after: 'ix_orders_total (total)',
        description: 'create index ix_orders_total (total) on orders',
      },
      { kind: 'setTableComment', table: 'orders', before: 'old', after: 'orders', description: "set comment on table orders: 'old' -> 'orders'" },
    ]);
    expect(differences.map((d) => d.description)).toEqual(changeLines(ops));
    expect(differences.every((d) => (DIFFERENCE_KINDS as ReadonlyArray<string>).includes(d.kind))).toBe(true);
  });

  it('reports a dropped enum and a removed comment as absent in the models', async () => {
    const ops = compare(await postgresSchema(db.url, 'after'), await postgresSchema(db.url, 'before'), { capabilities: postgresDialect.capabilities }).ops;
    const differences = driftDifferences(ops);
    expect(differences.find((d) => d.kind === 'dropEnum')).toEqual({ kind: 'dropEnum', table: null, enum: 'size', before: "('s', 'm')", after: null, description: 'drop enum size' });
    expect(differences.find((d) => d.kind === 'dropIndex')).toMatchObject({ table: 'orders', constraint: 'ix_orders_total', before: 'ix_orders_total (total)', after: null });
    expect(differences.find((d) => d.kind === 'setTableComment')).toMatchObject({ before: 'orders', after: 'old' });
    expect(differences.map((d) => d.description)).toEqual(changeLines(ops));
  });
});

describe('driftDifferences on hand-written SQL', () => {
  it('reports an execute op, which belongs to no table, with its SQL and reverse SQL', () => {
    // compare never writes execute ops; revisions do (op.execute), and the report must still read them.
    const ops: Op[] = [{ kind: 'execute', sql: 'UPDATE users SET active = 1\nWHERE active IS NULL', reverseSql: 'SELECT 1' }];
    expect(driftDifferences(ops)).toEqual<Difference[]>([
      { kind: 'execute', table: null, before: 'SELECT 1', after: 'UPDATE users SET active = 1\nWHERE active IS NULL', description: 'execute SQL: UPDATE users SET active = 1' },
    ]);
  });

  it('returns nothing for no ops', () => {
    expect(driftDifferences([])).toEqual([]);
  });
});
